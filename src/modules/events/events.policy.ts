// Who may see and do what with events and working groups. Services load the facts (the event row,
// the viewer's group membership and registration) and call these predicates; routes use them to
// decide which buttons to show. Visitors see public events only; group-only events, a group's
// drafts and its discussion are for the group's active members and facilitators, everyone else
// gets 404.
import { isFacilitator, type Actor } from '../../shared/identity.js';
import type { EventVisibility } from './event.entity.js';
import type { PublicationStatus } from './group-publication.entity.js';
import type { GroupMemberStatus, GroupMembership, GroupRole } from './group.entity.js';

export type { Actor };

/** The viewer's relation to a working group (null: none). */
export interface GroupStanding {
  role: GroupRole;
  status: GroupMemberStatus;
}

export interface EventFacts {
  visibility: EventVisibility;
  createdById: number | null;
  cancelledAt: Date | string | null;
}

export interface ViewerFacts {
  /** The viewer's standing in the event's working group (null when none or the event has no group). */
  group: GroupStanding | null;
  /** The viewer's registration status for this event (null when none). */
  registration: 'registered' | 'waiting' | 'cancelled' | null;
}

const activeMember = (g: GroupStanding | null): boolean => g?.status === 'active';
const groupLead = (g: GroupStanding | null): boolean => g?.status === 'active' && g.role === 'lead';

type Predicate = (...args: never[]) => boolean;

/** Explicitly boolean: TypeScript would otherwise infer type predicates and narrow the actor away. */
export const eventsPolicy = {
  isFacilitator,
  canSeeEvent: (a: Actor | undefined, e: EventFacts, v: ViewerFacts): boolean =>
    e.visibility === 'public' || (!!a && (e.visibility === 'network' || isFacilitator(a) || activeMember(v.group))),
  /** Facilitators create events; a working group's leads create events for their group. */
  canCreateEvent: (a: Actor | undefined, group: GroupStanding | null = null): boolean => isFacilitator(a) || groupLead(group),
  canManageEvent: (a: Actor | undefined, _e: EventFacts, v: ViewerFacts): boolean => isFacilitator(a) || groupLead(v.group),
  /** The online link and the participant list: registered participants and those who manage the event. */
  canSeeParticipantDetails: (a: Actor | undefined, e: EventFacts, v: ViewerFacts): boolean =>
    !!a && (v.registration === 'registered' || isFacilitator(a) || groupLead(v.group)),
  canRegister: (a: Actor | undefined, e: EventFacts, v: ViewerFacts): boolean =>
    !!a && !e.cancelledAt && (e.visibility !== 'group' || activeMember(v.group) || isFacilitator(a)),
  canSeeGroupPrivate: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || activeMember(g),
  canManageGroup: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || groupLead(g),
  canCreateGroup: (a: Actor | undefined): boolean => isFacilitator(a),
  // ---- working groups: membership and results (groups part) ----
  /** Working groups are for the network: signed-in members see groups and their published results. */
  canSeeGroup: (a: Actor | undefined): boolean => !!a,
  /** Open groups: a member with no standing joins at once. */
  canJoinGroup: (a: Actor | undefined, membership: GroupMembership, g: GroupStanding | null): boolean =>
    !!a && membership === 'open' && (!g || g.status === 'invited'),
  /** Groups on request: a member with no standing asks; the leads decide. */
  canRequestGroup: (a: Actor | undefined, membership: GroupMembership, g: GroupStanding | null): boolean =>
    !!a && membership === 'request' && !g,
  canAnswerInvitation: (a: Actor | undefined, g: GroupStanding | null): boolean => !!a && g?.status === 'invited',
  /** Leaving, or withdrawing one's request. */
  canLeaveGroup: (a: Actor | undefined, g: GroupStanding | null): boolean => !!a && (g?.status === 'active' || g?.status === 'requested'),
  /** Approving and declining requests, inviting, removing members, naming leads: the group's leads and facilitators. */
  canDecideMembership: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || groupLead(g),
  /** Drafts of results: written by the group's active members (and facilitators). */
  canWritePublication: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || activeMember(g),
  /** Publishing a submitted draft, or returning it with a comment: the group's leads and facilitators. */
  canReviewPublication: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || groupLead(g),
  /** Published results: every signed-in member; drafts and drafts in review: the group's members and facilitators. */
  canSeePublication: (a: Actor | undefined, status: PublicationStatus, g: GroupStanding | null): boolean =>
    status === 'published' ? !!a : isFacilitator(a) || activeMember(g),
  canLinkUseCase: (a: Actor | undefined, g: GroupStanding | null): boolean => isFacilitator(a) || activeMember(g),
  /** An accepted result becomes a guide chapter: facilitators only (as promoting a forum answer). */
  canPromoteResults: (a: Actor | undefined): boolean => isFacilitator(a),
} satisfies Record<string, Predicate>;
