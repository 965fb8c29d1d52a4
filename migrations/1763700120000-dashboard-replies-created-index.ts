import type { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's rollups of replies (`reply`, `reply_tag`) read the replies of one or two Berlin
// days every 5 minutes: a range on created_at, from an index instead of a scan of all replies.
export class DashboardRepliesCreatedIndex1763700120000 implements MigrationInterface {
  name = 'DashboardRepliesCreatedIndex1763700120000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX forum_replies_created_idx ON forum_replies (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX forum_replies_created_idx`);
  }
}
