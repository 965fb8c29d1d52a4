import type { MigrationInterface, QueryRunner } from 'typeorm';

// Members-only ("restricted") forum categories: a category whose threads only the members listed
// in forum_category_members (and facilitators/admins) may see — another module (e.g. working
// groups) keeps the list. A restricted category is never public; the check says so.
export class ForumRestrictedCategories1763700081000 implements MigrationInterface {
  name = 'ForumRestrictedCategories1763700081000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_categories ADD COLUMN restricted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE forum_categories ADD CONSTRAINT forum_categories_restricted_check CHECK (NOT (restricted AND is_public))`);
    await q.query(`
      CREATE TABLE forum_category_members (
        category_id integer NOT NULL REFERENCES forum_categories(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (category_id, user_id)
      )`);
    await q.query(`CREATE INDEX forum_category_members_user_idx ON forum_category_members (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS forum_category_members`);
    await q.query(`ALTER TABLE forum_categories DROP CONSTRAINT IF EXISTS forum_categories_restricted_check`);
    await q.query(`ALTER TABLE forum_categories DROP COLUMN IF EXISTS restricted`);
  }
}
