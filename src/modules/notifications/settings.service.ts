// Notification settings: the member's own form, and the one-click unsubscribe from an e-mail. The
// unsubscribe link's signed token (notification-mail.ts) is its only authorisation: one member, one
// group or the digest; it needs no session and asks nothing more.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { notFound } from '../../shared/errors.js';
import { NOTIFICATION_GROUPS } from './notification-kinds.js';
import { readUnsubscribeToken, type UnsubscribeTarget } from './notification-mail.js';
import { activeMemberLanguage } from './settings.queries.js';
import type { SettingsInput } from './settings.schemas.js';
import { digestOff, putChannel, putDigest } from './settings.store.js';

export async function saveSettings(ctx: AppContext, userId: number, input: SettingsInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    for (const g of NOTIFICATION_GROUPS) await putChannel(db, userId, g, input.channels[g]);
    await putDigest(db, userId, input.digest);
  });
}

export interface UnsubscribeLink { userId: number; target: UnsubscribeTarget; lang: 'de' | 'en' }

/** What a link unsubscribes from; a forged, broken or outdated link, or one of a member who is gone, is 404. */
export async function unsubscribeLink(ctx: AppContext, token: string): Promise<UnsubscribeLink> {
  const read = readUnsubscribeToken(ctx.config.sessionSecret, token);
  const lang = read && (await activeMemberLanguage(ctx.ds, read.userId));
  if (!read || !lang) throw notFound('notifications.settings.unsubscribe.invalid');
  return { ...read, lang };
}

/** Unsubscribes: the group comes in the app only, or the digest is off. Repeating it changes nothing. */
export async function unsubscribe(ctx: AppContext, token: string): Promise<UnsubscribeLink> {
  const link = await unsubscribeLink(ctx, token);
  await inTransaction(ctx.ds, async (db) => {
    if (link.target === 'digest') await digestOff(db, link.userId);
    else await putChannel(db, link.userId, link.target, 'app');
  });
  return link;
}
