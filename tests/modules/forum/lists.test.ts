import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';

describe('forum lists', () => {
  const t = useTestApp();

  it('when a category has 31 threads, then it pages by 30, pinned threads first, and counts exclude hidden threads', async () => {
    const cat = await createCategory(t.ctx.ds);
    const author = await createUser(t.ctx.ds);
    const threads = [];
    for (let i = 0; i < 31; i++) threads.push(await createThread(t.ctx.ds, { category: cat, author, title: `Listenthema ${uniq()} Nummer ${i}` }));
    await t.ctx.ds.query(`UPDATE forum_threads SET last_activity_at = now() - (id || ' seconds')::interval WHERE category_id = $1`, [cat.id]);
    await t.ctx.ds.query(`UPDATE forum_threads SET pinned_at = now(), last_activity_at = now() - interval '10 days' WHERE id = $1`, [threads[0]!.id]);
    const hidden = await createThread(t.ctx.ds, { category: cat, author });
    await t.ctx.ds.query(`UPDATE forum_threads SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const p1 = await b.get(`/forum/c/${cat.slug}`);
    expect((p1.text.match(/class="forum-thread-item"/g) ?? []).length).toBe(30);
    expect(p1.text.indexOf(threads[0]!.title)).toBeLessThan(p1.text.indexOf(threads[1]!.title));
    expect(p1.text).toMatch(new RegExp(`/forum/c/${cat.slug}\\?page(=|&#x3D;)2`));
    expect(p1.text).not.toContain(hidden.title);
    const p2 = await b.get(`/forum/c/${cat.slug}?page=2`);
    expect((p2.text.match(/class="forum-thread-item"/g) ?? []).length).toBe(1);
    const index = await b.get('/forum');
    expect(index.text).toMatch(new RegExp(`${cat.name}[\\s\\S]*?31 Themen · 31 offene Fragen`));
  });

  it('when questions are unanswered, then the unanswered view lists them oldest first and leaves out answered ones and discussions', async () => {
    const cat = await createCategory(t.ctx.ds);
    const older = await createThread(t.ctx.ds, { category: cat });
    const newer = await createThread(t.ctx.ds, { category: cat });
    const answered = await createThread(t.ctx.ds, { category: cat });
    const discussion = await createThread(t.ctx.ds, { category: cat, kind: 'discussion' });
    await t.ctx.ds.query(`UPDATE forum_threads SET created_at = '2001-01-01' WHERE id = $1`, [older.id]);
    await t.ctx.ds.query(`UPDATE forum_threads SET created_at = '2001-01-02' WHERE id = $1`, [newer.id]);
    const [r] = await t.ctx.ds.query(`INSERT INTO forum_replies (thread_id, body_source, body_html) VALUES ($1, 'a', '<p>a</p>') RETURNING id`, [answered.id]);
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2, created_at = '2000-12-31' WHERE id = $1`, [answered.id, r.id]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const page = await b.get('/forum?view=unanswered');
    expect(page.text.indexOf(older.title)).toBeGreaterThan(0);
    expect(page.text.indexOf(older.title)).toBeLessThan(page.text.indexOf(newer.title));
    expect(page.text).not.toContain(answered.title);
    expect(page.text).not.toContain(discussion.title);
  });

  it('when a thread carries a tag, then the tag page lists it, and an unknown tag is 404', async () => {
    const tag = uniq('tag-');
    const th = await createThread(t.ctx.ds, { tags: [tag] });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const page = await b.get(`/forum/tags/${tag}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(th.title);
    expect((await b.get(`/forum/tags/${uniq('nix-')}`)).status).toBe(404);
  });

  it('when each forum page is opened per role, then members reach member pages and only facilitators reach moderation pages', async () => {
    const th = await createThread(t.ctx.ds);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    for (const path of ['/forum', '/forum/new', th.url, `/forum/threads/${th.id}/reply`, `/forum/threads/${th.id}/flag`, `/forum/threads/${th.id}/revisions`]) {
      expect([path, (await member.get(path)).status]).toEqual([path, 200]);
    }
    for (const path of ['/forum/flags', '/forum/admin/categories', '/forum/admin/categories/new', `/forum/threads/${th.id}/moderate`, `/forum/threads/${th.id}/hide`]) {
      expect([path, (await member.get(path)).status]).toEqual([path, 403]);
      expect([path, (await fac.get(path)).status]).toEqual([path, 200]);
    }
    expect((await member.get(`/forum/threads/${th.id}/edit`)).status).toBe(403);
    expect((await fac.get(`/forum/threads/${th.id}/edit`)).status).toBe(200);
    expect((await (await signedIn(t.app, th.author)).get(`/forum/threads/${th.id}/edit`)).status).toBe(200);
  });
});
