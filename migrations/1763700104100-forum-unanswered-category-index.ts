import type { MigrationInterface, QueryRunner } from 'typeorm';

// The start page's "open questions in my categories": the newest unanswered questions of one
// category straight from an index, whatever the number of threads in it.
export class ForumUnansweredCategoryIndex1763700104100 implements MigrationInterface {
  name = 'ForumUnansweredCategoryIndex1763700104100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_threads_unanswered_category_idx ON forum_threads (category_id, created_at)
      WHERE kind = 'question' AND accepted_reply_id IS NULL AND merged_into_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_threads_unanswered_category_idx`);
  }
}
