// E-mail is never sent inside a request: queueMail writes an outbox row in the caller's
// transaction; the worker sends it (SMTP when SMTP_URL is set, otherwise into the log).
import type { EntityManager } from 'typeorm';
import { addToOutbox } from '../../shared/outbox.js';
import type { Queryable } from '../../db/sql.js';
import { translate, type Lang } from '../../shared/i18n.js';

export const MAIL_TOPIC = 'mail.send';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The HTML part (notifications and digests send both parts). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/** Queues a message already composed (both parts, headers), e.g. a notification or a digest. */
export async function queueComposedMail(db: Queryable, message: MailMessage, opts: { delaySeconds?: number } = {}): Promise<void> {
  await addToOutbox(db, MAIL_TOPIC, message, { key: `mail:${message.to}`, ...opts });
}

/** Queues a message whose subject and body come from the catalogue keys `mail.<template>.subject|body`. */
export async function queueMail(
  db: EntityManager,
  to: string,
  lang: Lang,
  template: string,
  vars: Record<string, unknown> = {},
): Promise<void> {
  const message: MailMessage = {
    to,
    subject: translate(lang, `mail.${template}.subject`, vars),
    text: `${translate(lang, `mail.${template}.body`, vars)}\n\n${translate(lang, 'mail.signature')}`,
  };
  await addToOutbox(db, MAIL_TOPIC, message, { key: `mail:${to}` });
}
