import type { MigrationInterface, QueryRunner } from 'typeorm';

// A member's choice about the leaderboards (GDPR: nobody is shown before agreeing). No row, or a
// NULL choice, means "not asked yet"; the member answers once and can change it at any time.
export class RecognitionPreferences1763700094000 implements MigrationInterface {
  name = 'RecognitionPreferences1763700094000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recognition_preferences (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        leaderboard_visible boolean,
        answered_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The leaderboards start from the (few) members who agreed.
    await q.query(`CREATE INDEX recognition_preferences_visible_idx ON recognition_preferences (user_id) WHERE leaderboard_visible`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recognition_preferences`);
  }
}
