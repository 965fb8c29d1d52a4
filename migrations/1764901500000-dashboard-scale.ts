import type { MigrationInterface, QueryRunner } from 'typeorm';

// The facilitators' dashboard at network scale (issue 19):
// - use_cases_unverified_idx: the content-health list of published, unverified use cases, oldest
//   first, reads its first 11 rows from this index instead of every unverified case (7,000 of 10,000
//   at 100,000 threads, with a window count over all of them);
// - dashboard_state.snapshots_due_since: set by the worker's rollup refresh together with the new
//   version, cleared once it has recomputed the snapshots people read; meanwhile a page view serves
//   the previous version's snapshot instead of computing every section itself (dashboard.snapshots.ts).
export class DashboardScale1764901500000 implements MigrationInterface {
  name = 'DashboardScale1764901500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX use_cases_unverified_idx ON use_cases ((coalesce(published_at, created_at)), id) WHERE published AND verified_at IS NULL`);
    await q.query(`ALTER TABLE dashboard_state ADD COLUMN snapshots_due_since timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dashboard_state DROP COLUMN snapshots_due_since`);
    await q.query(`DROP INDEX use_cases_unverified_idx`);
  }
}
