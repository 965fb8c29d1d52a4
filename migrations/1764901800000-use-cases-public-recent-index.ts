import type { MigrationInterface, QueryRunner } from 'typeorm';

// The visitors' home page's newest public use cases, in the list's own order: with it the page reads
// four index entries; without it PostgreSQL read and sorted every public case on each view (6.5 ms at
// 10,000 use cases, growing with the library).
export class UseCasesPublicRecentIndex1764901800000 implements MigrationInterface {
  name = 'UseCasesPublicRecentIndex1764901800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX use_cases_public_recent_idx ON use_cases (published_at DESC NULLS LAST, id DESC) WHERE published AND visibility = 'public'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX use_cases_public_recent_idx`);
  }
}
