// Sign-in throttling in PostgreSQL (so it holds across app processes). Failures are counted per
// key: the typed e-mail together with the source address, the typed e-mail from anywhere, the
// source address alone, and the second step of one account. Past a key's limit the key is locked
// for a while; what a lock means is decided by the caller (accounts.service.ts: a locked password
// step asks for a code as well, it never refuses the right person outright). The limits come from
// the SIGNIN_* settings (accounts.service.ts throttleLimits).
//
// Keys are keyed hashes (HMAC-SHA-256 with a key derived from SESSION_SECRET), never the typed
// e-mail or IP address, and each row expires SIGNIN_LOCK_MINUTES after its last failure or at the
// end of its lock; expired rows are deleted by the worker's housekeeping (pruneThrottle). The
// statements (counting, locking, clearing, pruning) are in throttle.store.ts.
import { keyedHash } from './tokens.js';

export interface ThrottleLimits {
  /** Failures for one e-mail from one source address before that pair is locked. */
  accountMaxFailures: number;
  /** Failures for one e-mail from all addresses together before the account is locked everywhere. */
  accountTotalMaxFailures: number;
  /** Failures from one address (any e-mail) before the address is locked. */
  ipMaxFailures: number;
  lockMinutes: number;
}

export interface ThrottleKeys {
  /** One e-mail (as typed, lower-cased) from one source address. */
  pair(email: string, ip: string): string;
  /** One e-mail from anywhere. */
  account(email: string): string;
  ip(ip: string): string;
  /** The second step (authenticator or recovery code) of one account. */
  secondFactor(userId: number): string;
}

/** The key names for one server secret: "<scope>:<hex HMAC>", so a row names no person. */
export function throttleKeys(secret: string): ThrottleKeys {
  const h = (scope: string, ...parts: string[]) => `${scope}:${keyedHash(secret, 'sign-in throttle', [scope, ...parts].join('\u0000'))}`;
  return {
    pair: (email, ip) => h('pair', email.toLowerCase(), ip),
    account: (email) => h('acct', email.toLowerCase()),
    ip: (ip) => h('ip', ip),
    secondFactor: (userId) => h('2fa', String(userId)),
  };
}
