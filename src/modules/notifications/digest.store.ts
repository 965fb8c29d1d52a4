// The digest's SQL: claiming the due periods (one row per member and period, the primary key makes
// a second worker's claim a no-op), reading what a digest lists, and marking it e-mailed.
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import { channelSql, kindGroupSql } from './notification-kinds.js';
import type { DigestPeriod, DigestSchedule } from './digest-schedule.js';
import type { DigestEntry } from './digest.content.js';

export const DIGEST_TOPIC = 'notifications.digest';
/** Members claimed per scheduler tick (a minute): the rest follow in the next ticks of the catch-up window. */
export const DIGEST_CLAIM_LIMIT = 5000;
/** At most this many notifications in one digest (newest first); older ones stay in the app. */
export const DIGEST_MAX_ITEMS = 300;

export interface DigestJob {
  userId: number;
  periodStart: string;
  previousStart: string;
}

/**
 * Claims the periods due now for active members whose schedule (their row in notification_settings,
 * else the default) is among `due`. A member with something possibly new (unread, not e-mailed,
 * since the previous period) gets an outbox job; the others' period is closed at once (nothing to
 * send). Both happen in this one statement, so a job exists exactly when its claim does.
 */
export async function claimDueDigests(
  db: Queryable, due: (DigestSchedule & DigestPeriod)[], fallback: DigestSchedule,
): Promise<number> {
  if (!due.length) return 0;
  const claimed = await rows<{ n: number }>(db,
    `WITH due AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::timestamptz[], $5::timestamptz[])
                  AS d(frequency, weekday, hour, period_start, previous_start)
     ), members AS (
       SELECT u.id AS user_id, d.period_start, d.previous_start,
              EXISTS (SELECT 1 FROM notifications n
                       WHERE n.user_id = u.id AND n.read_at IS NULL AND n.emailed_at IS NULL AND n.created_at >= d.previous_start) AS pending
         FROM users u
         LEFT JOIN notification_settings s ON s.user_id = u.id
         JOIN due d ON d.frequency = coalesce(s.digest_frequency, $6)
                   AND d.hour = coalesce(s.digest_hour, $8)
                   AND (d.frequency = 'daily' OR d.weekday = coalesce(s.digest_weekday, $7))
        WHERE u.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM notification_digests g WHERE g.user_id = u.id AND g.period_start = d.period_start)
        ORDER BY u.id
        LIMIT $9
     ), claimed AS (
       INSERT INTO notification_digests (user_id, period_start, done_at)
       SELECT user_id, period_start, CASE WHEN pending THEN NULL ELSE now() END FROM members
       ON CONFLICT DO NOTHING
       RETURNING user_id, period_start, done_at IS NULL AS pending
     ), jobs AS (
       INSERT INTO outbox (topic, key, payload)
       SELECT $10, 'digest:' || c.user_id,
              jsonb_build_object('userId', c.user_id, 'periodStart', c.period_start, 'previousStart', m.previous_start)
         FROM claimed c JOIN members m ON m.user_id = c.user_id AND m.period_start = c.period_start
        WHERE c.pending
       RETURNING id
     )
     SELECT count(*)::int AS n FROM jobs`,
    [due.map((d) => d.frequency), due.map((d) => d.weekday), due.map((d) => d.hour), due.map((d) => d.start.toISOString()),
      due.map((d) => d.previousStart.toISOString()), fallback.frequency, fallback.weekday, fallback.hour, DIGEST_CLAIM_LIMIT, DIGEST_TOPIC]);
  const n = claimed[0]?.n ?? 0;
  if (n) await db.query(`SELECT pg_notify('outbox', $1)`, [DIGEST_TOPIC]);
  return n;
}

/** Takes the period for the job (locks the row); false when it was done already (a retry, another worker). */
export async function takeDigestPeriod(db: Queryable, job: DigestJob): Promise<boolean> {
  return (await affected(db,
    `UPDATE notification_digests SET done_at = now() WHERE user_id = $1 AND period_start = $2 AND done_at IS NULL RETURNING user_id`,
    [job.userId, job.periodStart])) > 0;
}

export async function recordDigestCount(db: Queryable, job: DigestJob, count: number): Promise<void> {
  await affected(db, `UPDATE notification_digests SET notification_count = $3 WHERE user_id = $1 AND period_start = $2`,
    [job.userId, job.periodStart, count]);
}

export interface DigestRecipient {
  email: string;
  language: 'de' | 'en';
}

export async function digestRecipient(db: Queryable, userId: number): Promise<DigestRecipient | null> {
  return one<DigestRecipient>(db, `SELECT email, language FROM users WHERE id = $1 AND status = 'active'`, [userId]);
}

/** A listed notification: what the digest shows (DigestEntry), and when it came. */
export interface DigestNotification extends DigestEntry {
  createdAt: Date;
}

/**
 * What the member's digest lists: notifications whose channel is the digest, not e-mailed yet, not
 * read in the app, since the previous period; newest first. Not locked: a row read in the app
 * meanwhile is harmless, and a lock here could deadlock with the bell's read marks on a page view.
 */
export async function digestNotifications(db: Queryable, userId: number, since: string): Promise<DigestNotification[]> {
  return rows<DigestNotification>(db,
    `SELECT n.id, n.kind, ${kindGroupSql('n.kind')} AS "group", n.title, n.language, n.url, n.vars, n.created_at AS "createdAt",
            regexp_replace(n.url, '[?#].*$', '') AS item,
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "actorName"
       FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
      WHERE n.user_id = $1 AND n.read_at IS NULL AND n.emailed_at IS NULL AND n.created_at >= $2
        AND ${channelSql('n.user_id', 'n.kind')} = 'digest'
      ORDER BY n.id DESC
      LIMIT $3`,
    [userId, since, DIGEST_MAX_ITEMS]);
}

export async function markEmailed(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length) await affected(db, `UPDATE notifications SET emailed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
}

/** Housekeeping: digest periods older than `days` (the latest per member is kept, it is the member's last digest). */
export async function pruneDigestPeriods(db: Queryable, days: number): Promise<number> {
  return affected(db,
    `DELETE FROM notification_digests g
      WHERE g.period_start < now() - make_interval(days => $1)
        AND EXISTS (SELECT 1 FROM notification_digests h WHERE h.user_id = g.user_id AND h.period_start > g.period_start)`,
    [days]);
}

export async function digestsOfMember(db: Queryable, userId: number): Promise<unknown[]> {
  return rows(db,
    `SELECT period_start AS "periodStart", done_at AS "doneAt", notification_count AS "notificationCount"
       FROM notification_digests WHERE user_id = $1 ORDER BY period_start`, [userId]);
}
