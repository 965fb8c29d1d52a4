import type { MigrationInterface, QueryRunner } from 'typeorm';

// Use cases in more than one language: a translated title and summary per language (the full report
// stays in its original language). source_title/source_summary keep the original's text the
// translation was made from; when the original's differs, the translation is outdated.
export class UseCaseTranslations1764900200001 implements MigrationInterface {
  name = 'UseCaseTranslations1764900200001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE use_case_translations (
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        language text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
        title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
        summary text NOT NULL CHECK (char_length(summary) <= 300),
        source_title text NOT NULL,
        source_summary text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (use_case_id, language)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE use_case_translations`);
  }
}
