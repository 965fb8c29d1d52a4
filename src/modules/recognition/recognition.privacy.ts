// The member's recognition data in the privacy download, and its removal with the account.
import type { DataSource, EntityManager } from 'typeorm';
import { exportLedger } from './ledger.queries.js';
import { deleteLedgerOf } from './ledger.store.js';

export async function exportRecognitionData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return { ...(await exportLedger(ds, userId)) };
}

export async function deleteRecognitionData(db: EntityManager, userId: number): Promise<void> {
  await deleteLedgerOf(db, userId);
}
