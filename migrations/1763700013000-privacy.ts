import type { MigrationInterface, QueryRunner } from 'typeorm';

// Account deletion with contributions removed: a thread others replied to stays for their
// replies, with its own title and text replaced and this mark ("removed at the author's request").
export class Privacy1763700013000 implements MigrationInterface {
  name = 'Privacy1763700013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_threads ADD COLUMN removed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_threads DROP COLUMN removed_at`);
  }
}
