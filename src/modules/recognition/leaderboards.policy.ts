// Who may see and do what with the leaderboards. Members' names are for the network only (as on
// profiles); visitors see the administrations and how points are earned. The export is for
// facilitators; each member decides about themselves only.
import { isFacilitator, type Actor } from '../../shared/identity.js';

export const leaderboardsPolicy = {
  canSeeMembers: (actor?: Actor) => !!actor,
  canExport: (actor?: Actor) => isFacilitator(actor),
  /** A member answers the opt-in question for themselves. */
  canChoose: (actor: Actor | undefined, userId: number) => !!actor && actor.id === userId,
};
