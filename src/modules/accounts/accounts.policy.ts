// Who may do what with accounts. Every decision about access is made here and tested per role.
import { hasRole as atLeast, type Actor } from '../../shared/identity.js';

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
