// Every notification e-mail (at once or digest) has both parts, the member's language, a one-click
// unsubscribe for its group (RFC 8058: List-Unsubscribe with an https link, List-Unsubscribe-Post)
// and a link to the settings. The unsubscribe link carries a signed token (member, group): it
// works signed out and asks nothing more; changing SESSION_SECRET invalidates old links.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.js';
import type { MailMessage } from '../mail/index.js';
import { translate, type Lang } from '../../shared/i18n.js';
import { NOTIFICATION_GROUPS, type NotificationGroup } from './notification-kinds.js';

/** What a link unsubscribes from: one group, or the digest. */
export type UnsubscribeTarget = NotificationGroup | 'digest';

function mac(secret: string, payload: string): string {
  return createHmac('sha256', `${secret}\u0000notifications-unsubscribe`).update(payload).digest('base64url').slice(0, 32);
}

export function unsubscribeToken(secret: string, userId: number, target: UnsubscribeTarget): string {
  const payload = `${userId}.${target}`;
  return `${payload}.${mac(secret, payload)}`;
}

export function readUnsubscribeToken(secret: string, token: string): { userId: number; target: UnsubscribeTarget } | null {
  const m = /^(\d{1,10})\.([A-Za-z]{1,20})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const expected = Buffer.from(mac(secret, `${m[1]}.${m[2]}`));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const target = m[2] as UnsubscribeTarget;
  if (target !== 'digest' && !(NOTIFICATION_GROUPS as readonly string[]).includes(target)) return null;
  return { userId: Number(m[1]), target };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface NotificationMailInput {
  to: string;
  userId: number;
  lang: Lang;
  subject: string;
  /** The body as plain text and as HTML (already escaped; only trusted markup from the caller). */
  text: string;
  html: string;
  target: UnsubscribeTarget;
}

/** The message with footer (why you get this, unsubscribe, settings) and the RFC 8058 headers. */
export function composeNotificationMail(config: Pick<Config, 'baseUrl' | 'sessionSecret'>, m: NotificationMailInput): MailMessage {
  const unsubscribe = `${config.baseUrl}/notifications/unsubscribe/${unsubscribeToken(config.sessionSecret, m.userId, m.target)}`;
  const settings = `${config.baseUrl}/notifications/settings`;
  const what = translate(m.lang, m.target === 'digest' ? 'notifications.mail.digestName' : `notifications.group.${m.target}`);
  const why = translate(m.lang, 'notifications.mail.footer', { what });
  const stop = translate(m.lang, 'notifications.mail.unsubscribe', { what });
  const manage = translate(m.lang, 'notifications.mail.settings');
  const text = `${m.text}\n\n-- \n${why}\n${stop}: ${unsubscribe}\n${manage}: ${settings}\n`;
  const html = `<!doctype html><html lang="${m.lang}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>`
    + `<body style="font-family:sans-serif;line-height:1.5;max-width:40em">${m.html}`
    + `<hr><p style="font-size:90%;color:#555">${escapeHtml(why)}<br><a href="${escapeHtml(unsubscribe)}">${escapeHtml(stop)}</a> · `
    + `<a href="${escapeHtml(settings)}">${escapeHtml(manage)}</a></p></body></html>`;
  return {
    to: m.to, subject: m.subject, text, html,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
export { escapeHtml };
