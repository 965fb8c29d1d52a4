import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's "questions" section at scale (bench:dashboard, 1,000,000 replies): the first reply
// to each question of a period and the accepted reply's time, read from the index alone (the
// replies' thread index has no created_at in its leading columns, and every reply was a heap fetch).
export class DashboardReplyTimesIndex1763700160000 implements MigrationInterface {
  name = 'DashboardReplyTimesIndex1763700160000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_replies_visible_times_idx ON forum_replies (thread_id, created_at) INCLUDE (author_id, id)
      WHERE deleted_at IS NULL AND hidden_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_replies_visible_times_idx`);
  }
}
