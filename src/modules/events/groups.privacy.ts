// The working groups' results in the privacy download and account deletion (events.privacy.ts
// composes them): publications written or reviewed, revisions, linked use cases.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import * as store from './group-privacy.store.js';

export const groupsUserColumns = {
  'group_publications.author_id': 'groupPublications',
  'group_publications.reviewed_by_id': 'groupPublicationReviews',
  'group_publication_revisions.author_id': 'groupPublicationRevisions',
  'group_use_cases.added_by_id': 'groupUseCaseLinks',
};

export async function exportGroupsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    groupPublications: await store.publicationsWrittenBy(ds, userId),
    groupPublicationReviews: await store.publicationsReviewedBy(ds, userId),
    groupPublicationRevisions: await store.revisionsWrittenBy(ds, userId),
    groupUseCaseLinks: await store.useCasesLinkedBy(ds, userId),
  };
}

/** Published results stay with the group, without the name; with 'remove', their own unpublished drafts go. */
export async function deleteGroupsData(db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  if (contributions === 'remove') await store.deleteOwnDrafts(db, member.id);
  await store.forgetResultsAuthorship(db, member.id);
}
