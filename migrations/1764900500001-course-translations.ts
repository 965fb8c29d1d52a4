import type { MigrationInterface, QueryRunner } from 'typeorm';

// Courses in more than one language: a translated title and summary per language (like use cases).
// source_title/source_summary keep the original's text the translation was made from; when the
// original's differs, the translation is outdated.
export class CourseTranslations1764900500001 implements MigrationInterface {
  name = 'CourseTranslations1764900500001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE academy_course_translations (
        course_id integer NOT NULL REFERENCES academy_courses(id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
        summary text NOT NULL DEFAULT '',
        summary_html text NOT NULL DEFAULT '',
        source_title text NOT NULL,
        source_summary text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (course_id, language)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE academy_course_translations`);
  }
}
