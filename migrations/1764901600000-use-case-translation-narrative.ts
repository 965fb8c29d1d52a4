import type { MigrationInterface, QueryRunner } from 'typeorm';

// Use-case translations carry the report's narrative sections too (issue 18): per section the
// Markdown source (narrative), its sanitised HTML (narrative_html, rendered on write like the
// original's) and the original's section it was translated from (source_narrative, only for the
// sections translated). Existing rows get '{}': no section translated, readers see the original's.
export class UseCaseTranslationNarrative1764901600000 implements MigrationInterface {
  name = 'UseCaseTranslationNarrative1764901600000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['use_case_translations', 'use_case_translation_revisions']) {
      await q.query(`
        ALTER TABLE ${table}
          ADD COLUMN narrative jsonb NOT NULL DEFAULT '{}',
          ADD COLUMN narrative_html jsonb NOT NULL DEFAULT '{}',
          ADD COLUMN source_narrative jsonb NOT NULL DEFAULT '{}'`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['use_case_translations', 'use_case_translation_revisions']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN narrative, DROP COLUMN narrative_html, DROP COLUMN source_narrative`);
    }
  }
}
