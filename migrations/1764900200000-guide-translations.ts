import type { MigrationInterface, QueryRunner } from 'typeorm';

// Translations of guides: a translation is a guide row of its own (its own chapters, revisions and
// four-eyes review) linked to the original by translation_of_id. source_revision_id records which
// published revision of the original a translation (and each of its revisions) was written from;
// when the original publishes a newer one, the translation is outdated. Content languages come
// from CONTENT_LANGUAGES, so the column only checks the shape of a language code.
export class GuideTranslations1764900200000 implements MigrationInterface {
  name = 'GuideTranslations1764900200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guides DROP CONSTRAINT guides_language_check`);
    await q.query(`ALTER TABLE guides ADD CONSTRAINT guides_language_check CHECK (language ~ '^[a-z]{2}$')`);
    await q.query(`ALTER TABLE guides ADD COLUMN translation_of_id integer REFERENCES guides(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE guides ADD COLUMN source_revision_id integer REFERENCES guide_revisions(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE guides ADD CONSTRAINT guides_translation_check CHECK (translation_of_id IS DISTINCT FROM id)`);
    await q.query(`CREATE UNIQUE INDEX guides_translation_language_idx ON guides (translation_of_id, language) WHERE translation_of_id IS NOT NULL`);
    await q.query(`ALTER TABLE guide_revisions ADD COLUMN source_revision_id integer REFERENCES guide_revisions(id) ON DELETE SET NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guide_revisions DROP COLUMN source_revision_id`);
    await q.query(`DELETE FROM guides WHERE translation_of_id IS NOT NULL`);
    await q.query(`DROP INDEX guides_translation_language_idx`);
    await q.query(`ALTER TABLE guides DROP CONSTRAINT guides_translation_check`);
    await q.query(`ALTER TABLE guides DROP COLUMN source_revision_id, DROP COLUMN translation_of_id`);
    await q.query(`UPDATE guides SET language = 'de' WHERE language NOT IN ('de', 'en')`);
    await q.query(`ALTER TABLE guides DROP CONSTRAINT guides_language_check`);
    await q.query(`ALTER TABLE guides ADD CONSTRAINT guides_language_check CHECK (language IN ('de', 'en'))`);
  }
}
