// The academy part of the privacy download and of account deletion: attempts with every answer
// and result, extra attempts, certificates and Open Badges assertions.
import type { DataSource, EntityManager } from 'typeorm';
import type { FormerMember } from '../module.js';
import { personalData } from './academy.queries.js';
import { deleteAttemptsOf } from './attempts.store.js';
import { deleteCertificatesOf } from './certificates.store.js';

export async function exportAcademyData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return personalData(ds, userId);
}

/**
 * Learning records are personal, not contributions: attempts (with free-text answers), extra
 * attempts and certificates are deleted in both variants (Moodle's privacy provider does the
 * same), so item statistics count the remaining learners only and the certificate's verification
 * page answers 404 from then on; the badge assertions stay as revoked tombstones without the
 * member (no recipient hash), so their hosted URLs answer 410 with revoked: true, as Open Badges asks.
 * Quizzes written and grants or revocations made as a facilitator keep pointing at the erased row.
 */
export async function deleteAcademyData(db: EntityManager, member: FormerMember): Promise<void> {
  await deleteAttemptsOf(db, member.id);
  await deleteCertificatesOf(db, member.id);
}
