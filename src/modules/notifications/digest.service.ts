// The e-mail digest. Every minute the worker runs runDigestsDue: it claims the periods that are due
// (a row per member and period in notification_digests, primary key (user_id, period_start)) and
// queues one outbox job per member with something possibly new. The job lists the member's digest
// notifications, queues the e-mail and marks them e-mailed, all in one transaction that first takes
// the period (done_at): a retry or a second worker finds it done and sends nothing.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { OutboxHandler } from '../../shared/outbox.js';
import { queueComposedMail } from '../mail/index.js';
import { DEFAULT_DIGEST } from './notification-kinds.js';
import { composeNotificationMail } from './notification-mail.js';
import { dueSchedules } from './digest-schedule.js';
import { groupDigest, renderDigest } from './digest.content.js';
import * as store from './digest.store.js';

/**
 * Queues the digests due at `now` (default: the clock). Safe to run from any number of workers at
 * once, and again in the same period: each member's period is claimed once. Returns the jobs queued.
 * Tests and the browser journey call it with the member's hour set to the current Berlin hour, or
 * with a `now` at the member's hour.
 */
export async function runDigestsDue(ctx: AppContext, now: Date = new Date()): Promise<number> {
  return inTransaction(ctx.ds, (db) => store.claimDueDigests(db, dueSchedules(now), DEFAULT_DIGEST));
}

/** Builds and queues one member's digest for one period; returns how many notifications it listed (0: none sent). */
export async function sendDigest(ctx: AppContext, job: store.DigestJob): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    if (!(await store.takeDigestPeriod(db, job))) return 0;
    const member = await store.digestRecipient(db, job.userId);
    if (!member) return 0;
    const entries = await store.digestNotifications(db, job.userId, job.previousStart);
    if (!entries.length) return 0;
    const lang = member.language === 'en' ? 'en' : 'de';
    const body = renderDigest(lang, ctx.config.baseUrl, groupDigest(entries, lang));
    await queueComposedMail(db, composeNotificationMail(ctx.config, {
      to: member.email, userId: job.userId, lang, subject: body.subject, text: body.text, html: body.html, target: 'digest',
    }));
    await store.markEmailed(db, entries.map((e) => e.id));
    await store.recordDigestCount(db, job, entries.length);
    return entries.length;
  });
}

export function digestHandler(ctx: AppContext): OutboxHandler {
  return {
    batchSize: 20,
    async handle(messages) {
      for (const m of messages) await sendDigest(ctx, m.payload as store.DigestJob);
    },
  };
}

/** Digest periods are kept 60 days (enough to trace a complaint); the member's latest always stays. */
export const DIGEST_KEEP_DAYS = 60;
export const pruneDigests = (ctx: AppContext): Promise<number> => store.pruneDigestPeriods(ctx.ds, DIGEST_KEEP_DAYS);
