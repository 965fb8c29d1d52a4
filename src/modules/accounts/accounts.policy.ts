// Who may do what with accounts. Every decision about access is made here and tested per role.
import type { Role } from './user.entity.js';

export interface Actor {
  id: number;
  role: Role;
}

const rank: Record<Role, number> = { member: 0, facilitator: 1, admin: 2 };
const atLeast = (actor: Actor | undefined, role: Role) => !!actor && rank[actor.role] >= rank[role];

export const accountsPolicy = {
  /** Decide on registrations that no administration's domain vouches for. */
  canDecideRegistrations: (actor?: Actor) => atLeast(actor, 'facilitator'),
  canReadFeedback: (actor?: Actor) => atLeast(actor, 'facilitator'),
  canChangeRoles: (actor?: Actor) => atLeast(actor, 'admin'),
  canReadAuditLog: (actor?: Actor) => atLeast(actor, 'admin'),
  canListUsers: (actor?: Actor) => atLeast(actor, 'admin'),
  /** Member profiles are for the network; visitors see none. */
  canViewMemberProfiles: (actor?: Actor) => !!actor,
};
