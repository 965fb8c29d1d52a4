// The results part of the privacy download and of account deletion (declared in events.privacy.ts).
import type { DataSource, EntityManager } from 'typeorm';
import * as store from './results.store.js';

export const resultsUserColumns = {
  'event_minutes.updated_by_id': 'minutesEdited',
  'event_minutes_revisions.author_id': 'minutesRevisions',
  'event_attachments.uploaded_by_id': 'eventFilesUploaded',
  'event_outcomes.added_by_id': 'eventOutcomesAdded',
};

export async function exportResultsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    minutesEdited: await store.minutesEditedBy(ds, userId),
    minutesRevisions: await store.minutesRevisionsBy(ds, userId),
    eventFilesUploaded: await store.attachmentsUploadedBy(ds, userId),
    eventOutcomesAdded: await store.outcomesAddedBy(ds, userId),
  };
}

/** The minutes, files and links stay with the event; only the member's name goes. */
export async function deleteResultsData(db: EntityManager, userId: number): Promise<void> {
  await store.forgetResultsAuthorship(db, userId);
}
