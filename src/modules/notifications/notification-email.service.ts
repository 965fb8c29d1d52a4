// "E-mail at once", batched per thread: a notification whose member chose e-mail for its group
// queues an outbox row (topic notifications.email, key notify-mail:<member>:<thread>). The thread is
// the page the notification opens (its link without #fragment), as an MD5 of that path: addresses
// carry slugs made from titles, and a deleted member's title must not stay behind in the outbox
// (tests/modules/accounts/privacy-marker.test.ts). The row is due at once, or 10
// minutes after the last e-mail about that thread; the handler then sends ONE e-mail with every
// notification of that member and thread not yet e-mailed and not read in the app meanwhile.
// The handler that sends is in notification-email.handler.ts.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/sql.js';
import { addToOutbox } from '../../shared/outbox.js';
import { secondsUntilNextMail } from './notification-email.store.js';

export const NOTIFY_MAIL_TOPIC = 'notifications.email';
/** At most one e-mail per member and thread in this time. */
export const MAIL_SPACING_SECONDS = 600;

/**
 * Kinds whose module sends its own e-mail with the notification (the events module: changes,
 * cancellations, a place from the waiting list, reminders, each with its calendar file; pre-vote
 * results and rejections). They are not e-mailed a second time here.
 */
export const MAILED_BY_THEIR_MODULE: readonly string[] = [
  'event.changed', 'event.cancelled', 'event.promoted', 'event.reminder', 'prevote.closed', 'prevote.rejected',
];
export const mailedByTheirModule = (kind: string) => MAILED_BY_THEIR_MODULE.includes(kind);

export interface NotifyMailPayload { userId: number; thread: string }

/** The thread of a link: the MD5 (hex) of its path without #fragment or query — THREAD_SQL in SQL. */
export const threadOf = (url: string) => createHash('md5').update(url.replace(/[?#].*$/, '')).digest('hex');
export const keyOf = (p: NotifyMailPayload) => `notify-mail:${p.userId}:${p.thread}`;

/** In the notifying transaction: the e-mail goes out when the notification commits, and not otherwise. */
export async function queueNotificationEmail(db: Db, userId: number, url: string): Promise<void> {
  const payload: NotifyMailPayload = { userId, thread: threadOf(url) };
  const delaySeconds = await secondsUntilNextMail(db, userId, payload.thread, MAIL_SPACING_SECONDS);
  await addToOutbox(db, NOTIFY_MAIL_TOPIC, payload, { key: keyOf(payload), delaySeconds });
}
