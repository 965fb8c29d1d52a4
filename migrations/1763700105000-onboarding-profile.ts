import type { MigrationInterface, QueryRunner } from 'typeorm';

// Onboarding: the languages a member speaks and the policy areas they care about (profile), and
// whether the member finished or skipped the welcome page (it never returns after either).
export class OnboardingProfile1763700105000 implements MigrationInterface {
  name = 'OnboardingProfile1763700105000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN languages text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE users ADD COLUMN interests text[] NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE TABLE member_onboarding (
        user_id integer PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        completed_at timestamptz,
        dismissed_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE member_onboarding`);
    await q.query(`ALTER TABLE users DROP COLUMN interests`);
    await q.query(`ALTER TABLE users DROP COLUMN languages`);
  }
}
