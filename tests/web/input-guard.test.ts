// Text the database cannot store (NUL, lone surrogates), damaged encodings (invalid UTF-8, bad
// percent-encoding) and ids beyond an integer column are refused for every route with a 4xx and
// a translated message, never a 500; nothing is stored.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Browser, csrfIn, signedIn } from '../support/agent.js';
import { useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';
import { createThread } from '../support/forum-factories.js';

describe('input the database cannot store', () => {
  const t = useTestApp();

  it('when a path segment holds NUL, invalid UTF-8 or bad percent-encoding, then a visitor gets 400 in their language', async () => {
    for (const path of ['/use-cases/a%00b', '/forum/threads/1%00', '/use-cases/%FF', '/guides/%E0%80', '/use-cases/%zz', '/use-cases/%ED%A0%80']) {
      const de = await request(t.app).get(path).set('Accept-Language', 'de');
      expect(de.status).toBe(400);
      expect(de.text).toContain('Nullzeichen');
      const en = await request(t.app).get(path).set('Accept-Language', 'en');
      expect(en.status).toBe(400);
      expect(en.text).toContain('null character');
    }
  });

  it('when a query string holds NUL or invalid UTF-8, then 400; a clean one still works', async () => {
    for (const qs of ['q=a%00b', 'q=%FF', 'q=%C3', 'state=%00', 'page=1&q=%ED%B0%80']) {
      expect((await request(t.app).get(`/search?${qs}`)).status).toBe(400);
      expect((await request(t.app).get(`/use-cases?${qs}`)).status).toBe(400);
    }
    expect((await request(t.app).get('/search?q=B%C3%BCrgerhaushalt')).status).toBe(200);
  });

  it('when the sign-in e-mail holds NUL, a lone surrogate or invalid UTF-8, then 400 in the visitor\'s language, not 500', async () => {
    const u = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    const res = await b.post('/login', { email: `${u.email}\u0000`, password: u.password }, '/login');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Nullzeichen');
    // A browser cannot send a lone surrogate in a form: it arrives as the bytes of one, which are not UTF-8.
    for (const email of ['a%FF%40x.example', 'a%ED%A0%80%40x.example', `${encodeURIComponent(u.email)}%00`]) {
      const page = await b.get('/login');
      const raw = await b.agent.post('/login').type('form').send(`_csrf=${encodeURIComponent(csrfIn(page.text))}&email=${email}&password=${u.password}`);
      expect(raw.status).toBe(400);
    }
    expect((await b.get('/me')).status).toBe(303); // not signed in
  });

  it('when a reply holds NUL, a lone surrogate (JSON) or a parentId beyond int4, then 4xx and nothing is stored', async () => {
    const th = await createThread(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const replies = async () => Number((await t.ctx.ds.query(`SELECT count(*) AS n FROM forum_replies WHERE thread_id = $1`, [th.id]))[0].n);
    const before = await replies();
    const form = '/barrierefreiheit'; // any page with a form gives the session's CSRF token
    expect((await b.post(`/forum/threads/${th.id}/replies`, { body: 'Guter Punkt\u0000, danke' }, form)).status).toBe(400);
    const big = await b.post(`/forum/threads/${th.id}/replies`, { body: 'Guter Punkt, danke', parentId: '99999999999' }, form);
    expect(big.status).toBe(422);
    const neg = await b.post(`/forum/threads/${th.id}/replies`, { body: 'Guter Punkt, danke', parentId: '-1' }, form);
    expect(neg.status).toBe(422);
    const arr = await b.post(`/forum/threads/${th.id}/replies`, { body: ['a', 'b'] }, form);
    expect(arr.status).toBe(422);
    const token = csrfIn((await b.get(form)).text);
    const json = await b.agent.post(`/forum/threads/${th.id}/replies`).set('Content-Type', 'application/json')
      .set('x-csrf-token', token).send('{"body":"Guter Punkt \\ud800 danke"}');
    expect(json.status).toBe(400);
    expect(await replies()).toBe(before);
  });

  it('when an id in a path is beyond an integer column, then 404, not 500', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const path of ['/notifications/99999999999/read', '/notifications/-5/read']) {
      expect((await b.post(path, {}, '/notifications')).status).toBe(404);
    }
    expect((await b.get('/academy/attempts/9007199254740993')).status).toBe(404);
  });

  it('when a form body is larger than the limit, then 413 with a page', async () => {
    const res = await request(t.app).post('/barrierefreiheit').type('form').send({ message: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('<html');
  });
});
