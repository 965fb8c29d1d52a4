// Restricted (members-only) categories, e.g. a working group's: only the members listed for the
// category and facilitators/admins see it and its threads — pages, lists, counts, suggestions,
// follows and notifications — everyone else gets 404; its posts are never in the search index.
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../../src/db/transaction.js';
import { createRestrictedCategory, forumModule, isCategoryMember, setCategoryMember } from '../../../src/modules/forum/index.js';
import { listThreads, viewerOf } from '../../../src/modules/forum/forum.queries.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, forumState } from '../../support/forum-factories.js';

/** A made-up word no other test uses (letters only, so stemming treats it as a word). */
const word = () => `grup${Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

async function createAdmin(ds: DataSource): Promise<TestUser & { totpSecret: string }> {
  const totpSecret = generateTotpSecret();
  return { ...(await createUser(ds, { role: 'admin', totpSecret })), totpSecret };
}

describe('forum: restricted (members-only) categories', () => {
  const t = useTestApp();
  const one = async (sql: string, params: unknown[] = []) => (await t.ctx.ds.query(sql, params))[0];
  const notificationsOf = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT kind, url FROM notifications WHERE user_id = $1 ORDER BY id`, [userId])) as { kind: string; url: string }[];

  /** A group's category (created through the forum's public surface) with one member, and a thread of the member's in it. */
  async function group(o: { name?: string } = {}) {
    const insider = await createUser(t.ctx.ds);
    const slug = uniq('ak-');
    const name = o.name ?? `Arbeitskreis ${slug}`;
    const categoryId = await inTransaction(t.ctx.ds, async (db) => {
      const id = await createRestrictedCategory(db, { slug, name, description: 'Nur für den Arbeitskreis', language: 'de' });
      await setCategoryMember(db, id, insider.id, true);
      return id;
    });
    const category = { id: categoryId, slug, name };
    const tag = uniq('ak-tag-');
    const thread = await createThread(t.ctx.ds, { category, author: insider, title: `Geheime Frage ${uniq()} im Arbeitskreis`, tags: [tag] });
    const reply = await createReply(t.ctx.ds, thread, { author: insider });
    // First in "latest" (newest activity) and in "unanswered" (oldest question), whatever other test files write meanwhile.
    await t.ctx.ds.query(`UPDATE forum_threads SET last_activity_at = now() + interval '1 hour', created_at = '2000-01-01' WHERE id = $1`, [thread.id]);
    return { category, thread, reply, tag, insider };
  }

  /** The five kinds of reader: a visitor, a member outside the group, the group's member, a facilitator, an admin. */
  async function readers(insider: TestUser) {
    const outsider = await createUser(t.ctx.ds);
    return {
      visitor: new Browser(t.app),
      outsider: await signedIn(t.app, outsider),
      insider: await signedIn(t.app, insider),
      facilitator: await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' })),
      admin: await signedIn(t.app, await createAdmin(t.ctx.ds)),
      outsiderUser: outsider,
    };
  }

  it('when a group category is created, then it is restricted and never public, and its member list is kept idempotently', async () => {
    const { category, insider } = await group();
    expect(await one(`SELECT restricted, is_public AS "isPublic" FROM forum_categories WHERE id = $1`, [category.id])).toEqual({ restricted: true, isPublic: false });
    const other = await createUser(t.ctx.ds);
    expect(await isCategoryMember(t.ctx.ds, category.id, insider.id)).toBe(true);
    expect(await isCategoryMember(t.ctx.ds, category.id, other.id)).toBe(false);
    await inTransaction(t.ctx.ds, async (db) => {
      await setCategoryMember(db, category.id, other.id, true);
      await setCategoryMember(db, category.id, other.id, true);
    });
    expect(await isCategoryMember(t.ctx.ds, category.id, other.id)).toBe(true);
    await inTransaction(t.ctx.ds, async (db) => {
      await setCategoryMember(db, category.id, other.id, false);
      await setCategoryMember(db, category.id, other.id, false);
    });
    expect(await isCategoryMember(t.ctx.ds, category.id, other.id)).toBe(false);
    // A restricted category cannot be made public, not even by hand.
    await expect(t.ctx.ds.query(`UPDATE forum_categories SET is_public = true WHERE id = $1`, [category.id])).rejects.toThrow(/forum_categories_restricted_check/);
  });

  it('when the group category is created with a taken or malformed slug, or members are set for an ordinary category, then it is refused and nothing is written', async () => {
    const { category } = await group();
    const ordinary = await createCategory(t.ctx.ds);
    const count = async () => (await one(`SELECT count(*)::int AS n FROM forum_categories`)).n;
    const before = await count();
    await expect(inTransaction(t.ctx.ds, (db) => createRestrictedCategory(db, { slug: category.slug, name: 'Doppelt', language: 'de' })))
      .rejects.toMatchObject({ status: 409 });
    await expect(inTransaction(t.ctx.ds, (db) => createRestrictedCategory(db, { slug: 'Nicht Gültig!', name: 'Falsch', language: 'de' })))
      .rejects.toMatchObject({ status: 422, fields: { slug: 'validation.slug' } });
    const someone = await createUser(t.ctx.ds);
    await expect(inTransaction(t.ctx.ds, (db) => setCategoryMember(db, ordinary.id, someone.id, true))).rejects.toMatchObject({ status: 404 });
    expect(await count()).toBe(before);
    expect(await one(`SELECT count(*)::int AS n FROM forum_category_members WHERE user_id = $1`, [someone.id])).toEqual({ n: 0 });
  });

  it('when each role opens the category page and a thread of it, then the group member, facilitator and admin read them and the visitor and the member outside the group get 404', async () => {
    const { category, thread, insider } = await group();
    const r = await readers(insider);
    for (const b of [r.insider, r.facilitator, r.admin]) {
      const c = await b.get(`/forum/c/${category.slug}`);
      expect(c.status).toBe(200);
      expect(c.text).toContain(thread.title);
      expect(c.text).toContain('Nur für Mitglieder der Gruppe');
      const page = await b.get(thread.url);
      expect(page.status).toBe(200);
      expect(page.text).toContain(thread.title);
      expect((await b.get(`/forum/threads/${thread.id}/revisions`)).status).toBe(200);
    }
    for (const b of [r.visitor, r.outsider]) {
      expect((await b.get(`/forum/c/${category.slug}`)).status).toBe(404);
      expect((await b.get(thread.url)).status).toBe(404);
      // The short address (which redirects to the slug for readers) gives nothing away either.
      expect((await b.get(`/forum/threads/${thread.id}`)).status).toBe(404);
    }
    for (const path of [`/forum/threads/${thread.id}/revisions`, `/forum/threads/${thread.id}/reply`, `/forum/threads/${thread.id}/flag`]) {
      expect({ path, status: (await r.outsider.get(path)).status }).toEqual({ path, status: 404 });
    }
  });

  it('when the lists are opened, then the group\'s thread and category appear in latest, unanswered, tag and category lists only for the group member, facilitator and admin', async () => {
    const { category, thread, tag, insider } = await group();
    const r = await readers(insider);
    const pages = ['/forum', '/forum?view=unanswered', `/forum/tags/${tag}`];
    for (const [who, b] of [['insider', r.insider], ['facilitator', r.facilitator], ['admin', r.admin]] as const) {
      for (const path of pages) expect({ who, path, listed: (await b.get(path)).text.includes(thread.title) }).toEqual({ who, path, listed: true });
      expect({ who, category: (await b.get('/forum')).text.includes(category.name) }).toEqual({ who, category: true });
    }
    for (const [who, b] of [['visitor', r.visitor], ['outsider', r.outsider]] as const) {
      for (const path of pages) {
        const res = await b.get(path);
        expect({ who, path, status: res.status, listed: res.text.includes(thread.title) }).toEqual({ who, path, status: 200, listed: false });
      }
      expect({ who, category: (await b.get('/forum')).text.includes(category.name) }).toEqual({ who, category: false });
    }
  });

  it('when threads are counted, then the group\'s threads count only for those who may see them (category counts and list totals)', async () => {
    const { category, thread, tag, insider } = await group();
    await createThread(t.ctx.ds, { tags: [tag] }); // an ordinary thread with the same tag
    const outsider = await createUser(t.ctx.ds);
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    // One row per page, so the total comes from the count statement.
    const total = async (actor: TestUser | undefined) =>
      (await listThreads(t.ctx.ds, viewerOf(actor), { view: 'tag', tag }, { page: 1, limit: 1, offset: 0 })).total;
    expect(await total(outsider)).toBe(1);
    expect(await total(undefined)).toBe(0);
    expect(await total(insider)).toBe(2);
    expect(await total(facilitator)).toBe(2);
    // A category's total is its maintained thread_count; the outsider never sees the category at all.
    await createThread(t.ctx.ds, { category, author: insider });
    const overview = (await (await signedIn(t.app, insider)).get('/forum')).text;
    expect(overview).toMatch(new RegExp(`${category.name}[\\s\\S]*?2 Themen · 2 offene Fragen`));
    expect(thread.categoryId).toBe(category.id);
  });

  it('when a member outside the group tries to reply, edit, vote, flag, follow or start a thread there, then each is refused with 404 and the database is unchanged', async () => {
    const { category, thread, reply, insider } = await group();
    const r = await readers(insider);
    const before = await forumState(t.ctx.ds, thread.id);
    const threadsBefore = (await one(`SELECT count(*)::int AS n FROM forum_threads WHERE category_id = $1`, [category.id])).n;
    expect((await r.outsider.post(`/forum/threads/${thread.id}/replies`, { body: 'Ich will auch mitreden.' })).status).toBe(404);
    expect((await r.outsider.post(`/forum/replies/${reply.id}/vote`)).status).toBe(404);
    expect((await r.outsider.post(`/forum/threads/${thread.id}/flag`, { reason: 'spam', text: '' })).status).toBe(404);
    expect((await r.outsider.post(`/forum/threads/${thread.id}/edit`, { title: 'Ein ganz neuer Titel', body: 'x' })).status).toBe(404);
    expect((await r.outsider.post('/forum/follow', { targetType: 'thread', targetId: String(thread.id), level: 'watching' })).status).toBe(404);
    expect((await r.outsider.post('/forum/follow', { targetType: 'category', targetId: String(category.id), level: 'watching' })).status).toBe(404);
    // Starting a thread: the category is unknown to them, like one that does not exist.
    const start = await r.outsider.post('/forum/new', { categoryId: String(category.id), kind: 'question', title: 'Eine Frage von außerhalb der Gruppe', body: 'Text', checked: '1' }, '/forum/new');
    expect(start.status).toBe(422);
    expect(start.text).not.toContain(category.name);
    // A visitor is sent to sign in.
    expect((await r.visitor.post(`/forum/threads/${thread.id}/replies`, { body: 'Hallo' })).status).toBe(401);
    expect(await forumState(t.ctx.ds, thread.id)).toEqual(before);
    expect((await one(`SELECT count(*)::int AS n FROM forum_threads WHERE category_id = $1`, [category.id])).n).toBe(threadsBefore);
    expect(await one(`SELECT count(*)::int AS n FROM forum_follows WHERE user_id = $1`, [r.outsiderUser.id])).toEqual({ n: 0 });
    // The new-thread form offers the group's category to its member, not to others.
    expect((await r.outsider.get('/forum/new')).text).not.toContain(category.name);
    expect((await r.insider.get('/forum/new')).text).toContain(category.name);
    // The group's member may reply.
    expect((await r.insider.post(`/forum/threads/${thread.id}/replies`, { body: 'Antwort aus der Gruppe.' })).status).toBe(303);
    expect((await one(`SELECT count(*)::int AS n FROM forum_replies WHERE thread_id = $1`, [thread.id])).n).toBe(2);
  });

  it('when an ordinary thread was merged into a group thread, then its old address leads only the group\'s readers to the new one', async () => {
    const { thread, insider } = await group();
    const old = await createThread(t.ctx.ds);
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fac.post(`/forum/threads/${old.id}/merge`, { targetId: String(thread.id) })).status).toBe(303);
    const moved = await (await signedIn(t.app, insider)).get(old.url);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe(thread.url);
    const outside = await (await signedIn(t.app, await createUser(t.ctx.ds))).get(old.url);
    expect(outside.status).toBe(404);
    expect(outside.text).not.toContain(thread.slug);
  });

  it('when a member has left the group, then the category and its threads are 404 for them again', async () => {
    const { category, thread, insider } = await group();
    const leaver = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => setCategoryMember(db, category.id, leaver.id, true));
    const b = await signedIn(t.app, leaver);
    expect((await b.get(thread.url)).status).toBe(200);
    await inTransaction(t.ctx.ds, (db) => setCategoryMember(db, category.id, leaver.id, false));
    expect((await b.get(thread.url)).status).toBe(404);
    expect((await b.get(`/forum/c/${category.slug}`)).status).toBe(404);
    expect(insider.id).not.toBe(leaver.id);
  });

  it('when the group posts, then nobody outside it is told — not a follower of the tag, not a mentioned member, not a member who left — while the group and facilitators are', async () => {
    const { category, tag, insider } = await group();
    const outsider = await createUser(t.ctx.ds);
    const colleague = await createUser(t.ctx.ds);
    const leaver = await createUser(t.ctx.ds);
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    await inTransaction(t.ctx.ds, async (db) => {
      await setCategoryMember(db, category.id, colleague.id, true);
      await setCategoryMember(db, category.id, leaver.id, true);
    });
    const tagId = (await one(`SELECT id FROM forum_tags WHERE name = $1`, [tag])).id;
    for (const u of [outsider, colleague, facilitator]) {
      expect((await (await signedIn(t.app, u)).post('/forum/follow', { targetType: 'tag', targetId: String(tagId), level: 'watching' })).status).toBe(303);
    }
    const author = await signedIn(t.app, insider);
    const posted = await author.post('/forum/new', {
      categoryId: String(category.id), kind: 'question', title: `Neue Frage ${uniq()} im Arbeitskreis`,
      body: `Was meint ihr, @${outsider.handle}?`, tags: tag, checked: '1',
    }, '/forum/new');
    expect(posted.status).toBe(303);
    const newThread = await one(`SELECT id FROM forum_threads WHERE category_id = $1 ORDER BY id DESC LIMIT 1`, [category.id]);
    // The member who will leave watches the thread, then leaves; a reply follows.
    expect((await (await signedIn(t.app, leaver)).post('/forum/follow', { targetType: 'thread', targetId: String(newThread.id), level: 'watching' })).status).toBe(303);
    await inTransaction(t.ctx.ds, (db) => setCategoryMember(db, category.id, leaver.id, false));
    expect((await author.post(`/forum/threads/${newThread.id}/replies`, { body: `Nachtrag für @${outsider.handle}` })).status).toBe(303);

    expect(await notificationsOf(outsider.id)).toEqual([]);
    expect(await notificationsOf(leaver.id)).toEqual([]);
    expect((await notificationsOf(colleague.id)).map((n) => n.kind)).toEqual(['forum.newThread', 'forum.reply']);
    // (Facilitators also hear of other files' guides waiting for review: only the forum's count here.)
    expect((await notificationsOf(facilitator.id)).map((n) => n.kind).filter((k) => k.startsWith('forum.'))).toEqual(['forum.newThread', 'forum.reply']);
    // The mentions are still recorded (the text names them), only not announced.
    expect((await one(`SELECT count(*)::int AS n FROM forum_mentions WHERE thread_id = $1 AND user_id = $2`, [newThread.id, outsider.id])).n).toBe(2);
  });

  it('when the group posts, then search finds none of it — for the group member, a member outside, a facilitator — and the sources report the posts gone, while an ordinary thread with the same word is found', async () => {
    const { category, insider } = await group();
    const w = word();
    const author = await signedIn(t.app, insider);
    expect((await author.post('/forum/new', { categoryId: String(category.id), kind: 'question', title: `Frage zu ${w} in der Gruppe`, body: `Nur für uns: ${w}.`, checked: '1' }, '/forum/new')).status).toBe(303);
    const secret = await one(`SELECT id FROM forum_threads WHERE category_id = $1 ORDER BY id DESC LIMIT 1`, [category.id]);
    expect((await author.post(`/forum/threads/${secret.id}/replies`, { body: `Antwort mit ${w}` })).status).toBe(303);
    const secretReply = await one(`SELECT id FROM forum_replies WHERE thread_id = $1`, [secret.id]);
    const ordinaryCategory = await createCategory(t.ctx.ds);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.post('/forum/new', { categoryId: String(ordinaryCategory.id), kind: 'question', title: `Offene Frage zu ${w} im Netzwerk`, body: `Alle dürfen: ${w}.`, checked: '1' }, '/forum/new')).status).toBe(303);
    await t.drain();

    expect(await forumModule.searchSources!.thread!(t.ctx.ds.manager, [secret.id])).toEqual([]);
    expect(await forumModule.searchSources!.reply!(t.ctx.ds.manager, [secretReply.id])).toEqual([]);
    const outsider = await signedIn(t.app, await createUser(t.ctx.ds));
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    for (const [who, b] of [['insider', author], ['outsider', outsider], ['facilitator', facilitator]] as const) {
      const res = (await b.get(`/search?q=${w}`)).text.replace(/<\/?mark>/g, '');
      expect({ who, found: res.includes(`Frage zu ${w} in der Gruppe`), ordinary: res.includes(`Offene Frage zu ${w} im Netzwerk`) })
        .toEqual({ who, found: false, ordinary: true });
    }
  });

  it('when titles like the group\'s are typed, then "similar questions" suggests its thread to the group member only', async () => {
    const { thread, insider } = await group();
    const url = (res: { body: { threads: { url: string }[] } }) => res.body.threads.map((x) => x.url);
    const similar = (b: Browser) => b.get(`/forum/similar.json?title=${encodeURIComponent(thread.title)}`).set('accept', 'application/json');
    expect(url(await similar(await signedIn(t.app, insider)))).toContain(thread.url);
    expect(url(await similar(await signedIn(t.app, await createUser(t.ctx.ds))))).not.toContain(thread.url);
    expect(url(await similar(new Browser(t.app)))).not.toContain(thread.url);
  });

  it('when a thread is moved into a group category, then its search documents are dropped', async () => {
    const { category } = await group();
    const th = await createThread(t.ctx.ds);
    const r = await createReply(t.ctx.ds, th);
    expect((await forumModule.searchSources!.thread!(t.ctx.ds.manager, [th.id])).length).toBe(1);
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fac.post(`/forum/threads/${th.id}/move`, { categoryId: String(category.id) })).status).toBe(303);
    const queued = await one(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'reply' AND (payload->>'id')::int = $1`, [r.id]);
    expect(queued.n).toBeGreaterThanOrEqual(1);
    expect(await forumModule.searchSources!.thread!(t.ctx.ds.manager, [th.id])).toEqual([]);
    expect(await forumModule.searchSources!.reply!(t.ctx.ds.manager, [r.id])).toEqual([]);
  });

  it('when facilitators manage categories, then the group\'s category is marked "group members only", its form offers no "public" and saving keeps it non-public', async () => {
    const { category, thread, reply, insider } = await group();
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const list = await fac.get('/forum/admin/categories');
    expect(list.text).toMatch(new RegExp(`${category.name}[\\s\\S]*?Nur für Mitglieder der Gruppe`));
    const form = await fac.get(`/forum/admin/categories/${category.id}/edit`);
    expect(form.text).not.toContain('name="isPublic"');
    expect(form.text).toContain('Nur für Mitglieder der Gruppe');
    expect((await fac.post(`/forum/admin/categories/${category.id}`, { name: category.name, slug: category.slug, description: 'neu', position: '5', isPublic: '1' })).status).toBe(303);
    expect(await one(`SELECT is_public AS "isPublic", restricted, description FROM forum_categories WHERE id = $1`, [category.id]))
      .toEqual({ isPublic: false, restricted: true, description: 'neu' });
    const en = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator', language: 'en' }));
    expect((await en.get('/forum/admin/categories')).text).toMatch(new RegExp(`${category.name}[\\s\\S]*?Group members only`));
    // Its answers are not promoted to guides (the group's posts stay in the group).
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [thread.id, reply.id]);
    expect((await fac.get(thread.url)).text).not.toContain(`/forum/threads/${thread.id}/promote`);
    expect((await fac.get(`/forum/threads/${thread.id}/promote`)).status).toBe(409);
    expect(insider.id).toBe(thread.authorId);
  });

  it('when the group member downloads their data or deletes the account, then the membership is in the download and then gone', async () => {
    const { category, insider } = await group();
    const data = await forumModule.exportUserData!(t.ctx.ds, insider.id) as { categoryMemberships: { category: string }[] };
    expect(data.categoryMemberships.map((m) => m.category)).toEqual([category.slug]);
    await inTransaction(t.ctx.ds, (db) => forumModule.deleteUserData!(db, { id: insider.id, email: insider.email, handle: insider.handle, name: insider.name }, 'keep'));
    expect(await isCategoryMember(t.ctx.ds, category.id, insider.id)).toBe(false);
  });
});
