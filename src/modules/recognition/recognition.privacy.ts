// The member's recognition data in the privacy download, and its removal with the account.
import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '../../db/sql.js';
import { exportLedger } from './ledger.queries.js';
import { deleteLedgerOf, revokeAssertionsOf } from './ledger.store.js';
import { microdegreesCreatedBy } from './microdegrees.queries.js';
import { forgetCreator } from './microdegrees.store.js';

export async function exportRecognitionData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const cols = `id, kind, class_key AS "classKey", source_key AS "sourceKey", granted_at AS "grantedAt", grant_reason AS "grantReason",
                evidence, revoked_at AS "revokedAt", revocation_reason AS "revocationReason"`;
  return {
    ...(await exportLedger(ds, userId)),
    assertions: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE user_id = $1 ORDER BY granted_at`, [userId]),
    assertionsGranted: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE granted_by = $1 ORDER BY granted_at`, [userId]),
    assertionsRevoked: await rows(ds, `SELECT ${cols} FROM recognition_assertions WHERE revoked_by = $1 ORDER BY granted_at`, [userId]),
    microdegreesCreated: await microdegreesCreatedBy(ds, userId),
  };
}

export async function deleteRecognitionData(db: EntityManager, userId: number): Promise<void> {
  await revokeAssertionsOf(db, userId);
  await deleteLedgerOf(db, userId);
  await forgetCreator(db, userId);
}
