import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's "questions" section: the questions asked in a period, straight from an index
// (the unanswered index covers only open questions; the others order by last activity).
export class DashboardQuestionsIndex1763700111000 implements MigrationInterface {
  name = 'DashboardQuestionsIndex1763700111000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_threads_questions_created_idx ON forum_threads (created_at)
      WHERE kind = 'question' AND merged_into_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_threads_questions_created_idx`);
  }
}
