import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';

describe('following topics and methods of the use-case library', () => {
  const t = useTestApp();
  const follows = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT facet, key FROM use_case_topic_follows WHERE user_id = $1 ORDER BY facet, key`, [userId]));

  it('when a member filters the list by a topic, then a follow button appears; following and unfollowing change the table and return to the list', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const list = await b.get('/use-cases?topic=mobility');
    expect(list.status).toBe(200);
    expect(list.text).toContain('action="/use-cases/topics/follow"');
    expect(list.text).toContain('„Mobilität und Verkehr“ folgen');

    const res = await b.post('/use-cases/topics/follow', { facet: 'topic', key: 'mobility', back: '/use-cases?topic=mobility' }, '/use-cases?topic=mobility');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/use-cases?topic=mobility');
    expect(await follows(user.id)).toEqual([{ facet: 'topic', key: 'mobility' }]);
    // Twice is still once.
    await b.post('/use-cases/topics/follow', { facet: 'topic', key: 'mobility' }, '/use-cases/topics');
    expect(await follows(user.id)).toEqual([{ facet: 'topic', key: 'mobility' }]);

    const after = await b.get('/use-cases?topic=mobility');
    expect(after.text).toContain('action="/use-cases/topics/unfollow"');
    const page = await b.get('/use-cases/topics');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Dem folge ich<\/h2>\s*<ul[^>]*>\s*<li><a class="kern-link" href="\/use-cases\?topic(=|&#x3D;)mobility">Mobilität und Verkehr<\/a>/);

    const un = await b.post('/use-cases/topics/unfollow', { facet: 'topic', key: 'mobility', back: 'https://evil.example/' }, '/use-cases/topics');
    expect(un.status).toBe(303);
    expect(un.headers.location).toBe('/use-cases/topics');
    expect(await follows(user.id)).toEqual([]);
  });

  it('when a member follows a method, then it is stored under its facet', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const res = await b.post('/use-cases/topics/follow', { facet: 'method', key: 'citizens-assembly' }, '/use-cases/topics');
    expect(res.status).toBe(303);
    expect(await follows(user.id)).toEqual([{ facet: 'method', key: 'citizens-assembly' }]);
  });

  it('when the key or facet is unknown (or a topic key sent as a method), then 422 on the topics page and nothing is stored', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    for (const bad of [{ facet: 'topic', key: 'no-such-topic' }, { facet: 'tag', key: 'budget' }, { facet: 'method', key: 'budget' }, { facet: 'topic', key: '' }]) {
      const res = await b.post('/use-cases/topics/follow', bad, '/use-cases/topics');
      expect(res.status).toBe(422);
      expect(res.text).toContain('Themen und Methoden, denen ich folge');
    }
    expect(await follows(user.id)).toEqual([]);
  });

  it('when a visitor opens the page or the filtered list, then they are sent to sign in and see no follow button', async () => {
    const page = await request(t.app).get('/use-cases/topics');
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    const list = await request(t.app).get('/use-cases?topic=mobility');
    expect(list.text).not.toContain('/use-cases/topics/follow');
  });
});
