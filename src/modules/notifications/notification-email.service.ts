// "E-mail at once", batched per thread: a notification whose member chose e-mail for its group
// queues an outbox row (topic notifications.email, key notify-mail:<member>:<thread>). The thread is
// the page the notification opens (its link without #fragment). The row is due at once, or 10
// minutes after the last e-mail about that thread; the handler then sends ONE e-mail with every
// notification of that member and thread not yet e-mailed and not read in the app meanwhile.
import type { AppContext } from '../module.js';
import type { Db } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import { addToOutbox, type OutboxHandler } from '../../shared/outbox.js';
import { translate, type Lang } from '../../shared/i18n.js';
import { queueComposedMail } from '../mail/index.js';
import { groupOf } from './notification-kinds.js';
import { composeNotificationMail, escapeHtml } from './notification-mail.js';
import { lockThread, mailableNotifications, markEmailed, secondsUntilNextMail, type MailableNotification } from './notification-email.store.js';

export const NOTIFY_MAIL_TOPIC = 'notifications.email';
/** At most one e-mail per member and thread in this time. */
export const MAIL_SPACING_SECONDS = 600;

interface NotifyMailPayload { userId: number; thread: string }

export const threadOf = (url: string) => url.replace(/[?#].*$/, '');
const keyOf = (p: NotifyMailPayload) => `notify-mail:${p.userId}:${p.thread}`;

/** In the notifying transaction: the e-mail goes out when the notification commits, and not otherwise. */
export async function queueNotificationEmail(db: Db, userId: number, url: string): Promise<void> {
  const payload: NotifyMailPayload = { userId, thread: threadOf(url) };
  const delaySeconds = await secondsUntilNextMail(db, userId, payload.thread, MAIL_SPACING_SECONDS);
  await addToOutbox(db, NOTIFY_MAIL_TOPIC, payload, { key: keyOf(payload), delaySeconds });
}

/** The kind's message as the list page shows it (same catalogue keys and defaults). */
function kindText(lang: Lang, n: MailableNotification): string {
  const defaults = { actor: n.actorName ?? translate(lang, 'accounts.member.former'), administration: translate(lang, 'notifications.someAdministration') };
  return translate(lang, `notifications.kind.${n.kind}`, { ...defaults, ...n.vars });
}

function compose(ctx: AppContext, userId: number, list: MailableNotification[]) {
  const lang = list[0]!.language;
  const newest = list[list.length - 1]!;
  const lines = list.map((n) => ({ what: kindText(lang, n), title: n.title, href: `${ctx.config.baseUrl}${n.url}` }));
  const subject = list.length === 1
    ? translate(lang, 'notifications.mail.subjectOne', { what: lines[0]!.what, title: newest.title })
    : translate(lang, 'notifications.mail.subjectMany', { count: list.length, title: newest.title });
  const intro = translate(lang, 'notifications.mail.intro', { title: newest.title });
  const text = `${intro}\n\n${lines.map((l) => `- ${l.what}: ${l.title}\n  ${l.href}`).join('\n\n')}`;
  const html = `<p>${escapeHtml(intro)}</p><ul>${lines.map((l) =>
    `<li>${escapeHtml(l.what)}: <a href="${escapeHtml(l.href)}">${escapeHtml(l.title)}</a></li>`).join('')}</ul>`;
  // One e-mail may hold several groups (a mention and a reply in one thread): its unsubscribe
  // link is for the group of the first notification, the one that started this e-mail.
  return composeNotificationMail(ctx.config, { to: list[0]!.email, userId, lang, subject, text, html, target: groupOf(list[0]!.kind) });
}

async function deliver(ctx: AppContext, p: NotifyMailPayload): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await lockThread(db, keyOf(p));
    // A row that became due early (a retry, a second row) waits for the thread's next slot.
    const wait = await secondsUntilNextMail(db, p.userId, p.thread, MAIL_SPACING_SECONDS);
    if (wait > 0) {
      await addToOutbox(db, NOTIFY_MAIL_TOPIC, p, { key: keyOf(p), delaySeconds: wait });
      return;
    }
    const list = await mailableNotifications(db, p.userId, p.thread);
    if (!list.length) return;
    await queueComposedMail(db, compose(ctx, p.userId, list));
    await markEmailed(db, list.map((n) => n.id));
  });
}

export function notificationEmailHandler(ctx: AppContext): OutboxHandler {
  return {
    batchSize: 20,
    async handle(messages) {
      for (const m of messages) await deliver(ctx, m.payload as NotifyMailPayload);
    },
  };
}
