// Writing and reading notifications. notify() is called by other modules inside their own
// transaction, so a notification exists exactly when the thing it announces does.
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { preparedQuery } from '../../db/prepared.js';
import { returned } from '../../db/sql.js';

export interface NotificationInput {
  userId: number;
  /** e.g. forum.reply, forum.mention, forum.accepted, usecase.adopted … (message key: notifications.kind.<kind>) */
  kind: string;
  /** Short text shown in the list (usually the title of the thing). */
  title: string;
  /** The title's language ('de' | 'en'), marked on it in the list (WCAG 3.1.2); null when unknown. */
  language: string | null;
  url: string;
  actorId?: number | null;
  subjectType?: string;
  subjectId?: string | number;
  /** Values for the kind's message, e.g. { administration: 'Stadt X' } (plain text, escaped when shown). */
  vars?: Record<string, string | number>;
}

/** Never notifies people about their own actions. */
export async function notify(db: EntityManager, n: NotificationInput): Promise<void> {
  if (n.actorId && n.actorId === n.userId) return;
  await db.query(
    `INSERT INTO notifications (user_id, kind, title, url, actor_id, subject_type, subject_id, vars, language)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE EXISTS (SELECT 1 FROM users WHERE id = $1 AND status = 'active')`,
    [n.userId, n.kind, n.title.slice(0, 300), n.url, n.actorId ?? null, n.subjectType ?? null, n.subjectId === undefined ? null : String(n.subjectId),
      JSON.stringify(n.vars ?? {}), n.language === 'de' || n.language === 'en' ? n.language : null],
  );
}

/** Removes the notifications about these subjects (content that no longer exists). */
export async function forgetNotificationsAbout(db: EntityManager, subjectType: string, ids: (number | string)[]): Promise<void> {
  if (!ids.length) return;
  await db.query(`DELETE FROM notifications WHERE subject_type = $1 AND subject_id = ANY($2::text[])`, [subjectType, ids.map(String)]);
}

/**
 * Gives the notifications about these subjects a new title (the title they showed was removed),
 * and their links a new start where the address held it (e.g. a thread's slug).
 */
export async function retitleNotificationsAbout(
  db: EntityManager, subjectType: string, ids: (number | string)[], title: string, url?: { from: string; to: string },
): Promise<void> {
  if (!ids.length) return;
  await db.query(
    `UPDATE notifications SET title = $3,
            url = CASE WHEN $4::text IS NOT NULL AND starts_with(url, $4) THEN $5 || substr(url, length($4) + 1) ELSE url END
      WHERE subject_type = $1 AND subject_id = ANY($2::text[])`,
    [subjectType, ids.map(String), title.slice(0, 300), url?.from ?? null, url?.to ?? null]);
}

export async function unreadCount(ctx: AppContext, userId: number): Promise<number> {
  const [row] = await preparedQuery<{ n: number }>(ctx.ds, 'notifications-unread',
    `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return row!.n;
}

export async function markRead(ctx: AppContext, userId: number, id: number): Promise<string | null> {
  const rows = await ctx.ds.query(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING url`, [id, userId]);
  return returned<{ url: string }>(rows)[0]?.url ?? null;
}

/**
 * Opening a page marks the member's unread notifications that link to it as read (the link's path,
 * without #fragment or query, is the page's path). Returns how many were marked.
 */
export async function markReadByPath(ctx: AppContext, userId: number, path: string): Promise<number> {
  const rows = await ctx.ds.query(
    `UPDATE notifications SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND regexp_replace(url, '[?#].*$', '') = $2 RETURNING id`, [userId, path]);
  return returned(rows).length;
}

export async function markAllRead(ctx: AppContext, userId: number): Promise<void> {
  await ctx.ds.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId]);
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

export async function listNotifications(ctx: AppContext, userId: number, limit: number, offset: number): Promise<{ rows: NotificationRow[]; total: number }> {
  const rows = await ctx.ds.query(
    `SELECT n.id, n.kind, n.title, n.language, n.url, n.created_at AS "createdAt", n.read_at AS "readAt", n.vars,
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "actorName", count(*) OVER () AS total
       FROM notifications n LEFT JOIN users u ON u.id = n.actor_id
      WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3`,
    [userId, limit, offset],
  );
  return { rows, total: rows.length ? Number(rows[0].total) : 0 };
}
