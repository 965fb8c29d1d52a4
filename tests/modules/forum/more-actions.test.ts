import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, forumState } from '../../support/forum-factories.js';

const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();

describe('forum: replies to replies, answers withdrawn, hidden questions, order, views', () => {
  const t = useTestApp();
  const one = async (sql: string, params: unknown[] = []) => (await t.ctx.ds.query(sql, params))[0];

  it('when German and English forum messages are compared, then they have the same keys', () => {
    const de = JSON.parse(readFileSync('src/locales/de/forum.json', 'utf8'));
    const en = JSON.parse(readFileSync('src/locales/en/forum.json', 'utf8'));
    expect(keys(en)).toEqual(keys(de));
  });

  it('when a member answers a reply, then the reply\'s author (not the asker) is told "replied to you" and the list shows the message', async () => {
    const th = await createThread(t.ctx.ds);
    const first = await createReply(t.ctx.ds, th);
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { name: 'Rita Antwort' }));
    expect((await b.post(`/forum/threads/${th.id}/replies`, { body: 'Genau so!', parentId: String(first.id) })).status).toBe(303);
    expect((await one(`SELECT kind FROM notifications WHERE user_id = $1`, [first.author.id])).kind).toBe('forum.replyToMe');
    expect(await one(`SELECT kind FROM notifications WHERE user_id = $1`, [th.authorId])).toBeUndefined();
    const list = await (await signedIn(t.app, first.author)).get('/notifications');
    expect(list.text).toContain('Rita Antwort hat Ihnen geantwortet');
    const page = await b.get(th.url);
    expect(page.text).toContain(`Antwort auf @${first.author.handle}`);
  });

  it('when the asker withdraws the accepted answer, then the question is open again; another member cannot', async () => {
    const th = await createThread(t.ctx.ds);
    const r = await createReply(t.ctx.ds, th);
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [th.id, r.id]);
    const before = await forumState(t.ctx.ds, th.id);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.post(`/forum/threads/${th.id}/unaccept`)).status).toBe(403);
    expect(await forumState(t.ctx.ds, th.id)).toEqual(before);
    const asker = await signedIn(t.app, th.author);
    expect((await asker.post(`/forum/threads/${th.id}/unaccept`)).status).toBe(303);
    expect((await one(`SELECT accepted_reply_id FROM forum_threads WHERE id = $1`, [th.id])).accepted_reply_id).toBeNull();
  });

  it('when a facilitator hides a question, then other members get 404 and it leaves the lists, the author still sees it with the reason; showing it again restores it', async () => {
    const th = await createThread(t.ctx.ds);
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fac.post(`/forum/threads/${th.id}/hide`, { reason: 'Enthält Personendaten' })).status).toBe(303);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(th.url)).status).toBe(404);
    expect((await member.get(`/forum/c/${th.category.slug}`)).text).not.toContain(th.title);
    const own = await (await signedIn(t.app, th.author)).get(th.url);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Enthält Personendaten');
    expect((await fac.post(`/forum/threads/${th.id}/unhide`)).status).toBe(303);
    expect((await member.get(th.url)).status).toBe(200);
    const actions = (await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'forum_thread' AND subject_id = $1 ORDER BY id`, [String(th.id)])).map((x: { action: string }) => x.action);
    expect(actions).toEqual(['forum.post.hide', 'forum.post.unhide']);
  });

  it('when a facilitator moves a category up, then it changes places with the one before', async () => {
    const a = await createCategory(t.ctx.ds);
    const b = await createCategory(t.ctx.ds);
    await t.ctx.ds.query(`UPDATE forum_categories SET position = CASE WHEN id = $1 THEN -2000 ELSE -1000 END WHERE id IN ($1, $2)`, [a.id, b.id]);
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fac.post(`/forum/admin/categories/${b.id}/up`)).status).toBe(303);
    const order = await t.ctx.ds.query(`SELECT id FROM forum_categories WHERE id IN ($1, $2) ORDER BY position`, [a.id, b.id]);
    expect(order.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
  });

  it('when visitors open a public thread, then no view is counted; a member\'s first view of the day is', async () => {
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }) });
    await new Browser(t.app).get(th.url);
    expect((await one(`SELECT views FROM forum_threads WHERE id = $1`, [th.id])).views).toBe(0);
    await (await signedIn(t.app, await createUser(t.ctx.ds))).get(th.url);
    expect((await one(`SELECT views FROM forum_threads WHERE id = $1`, [th.id])).views).toBe(1);
  });
});
