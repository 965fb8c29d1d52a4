import type { MigrationInterface, QueryRunner } from 'typeorm';

// Use-case translations written in the app (issue 18): every text of a translation is a revision —
// who wrote it, when, the title and summary, and the original's title and summary it was written
// from. A revision written in the app waits for review (four eyes: never approved by its author);
// an approved one is copied to use_case_translations, which readers see. Content files count as
// approved (origin 'file'). At most one revision per case and language is pending at a time.
// The existing translations all came from content files: they become their first, approved revision.
export class UseCaseTranslationRevisions1764900800000 implements MigrationInterface {
  name = 'UseCaseTranslationRevisions1764900800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE use_case_translation_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        language text NOT NULL CONSTRAINT use_case_translation_revisions_language_check CHECK (language ~ '^[a-z]{2}$'),
        title text NOT NULL CONSTRAINT use_case_translation_revisions_title_check CHECK (char_length(title) BETWEEN 3 AND 200),
        summary text NOT NULL CONSTRAINT use_case_translation_revisions_summary_check CHECK (char_length(summary) <= 300),
        source_title text NOT NULL,
        source_summary text NOT NULL,
        origin text NOT NULL DEFAULT 'app' CONSTRAINT use_case_translation_revisions_origin_check CHECK (origin IN ('app', 'file')),
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT use_case_translation_revisions_status_check CHECK (status IN ('pending', 'approved', 'refused', 'superseded')),
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reviewed_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        review_note text NOT NULL DEFAULT '' CONSTRAINT use_case_translation_revisions_note_check CHECK (char_length(review_note) <= 500)
      )`);
    await q.query(`CREATE UNIQUE INDEX use_case_translation_revisions_pending_key ON use_case_translation_revisions (use_case_id, language) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX use_case_translation_revisions_case_idx ON use_case_translation_revisions (use_case_id, language, id)`);
    await q.query(`CREATE INDEX use_case_translation_revisions_author_idx ON use_case_translation_revisions (author_id)`);
    await q.query(`CREATE INDEX use_case_translation_revisions_reviewer_idx ON use_case_translation_revisions (reviewed_by_id)`);
    await q.query(`
      INSERT INTO use_case_translation_revisions (use_case_id, language, title, summary, source_title, source_summary, origin, status, created_at, reviewed_at)
      SELECT use_case_id, language, title, summary, source_title, source_summary, 'file', 'approved', updated_at, updated_at
        FROM use_case_translations ORDER BY use_case_id, language`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE use_case_translation_revisions`);
  }
}
