import type { Actor } from '../../shared/identity.js';

export const administrationsPolicy = {
  canManage: (actor?: Actor) => actor?.role === 'admin',
  /** Member lists on a profile are for the network only. */
  canSeeMembers: (actor?: Actor) => !!actor,
};
