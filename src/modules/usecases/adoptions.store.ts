// Writes for ★ adoptions (and the reads that belong to them). Every function takes the transaction's `db`.
import { one, rows, type Db } from '../../db/sql.js';
import { UseCaseAdoption } from './use-case-adoption.entity.js';

/** Declares (or changes) the administration's adoption of the case. */
export async function upsertAdoption(
  db: Db, a: { useCaseId: number; administrationId: number | null; status: string; note: string; declaredById: number },
): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_adoptions (use_case_id, administration_id, status, note, declared_by_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (use_case_id, administration_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note,
       declared_by_id = EXCLUDED.declared_by_id, updated_at = now()`,
    [a.useCaseId, a.administrationId, a.status, a.note, a.declaredById]);
}

export async function deleteAdoption(db: Db, useCaseId: number, administrationId: number | null): Promise<void> {
  if (administrationId === null) return; // `administration_id = NULL` matches no row
  await db.delete(UseCaseAdoption, { useCaseId, administrationId });
}

/** The administration's name, for the notification ('' when there is none). */
export async function administrationName(db: Db, administrationId: number | null): Promise<string> {
  return (await one<{ name: string }>(db, `SELECT name FROM administrations WHERE id = $1`, [administrationId]))?.name ?? '';
}

/** Locks the administration's adoption of the case for a write; null when it has none. */
export async function lockAdoption(
  db: Db, useCaseId: number, administrationId: number | null,
): Promise<{ id: number; status: string; derivedId: number | null } | null> {
  return one(db,
    `SELECT id, status, derived_use_case_id AS "derivedId" FROM use_case_adoptions
      WHERE use_case_id = $1 AND administration_id = $2 FOR UPDATE`,
    [useCaseId, administrationId]);
}

/** Links the adoption to the case derived from it. */
export async function linkDerivedCase(db: Db, adoptionId: number, derivedUseCaseId: number): Promise<void> {
  await db.update(UseCaseAdoption, { id: adoptionId }, { derivedUseCaseId, updatedAt: () => 'now()' });
}
