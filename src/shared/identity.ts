// Who is acting: the vocabulary of identity that policies, middleware and modules share. Roles are
// ranked (an admin may do what a facilitator may, a facilitator what a member may); the signed-in
// member of a request is a SessionUser (req.user), and a policy needs only an Actor of it.
import { createHash } from 'node:crypto';

export const ROLES = ['member', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['unconfirmed', 'pending', 'active', 'rejected', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A member's preferred language (interface and e-mail). */
export type Language = 'de' | 'en';

const RANK: Record<Role, number> = { member: 0, facilitator: 1, admin: 2 };

/** What an access decision needs to know about who acts (undefined: a visitor). */
export interface Actor {
  id: number;
  role: Role;
}

/** What every request knows about the signed-in member (req.user). */
export interface SessionUser extends Actor {
  handle: string;
  name: string;
  email: string;
  status: UserStatus;
  language: Language;
  administrationId: number | null;
  administrationName: string | null;
  administrationSlug: string | null;
  totpEnabled: boolean;
}

/** True when `actor` holds `role` or a higher one. */
export const hasRole = (actor: { role: Role } | undefined, role: Role): boolean => !!actor && RANK[actor.role] >= RANK[role];

/** Facilitators and admins: the people who moderate, review and curate. */
export const isFacilitator = (actor: { role: Role } | undefined): boolean => hasRole(actor, 'facilitator');

/** Hex SHA-256 of a UTF-8 string (token digests, content fingerprints). */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
