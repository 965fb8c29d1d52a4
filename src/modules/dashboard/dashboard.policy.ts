// Who sees the dashboard: facilitators and admins. Everyone else gets 404 (not 403): its addresses
// are not advertised to members.
import { hasRole, type SessionUser } from '../../shared/identity.js';

export const dashboardPolicy = {
  canSee: (u: SessionUser | undefined): boolean => !!u && hasRole(u, 'facilitator'),
};
