import type { MigrationInterface, QueryRunner } from 'typeorm';

// "Since my last visit" on the member start page: the member's last and previous visit to `/`,
// and per-member read marks of forum threads (threads I follow with unread replies).
export class HomeVisits1763700104000 implements MigrationInterface {
  name = 'HomeVisits1763700104000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE home_visits (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        last_visit_at timestamptz NOT NULL DEFAULT now(),
        previous_visit_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE forum_thread_reads (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        last_read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, thread_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE forum_thread_reads`);
    await q.query(`DROP TABLE home_visits`);
  }
}
