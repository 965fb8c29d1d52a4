import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's open questions by age at network scale (bench:dashboard, ~40,000 open questions):
// the forum's unanswered index leaves hidden and removed threads to heap fetches, so the three counts
// were a scan of all threads. With the whole condition in the predicate they are an index-only scan.
export class DashboardOpenQuestionsIndex1763700170002 implements MigrationInterface {
  name = 'DashboardOpenQuestionsIndex1763700170002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_threads_open_questions_idx ON forum_threads (created_at, id)
      WHERE kind = 'question' AND accepted_reply_id IS NULL AND merged_into_id IS NULL AND hidden_at IS NULL AND removed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_threads_open_questions_idx`);
  }
}
