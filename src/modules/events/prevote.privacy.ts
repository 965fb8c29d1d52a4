// The pre-vote's part of the privacy download and of account deletion: a deleted member's dots
// go (the ranking of an open vote loses them); their proposals stay as a former member's, or go
// with removed contributions; they are no longer a presenter on any agenda.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import * as store from './prevote.store.js';

export const prevoteUserColumns = {
  'prevotes.created_by_id': 'prevotesCreated',
  'prevote_topics.proposer_id': 'prevoteTopics',
  'prevote_votes.user_id': 'prevoteVotes',
  'event_agenda_presenters.user_id': 'agendaPresenting',
};

export async function exportPrevoteData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    prevotesCreated: await store.prevotesCreatedBy(ds, userId),
    prevoteTopics: await store.topicsProposedBy(ds, userId),
    prevoteVotes: await store.votesGivenBy(ds, userId),
    agendaPresenting: await store.agendaItemsPresentedBy(ds, userId),
  };
}

export async function deletePrevoteData(db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  await store.forgetPrevoteMember(db, member.id, contributions === 'remove');
}
