import type { Actor } from '../accounts/accounts.policy.js';

export const administrationsPolicy = {
  canManage: (actor?: Actor) => actor?.role === 'admin',
  /** Member lists on a profile are for the network only. */
  canSeeMembers: (actor?: Actor) => !!actor,
};
