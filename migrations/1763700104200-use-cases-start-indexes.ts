import type { MigrationInterface, QueryRunner } from 'typeorm';

// The start page's use-case blocks: published cases by their latest publication or update (an
// index in that order lets the scan stop at the first few that match), and a member's own cases.
export class UseCasesStartIndexes1763700104200 implements MigrationInterface {
  name = 'UseCasesStartIndexes1763700104200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX use_cases_recent_idx ON use_cases ((greatest(coalesce(published_at, created_at), updated_at)) DESC, id DESC) WHERE published`);
    await q.query(`CREATE INDEX use_cases_owner_idx ON use_cases (owner_id) WHERE owner_id IS NOT NULL`);
    await q.query(`CREATE INDEX use_cases_created_by_idx ON use_cases (created_by_id) WHERE created_by_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX use_cases_created_by_idx`);
    await q.query(`DROP INDEX use_cases_owner_idx`);
    await q.query(`DROP INDEX use_cases_recent_idx`);
  }
}
