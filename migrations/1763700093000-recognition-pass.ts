import type { MigrationInterface, QueryRunner } from 'typeorm';

// The Kompetenzpass settings of a member: who may see it (private, network, public) and the share
// link of a public pass. Only a SHA-256 of the link's token is kept (like the calendar feeds); a
// new token replaces the old one, and revoking empties it, so an old link stops working at once.
export class RecognitionPass1763700093000 implements MigrationInterface {
  name = 'RecognitionPass1763700093000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recognition_pass_settings (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        visibility text NOT NULL DEFAULT 'network'
          CONSTRAINT recognition_pass_settings_visibility_check CHECK (visibility IN ('private', 'network', 'public')),
        share_token_hash text UNIQUE,
        share_created_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recognition_pass_settings`);
  }
}
