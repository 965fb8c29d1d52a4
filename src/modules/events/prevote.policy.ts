// Who may do what in an event's pre-vote, built on the events' visibility policy: whoever may see
// the event sees its pre-vote; those who manage the event (facilitators, the group's leads) open it,
// change its settings, merge and reject topics and build the agenda; who takes part (proposes and
// gives dots) is set per pre-vote: every member who may see the event, or the working group's
// active members (and those who manage the event).
import { eventsPolicy, type Actor, type EventFacts, type ViewerFacts } from './events.policy.js';
import type { PrevoteProposers } from './prevote.entity.js';

export const prevotePolicy = {
  canSee: (a: Actor | undefined, e: EventFacts, v: ViewerFacts): boolean => eventsPolicy.canSeeEvent(a, e, v),
  canManage: (a: Actor | undefined, e: EventFacts, v: ViewerFacts): boolean => !!a && eventsPolicy.canManageEvent(a, e, v),
  canTakePart: (a: Actor | undefined, e: EventFacts, v: ViewerFacts, p: { proposers: PrevoteProposers }): boolean =>
    !!a && !e.cancelledAt && eventsPolicy.canSeeEvent(a, e, v)
      && (p.proposers === 'network' || v.group?.status === 'active' || eventsPolicy.canManageEvent(a, e, v)),
  /** Counts stay hidden until the vote closes, unless the pre-vote shows interim counts. */
  canSeeCounts: (p: { closedAt: Date | string | null; showInterim: boolean }): boolean => !!p.closedAt || p.showInterim,
};
