import type { MigrationInterface, QueryRunner } from 'typeorm';

// Each member's private calendar feed (/calendar/:token.ics): only a SHA-256 of the token is kept,
// one feed per member; regenerating replaces the row, so the old URL stops working.
export class EventCalendar1763700083000 implements MigrationInterface {
  name = 'EventCalendar1763700083000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feeds (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_feeds`);
  }
}
