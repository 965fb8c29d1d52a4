// Who may do what with micro-degrees. Services call these; routes gate on sign-in and role.
import { hasRole, type Actor } from '../../shared/identity.js';

export type { Actor };

/** Defining, editing and archiving micro-degrees: facilitators and admins. */
export const canManageMicrodegrees = (actor: Actor | undefined) => hasRole(actor, 'facilitator');
