// Writing notifications. notify() is called by other modules inside their own transaction, so a
// notification exists exactly when the thing it announces does. The SQL is in notifications.store.ts.
import type { AppContext } from '../module.js';
import type { Db } from '../../db/sql.js';
import * as store from './notifications.store.js';
import type { Channel } from './notification-kinds.js';
import { mailedByTheirModule, queueNotificationEmail } from './notification-email.service.js';

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

/**
 * Never notifies people about their own actions. A member who chose e-mail for the kind's group gets
 * one (batched per thread). Returns the member's channel for the kind, or null when nobody was
 * notified (their own action, or a member who is not active): a module that mails a kind itself
 * (MAILED_BY_THEIR_MODULE, e.g. event changes with their calendar file) sends its mail only for 'email'.
 */
export async function notify(db: Db, n: NotificationInput): Promise<Channel | null> {
  if (n.actorId && n.actorId === n.userId) return null;
  const channel = await store.insertNotification(db, {
    userId: n.userId, kind: n.kind, title: n.title.slice(0, 300), url: n.url, actorId: n.actorId ?? null, subjectType: n.subjectType ?? null,
    subjectId: n.subjectId === undefined ? null : String(n.subjectId), vars: n.vars ?? {},
    language: n.language === 'de' || n.language === 'en' ? n.language : null,
  });
  if (channel === 'email' && !mailedByTheirModule(n.kind)) await queueNotificationEmail(db, n.userId, n.url);
  return channel;
}

/** Marks one of the member's notifications read; returns its link, or null when it is not theirs. */
export async function markRead(ctx: AppContext, userId: number, id: number): Promise<string | null> {
  return store.markNotificationRead(ctx.ds, userId, id);
}

/**
 * Opening a page marks the member's unread notifications that link to it as read (the link's path,
 * without #fragment or query, is the page's path). Returns how many were marked.
 */
export async function markReadByPath(ctx: AppContext, userId: number, path: string): Promise<number> {
  return store.markNotificationsReadByPath(ctx.ds, userId, path);
}

export async function markAllRead(ctx: AppContext, userId: number): Promise<void> {
  await store.markAllNotificationsRead(ctx.ds, userId);
}
