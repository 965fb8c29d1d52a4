import type { MigrationInterface, QueryRunner } from 'typeorm';

// Quiz and course translations edited in the academy editor (issue 18): who changed a translation
// last (updated_at already says when; the audit log keeps every change made in the app). Null for
// translations from content files.
export class AcademyTranslationEditors1764900900000 implements MigrationInterface {
  name = 'AcademyTranslationEditors1764900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_quiz_translations ADD COLUMN updated_by_id integer REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE academy_course_translations ADD COLUMN updated_by_id integer REFERENCES users(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE academy_course_translations DROP COLUMN updated_by_id`);
    await q.query(`ALTER TABLE academy_quiz_translations DROP COLUMN updated_by_id`);
  }
}
