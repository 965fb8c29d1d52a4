// Reads of notifications: the bell's unread count, the /notifications list, the data download.
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../db/prepared.js';
import { rows, type Db, type Queryable } from '../../db/sql.js';
import { Notification } from './notification.entity.js';
import { digestsOfMember } from './digest.store.js';

/** The bell's count read with the session (module contract `sessionReads`): same count as unreadCount. */
export const UNREAD_READ = 'notifications.unread';
export const UNREAD_SQL = '(SELECT count(*)::int FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)';
/**
 * The pages the newest unread notifications link to (as markNotificationsReadByPath compares them), at
 * most UNREAD_PATHS_MAX + 1: with no more than UNREAD_PATHS_MAX the list is complete, and a page not
 * in it has nothing to mark read, so the page view writes nothing.
 */
export const UNREAD_PATHS_READ = 'notifications.unreadPaths';
export const UNREAD_PATHS_MAX = 20;
export const UNREAD_PATHS_SQL = `ARRAY(SELECT regexp_replace(n.url, '[?#].*$', '') FROM notifications n
              WHERE n.user_id = u.id AND n.read_at IS NULL ORDER BY n.id DESC LIMIT ${UNREAD_PATHS_MAX + 1})`;

export async function unreadCount(ds: DataSource, userId: number): Promise<number> {
  const [row] = await preparedQuery<{ n: number }>(ds, 'notifications-unread',
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return row!.n;
}

export interface NotificationRow {
  id: number;
  kind: string;
  title: string;
  url: string;
  createdAt: Date;
  readAt: Date | null;
  actorName: string | null;
  vars: Record<string, string | number>;
  /** The title's language; null for notifications written before it was recorded. */
  language: string | null;
}

export async function listNotifications(db: Queryable, userId: number, limit: number, offset: number): Promise<{ rows: NotificationRow[]; total: number }> {
  const found = await rows<NotificationRow & { total: string }>(db,
    `SELECT n.id, n.kind, n.title, n.language, n.url, n.created_at AS "createdAt", n.read_at AS "readAt", n.vars,
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "actorName", count(*) OVER () AS total
       FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
      WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3`,
    [userId, limit, offset],
  );
  return { rows: found, total: found.length ? Number(found[0]!.total) : 0 };
}

/** For the member's data download: the notifications they got, and those others got about their actions (without those members' names). */
export async function notificationsOfMember(db: DataSource | Db, userId: number): Promise<{ received: unknown[]; caused: unknown[]; preferences: unknown[]; digest: unknown[]; digests: unknown[] }> {
  const received = await db.getRepository(Notification).find({
    select: { id: true, kind: true, title: true, url: true, vars: true, createdAt: true, readAt: true }, where: { userId }, order: { id: 'ASC' },
  });
  const caused = await db.getRepository(Notification).find({ select: { id: true, kind: true, url: true, createdAt: true }, where: { actorId: userId }, order: { id: 'ASC' } });
  const preferences = await rows(db,
    `SELECT kind_group AS "kindGroup", channel, updated_at AS "updatedAt" FROM notification_preferences WHERE user_id = $1 ORDER BY kind_group`, [userId]);
  const digest = await rows(db,
    `SELECT digest_frequency AS frequency, digest_weekday AS weekday, digest_hour AS hour, updated_at AS "updatedAt"
       FROM notification_settings WHERE user_id = $1`, [userId]);
  // The digests sent (or found empty) per period.
  const digests = await digestsOfMember(db, userId);
  return {
    preferences, digest, digests,
    received: received.map(({ kind, title, url, vars, createdAt, readAt }) => ({ kind, title, url, vars, createdAt, readAt })),
    caused: caused.map(({ kind, url, createdAt }) => ({ kind, url, createdAt })),
  };
}
