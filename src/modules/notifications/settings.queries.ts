// Reads of a member's notification settings, with the defaults filled in where nothing is stored.
import { one, rows, type Queryable } from '../../db/sql.js';
import { DEFAULT_CHANNEL, DEFAULT_DIGEST, NOTIFICATION_GROUPS, type Channel, type NotificationGroup } from './notification-kinds.js';
import type { DigestSchedule } from './settings.store.js';

export interface MemberSettings { channels: Record<NotificationGroup, Channel>; digest: DigestSchedule }

export async function settingsOf(db: Queryable, userId: number): Promise<MemberSettings> {
  const stored = await rows<{ kindGroup: string; channel: Channel }>(db,
    `SELECT kind_group AS "kindGroup", channel FROM notification_preferences WHERE user_id = $1`, [userId]);
  const chosen = new Map(stored.map((r) => [r.kindGroup, r.channel]));
  const digest = await one<DigestSchedule>(db,
    `SELECT digest_frequency AS frequency, digest_weekday AS weekday, digest_hour AS hour FROM notification_settings WHERE user_id = $1`, [userId]);
  return {
    channels: Object.fromEntries(NOTIFICATION_GROUPS.map((g) => [g, chosen.get(g) ?? DEFAULT_CHANNEL[g]])) as Record<NotificationGroup, Channel>,
    digest: digest ?? { ...DEFAULT_DIGEST },
  };
}

/** For the unsubscribe page: the member's language, or null when there is no active member. */
export async function activeMemberLanguage(db: Queryable, userId: number): Promise<'de' | 'en' | null> {
  return (await one<{ language: 'de' | 'en' }>(db, `SELECT language FROM users WHERE id = $1 AND status = 'active'`, [userId]))?.language ?? null;
}
