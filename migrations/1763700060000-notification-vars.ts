import type { MigrationInterface, QueryRunner } from 'typeorm';

// Values for a notification's message ({administration} in "Stadt X wants this too"), stored with
// the notification so that it says what was true when it was sent.
export class NotificationVars1763700060000 implements MigrationInterface {
  name = 'NotificationVars1763700060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN vars jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN vars`);
  }
}
