// Sign-in throttling in PostgreSQL (so it holds across app processes): failures are counted per
// account (the e-mail typed, whether or not it exists, so the answer never reveals which) and per
// IP address; past the limit the key is locked for a while and sign-in answers 429.
import type { EntityManager } from 'typeorm';

export interface ThrottleLimits {
  accountMaxFailures: number;
  ipMaxFailures: number;
  lockMinutes: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = { accountMaxFailures: 10, ipMaxFailures: 100, lockMinutes: 15 };

export const accountKey = (email: string) => `acct:${email.toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/** The moment until which any of the keys is locked, or null. */
export async function lockedUntil(db: EntityManager, keys: string[]): Promise<Date | null> {
  const rows: { locked_until: Date }[] = await db.query(
    `SELECT max(locked_until) AS locked_until FROM sign_in_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  );
  return rows[0]?.locked_until ?? null;
}

export async function recordFailure(db: EntityManager, key: string, max: number, lockMinutes: number): Promise<void> {
  // A window of lockMinutes: older failures are forgotten; reaching `max` locks the key.
  await db.query(
    `INSERT INTO sign_in_throttle AS t (key, failures, window_started_at)
     VALUES ($1, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END`,
    // Only the parameters the statement uses: PostgreSQL cannot type an unused one (error 42P18).
    [key, lockMinutes],
  );
  await db.query(
    `UPDATE sign_in_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0, window_started_at = now()
      WHERE key = $1 AND failures >= $2`,
    [key, max, lockMinutes],
  );
}

export async function clearFailures(db: EntityManager, key: string): Promise<void> {
  await db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [key]);
}
