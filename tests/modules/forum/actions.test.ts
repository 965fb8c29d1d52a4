import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, forumState } from '../../support/forum-factories.js';

describe('forum actions per role', () => {
  const t = useTestApp();
  const db = () => t.ctx.ds;
  const one = async (sql: string, params: unknown[] = []) => (await db().query(sql, params))[0];

  it('when a member edits someone else\'s reply, then 403 and nothing changes; the author\'s own edit keeps a revision and shows "edited" after 10 minutes', async () => {
    const th = await createThread(db());
    const r = await createReply(db(), th, { body: 'Erste Fassung der Antwort' });
    const before = await forumState(db(), th.id);
    const other = await signedIn(t.app, await createUser(db()));
    expect((await other.post(`/forum/replies/${r.id}/edit`, { body: 'gekapert' })).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);

    await db().query(`UPDATE forum_replies SET created_at = now() - interval '11 minutes' WHERE id = $1`, [r.id]);
    const author = await signedIn(t.app, r.author);
    const res = await author.post(`/forum/replies/${r.id}/edit`, { body: 'Zweite Fassung der Antwort' });
    expect(res.status).toBe(303);
    const row = await one(`SELECT body_source, edited_at FROM forum_replies WHERE id = $1`, [r.id]);
    expect(row.body_source).toBe('Zweite Fassung der Antwort');
    expect(row.edited_at).not.toBeNull();
    const page = await author.get(th.url);
    expect(page.text).toContain('bearbeitet');
    const history = await author.get(`/forum/threads/${th.id}/revisions?reply=${r.id}`);
    expect(history.status).toBe(200);
    expect(history.text).toContain('<del>Erste</del>');
    expect(history.text).toContain('<ins>Zweite</ins>');
  });

  it('when a facilitator edits a member\'s post, then a revision names the facilitator and the audit log records it', async () => {
    const th = await createThread(db());
    const fac = await createUser(db(), { role: 'facilitator', name: 'Frieda Moderatorin' });
    const b = await signedIn(t.app, fac);
    const res = await b.post(`/forum/threads/${th.id}/edit`, { title: th.title, body: 'Moderiert: Telefonnummer entfernt', tags: '' });
    expect(res.status).toBe(303);
    const rev = await one(`SELECT editor_id FROM forum_revisions WHERE thread_id = $1 AND reply_id IS NULL ORDER BY id DESC LIMIT 1`, [th.id]);
    expect(rev.editor_id).toBe(fac.id);
    const audit = await one(`SELECT actor_id FROM audit_log WHERE action = 'forum.post.edit' AND subject_id = $1`, [String(th.id)]);
    expect(audit.actor_id).toBe(fac.id);
    const history = await b.get(`/forum/threads/${th.id}/revisions`);
    expect(history.text).toContain('Frieda Moderatorin');
  });

  it('when an author deletes a reply that has replies, then it stays as "deleted" without its text or edit history; without replies it disappears; others get 403', async () => {
    const th = await createThread(db());
    const parent = await createReply(db(), th);
    await createReply(db(), th, { parentId: parent.id });
    const lone = await createReply(db(), th, { author: parent.author });
    const before = await forumState(db(), th.id);
    const other = await signedIn(t.app, await createUser(db()));
    expect((await other.post(`/forum/replies/${lone.id}/delete`)).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);

    const author = await signedIn(t.app, parent.author);
    expect((await author.post(`/forum/replies/${parent.id}/delete`)).status).toBe(303);
    expect((await author.post(`/forum/replies/${lone.id}/delete`)).status).toBe(303);
    const kept = await one(`SELECT deleted_at, body_source FROM forum_replies WHERE id = $1`, [parent.id]);
    expect(kept.deleted_at).not.toBeNull();
    expect(kept.body_source).toBe('');
    expect(await one(`SELECT id FROM forum_replies WHERE id = $1`, [lone.id])).toBeUndefined();
    expect((await one(`SELECT reply_count FROM forum_threads WHERE id = $1`, [th.id])).reply_count).toBe(1);
    expect((await author.get(th.url)).text).toContain('Diese Antwort wurde von der Autorin oder dem Autor gelöscht.');
    // The deleted text does not live on in the edit history either.
    expect(await db().query(`SELECT 1 FROM forum_revisions WHERE reply_id = $1`, [parent.id])).toEqual([]);
    expect((await author.get(`/forum/threads/${th.id}/revisions?reply=${parent.id}`)).status).toBe(404);
  });

  it('when members vote, then a vote toggles; voting for one\'s own reply or as a visitor is refused and changes nothing', async () => {
    const th = await createThread(db());
    const r = await createReply(db(), th);
    const before = await forumState(db(), th.id);
    const own = await signedIn(t.app, r.author);
    expect((await own.post(`/forum/replies/${r.id}/vote`)).status).toBe(403);
    expect((await new Browser(t.app).post(`/forum/replies/${r.id}/vote`)).status).toBe(401);
    expect(await forumState(db(), th.id)).toEqual(before);
    const voter = await signedIn(t.app, await createUser(db()));
    await voter.post(`/forum/replies/${r.id}/vote`);
    expect((await one(`SELECT vote_count FROM forum_replies WHERE id = $1`, [r.id])).vote_count).toBe(1);
    await voter.post(`/forum/replies/${r.id}/vote`);
    expect((await one(`SELECT vote_count FROM forum_replies WHERE id = $1`, [r.id])).vote_count).toBe(0);
    expect((await one(`SELECT count(*)::int AS n FROM forum_votes WHERE reply_id = $1`, [r.id])).n).toBe(0);
  });

  it('when someone accepts an answer, then only the asker or a facilitator may; the answerer is notified and the thread shows as answered', async () => {
    const th = await createThread(db());
    const r1 = await createReply(db(), th);
    const r2 = await createReply(db(), th);
    const before = await forumState(db(), th.id);
    const stranger = await signedIn(t.app, await createUser(db()));
    expect((await stranger.post(`/forum/replies/${r1.id}/accept`)).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);

    const asker = await signedIn(t.app, th.author);
    expect((await asker.post(`/forum/replies/${r1.id}/accept`)).status).toBe(303);
    expect((await one(`SELECT accepted_reply_id FROM forum_threads WHERE id = $1`, [th.id])).accepted_reply_id).toBe(r1.id);
    expect((await one(`SELECT kind FROM notifications WHERE user_id = $1 AND kind = 'forum.accepted'`, [r1.author.id]))).toBeDefined();

    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    expect((await fac.post(`/forum/replies/${r2.id}/accept`)).status).toBe(303);
    expect((await one(`SELECT accepted_reply_id FROM forum_threads WHERE id = $1`, [th.id])).accepted_reply_id).toBe(r2.id);
    expect(await one(`SELECT 1 AS x FROM audit_log WHERE action = 'forum.answer.accept' AND subject_id = $1`, [String(th.id)])).toBeDefined();
    const list = await asker.get(`/forum/c/${th.category.slug}`);
    expect(list.text).toContain('beantwortet');
  });

  it('when a member tries to lock, pin, move or merge, then 403 and nothing changes; a facilitator can, with audit entries', async () => {
    const th = await createThread(db());
    const target = await createThread(db(), { category: th.category });
    const other = await createCategory(db());
    const before = await forumState(db(), th.id);
    const member = await signedIn(t.app, await createUser(db()));
    for (const [path, fields] of [['lock', {}], ['pin', {}], ['move', { categoryId: String(other.id) }], ['merge', { targetId: String(target.id) }]] as const) {
      expect((await member.post(`/forum/threads/${th.id}/${path}`, fields)).status).toBe(403);
    }
    expect((await member.get(`/forum/threads/${th.id}/moderate`)).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);

    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    await fac.post(`/forum/threads/${th.id}/lock`);
    await fac.post(`/forum/threads/${th.id}/pin`);
    await fac.post(`/forum/threads/${th.id}/move`, { categoryId: String(other.id) });
    const row = await one(`SELECT locked_at, pinned_at, category_id FROM forum_threads WHERE id = $1`, [th.id]);
    expect(row.locked_at).not.toBeNull();
    expect(row.pinned_at).not.toBeNull();
    expect(row.category_id).toBe(other.id);
    const actions = (await db().query(`SELECT action FROM audit_log WHERE subject_type = 'forum_thread' AND subject_id = $1 ORDER BY id`, [String(th.id)])).map((x: { action: string }) => x.action);
    expect(actions).toEqual(['forum.thread.lock', 'forum.thread.pin', 'forum.thread.move']);

    const lockedBefore = await forumState(db(), th.id);
    expect((await member.post(`/forum/threads/${th.id}/replies`, { body: 'Noch eine Frage' })).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(lockedBefore);
  });

  it('when a facilitator merges a thread, then its question and replies move in order and the old address redirects with 301', async () => {
    const cat = await createCategory(db());
    const source = await createThread(db(), { category: cat, body: 'Frage QUELLE' });
    const target = await createThread(db(), { category: cat, body: 'Frage ZIEL' });
    const r1 = await createReply(db(), source, { body: 'Antwort EINS' });
    const r2 = await createReply(db(), source, { body: 'Antwort ZWEI' });
    await createReply(db(), target, { body: 'Antwort DREI' });
    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    const res = await fac.post(`/forum/threads/${source.id}/merge`, { targetId: target.url });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(target.url);
    const moved = await db().query(`SELECT id, body_source FROM forum_replies WHERE thread_id = $1 ORDER BY created_at, id`, [target.id]);
    expect(moved.map((x: { body_source: string }) => x.body_source)).toEqual(['Frage QUELLE', 'Antwort EINS', 'Antwort ZWEI', 'Antwort DREI']);
    expect(moved.map((x: { id: number }) => x.id)).toEqual(expect.arrayContaining([r1.id, r2.id]));
    expect((await one(`SELECT reply_count FROM forum_threads WHERE id = $1`, [target.id])).reply_count).toBe(4);
    const old = await fac.get(source.url);
    expect(old.status).toBe(301);
    expect(old.headers.location).toBe(target.url);
    expect(await one(`SELECT 1 AS x FROM audit_log WHERE action = 'forum.thread.merge' AND subject_id = $1`, [String(source.id)])).toBeDefined();
  });

  it('when three different members flag a reply, then it is hidden until reviewed; a second flag by the same member is refused', async () => {
    const th = await createThread(db());
    const r = await createReply(db(), th, { body: 'Kaufen Sie jetzt!' });
    const flaggers = [];
    for (let i = 0; i < 3; i++) flaggers.push(await signedIn(t.app, await createUser(db())));
    expect((await flaggers[0]!.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'spam' })).status).toBe(303);
    const before = await forumState(db(), th.id);
    expect((await flaggers[0]!.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'spam' })).status).toBe(409);
    expect(await forumState(db(), th.id)).toEqual(before);
    expect((await flaggers[1]!.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'other', text: '' })).status).toBe(422);
    expect(await forumState(db(), th.id)).toEqual(before);
    await flaggers[1]!.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'off_topic' });
    expect((await one(`SELECT hidden_at FROM forum_replies WHERE id = $1`, [r.id])).hidden_at).toBeNull();
    await flaggers[2]!.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'other', text: 'Werbung' });
    const hidden = await one(`SELECT hidden_at, hidden_pending FROM forum_replies WHERE id = $1`, [r.id]);
    expect(hidden.hidden_at).not.toBeNull();
    expect(hidden.hidden_pending).toBe(true);
    expect((await flaggers[0]!.get(th.url)).text).not.toContain('Kaufen Sie jetzt!');

    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    const queue = await fac.get('/forum/flags');
    expect(queue.text).toContain(th.title);
    expect((await fac.post(`/forum/threads/${th.id}/dismiss-flags`, { reply: String(r.id) })).status).toBe(303);
    const after = await one(`SELECT hidden_at FROM forum_replies WHERE id = $1`, [r.id]);
    expect(after.hidden_at).toBeNull();
    expect((await one(`SELECT count(*)::int AS n FROM forum_flags WHERE reply_id = $1 AND status = 'dismissed'`, [r.id])).n).toBe(3);
  });

  it('when a post with Markdown is flagged, then the queue shows it as plain text, not its Markdown source', async () => {
    const th = await createThread(db());
    const r = await createReply(db(), th, { body: '## Angebot\n\n**Kaufen** Sie _jetzt_ bei [uns](https://spam.example)!\n\n- eins\n- zwei' });
    const flagger = await signedIn(t.app, await createUser(db()));
    expect((await flagger.post(`/forum/threads/${th.id}/flag`, { reply: String(r.id), reason: 'spam' })).status).toBe(303);
    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    const queue = await fac.get('/forum/flags');
    expect(queue.text).toContain('Angebot Kaufen Sie jetzt bei uns! eins zwei');
    expect(queue.text).not.toContain('**Kaufen**');
    expect(queue.text).not.toContain('](https://spam.example)');
    expect((await fac.post(`/forum/threads/${th.id}/dismiss-flags`, { reply: String(r.id) })).status).toBe(303); // leave the queue short for other tests
  });

  it('when a facilitator hides a post with a reason, then the author is notified with the reason and sees it; a member cannot hide', async () => {
    const th = await createThread(db());
    const r = await createReply(db(), th, { body: 'Beleidigender Text' });
    const before = await forumState(db(), th.id);
    const member = await signedIn(t.app, await createUser(db()));
    expect((await member.post(`/forum/threads/${th.id}/hide`, { reply: String(r.id), reason: 'Beleidigung' })).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);
    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    expect((await fac.post(`/forum/threads/${th.id}/hide`, { reply: String(r.id), reason: 'x' })).status).toBe(422);
    expect(await forumState(db(), th.id)).toEqual(before);
    expect((await fac.post(`/forum/threads/${th.id}/hide`, { reply: String(r.id), reason: 'Persönlicher Angriff' })).status).toBe(303);
    const n = await one(`SELECT kind, title FROM notifications WHERE user_id = $1 AND kind = 'forum.hidden'`, [r.author.id]);
    expect(n.title).toContain('Persönlicher Angriff');
    const authorView = await (await signedIn(t.app, r.author)).get(th.url);
    expect(authorView.text).toContain('Persönlicher Angriff');
    expect((await member.get(th.url)).text).not.toContain('Beleidigender Text');
    expect(await one(`SELECT 1 AS x FROM audit_log WHERE action = 'forum.post.hide' AND subject_id = $1 AND reason = 'Persönlicher Angriff'`, [String(r.id)])).toBeDefined();
  });

  it('when a member mentions handles, then known members are linked and notified, unknown handles stay plain text', async () => {
    const th = await createThread(db());
    const mentioned = await createUser(db());
    const b = await signedIn(t.app, await createUser(db()));
    await b.post(`/forum/threads/${th.id}/replies`, { body: `Frag mal @${mentioned.handle} oder @niemand-bekannt` });
    const row = await one(`SELECT body_html FROM forum_replies WHERE thread_id = $1`, [th.id]);
    expect(row.body_html).toContain(`<a href="/members/${mentioned.handle}" rel="nofollow ugc noopener">@${mentioned.handle}</a>`);
    expect(row.body_html).toContain('@niemand-bekannt');
    expect(row.body_html).not.toContain('/members/niemand-bekannt');
    expect(await one(`SELECT 1 AS x FROM notifications WHERE user_id = $1 AND kind = 'forum.mention'`, [mentioned.id])).toBeDefined();
  });

  it('when a member watches a category or mutes a thread, then new posts notify accordingly', async () => {
    const cat = await createCategory(db());
    const watcher = await createUser(db());
    const w = await signedIn(t.app, watcher);
    expect((await w.post('/forum/follow', { targetType: 'category', targetId: String(cat.id), level: 'watching' })).status).toBe(303);
    const author = await signedIn(t.app, await createUser(db()));
    await author.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Neue Diskussion über Beteiligungsformate', body: 'Was meint ihr?', checked: '1' }, '/forum/new');
    const [th] = await db().query(`SELECT id FROM forum_threads WHERE category_id = $1`, [cat.id]);
    expect(await one(`SELECT 1 AS x FROM notifications WHERE user_id = $1 AND kind = 'forum.newThread'`, [watcher.id])).toBeDefined();
    await w.post('/forum/follow', { targetType: 'thread', targetId: String(th.id), level: 'muted' });
    await (await signedIn(t.app, await createUser(db()))).post(`/forum/threads/${th.id}/replies`, { body: 'Antwort' });
    expect((await one(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [watcher.id])).n).toBe(1);
  });

  it('when a member manages categories, then 403 and nothing changes; a facilitator creates, orders and archives, and archived threads are read-only', async () => {
    const member = await signedIn(t.app, await createUser(db()));
    const slug = `neu-${Date.now()}`;
    expect((await member.post('/forum/admin/categories', { name: 'Neu', slug })).status).toBe(403);
    expect(await one(`SELECT id FROM forum_categories WHERE slug = $1`, [slug])).toBeUndefined();
    const fac = await signedIn(t.app, await createUser(db(), { role: 'facilitator' }));
    expect((await fac.post('/forum/admin/categories', { name: 'Neuer Bereich', slug, description: 'Test', position: '5', isPublic: '1' })).status).toBe(303);
    const cat = await one(`SELECT id, is_public FROM forum_categories WHERE slug = $1`, [slug]);
    expect(cat.is_public).toBe(true);
    expect((await fac.post('/forum/admin/categories', { name: 'Doppelt', slug })).status).toBe(409);
    const th = await createThread(db(), { category: { id: cat.id, slug, name: 'Neuer Bereich' } });
    expect((await fac.post(`/forum/admin/categories/${cat.id}/archive`)).status).toBe(303);
    const before = await forumState(db(), th.id);
    expect((await member.post(`/forum/threads/${th.id}/replies`, { body: 'Noch da?' })).status).toBe(403);
    expect(await forumState(db(), th.id)).toEqual(before);
    expect((await member.get(th.url)).status).toBe(200);
    expect(await one(`SELECT 1 AS x FROM audit_log WHERE action = 'forum.category.archive' AND subject_id = $1`, [String(cat.id)])).toBeDefined();
  });
});
