// The sign-in throttle's rows in PostgreSQL (so it holds across app processes): one row per key
// (throttle.ts names the keys), counting failures in a window and locking the key past its limit.
import { affected, one, rows, type Db } from '../../db/sql.js';

/** The moment until which any of the keys is locked, or null. */
export async function lockedUntil(db: Db, keys: string[]): Promise<Date | null> {
  const row = await one<{ locked_until: Date | null }>(db,
    `SELECT max(locked_until) AS locked_until FROM sign_in_throttle WHERE key = ANY($1) AND locked_until > now()`,
    [keys],
  );
  return row?.locked_until ?? null;
}

/** Counts one failure; reaching `max` within a window of lockMinutes locks the key for lockMinutes. */
export async function recordFailure(db: Db, key: string, max: number, lockMinutes: number): Promise<void> {
  // A window of lockMinutes: older failures are forgotten. The row expires lockMinutes after the
  // last failure (by then its window is over), or when its lock ends, whichever is later.
  await rows(db,
    `INSERT INTO sign_in_throttle AS t (key, failures, window_started_at, expires_at)
     VALUES ($1, 1, now(), now() + make_interval(mins => $2))
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at < now() - make_interval(mins => $2) THEN now() ELSE t.window_started_at END,
       expires_at = greatest(t.locked_until, now() + make_interval(mins => $2))`,
    // Only the parameters the statement uses: PostgreSQL cannot type an unused one (error 42P18).
    [key, lockMinutes],
  );
  await affected(db,
    `UPDATE sign_in_throttle SET locked_until = now() + make_interval(mins => $3), failures = 0, window_started_at = now(),
            expires_at = now() + make_interval(mins => $3)
      WHERE key = $1 AND failures >= $2`,
    [key, max, lockMinutes],
  );
}

export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  await affected(db, `DELETE FROM sign_in_throttle WHERE key = ANY($1)`, [keys]);
}

/** Deletes expired rows (worker housekeeping). Returns how many. */
export async function pruneThrottle(db: Db): Promise<number> {
  return affected(db, `DELETE FROM sign_in_throttle WHERE expires_at < now()`);
}
