import type { MigrationInterface, QueryRunner } from 'typeorm';

// The search log (src/modules/search/search-log.entity.ts): one row per search with a query, for the
// dashboard's knowledge gaps. The member id goes after 30 days (the worker's housekeeping).
export class SearchLog1763700140000 implements MigrationInterface {
  name = 'SearchLog1763700140000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        query text NOT NULL,
        results integer NOT NULL,
        user_id integer NULL REFERENCES users (id) ON DELETE SET NULL,
        opened_at timestamptz NULL
      )`);
    // The dashboard reads a period's rows.
    await q.query(`CREATE INDEX search_log_at_idx ON search_log (at)`);
    // "Opened": the newest unopened search for a query (one indexed UPDATE per result opened).
    await q.query(`CREATE INDEX search_log_unopened_idx ON search_log (query, at) WHERE opened_at IS NULL`);
    // The member's own searches (privacy download, deletion) and the 30-day purge of member ids.
    await q.query(`CREATE INDEX search_log_user_idx ON search_log (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX search_log_member_at_idx ON search_log (at) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_log`);
  }
}
