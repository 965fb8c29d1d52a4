import type { MigrationInterface, QueryRunner } from 'typeorm';

// Micro-degrees: facilitators define them (title, description, competence areas, requirements of
// mixed kinds as JSON checked by zod on write); a member who meets every requirement is granted one
// as an Open Badges assertion in recognition_assertions (kind 'microdegree', class_key = slug).
export class RecognitionMicrodegrees1763700092000 implements MigrationInterface {
  name = 'RecognitionMicrodegrees1763700092000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recognition_microdegrees (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE CONSTRAINT recognition_microdegrees_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL CONSTRAINT recognition_microdegrees_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        language text NOT NULL DEFAULT 'de' CONSTRAINT recognition_microdegrees_language_check CHECK (language IN ('de', 'en')),
        description_source text NOT NULL DEFAULT '',
        description_html text NOT NULL DEFAULT '',
        competences text[] NOT NULL DEFAULT '{}',
        requirements jsonb NOT NULL DEFAULT '[]',
        created_by integer REFERENCES users(id) ON DELETE SET NULL,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recognition_microdegrees`);
  }
}
