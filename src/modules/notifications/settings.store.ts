// Writes of a member's notification settings. Only choices that differ from the defaults are
// stored (notification-kinds.ts): a member who never changed a group follows a later change of
// its default, and "back to the default" removes the row.
import { affected, type Db } from '../../db/sql.js';
import { DEFAULT_CHANNEL, DEFAULT_DIGEST, type Channel, type DigestFrequency, type NotificationGroup } from './notification-kinds.js';

export async function putChannel(db: Db, userId: number, group: NotificationGroup, channel: Channel): Promise<void> {
  if (channel === DEFAULT_CHANNEL[group]) {
    await affected(db, `DELETE FROM notification_preferences WHERE user_id = $1 AND kind_group = $2`, [userId, group]);
    return;
  }
  await affected(db,
    `INSERT INTO notification_preferences (user_id, kind_group, channel) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, kind_group) DO UPDATE SET channel = excluded.channel, updated_at = now()
      WHERE notification_preferences.channel IS DISTINCT FROM excluded.channel`,
    [userId, group, channel]);
}

export interface DigestSchedule { frequency: DigestFrequency; weekday: number; hour: number }

export async function putDigest(db: Db, userId: number, d: DigestSchedule): Promise<void> {
  if (d.frequency === DEFAULT_DIGEST.frequency && d.weekday === DEFAULT_DIGEST.weekday && d.hour === DEFAULT_DIGEST.hour) {
    await affected(db, `DELETE FROM notification_settings WHERE user_id = $1`, [userId]);
    return;
  }
  await affected(db,
    `INSERT INTO notification_settings (user_id, digest_frequency, digest_weekday, digest_hour) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET digest_frequency = excluded.digest_frequency, digest_weekday = excluded.digest_weekday,
            digest_hour = excluded.digest_hour, updated_at = now()
      WHERE (notification_settings.digest_frequency, notification_settings.digest_weekday, notification_settings.digest_hour)
            IS DISTINCT FROM (excluded.digest_frequency, excluded.digest_weekday, excluded.digest_hour)`,
    [userId, d.frequency, d.weekday, d.hour]);
}

/** The digest off, keeping the chosen weekday and hour. */
export async function digestOff(db: Db, userId: number): Promise<void> {
  await affected(db,
    `INSERT INTO notification_settings (user_id, digest_frequency, digest_weekday, digest_hour) VALUES ($1, 'off', $2, $3)
     ON CONFLICT (user_id) DO UPDATE SET digest_frequency = 'off', updated_at = now() WHERE notification_settings.digest_frequency <> 'off'`,
    [userId, DEFAULT_DIGEST.weekday, DEFAULT_DIGEST.hour]);
}
