// Writes to notifications. Functions that run inside another module's write take that
// transaction's `db`; the member's own read marks run on whatever Queryable the service gives.
import { IsNull, type DataSource } from 'typeorm';
import { affected, rows, type Db, type Queryable } from '../../db/sql.js';
import type { ContributionsChoice } from '../module.js';
import { Notification } from './notification.entity.js';
import { channelSql, type Channel } from './notification-kinds.js';

export interface NotificationRecord {
  userId: number;
  kind: string;
  title: string;
  url: string;
  actorId: number | null;
  subjectType: string | null;
  subjectId: string | null;
  vars: Record<string, string | number>;
  language: 'de' | 'en' | null;
}

/**
 * Inserts the notification when its member is active (a pending or deleted member gets none);
 * returns the channel the member chose for its kind, or null when nothing was inserted.
 */
export async function insertNotification(db: Db, n: NotificationRecord): Promise<Channel | null> {
  const [row] = await rows<{ channel: Channel }>(db,
    `INSERT INTO notifications AS n (user_id, kind, title, url, actor_id, subject_type, subject_id, vars, language)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM users WHERE id = $1 AND status = 'active')
     RETURNING ${channelSql('n.user_id', 'n.kind')} AS channel`,
    [n.userId, n.kind, n.title, n.url, n.actorId, n.subjectType, n.subjectId, JSON.stringify(n.vars), n.language],
  );
  return row?.channel ?? null;
}

/** Removes the notifications about these subjects (content that no longer exists). */
export async function forgetNotificationsAbout(db: Db, subjectType: string, ids: (number | string)[]): Promise<void> {
  if (!ids.length) return;
  await affected(db, `DELETE FROM notifications WHERE subject_type = $1 AND subject_id = ANY($2::text[])`, [subjectType, ids.map(String)]);
}

/**
 * Gives the notifications about these subjects a new title (the title they showed was removed),
 * and their links a new start where the address held it (e.g. a thread's slug).
 */
export async function retitleNotificationsAbout(
  db: Db, subjectType: string, ids: (number | string)[], title: string, url?: { from: string; to: string },
): Promise<void> {
  if (!ids.length) return;
  await affected(db,
    `UPDATE notifications SET title = $3,
            url = CASE WHEN $4::text IS NOT NULL AND starts_with(url, $4) THEN $5 || substr(url, length($4) + 1) ELSE url END
      WHERE subject_type = $1 AND subject_id = ANY($2::text[])`,
    [subjectType, ids.map(String), title.slice(0, 300), url?.from ?? null, url?.to ?? null]);
}

/** Marks the member's notification read; its link, or null when the member has no such notification. */
export async function markNotificationRead(db: Queryable, userId: number, id: number): Promise<string | null> {
  return (await rows<{ url: string }>(db,
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING url`, [id, userId]))[0]?.url ?? null;
}

/** Marks the member's unread notifications whose link (without #fragment or query) is `path`; how many. */
export async function markNotificationsReadByPath(db: Queryable, userId: number, path: string): Promise<number> {
  return affected(db,
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND regexp_replace(url, '[?#].*$', '') = $2 RETURNING id`, [userId, path]);
}

export async function markAllNotificationsRead(db: DataSource | Db, userId: number): Promise<void> {
  await db.getRepository(Notification).update({ userId, readAt: IsNull() }, { readAt: () => 'now()' });
}

/**
 * Account deletion: the member's own notifications, settings and waiting e-mail batches go. Those telling others about the member's
 * actions stay with kept contributions (the actor shows as "former member") and go with removed ones.
 */
export async function deleteNotificationsOfMember(db: Db, userId: number, contributions: ContributionsChoice): Promise<void> {
  await db.delete(Notification, { userId });
  await affected(db, `DELETE FROM notification_digests WHERE user_id = $1`, [userId]);
  // The account row stays (anonymised): its settings and waiting e-mail batches go explicitly.
  await affected(db, `DELETE FROM notification_preferences WHERE user_id = $1`, [userId]);
  await affected(db, `DELETE FROM notification_settings WHERE user_id = $1`, [userId]);
  await affected(db, `DELETE FROM outbox WHERE topic = 'notifications.email' AND key LIKE $1 AND processed_at IS NULL`, [`notify-mail:${userId}:%`]);
  if (contributions === 'remove') await db.delete(Notification, { actorId: userId });
}
