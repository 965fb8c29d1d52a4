import type { MigrationInterface, QueryRunner } from 'typeorm';

// Request rate limits shared by every web process (src/db/rate-limit.store.ts): one row per limiter
// and client key — the key is a keyed hash, never an IP address or a member id — counting the hits
// of the current window until reset_at. Expired rows are deleted by the store now and then.
export class RateLimitHits1764900300000 implements MigrationInterface {
  name = 'RateLimitHits1764900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limit_hits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        reset_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rate_limit_hits_reset_at_idx ON rate_limit_hits (reset_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limit_hits`);
  }
}
