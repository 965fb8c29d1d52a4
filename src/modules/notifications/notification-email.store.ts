// SQL of "e-mail at once": which notifications of a member and thread are still to be e-mailed,
// when the thread's last e-mail went out, and marking what was sent.
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import { channelSql } from './notification-kinds.js';

/** The thread of a notification: the MD5 of its link without #fragment or query (the page it opens); threadOf in TS. */
export const THREAD_SQL = `md5(regexp_replace(n.url, '[?#].*$', ''))`;

/** Seconds until the member may get the next e-mail about this thread (0: now). */
export async function secondsUntilNextMail(db: Queryable, userId: number, thread: string, spacingSeconds: number): Promise<number> {
  const row = await one<{ wait: number | null }>(db,
    `SELECT ceil(extract(epoch FROM max(n.emailed_at) + make_interval(secs => $3) - now()))::int AS wait
       FROM notifications n WHERE n.user_id = $1 AND n.emailed_at IS NOT NULL AND ${THREAD_SQL} = $2`,
    [userId, thread, spacingSeconds]);
  return Math.max(0, row?.wait ?? 0);
}

export interface MailableNotification {
  id: string;
  kind: string;
  title: string;
  url: string;
  vars: Record<string, string | number>;
  actorName: string | null;
  email: string;
  language: 'de' | 'en';
}

/**
 * The member's notifications about this thread that still wait for their e-mail: not e-mailed, not
 * read in the app meanwhile, and still set to 'email' (a change in the settings counts at once);
 * not those of `skipKinds` (their module e-mails them itself).
 * Locks them, so two workers cannot send them twice. None for a member who is not active.
 */
export async function mailableNotifications(db: Queryable, userId: number, thread: string, skipKinds: readonly string[]): Promise<MailableNotification[]> {
  return rows<MailableNotification>(db,
    `SELECT n.id, n.kind, n.title, n.url, n.vars, u.email, u.language,
            (SELECT CASE WHEN a.status = 'deleted' THEN NULL ELSE a.name END FROM users a WHERE a.id = n.actor_id) AS "actorName"
       FROM notifications n JOIN users u ON u.id = n.user_id AND u.status = 'active'
      WHERE n.user_id = $1 AND ${THREAD_SQL} = $2 AND n.emailed_at IS NULL AND n.read_at IS NULL
        AND n.kind <> ALL($3::text[]) AND ${channelSql('n.user_id', 'n.kind')} = 'email'
      ORDER BY n.id
      FOR UPDATE OF n`,
    [userId, thread, skipKinds]);
}

export async function markEmailed(db: Queryable, ids: string[]): Promise<void> {
  await affected(db, `UPDATE notifications SET emailed_at = now() WHERE id = ANY($1::bigint[]) AND emailed_at IS NULL`, [ids]);
}

/** One member and thread at a time (two workers, or two rows for the same thread). */
export async function lockThread(db: Queryable, key: string): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
}
