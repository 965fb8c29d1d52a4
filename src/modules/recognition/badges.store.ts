// Writes of badge grants (rows of recognition_assertions, kind 'badge'). Every function takes the
// transaction's `db`.
import { one, type Db } from '../../db/sql.js';
import type { Evidence } from './badges.model.js';

export interface NewGrant {
  classKey: string;
  userId: number;
  sourceKey: string;
  evidence: Evidence[];
  identityHash: string;
  salt: string;
  grantedBy?: number | null;
  grantReason?: string | null;
}

/** Inserts the grant unless it exists (also revoked: a revoked grant stays revoked); its id, or null. */
export async function insertGrant(db: Db, g: NewGrant): Promise<string | null> {
  const row = await one<{ id: string }>(db,
    `INSERT INTO recognition_assertions (kind, class_key, user_id, source_key, evidence, identity_hash, salt, granted_by, grant_reason)
     VALUES ('badge', $1, $2, $3, $4::jsonb, $5, $6, $7, $8)
     ON CONFLICT ON CONSTRAINT recognition_assertions_grant_key DO NOTHING RETURNING id`,
    [g.classKey, g.userId, g.sourceKey, JSON.stringify(g.evidence), g.identityHash, g.salt, g.grantedBy ?? null, g.grantReason ?? null]);
  return row?.id ?? null;
}

/** Revokes a standing badge grant; false when there is none (unknown, or revoked already). */
export async function revokeGrant(db: Db, id: string, actorId: number, reason: string): Promise<{ userId: number | null; kind: 'badge' | 'microdegree'; classKey: string } | null> {
  return one(db,
    `UPDATE recognition_assertions SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
      WHERE id = $1 AND revoked_at IS NULL RETURNING user_id AS "userId", kind, class_key AS "classKey"`,
    [id, actorId, reason]);
}
