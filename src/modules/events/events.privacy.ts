// The events part of the privacy download and of account deletion. A deleted member leaves every
// working group; their registrations are withdrawn (a held place goes to the first person waiting,
// see releasePlacesOf); the calendar feed goes; the events and groups they created stay, without their name.
import type { DataSource, EntityManager } from 'typeorm';
import type { ContributionsChoice, FormerMember } from '../module.js';
import * as store from './privacy.store.js';
import { notify } from '../notifications/index.js';
import { deleteGroupsData, exportGroupsData, groupsUserColumns } from './groups.privacy.js';
import { releasePlacesOf } from './events.service.js';
import { deleteResultsData, exportResultsData, resultsUserColumns } from './results.privacy.js';
import { deletePrevoteData, exportPrevoteData, prevoteUserColumns } from './prevote.privacy.js';

export const eventsUserColumns = {
  'event_registrations.user_id': 'registrations',
  'events.created_by_id': 'eventsCreated',
  'working_group_members.user_id': 'groupMemberships',
  'working_group_members.decided_by_id': 'membershipDecisions',
  'working_groups.created_by_id': 'groupsCreated',
  'calendar_feeds.user_id': 'calendarFeed',
  ...groupsUserColumns,
  ...resultsUserColumns,
  ...prevoteUserColumns,
};

export async function exportEventsData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return {
    registrations: await store.registrationsOf(ds, userId),
    eventsCreated: await store.eventsCreatedBy(ds, userId),
    groupMemberships: await store.groupMembershipsOf(ds, userId),
    membershipDecisions: await store.membershipDecisionsBy(ds, userId),
    groupsCreated: await store.groupsCreatedBy(ds, userId),
    calendarFeed: await store.calendarFeedOf(ds, userId),
    ...(await exportGroupsData(ds, userId)),
    ...(await exportResultsData(ds, userId)),
    ...(await exportPrevoteData(ds, userId)),
  };
}

export async function deleteEventsData(db: EntityManager, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  await deletePrevoteData(db, member, contributions);
  await deleteGroupsData(db, member, contributions);
  await releasePlacesOf(db, member.id);
  await store.deleteCalendarFeedOf(db, member.id);
  // A group does not lose its last lead with the account: the longest-standing member takes over.
  for (const a of await store.appointSuccessorLeads(db, member.id)) {
    await notify(db, { userId: a.userId, kind: 'group.leadAppointed', title: a.name, language: a.language, url: `/groups/${a.slug}`, subjectType: 'working_group', subjectId: a.groupId });
  }
  await store.deleteMembershipsOf(db, member.id);
  await store.forgetAuthorship(db, member.id);
  await deleteResultsData(db, member.id);
}
