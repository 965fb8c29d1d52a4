import type { MigrationInterface, QueryRunner } from 'typeorm';

// One row per member and digest period: the scheduler inserts it together with the digest's outbox
// job (the primary key makes a second worker's insert a no-op), the job marks it done. Exactly one
// digest per member and period, however many workers run.
export class NotificationDigests1763700103000 implements MigrationInterface {
  name = 'NotificationDigests1763700103000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_digests (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        period_start timestamptz NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        notification_count integer NOT NULL DEFAULT 0,
        PRIMARY KEY (user_id, period_start)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_digests`);
  }
}
