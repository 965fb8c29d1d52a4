// The welcome page's state per member (member_onboarding): absent or both times empty = still to do.
import type { DataSource } from 'typeorm';
import { affected, type Db } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

/** Whether the member still gets the welcome page: active, and neither finished nor skipped it. */
export async function onboardingOpen(db: DataSource | Db, userId: number): Promise<boolean> {
  const [r] = await preparedQuery<{ open: boolean }>(db, 'accounts-onboarding-open',
    `SELECT NOT EXISTS (SELECT 1 FROM member_onboarding o WHERE o.user_id = u.id AND (o.completed_at IS NOT NULL OR o.dismissed_at IS NOT NULL)) AS open
       FROM users u WHERE u.id = $1 AND u.status = 'active'`, [userId]);
  return !!r?.open;
}

/** Records that the member finished ('completed') or skipped ('dismissed') the page; the first answer stays. */
export async function closeOnboarding(db: Db, userId: number, how: 'completed' | 'dismissed'): Promise<void> {
  const column = how === 'completed' ? 'completed_at' : 'dismissed_at';
  await affected(db,
    `INSERT INTO member_onboarding (user_id, ${column}) VALUES ($1, now())
     ON CONFLICT (user_id) DO UPDATE SET ${column} = COALESCE(member_onboarding.${column}, now())`, [userId]);
}
