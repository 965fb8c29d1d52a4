// Who may grant and revoke badges by hand. Services call these; routes only gate on sign-in and role.
import { isFacilitator, type Actor } from '../../shared/identity.js';

/** Facilitators and admins grant manual badges and revoke any grant, with a reason. */
export const canManageBadges = (actor: Actor | undefined) => isFacilitator(actor);
