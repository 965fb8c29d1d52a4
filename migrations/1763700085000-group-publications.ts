import type { MigrationInterface, QueryRunner } from 'typeorm';

// Working groups' results: publications (Markdown documents reviewed by a lead before they are
// published, with revisions) and the use cases a group links as its results.
export class GroupPublications1763700085000 implements MigrationInterface {
  name = 'GroupPublications1763700085000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE group_publications (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        group_id integer NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
        slug text NOT NULL CONSTRAINT group_publications_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title text NOT NULL CONSTRAINT group_publications_title_check CHECK (char_length(title) BETWEEN 1 AND 200),
        body_source text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CONSTRAINT group_publications_status_check CHECK (status IN ('draft', 'in_review', 'published')),
        review_comment text NOT NULL DEFAULT '',
        language text NOT NULL DEFAULT 'de' CONSTRAINT group_publications_language_check CHECK (language IN ('de', 'en')),
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        reviewed_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        published_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT group_publications_group_slug_key UNIQUE (group_id, slug)
      )`);
    await q.query(`
      CREATE TABLE group_publication_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        publication_id integer NOT NULL REFERENCES group_publications(id) ON DELETE CASCADE,
        version integer NOT NULL,
        title text NOT NULL,
        body_source text NOT NULL DEFAULT '',
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT group_publication_revisions_version_key UNIQUE (publication_id, version)
      )`);
    await q.query(`
      CREATE TABLE group_use_cases (
        group_id integer NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
        use_case_id integer NOT NULL REFERENCES use_cases(id) ON DELETE CASCADE,
        added_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, use_case_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE group_use_cases`);
    await q.query(`DROP TABLE group_publication_revisions`);
    await q.query(`DROP TABLE group_publications`);
  }
}
