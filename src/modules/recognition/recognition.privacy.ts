// The member's recognition data in the privacy download, and its removal with the account.
import type { DataSource, EntityManager } from 'typeorm';
import { exportAssertions, exportLedger } from './ledger.queries.js';
import { deleteLedgerOf, revokeAssertionsOf, scrubPendingActivityOf } from './ledger.store.js';
import { exportPassSettings } from './pass.queries.js';
import { deletePassSettingsOf } from './pass.store.js';
import { exportPreferences } from './leaderboards.queries.js';
import { deletePreferencesOf } from './leaderboards.store.js';
import { microdegreesCreatedBy } from './microdegrees.queries.js';
import { forgetCreator } from './microdegrees.store.js';

export async function exportRecognitionData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    ...(await exportLedger(ds, userId)),
    ...(await exportAssertions(ds, userId)),
    // The Kompetenzpass settings: whether a share link exists, never the token's digest.
    passSettings: await exportPassSettings(ds, userId),
    preferences: await exportPreferences(ds, userId),
    microdegreesCreated: await microdegreesCreatedBy(ds, userId),
  };
}

export async function deleteRecognitionData(db: EntityManager, userId: number): Promise<void> {
  await revokeAssertionsOf(db, userId);
  await deleteLedgerOf(db, userId);
  await scrubPendingActivityOf(db, userId);
  await deletePassSettingsOf(db, userId);
  await deletePreferencesOf(db, userId);
  await forgetCreator(db, userId);
}
