import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, forumState } from '../../support/forum-factories.js';

describe('forum threads', () => {
  const t = useTestApp();

  it('when a member starts a thread, then it is stored with tags lower-cased, rendered Markdown, a revision and a watch', async () => {
    const cat = await createCategory(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const res = await b.post('/forum/new', {
      categoryId: String(cat.id), kind: 'question', title: 'Wie startet man einen Bürgerhaushalt mit wenig Geld?',
      body: 'Wir haben **50.000 €**. [Link](https://example.org)', tags: 'Bürgerhaushalt, Finanzen, bürgerhaushalt', action: 'post', checked: '1',
    }, '/forum/new');
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT id, body_html, slug FROM forum_threads WHERE author_id = $1`, [user.id]);
    expect(res.headers.location).toBe(`/forum/threads/${row.id}-${row.slug}`);
    expect(row.slug).toBe('wie-startet-man-einen-buergerhaushalt-mit-wenig-geld');
    expect(row.body_html).toContain('<strong>50.000 €</strong>');
    expect(row.body_html).toContain('rel="nofollow ugc noopener"');
    const tags = await t.ctx.ds.query(`SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = $1 ORDER BY 1`, [row.id]);
    expect(tags.map((x: { name: string }) => x.name)).toEqual(['bürgerhaushalt', 'finanzen']);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_revisions WHERE thread_id = $1`, [row.id]);
    expect(n).toBe(1);
    const [f] = await t.ctx.ds.query(`SELECT level FROM forum_follows WHERE user_id = $1 AND target_type = 'thread' AND target_id = $2`, [user.id, row.id]);
    expect(f.level).toBe('watching');
    const page = await b.get(res.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Wie startet man einen Bürgerhaushalt mit wenig Geld?');
  });

  it('when the title is too short or there are six tags, then 422 with messages and nothing is stored', async () => {
    const cat = await createCategory(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const res = await b.post('/forum/new', { categoryId: String(cat.id), kind: 'question', title: 'Kurz', body: 'x', tags: 'a,b,c,d,e,f', checked: '1' }, '/forum/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Der Titel muss 10 bis 150 Zeichen lang sein.');
    expect(res.text).toContain('Höchstens 5 Schlagwörter.');
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_threads WHERE author_id = $1`, [user.id]);
    expect(n).toBe(0);
  });

  it('when a member asks for a preview, then the rendered text is shown and nothing is stored', async () => {
    const cat = await createCategory(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const res = await b.post('/forum/new', { categoryId: String(cat.id), kind: 'discussion', title: 'Vorschau eines Beitrags testen', body: '## Überschrift\n\n_kursiv_', action: 'preview' }, '/forum/new');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<em>kursiv</em>');
    expect(res.text).toMatch(/<h2[^>]*>Überschrift<\/h2>/);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_threads WHERE author_id = $1`, [user.id]);
    expect(n).toBe(0);
  });

  it('when a similar question exists and the member posts without JavaScript, then the similar questions are shown first, and posting again publishes', async () => {
    const cat = await createCategory(t.ctx.ds);
    const existing = await createThread(t.ctx.ds, { category: cat, title: 'Barrierefreie Online-Beteiligung Zebrastreifen-Plattform testen' });
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const fields = { categoryId: String(cat.id), kind: 'question', title: 'Barrierefreie Online-Beteiligung Zebrastreifen-Plattform', body: 'Welche Erfahrungen?', action: 'post' };
    const first = await b.post('/forum/new', fields, '/forum/new');
    expect(first.status).toBe(200);
    expect(first.text).toContain(existing.url);
    expect(first.text).toContain('name="checked" value="1"');
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_threads WHERE author_id = $1`, [user.id]);
    expect(n).toBe(0);
    const check = await b.post('/forum/new', { categoryId: '', kind: 'question', title: fields.title, body: '', action: 'check' }, '/forum/new');
    expect(check.status).toBe(200);
    expect(check.text).toContain(existing.url);
    const second = await b.post('/forum/new', { ...fields, checked: '1' }, '/forum/new');
    expect(second.status).toBe(303);
    const json = await b.get('/forum/similar.json?title=' + encodeURIComponent('Zebrastreifen-Plattform barrierefrei')).set('accept', 'application/json');
    expect(json.body.threads.map((x: { url: string }) => x.url)).toContain(existing.url);
    // The suggestions carry the thread's language, so the script can mark them lang="de" on English pages.
    expect(json.body.threads.find((x: { url: string }) => x.url === existing.url).language).toBe('de');
  });

  it('when a visitor opens the forum, then only public categories and their threads are listed, with an invitation to sign in', async () => {
    const pub = await createCategory(t.ctx.ds, { isPublic: true });
    const priv = await createCategory(t.ctx.ds);
    const open = await createThread(t.ctx.ds, { category: pub });
    const closed = await createThread(t.ctx.ds, { category: priv });
    const v = new Browser(t.app);
    const list = await v.get('/forum');
    expect(list.status).toBe(200);
    expect(list.text).toContain(pub.name);
    expect(list.text).not.toContain(priv.name);
    expect(list.text).toContain('/login?next=/forum');
    expect((await v.get(open.url)).status).toBe(200);
    expect((await v.get(closed.url)).status).toBe(404);
    expect((await v.get(`/forum/c/${priv.slug}`)).status).toBe(404);
    const json = await v.get('/forum/similar.json?title=' + encodeURIComponent(closed.title)).set('accept', 'application/json');
    expect(json.body.threads.map((x: { url: string }) => x.url)).not.toContain(closed.url);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(closed.url)).status).toBe(200);
  });

  it('when a member opens a thread twice a day, then the view counts once; replies show the accepted one first, then by votes', async () => {
    const th = await createThread(t.ctx.ds);
    const a = await createReply(t.ctx.ds, th, { body: 'Antwort ALPHA' });
    const b2 = await createReply(t.ctx.ds, th, { body: 'Antwort BETA' });
    const c = await createReply(t.ctx.ds, th, { body: 'Antwort GAMMA' });
    await t.ctx.ds.query(`UPDATE forum_replies SET vote_count = 5 WHERE id = $1`, [b2.id]);
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [th.id, c.id]);
    const viewer = await signedIn(t.app, await createUser(t.ctx.ds));
    const page = await viewer.get(th.url);
    await viewer.get(th.url);
    const order = ['GAMMA', 'BETA', 'ALPHA'].map((x) => page.text.indexOf(`Antwort ${x}`));
    expect(order[0]).toBeGreaterThan(0);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(a.id).toBeGreaterThan(0);
    const [{ views }] = await t.ctx.ds.query(`SELECT views FROM forum_threads WHERE id = $1`, [th.id]);
    expect(views).toBe(1);
  });

  it('when an old slug is used, then it redirects permanently to the current address', async () => {
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }) });
    const res = await new Browser(t.app).get(`/forum/threads/${th.id}-alter-titel`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(th.url);
  });

  it('when a member replies, then the counter and last activity move, the thread is followed and the author is notified', async () => {
    const th = await createThread(t.ctx.ds);
    const replier = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, replier);
    const res = await b.post(`/forum/threads/${th.id}/replies`, { body: 'Bei uns hat das *gut* funktioniert.' }, th.url);
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT reply_count FROM forum_threads WHERE id = $1`, [th.id]);
    expect(row.reply_count).toBe(1);
    const [n] = await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1`, [th.authorId]);
    expect(n.kind).toBe('forum.replyToMe');
    const [f] = await t.ctx.ds.query(`SELECT level FROM forum_follows WHERE user_id = $1 AND target_id = $2 AND target_type = 'thread'`, [replier.id, th.id]);
    expect(f.level).toBe('normal');
  });

  it('when a visitor posts a reply, then 401 and nothing changes', async () => {
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }) });
    const before = await forumState(t.ctx.ds, th.id);
    const v = new Browser(t.app);
    const res = await v.post(`/forum/threads/${th.id}/replies`, { body: 'Hallo' });
    expect(res.status).toBe(401);
    expect(await forumState(t.ctx.ds, th.id)).toEqual(before);
  });
});
