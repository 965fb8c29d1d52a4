// The worker side of "e-mail at once" (queued by notification-email.service.ts): one member and
// thread at a time, ONE message with everything that waits, composed in the member's language.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { addToOutbox, type OutboxHandler } from '../../shared/outbox.js';
import { translate, type Lang } from '../../shared/i18n.js';
import { queueComposedMail } from '../mail/index.js';
import { groupOf, messageVars } from './notification-kinds.js';
import { composeNotificationMail, escapeHtml } from './notification-mail.js';
import { MAIL_SPACING_SECONDS, MAILED_BY_THEIR_MODULE, NOTIFY_MAIL_TOPIC, keyOf, type NotifyMailPayload } from './notification-email.service.js';
import { lockThread, mailableNotifications, markEmailed, secondsUntilNextMail, type MailableNotification } from './notification-email.store.js';

/** The kind's message as the list page shows it (same catalogue keys and defaults). */
function kindText(lang: Lang, n: MailableNotification): string {
  const defaults = { actor: n.actorName ?? translate(lang, 'accounts.member.former'), administration: translate(lang, 'notifications.someAdministration') };
  return translate(lang, `notifications.kind.${n.kind}`, { ...defaults, ...messageVars(lang, n.vars) });
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
    const list = await mailableNotifications(db, p.userId, p.thread, MAILED_BY_THEIR_MODULE);
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
