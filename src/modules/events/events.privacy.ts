// The events part of the privacy download and of account deletion. A deleted member leaves every
// working group; their registrations are withdrawn (a held place goes to the first person waiting,
// see deleteRegistrationsOf); the events and groups they created stay, without their name.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import * as store from './privacy.store.js';
import { deleteRegistrationsOf } from './registrations.store.js';
import { deletePrevoteData, exportPrevoteData, prevoteUserColumns } from './prevote.privacy.js';

export const eventsUserColumns = {
  'event_registrations.user_id': 'registrations',
  'events.created_by_id': 'eventsCreated',
  'working_group_members.user_id': 'groupMemberships',
  'working_group_members.decided_by_id': 'membershipDecisions',
  'working_groups.created_by_id': 'groupsCreated',
  ...prevoteUserColumns,
};

export async function exportEventsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    registrations: await store.registrationsOf(ds, userId),
    eventsCreated: await store.eventsCreatedBy(ds, userId),
    groupMemberships: await store.groupMembershipsOf(ds, userId),
    membershipDecisions: await store.membershipDecisionsBy(ds, userId),
    groupsCreated: await store.groupsCreatedBy(ds, userId),
    ...(await exportPrevoteData(ds, userId)),
  };
}

export async function deleteEventsData(db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  await deletePrevoteData(db, member, contributions);
  await deleteRegistrationsOf(db, member.id);
  await store.deleteMembershipsOf(db, member.id);
  await store.forgetAuthorship(db, member.id);
}
