// The vocabulary of personal access tokens: scopes, expiry choices and the token's text form.
// A token is "prx_" and 32 random bytes (base64url). Stored is only its SHA-256: with 256 bits of
// entropy nobody can guess a token from its hash, so a slow password hash (argon2) would only cost
// time on every feed or API request without adding safety.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../shared/identity.js';

/** read:public — what visitors see; read:network — also what the member sees signed in (network-only content). */
export const SCOPES = ['read:public', 'read:network'] as const;
export type Scope = (typeof SCOPES)[number];

/** Expiry choices in days ('never': no expiry). 90 days is preselected. */
export const EXPIRIES = ['30', '90', '365', 'never'] as const;
export type Expiry = (typeof EXPIRIES)[number];

export const TOKEN_PREFIX = 'prx_';
const TOKEN_SHAPE = /^prx_[A-Za-z0-9_-]{43}$/;
/** Characters of the token kept for display ("prx_" and eight of the random part). */
const SHOWN = TOKEN_PREFIX.length + 8;

export interface NewToken {
  token: string;
  hash: string;
  prefix: string;
}

export function newAccessToken(): NewToken {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: sha256(token), prefix: token.slice(0, SHOWN) };
}

/** The stored hash of a presented token, or null when the text cannot be a token (no query then). */
export const tokenHashOf = (token: string): string | null => (TOKEN_SHAPE.test(token) ? sha256(token) : null);

export function expiryDate(choice: Expiry, now = new Date()): Date | null {
  return choice === 'never' ? null : new Date(now.getTime() + Number(choice) * 86_400_000);
}
