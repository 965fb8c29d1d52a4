// Writes of the leaderboard opt-in. Every function takes the transaction's `db`.
import type { Db } from '../../db/sql.js';

/** Records the member's answer; the time of their first answer is kept. */
export async function saveLeaderboardChoice(db: Db, userId: number, visible: boolean): Promise<void> {
  await db.query(
    `INSERT INTO recognition_preferences (user_id, leaderboard_visible, answered_at, updated_at) VALUES ($1, $2, now(), now())
     ON CONFLICT (user_id) DO UPDATE
        SET leaderboard_visible = EXCLUDED.leaderboard_visible,
            answered_at = coalesce(recognition_preferences.answered_at, EXCLUDED.answered_at),
            updated_at = now()`,
    [userId, visible]);
}

/** Account deletion: the member's choice goes with them. */
export async function deletePreferencesOf(db: Db, userId: number): Promise<void> {
  await db.query(`DELETE FROM recognition_preferences WHERE user_id = $1`, [userId]);
}

/** The demo: records an answer for the member with `handle` unless they answered already (or do not exist). */
export async function seedDemoChoice(db: Db, handle: string, visible: boolean): Promise<void> {
  await db.query(
    `INSERT INTO recognition_preferences (user_id, leaderboard_visible, answered_at)
     SELECT id, $2, now() FROM users WHERE handle = $1
     ON CONFLICT (user_id) DO NOTHING`,
    [handle, visible]);
}
