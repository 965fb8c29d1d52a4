// An express-rate-limit Store in PostgreSQL (table rate_limit_hits), so every web process counts
// against the same limits: one row per limiter and client, incremented by one atomic upsert that
// also starts a new window once the old one is over. Keys are keyed hashes (HMAC-SHA-256 with the
// session secret) — no IP address or member id is stored. Rows whose window has ended are deleted
// now and then by whichever process increments (at most once a window per store).
import { createHmac } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { affected, one, type Queryable } from './sql.js';

export interface PostgresRateLimitStoreOptions {
  /** Names the limiter: two limiters never share a count, whatever their client keys. */
  name: string;
  /** Keys the hash of the client keys (the session secret). */
  secret: string;
  /**
   * Separates the counts of different deployments on one database (RATE_LIMIT_NAMESPACE); the
   * processes of one deployment share it. Tests give every app its own.
   */
  namespace?: string;
}

interface Row {
  hits: number;
  reset_at: Date;
}

export class PostgresRateLimitStore implements Store {
  /** The counts are shared between processes. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private prunedAt = 0;

  constructor(
    private readonly db: Queryable,
    private readonly opts: PostgresRateLimitStoreOptions,
  ) {
    this.prefix = `${opts.namespace ?? ''}/${opts.name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private rowKey(key: string): string {
    return `${this.opts.name}:${createHmac('sha256', this.opts.secret).update(`rate limit\u0000${this.prefix}${key}`).digest('hex')}`;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await one<Row>(this.db, `SELECT hits, reset_at FROM rate_limit_hits WHERE key = $1 AND reset_at > now()`, [this.rowKey(key)]);
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    this.prune();
    // One statement: two processes counting the same key at once both see the other's hit.
    const row = await one<Row>(this.db,
      `INSERT INTO rate_limit_hits AS h (key, hits, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN h.reset_at <= now() THEN 1 ELSE h.hits + 1 END,
         reset_at = CASE WHEN h.reset_at <= now() THEN excluded.reset_at ELSE h.reset_at END
       RETURNING hits, reset_at`,
      [this.rowKey(key), this.windowMs],
    );
    return { totalHits: row!.hits, resetTime: row!.reset_at };
  }

  async decrement(key: string): Promise<void> {
    await affected(this.db, `UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND reset_at > now()`, [this.rowKey(key)]);
  }

  async resetKey(key: string): Promise<void> {
    await affected(this.db, `DELETE FROM rate_limit_hits WHERE key = $1`, [this.rowKey(key)]);
  }

  /** Deletes the rows whose window has ended, at most once per window from this store; never waited for. */
  private prune(): void {
    if (Date.now() - this.prunedAt < this.windowMs) return;
    this.prunedAt = Date.now();
    void pruneRateLimits(this.db).catch(() => undefined);
  }
}

/** Deletes every count whose window has ended. Returns how many. */
export function pruneRateLimits(db: Queryable): Promise<number> {
  return affected(db, `DELETE FROM rate_limit_hits WHERE reset_at <= now()`);
}
