// Writes of the Kompetenzpass settings. A member without a row has the defaults (network, no link).
import type { Db } from '../../db/sql.js';
import type { PassVisibility } from './pass.entity.js';

export async function saveVisibility(db: Db, userId: number, visibility: PassVisibility): Promise<void> {
  await db.query(
    `INSERT INTO recognition_pass_settings (user_id, visibility) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET visibility = EXCLUDED.visibility, updated_at = now()`, [userId, visibility]);
}

/** One share link per member: a new token's digest replaces the old one, which stops working at once. */
export async function replaceShareToken(db: Db, userId: number, tokenHash: string): Promise<void> {
  await db.query(
    `INSERT INTO recognition_pass_settings (user_id, share_token_hash, share_created_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET share_token_hash = EXCLUDED.share_token_hash, share_created_at = now(), updated_at = now()`,
    [userId, tokenHash]);
}

export async function clearShareToken(db: Db, userId: number): Promise<void> {
  await db.query(
    `UPDATE recognition_pass_settings SET share_token_hash = NULL, share_created_at = NULL, updated_at = now() WHERE user_id = $1`, [userId]);
}

/** Account deletion (the foreign key cascades too, but a deleted account keeps its users row). */
export async function deletePassSettingsOf(db: Db, userId: number): Promise<void> {
  await db.query(`DELETE FROM recognition_pass_settings WHERE user_id = $1`, [userId]);
}
