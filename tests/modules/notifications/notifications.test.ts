import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../../src/db/transaction.js';
import { notify } from '../../../src/modules/notifications/index.js';
import { NotificationVarsBackfill1763700061000 } from '../../../migrations/1763700061000-notification-vars-backfill.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';

describe('notifications', () => {
  const t = useTestApp();

  it('when a member has unread notifications, then the bell shows the count and the list shows them', async () => {
    const user = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title: 'Erste Nachricht', url: '/forum', actorId: actor.id }));
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title: 'Zweite Nachricht', url: '/forum', actorId: actor.id }));
    const b = await signedIn(t.app, user);
    const home = await b.get('/');
    expect(home.text).toMatch(/class="site-bell__count" aria-hidden="true">2</);
    const list = await b.get('/notifications');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Erste Nachricht');
    expect(list.text).toContain('Zweite Nachricht');
  });

  it('when a notification is about content in another language, then its title carries that language (WCAG 3.1.2)', async () => {
    const asker = await createUser(t.ctx.ds);
    const th = await createThread(t.ctx.ds, { author: asker, title: `Budget question ${Date.now()}` });
    await t.ctx.ds.query(`UPDATE forum_threads SET language = 'en' WHERE id = $1`, [th.id]);
    const reply = await createReply(t.ctx.ds, th);
    expect((await (await signedIn(t.app, asker)).post(`/forum/replies/${reply.id}/accept`)).status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT language FROM notifications WHERE user_id = $1 AND kind = 'forum.accepted'`, [reply.author.id]);
    expect(row.language).toBe('en');
    const list = await (await signedIn(t.app, reply.author)).get('/notifications');
    expect(list.text).toMatch(new RegExp(`<a class="kern-link" href="[^"]*#reply-${reply.id}" lang="en">${th.title}</a>`));
    // A notification written before languages were recorded inherits the page's language.
    await t.ctx.ds.query(`UPDATE notifications SET language = NULL WHERE user_id = $1`, [reply.author.id]);
    const old = await (await signedIn(t.app, reply.author)).get('/notifications');
    expect(old.text).toMatch(new RegExp(`<a class="kern-link" href="[^"]*#reply-${reply.id}">${th.title}</a>`));
  });

  it('when a member acts on their own content, then they are not notified', async () => {
    const user = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title: 'Selbst', url: '/', actorId: user.id }));
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [user.id]);
    expect(n).toBe(0);
  });

  it('when a member marks one read, then it is read and they are taken to it; marking all read clears the count', async () => {
    const user = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds);
    for (const title of ['a', 'b', 'c']) {
      await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title, url: '/administrations', actorId: actor.id }));
    }
    const [first] = await t.ctx.ds.query(`SELECT id FROM notifications WHERE user_id = $1 ORDER BY id LIMIT 1`, [user.id]);
    const b = await signedIn(t.app, user);
    const res = await b.post(`/notifications/${first.id}/read`, {}, '/notifications');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/administrations');
    const [{ unread }] = await t.ctx.ds.query(`SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    expect(unread).toBe(2);
    await b.post('/notifications/read-all', {}, '/notifications');
    const [{ left }] = await t.ctx.ds.query(`SELECT count(*)::int AS left FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [user.id]);
    expect(left).toBe(0);
  });

  it('when a member opens the page a notification links to, then its unread notifications for that page are read, others stay unread', async () => {
    const user = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds);
    const thread = await createThread(t.ctx.ds, { author: user });
    const threadPath = thread.url;
    const uc = await createUseCase(t.ctx.ds, { administrationId: user.administrationId! });
    const send = (title: string, url: string) =>
      inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: user.id, kind: 'test.ping', title, url, actorId: actor.id }));
    await send('Antwort 1', `${threadPath}#reply-1`);
    await send('Antwort 2', `${threadPath}#reply-2`);
    await send('Übernahme', `/use-cases/${uc.slug}#adoptions`);
    await send('Anderswo', '/forum');
    const unread = async () => (await t.ctx.ds.query(
      `SELECT title FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY id`, [user.id])).map((r: { title: string }) => r.title);
    const b = await signedIn(t.app, user);

    const page = await b.get(threadPath);
    expect(page.status).toBe(200);
    expect(await unread()).toEqual(['Übernahme', 'Anderswo']);
    expect(page.text).toMatch(/class="site-bell__count" aria-hidden="true">2</); // the bell on that page already counts them out
    expect((await b.get(`/use-cases/${uc.slug}`)).status).toBe(200);
    expect(await unread()).toEqual(['Anderswo']);
    // Someone else opening the page reads nothing of this member's.
    await (await signedIn(t.app, actor)).get('/forum');
    expect(await unread()).toEqual(['Anderswo']);
  });

  it('when an adoption notification predates stored message values, then the backfill names the administration, and without one the message still reads', async () => {
    const user = await createUser(t.ctx.ds);
    const adopter = await createUser(t.ctx.ds);
    const gone = await createUser(t.ctx.ds);
    await t.ctx.ds.query(`UPDATE users SET administration_id = NULL WHERE id = $1`, [gone.id]);
    for (const actor of [adopter, gone]) {
      await t.ctx.ds.query(`INSERT INTO notifications (user_id, kind, title, url, actor_id) VALUES ($1, 'usecase.adopted', $2, '/use-cases/x', $3)`,
        [user.id, `Alt ${actor.id}`, actor.id]);
    }
    const runner = t.ctx.ds.createQueryRunner();
    try { await new NotificationVarsBackfill1763700061000().up(runner); } finally { await runner.release(); }
    const [{ name }] = await t.ctx.ds.query(`SELECT a.name FROM administrations a JOIN users u ON u.administration_id = a.id WHERE u.id = $1`, [adopter.id]);
    const list = (await (await signedIn(t.app, user)).get('/notifications')).text;
    expect(list).toContain(`${name.replace(/"/g, '&quot;')}: „Das wollen wir auch“: <a class="kern-link" href="/use-cases/x">Alt ${adopter.id}</a>`);
    expect(list).toContain(`Eine Verwaltung: „Das wollen wir auch“: <a class="kern-link" href="/use-cases/x">Alt ${gone.id}</a>`);
    expect(list).not.toContain('{administration}');
  });

  it("when a member tries to mark someone else's notification, then 404 and nothing changes", async () => {
    const owner = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { language: 'de', userId: owner.id, kind: 'test.ping', title: 'privat', url: '/' }));
    const [row] = await t.ctx.ds.query(`SELECT id FROM notifications WHERE user_id = $1`, [owner.id]);
    const b = await signedIn(t.app, other);
    const res = await b.post(`/notifications/${row.id}/read`, {}, '/notifications');
    expect(res.status).toBe(404);
    const [after] = await t.ctx.ds.query(`SELECT read_at FROM notifications WHERE id = $1`, [row.id]);
    expect(after.read_at).toBeNull();
  });
});
