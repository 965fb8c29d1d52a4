// The e-mail digest in tests: make a member's digest due now, then run the scheduler and the worker.
//   await digestDueNow(ds, user.id); await runDigestsDue(ctx); await drain();
import type { DataSource } from 'typeorm';
import { berlinTime } from '../../src/modules/notifications/index.js';

/** Sets the member's digest to daily at the current Berlin hour (the period that began at this hour:00 is due). */
export async function digestDueNow(ds: DataSource, userId: number): Promise<void> {
  await ds.query(
    `INSERT INTO notification_settings (user_id, digest_frequency, digest_weekday, digest_hour) VALUES ($1, 'daily', 1, $2)
     ON CONFLICT (user_id) DO UPDATE SET digest_frequency = 'daily', digest_hour = EXCLUDED.digest_hour, updated_at = now()`,
    [userId, berlinTime(new Date()).hour]);
}
