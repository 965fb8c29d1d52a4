// Sign-in throttling in PostgreSQL (so it holds across app processes). Failures are counted per
// key: the typed e-mail together with the source address, the typed e-mail from anywhere, the
// source address alone, and the second step of one account. Past a key's limit the key is locked
// for a while; what a lock means is decided by the caller (accounts.service.ts: a locked password
// step asks for a code as well, it never refuses the right person outright). The limits come from
// the SIGNIN_* settings (accounts.service.ts throttleLimits).
//
// Keys are keyed hashes (HMAC-SHA-256 with a key derived from SESSION_SECRET), never the typed
// e-mail or IP address, and each row expires SIGNIN_LOCK_MINUTES after its last failure or at the
// end of its lock; expired rows are deleted by the worker's housekeeping (pruneThrottle).
import type { EntityManager } from 'typeorm';
import { keyedHash } from './tokens.js';
import { affected } from '../../db/sql.js';

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

/** The moment until which any of the keys is locked, or null. */
export async function lockedUntil(db: EntityManager, keys: string[]): Promise<Date | null> {
  const rows: { locked_until: Date }[] = await db.query(
    `SELECT max(locked_until) AS locked_until FROM sign_in_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  );
  return rows[0]?.locked_until ?? null;
}

/** Counts one failure; reaching `max` within a window of lockMinutes locks the key for lockMinutes. */
export async function recordFailure(db: EntityManager, key: string, max: number, lockMinutes: number): Promise<void> {
  // A window of lockMinutes: older failures are forgotten. The row expires lockMinutes after the
  // last failure (by then its window is over), or when its lock ends, whichever is later.
  await db.query(
    `INSERT INTO sign_in_throttle AS t (key, failures, window_started_at, expires_at)
     VALUES ($1, 1, now(), now() + make_interval(mins => $2))
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END,
       expires_at = greatest(t.locked_until, now() + make_interval(mins => $2))`,
    // Only the parameters the statement uses: PostgreSQL cannot type an unused one (error 42P18).
    [key, lockMinutes],
  );
  await db.query(
    `UPDATE sign_in_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0, window_started_at = now(),
            expires_at = now() + make_interval(mins => $3)
      WHERE key = $1 AND failures >= $2`,
    [key, max, lockMinutes],
  );
}

export async function clearFailures(db: EntityManager, keys: string[]): Promise<void> {
  await db.query(`DELETE FROM sign_in_throttle WHERE key = ANY($1)`, [keys]);
}

/** Deletes expired rows (worker housekeeping). Returns how many. */
export async function pruneThrottle(db: EntityManager): Promise<number> {
  return affected(db, `DELETE FROM sign_in_throttle WHERE expires_at < now()`);
}
