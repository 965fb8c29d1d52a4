import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ParsedMail } from 'mailparser';
import { berlinTime, DIGEST_TOPIC, notificationsModule, runDigestsDue } from '../../../src/modules/notifications/index.js';
import { readUnsubscribeToken } from '../../../src/modules/notifications/notification-mail.js';
import { drainOutbox, runHousekeeping, startWorker } from '../../../src/worker.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { createAdministration, createUser, type TestUser } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { digestDueNow } from '../../support/digest.js';
import { startSmtp, type TestSmtp } from '../../support/smtp.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { announceRecipients } from '../../../src/modules/usecases/announce.store.js';
import { inTransaction } from '../../../src/db/transaction.js';

// Real SMTP and a database of our own: other test files' workers drain every topic of the shared
// database and would send (or take) our digests.
describe('e-mail digest', () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
    env.SMTP_URL = smtp.url;
    // The default cap (the test configuration turns the announcements off for the shared database).
    env.LIKE_MINE_MAX_RECIPIENTS = '500';
  });
  afterAll(() => smtp.stop());
  const env = usePrivateDatabase();
  const t = useTestApp(env);
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await t.ctx.ds.query(sql, params)) as T[];

  /** A member whose daily digest is due now: its hour is the current Berlin hour. */
  async function dailyNow(o: { language?: string; administrationId?: number } = {}): Promise<TestUser> {
    const u = await createUser(t.ctx.ds, { language: o.language ?? 'en', administrationId: o.administrationId });
    await digestDueNow(t.ctx.ds, u.id);
    return u;
  }

  /** `watcher` watches a new thread; `n` other members reply to it through the app. */
  async function followedThreadWithReplies(watcher: TestUser, n: number) {
    const th = await createThread(t.ctx.ds, { title: `Thread ${Math.random().toString(36).slice(2, 8)} about budgets` });
    const w = await signedIn(t.app, watcher);
    expect((await w.post('/forum/follow', { targetType: 'thread', targetId: String(th.id), level: 'watching' })).status).toBe(303);
    const poster = await signedIn(t.app, await createUser(t.ctx.ds));
    for (let i = 0; i < n; i++) {
      expect((await poster.post(`/forum/threads/${th.id}/replies`, { body: `Reply number ${i} with enough text.` })).status).toBe(303);
    }
    return { th, w };
  }

  const digestsOf = (userId: number) =>
    q<{ count: number; done: boolean }>(`SELECT notification_count AS count, done_at IS NOT NULL AS done FROM notification_digests WHERE user_id = $1`, [userId]);
  const emailed = (userId: number) =>
    q<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND emailed_at IS NOT NULL`, [userId]).then((r) => r[0]!.n);

  it('when a member with a daily digest at this hour has replies in followed threads, then one digest arrives with counts, both parts and the unsubscribe headers, leaving out what was read in the app', async () => {
    const member = await dailyNow();
    const a = await followedThreadWithReplies(member, 3);
    const b = await followedThreadWithReplies(member, 2);
    const read = await followedThreadWithReplies(member, 4);
    // Opening thread `read` in the app reads its notifications: the digest leaves them out.
    expect((await read.w.get(read.th.url)).status).toBe(200);

    expect(await runDigestsDue(t.ctx)).toBeGreaterThanOrEqual(1);
    await t.drain();
    const [mail] = await smtp.waitFor(member.email, 1);
    const m = mail as ParsedMail;
    expect(m.subject).toBe('Praxis digest: 5 new notifications');
    expect(m.text).toContain('5 new replies in 2 threads you follow');
    expect(m.text).toContain(`- ${a.th.title} (3 new)`);
    expect(m.text).toContain(`- ${b.th.title} (2 new)`);
    expect(m.text).not.toContain(read.th.title);
    // Newest first: thread b got its replies after thread a.
    expect(m.text!.indexOf(b.th.title)).toBeLessThan(m.text!.indexOf(a.th.title));
    expect(m.html).toContain(`<a href="http://praxis.test${a.th.url}`);
    expect(m.html).not.toContain(read.th.title);
    // RFC 8058 one-click unsubscribe from the digest, with a signed token for this member.
    const header = (name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(http:\/\/praxis\.test\/notifications\/unsubscribe\/([^>]+))>$/.exec(header('list-unsubscribe') ?? '');
    expect(link).not.toBeNull();
    expect(readUnsubscribeToken(t.ctx.config.sessionSecret, link![2]!)).toEqual({ userId: member.id, target: 'digest' });
    expect(m.text).toContain(link![1]);

    expect(await digestsOf(member.id)).toEqual([{ count: 5, done: true }]);
    expect(await emailed(member.id)).toBe(5);
    // The member's data download lists the digest.
    expect((await notificationsModule.exportUserData!(t.ctx.ds, member.id)).digests).toEqual([expect.objectContaining({ notificationCount: 5 })]);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NOT NULL AND emailed_at IS NULL`, [member.id]))[0]!.n).toBe(4);

    // A second run in the same period sends nothing, even with something new meanwhile (it waits for the next period).
    await followedThreadWithReplies(member, 1);
    await runDigestsDue(t.ctx);
    await t.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(member.email)).toHaveLength(1);
    expect(await digestsOf(member.id)).toEqual([{ count: 5, done: true }]);
    expect(await emailed(member.id)).toBe(5);
  });

  it('when a member has nothing new, or only notifications that go out at once, then no digest is sent', async () => {
    const quiet = await dailyNow();
    const otherChannel = await dailyNow();
    // A reply to otherChannel's own thread: 'replyToMine' goes by e-mail at once by default, not in the digest.
    const mine = await createThread(t.ctx.ds, { author: otherChannel });
    await (await signedIn(t.app, await createUser(t.ctx.ds))).post(`/forum/threads/${mine.id}/replies`, { body: 'A reply to your question.' });
    await q(`UPDATE notifications SET emailed_at = NULL WHERE user_id = $1`, [otherChannel.id]);
    await runDigestsDue(t.ctx);
    // Only the digest jobs: the e-mail at once is not this part's concern.
    await drainOutbox(t.ctx);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(quiet.email).filter((m) => m.subject?.startsWith('Praxis digest'))).toHaveLength(0);
    expect(smtp.to(otherChannel.email).filter((m) => m.subject?.startsWith('Praxis digest'))).toHaveLength(0);
    expect(await digestsOf(quiet.id)).toEqual([{ count: 0, done: true }]);
    expect(await digestsOf(otherChannel.id)).toEqual([{ count: 0, done: true }]);
  });

  it('when the member chose weekly on another day or no digest, then nothing is queued for them now', async () => {
    const off = await dailyNow();
    await q(`UPDATE notification_settings SET digest_frequency = 'off' WHERE user_id = $1`, [off.id]);
    const otherDay = await dailyNow();
    const today = berlinTime(new Date()).weekday;
    await q(`UPDATE notification_settings SET digest_frequency = 'weekly', digest_weekday = $2 WHERE user_id = $1`, [otherDay.id, (today % 7) + 1]);
    await followedThreadWithReplies(off, 1);
    await followedThreadWithReplies(otherDay, 1);
    await runDigestsDue(t.ctx);
    expect(await digestsOf(off.id)).toEqual([]);
    expect(await digestsOf(otherDay.id)).toEqual([]);
  });

  it('when two schedulers and two workers run at once, then exactly one digest is sent', async () => {
    const member = await dailyNow({ language: 'de' });
    await followedThreadWithReplies(member, 2);
    // Two schedulers claiming the same moment, then two drains taking jobs side by side.
    const queued = await Promise.all([runDigestsDue(t.ctx), runDigestsDue(t.ctx)]);
    expect(queued.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(1);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND payload ->> 'userId' = $2`, [DIGEST_TOPIC, String(member.id)]))[0]!.n).toBe(1);
    await Promise.all([drainOutbox(t.ctx, 'drain-w1'), drainOutbox(t.ctx, 'drain-w2')]);
    const [mail] = await smtp.waitFor(member.email, 1);
    expect(mail!.subject).toBe('Praxis-Zusammenfassung: 2 neue Benachrichtigungen');
    expect(mail!.text).toContain('2 neue Antworten in einem Thema, dem Sie folgen');

    // The same job delivered twice (at-least-once outbox) sends nothing more.
    const [job] = await q<{ payload: unknown }>(`SELECT payload FROM outbox WHERE topic = $1 AND payload ->> 'userId' = $2`, [DIGEST_TOPIC, String(member.id)]);
    await q(`INSERT INTO outbox (topic, key, payload) VALUES ($1, 'digest:again', $2)`, [DIGEST_TOPIC, JSON.stringify(job!.payload)]);
    await t.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(member.email)).toHaveLength(1);
  });

  it('when two real worker processes start side by side, then their minute ticks queue and send exactly one digest', async () => {
    const member = await dailyNow();
    await followedThreadWithReplies(member, 1);
    const workers = [startWorker(t.ctx, { pollMs: 50 }), startWorker(t.ctx, { pollMs: 50 })];
    try {
      await smtp.waitFor(member.email, 1);
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(smtp.to(member.email)).toHaveLength(1);
    expect(smtp.to(member.email)[0]!.subject).toBe('Praxis digest: 1 new notification');
    expect(await digestsOf(member.id)).toEqual([{ count: 1, done: true }]);
  });

  it('when a member has no digest settings, then the default weekly digest goes on Monday at 7:00 Berlin time (a worker given that moment sends it)', async () => {
    const member = await createUser(t.ctx.ds, { language: 'en' });
    await followedThreadWithReplies(member, 1);
    // Sunday evening: not due; Monday 7:05 in winter (6:05 UTC): due, its period starts at 6:00 UTC.
    await runDigestsDue(t.ctx, new Date('2026-01-04T19:00:00Z'));
    expect(await digestsOf(member.id)).toEqual([]);
    await runDigestsDue(t.ctx, new Date('2026-01-05T06:05:00Z'));
    const [period] = await q<{ start: Date }>(`SELECT period_start AS start FROM notification_digests WHERE user_id = $1`, [member.id]);
    expect(period!.start.toISOString()).toBe('2026-01-05T06:00:00.000Z');
    await t.drain();
    const [mail] = await smtp.waitFor(member.email, 1);
    expect(mail!.subject).toBe('Praxis digest: 1 new notification');
  });

  it('when housekeeping runs, then digest periods older than 60 days go, except the member\'s latest', async () => {
    const a = await createUser(t.ctx.ds);
    const b = await createUser(t.ctx.ds);
    const period = (u: TestUser, daysAgo: number) =>
      q(`INSERT INTO notification_digests (user_id, period_start, done_at) VALUES ($1, now() - make_interval(days => $2), now())`, [u.id, daysAgo]);
    await period(a, 90); await period(a, 83); await period(a, 1);
    await period(b, 90); await period(b, 83);
    await runHousekeeping(t.ctx);
    const left = async (u: TestUser) => (await q<{ d: number }>(
      `SELECT round(extract(epoch FROM now() - period_start) / 86400)::int AS d FROM notification_digests WHERE user_id = $1 ORDER BY period_start`, [u.id])).map((r) => r.d);
    expect(await left(a)).toEqual([1]);
    expect(await left(b)).toEqual([83]);
  });

  describe('new use cases like mine', () => {
    it('when a use case is published, then members of similar administrations and followers of its topics are told, not a very different administration nor the own one, nobody twice, and the digest carries it', async () => {
      const village = await createAdministration(t.ctx.ds, { kind: 'municipality', population: 3_700, state: 'BY', name: 'Gemeinde Dorfen-Test' });
      const alike = await createAdministration(t.ctx.ds, { kind: 'municipality', population: 4_200, state: 'BY' });
      const city = await createAdministration(t.ctx.ds, { kind: 'municipality', population: 187_000, state: 'NW' });
      const author = await createUser(t.ctx.ds, { administrationId: village.id });
      const colleague = await createUser(t.ctx.ds, { administrationId: village.id });
      const similar = await dailyNow({ administrationId: alike.id });
      const different = await createUser(t.ctx.ds, { administrationId: city.id });
      const follower = await createUser(t.ctx.ds, { administrationId: city.id });
      await q(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'method', 'participatory-budget')`, [follower.id]);
      const uc = await createUseCase(t.ctx.ds, { administrationId: village.id, createdById: author.id, published: false, title: 'Dorfbudget für alle' });

      const b = await signedIn(t.app, author);
      expect((await b.post(`/use-cases/${uc.slug}/edit/publish`, { publish: 'publish' }, `/use-cases/${uc.slug}/edit/publish`)).status).toBe(303);
      await t.drain();

      const kinds = async (userId: number) =>
        (await q<{ kind: string }>(`SELECT kind FROM notifications WHERE user_id = $1 AND subject_type = 'use_case' AND subject_id = $2`, [userId, String(uc.id)])).map((r) => r.kind);
      expect(await kinds(similar.id)).toEqual(['usecase.likeMine']);
      expect(await kinds(follower.id)).toEqual(['usecase.followedTopic']);
      expect(await kinds(different.id)).toEqual([]);
      expect(await kinds(colleague.id)).toEqual([]);
      expect(await kinds(author.id)).toEqual([]);

      // Published again after a draft: nobody is told twice.
      await b.post(`/use-cases/${uc.slug}/edit/publish`, { publish: 'draft' }, `/use-cases/${uc.slug}/edit/publish`);
      await b.post(`/use-cases/${uc.slug}/edit/publish`, { publish: 'publish' }, `/use-cases/${uc.slug}/edit/publish`);
      await t.drain();
      expect(await kinds(similar.id)).toEqual(['usecase.likeMine']);
      expect(await kinds(follower.id)).toEqual(['usecase.followedTopic']);

      await runDigestsDue(t.ctx);
      await t.drain();
      const [mail] = await smtp.waitFor(similar.email, 1);
      expect(mail!.text).toContain('Use cases like mine');
      expect(mail!.text).toContain('1 new use case from an administration like yours');
      expect(mail!.text).toContain('Dorfbudget für alle');
      expect(mail!.text).toContain('New use case from an administration like yours: Gemeinde Dorfen-Test');
      expect(mail!.html).toContain(`/use-cases/${uc.slug}`);
    });

    it('when more members qualify than the cap, then topic followers come first, then the most similar', async () => {
      const county = await createAdministration(t.ctx.ds, { kind: 'county', population: 150_000, state: 'SL' });
      const twin = await createAdministration(t.ctx.ds, { kind: 'county', population: 150_000, state: 'SL' });
      const near = await createAdministration(t.ctx.ds, { kind: 'county', population: 300_000, state: 'SL' });
      const far = await createAdministration(t.ctx.ds, { kind: 'state_agency', population: null, state: 'HB' });
      const nearMember = await createUser(t.ctx.ds, { administrationId: near.id });
      const twinMember = await createUser(t.ctx.ds, { administrationId: twin.id });
      const follower = await createUser(t.ctx.ds, { administrationId: far.id });
      await q(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', 'mobility-unique')`, [follower.id]);
      const uc = await createUseCase(t.ctx.ds, { administrationId: county.id, policyAreas: ['mobility-unique'], methods: ['walk-unique'] });
      const all = await inTransaction(t.ctx.ds, (db) => announceRecipients(db, uc.id));
      expect(all).toEqual([
        { userId: follower.id, kind: 'usecase.followedTopic' },
        { userId: twinMember.id, kind: 'usecase.likeMine' },
        { userId: nearMember.id, kind: 'usecase.likeMine' },
      ]);
      expect(await inTransaction(t.ctx.ds, (db) => announceRecipients(db, uc.id, 2))).toEqual(all.slice(0, 2));
    });
  });
});
