// E-mail at once through a REAL SMTP server (tests/support/smtp.ts) on this file's own database:
// what arrives is parsed (headers, both parts), the unsubscribe link is followed signed out, replies
// are batched per thread, an outage delays mail without losing or doubling it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { inTransaction } from '../../../src/db/transaction.js';
import { notify } from '../../../src/modules/notifications/index.js';
import { pruneOutbox } from '../../../src/shared/outbox.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { rawHeader, startSmtp, type TestSmtp } from '../../support/smtp.js';
import { threadOf } from '../../../src/modules/notifications/notification-email.service.js';

const header = rawHeader;

describe('notification e-mails (real SMTP)', () => {
  const env = usePrivateDatabase();
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
  });
  afterAll(async () => smtp.stop());
  const t = useTestApp(env);

  const reply = async (author: Awaited<ReturnType<typeof createUser>>, thread: { id: number; url: string }, body: string) => {
    const res = await (await signedIn(t.app, author)).post(`/forum/threads/${thread.id}/replies`, { body }, thread.url);
    expect(res.status).toBe(303);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('when a member with language en is mentioned, then exactly one English e-mail with text and HTML parts and RFC 8058 headers arrives, and its unsubscribe link works signed out', async () => {
    const kim = await createUser(t.ctx.ds, { language: 'en', name: 'Kim Mention' });
    const writer = await createUser(t.ctx.ds, { name: 'Wanda Writer' });
    const thread = await createThread(t.ctx.ds, { title: `Parking fees ${uniq()}` });
    await reply(writer, thread, `What do you think, @${kim.handle}?`);
    await t.drain();
    const [mail] = await smtp.waitFor(kim.email, 1);
    expect(mail!.subject).toBe(`Wanda Writer mentioned you: ${thread.title}`);
    expect(mail!.text).toContain(`Wanda Writer mentioned you: ${thread.title}`);
    expect(mail!.text).toContain(`http://praxis.test${thread.url}#reply-`);
    expect(mail!.text).toContain('No more e-mails for mentions');
    expect(mail!.html).toContain('<html lang="en">');
    expect(mail!.html).toContain(`href="http://praxis.test${thread.url}#reply-`);
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(http:\/\/praxis\.test(\/notifications\/unsubscribe\/[^>]+))>$/.exec(header(mail!, 'list-unsubscribe') ?? '');
    expect(link).not.toBeNull();
    const [{ emailed }] = await t.ctx.ds.query(`SELECT count(*)::int AS emailed FROM notifications WHERE user_id = $1 AND emailed_at IS NOT NULL`, [kim.id]);
    expect(emailed).toBe(1);
    await t.drain();
    await sleep(200);
    expect(smtp.to(kim.email)).toHaveLength(1);

    // The link, signed out: a page with one button, no session started for it, in the e-mail's
    // language (Kim's English) whatever the browser says.
    const path = link![2]!;
    const page = await request(t.app).get(path).set('Accept-Language', 'de');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Stop e-mails for mentions?');
    expect(page.text).toContain(`action="${path}"`);
    expect(page.headers['set-cookie']).toBeUndefined();
    const prefs = () => t.ctx.ds.query(`SELECT kind_group, channel FROM notification_preferences WHERE user_id = $1`, [kim.id]);
    expect(await prefs()).toEqual([]);
    // The mail client's one-click POST: that body, no cookie, no CSRF token.
    const click = await request(t.app).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(click.status).toBe(200);
    expect(await prefs()).toEqual([{ kind_group: 'mention', channel: 'app' }]);
    // Again (idempotent), then a new mention arrives in the app only.
    expect((await request(t.app).post(path).type('form').send('List-Unsubscribe=One-Click')).status).toBe(200);
    expect(await prefs()).toEqual([{ kind_group: 'mention', channel: 'app' }]);
    await reply(writer, thread, `And again, @${kim.handle}`);
    await t.drain();
    await sleep(200);
    expect(smtp.to(kim.email)).toHaveLength(1);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'forum.mention'`, [kim.id]);
    expect(n).toBe(2);
  });

  it('when an unsubscribe token is forged or broken, then 404 with a clear message and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const forged = `${member.id}.mention.${'A'.repeat(32)}`;
    for (const token of [forged, 'nonsense', `${member.id}.nogroup.${'A'.repeat(32)}`]) {
      const get = await request(t.app).get(`/notifications/unsubscribe/${token}`);
      expect(get.status).toBe(404);
      expect(get.text).toContain('Abmeldelink ist ungültig');
      const post = await request(t.app).post(`/notifications/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click');
      expect(post.status).toBe(404);
    }
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notification_preferences WHERE user_id = $1`, [member.id]);
    expect(n).toBe(0);
  });

  it('when three replies come within 10 minutes, then one e-mail lists all three; a fourth waits for the next slot', async () => {
    const asker = await createUser(t.ctx.ds, { name: 'Asker' });
    const thread = await createThread(t.ctx.ds, { author: asker, title: `Bürgerhaushalt ${uniq()}` });
    for (const name of ['Erika', 'Fritz', 'Gisela']) await reply(await createUser(t.ctx.ds, { name }), thread, `Antwort von ${name}`);
    await t.drain();
    const [mail] = await smtp.waitFor(asker.email, 1);
    expect(mail!.subject).toBe(`3 Neuigkeiten: ${thread.title}`);
    for (const name of ['Erika', 'Fritz', 'Gisela']) expect(mail!.text).toContain(`${name} hat Ihnen geantwortet: ${thread.title}`);
    expect(String(mail!.html).match(/<li>/g)).toHaveLength(3);
    expect(mail!.html).toContain('<html lang="de">');

    await reply(await createUser(t.ctx.ds, { name: 'Heinz' }), thread, 'Noch eine Antwort');
    await t.drain();
    await sleep(200);
    expect(smtp.to(asker.email)).toHaveLength(1);
    const [waiting] = await t.ctx.ds.query(
      `SELECT id, available_at > now() + interval '9 minutes' AS later FROM outbox WHERE topic = 'notifications.email' AND key = $1 AND processed_at IS NULL`,
      [`notify-mail:${asker.id}:${threadOf(thread.url)}`]);
    expect(waiting.later).toBe(true);
    // Ten minutes later (moved back in time): the next e-mail, with only the new reply.
    await t.ctx.ds.query(`UPDATE notifications SET emailed_at = emailed_at - interval '11 minutes' WHERE user_id = $1`, [asker.id]);
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [waiting.id]);
    await t.drain();
    const both = await smtp.waitFor(asker.email, 2);
    expect(both[1]!.subject).toBe(`Heinz hat Ihnen geantwortet: ${thread.title}`);
  });

  it('when the SMTP server is down, then the e-mail waits, and once it is back exactly one message arrives', async () => {
    const member = await createUser(t.ctx.ds);
    const actor = await createUser(t.ctx.ds, { name: 'Olga Outage' });
    await smtp.stop();
    try {
      await inTransaction(t.ctx.ds, (db) => notify(db, { userId: member.id, kind: 'forum.mention', title: 'Störung', language: 'de', url: '/forum/threads/1-stoerung', actorId: actor.id }));
      await t.drain();
      const [row] = await t.ctx.ds.query(`SELECT attempts, last_error, processed_at FROM outbox WHERE topic = 'mail.send' AND key = $1`, [`mail:${member.email}`]);
      expect(row.attempts).toBe(1);
      expect(row.last_error).toBeTruthy();
      expect(row.processed_at).toBeNull();
    } finally {
      await smtp.start();
    }
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = 'mail.send' AND key = $1 AND processed_at IS NULL`, [`mail:${member.email}`]);
    await t.drain();
    await smtp.waitFor(member.email, 1);
    await t.drain();
    await sleep(200);
    expect(smtp.to(member.email)).toHaveLength(1);
    expect(smtp.to(member.email)[0]!.subject).toBe('Olga Outage hat Sie erwähnt: Störung');
  });

  it('when a member is deleted before the e-mail goes out, or is pending, then no e-mail is sent', async () => {
    const gone = await createUser(t.ctx.ds);
    const pending = await createUser(t.ctx.ds, { status: 'pending' });
    const actor = await createUser(t.ctx.ds);
    for (const m of [gone, pending]) {
      await inTransaction(t.ctx.ds, (db) => notify(db, { userId: m.id, kind: 'forum.mention', title: 'Hallo', language: 'de', url: '/forum/threads/2-x', actorId: actor.id }));
    }
    await t.ctx.ds.query(`UPDATE users SET status = 'deleted' WHERE id = $1`, [gone.id]);
    await t.drain();
    await sleep(200);
    expect(smtp.to(gone.email)).toHaveLength(0);
    expect(smtp.to(pending.email)).toHaveLength(0);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'mail.send' AND key = ANY($1)`, [[`mail:${gone.email}`, `mail:${pending.email}`]]);
    expect(n).toBe(0);
  });

  it('when a notification is of a kind its module e-mails itself (an event change), then no second e-mail is queued', async () => {
    const member = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { userId: member.id, kind: 'event.changed', title: 'Werkstatt', language: 'de', url: '/events/1-werkstatt', actorId: null }));
    await t.drain();
    await sleep(200);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'notifications.email' AND key LIKE $1`, [`notify-mail:${member.id}:%`]);
    expect(n).toBe(0);
    expect(smtp.to(member.email)).toHaveLength(0);
  });

  it('when a notification e-mail was sent longer than OUTBOX_KEEP_DAYS ago, then pruning removes the row with the address; the batching row never held it', async () => {
    const member = await createUser(t.ctx.ds);
    await inTransaction(t.ctx.ds, (db) => notify(db, { userId: member.id, kind: 'forum.mention', title: 'Alt', language: 'de', url: '/forum/threads/3-alt', actorId: null }));
    await t.drain();
    await smtp.waitFor(member.email, 1);
    const [batch] = await t.ctx.ds.query(`SELECT payload::text AS p FROM outbox WHERE topic = 'notifications.email' AND key = $1`, [`notify-mail:${member.id}:${threadOf('/forum/threads/3-alt')}`]);
    expect(batch.p).not.toContain('alt');
    expect(batch.p).not.toContain(member.email);
    const keep = t.ctx.config.OUTBOX_KEEP_DAYS;
    await t.ctx.ds.query(`UPDATE outbox SET processed_at = now() - make_interval(days => $2 + 1) WHERE topic = 'mail.send' AND key = $1`, [`mail:${member.email}`, keep]);
    await pruneOutbox(t.ctx.ds, keep);
    const left = await t.ctx.ds.query(`SELECT id FROM outbox WHERE payload::text LIKE '%' || $1 || '%'`, [member.email]);
    expect(left).toEqual([]);
  });
});
