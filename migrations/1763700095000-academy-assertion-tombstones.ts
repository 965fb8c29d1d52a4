import type { MigrationInterface, QueryRunner } from 'typeorm';

// A deleted member's course badge assertions stay as revoked tombstones without them (no member,
// no certificate, the recipient hash and salt erased), so their hosted URLs answer 410 with
// revoked: true — as the recognition module's badges and micro-degrees do — instead of 404.
export class AcademyAssertionTombstones1763700095000 implements MigrationInterface {
  name = 'AcademyAssertionTombstones1763700095000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_badge_assertions ALTER COLUMN user_id DROP NOT NULL, ALTER COLUMN certificate_id DROP NOT NULL`);
    await q.query(`ALTER TABLE academy_badge_assertions DROP CONSTRAINT academy_badge_assertions_user_id_fkey,
      ADD CONSTRAINT academy_badge_assertions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE academy_badge_assertions DROP CONSTRAINT academy_badge_assertions_certificate_id_fkey,
      ADD CONSTRAINT academy_badge_assertions_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES academy_certificates(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM academy_badge_assertions WHERE user_id IS NULL OR certificate_id IS NULL`);
    await q.query(`ALTER TABLE academy_badge_assertions DROP CONSTRAINT academy_badge_assertions_certificate_id_fkey,
      ADD CONSTRAINT academy_badge_assertions_certificate_id_fkey FOREIGN KEY (certificate_id) REFERENCES academy_certificates(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE academy_badge_assertions DROP CONSTRAINT academy_badge_assertions_user_id_fkey,
      ADD CONSTRAINT academy_badge_assertions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE academy_badge_assertions ALTER COLUMN user_id SET NOT NULL, ALTER COLUMN certificate_id SET NOT NULL`);
  }
}
