import type { MigrationInterface, QueryRunner } from 'typeorm';

// Guides: the published content lives in `guides` + `guide_chapters` (what readers see); every save
// is a `guide_revisions` row holding a snapshot of the whole guide. A pending edit is the revision
// that `guides.draft_revision_id` points at; approving it copies its snapshot into the rows.
export class Guides1763700004000 implements MigrationInterface {
  name = 'Guides1763700004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guides (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        tags text[] NOT NULL DEFAULT '{}',
        owner_id integer REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'archived')),
        review_state text NOT NULL DEFAULT 'none' CHECK (review_state IN ('none', 'in_review', 'changes_requested')),
        review_interval_months integer NOT NULL DEFAULT 12 CHECK (review_interval_months BETWEEN 1 AND 60),
        verified_on date,
        next_review_on date,
        reminded_for date,
        language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        sort_order integer NOT NULL DEFAULT 100,
        source text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'file')),
        source_hash text,
        -- The content root a file guide came from (relative to the project), so removal is judged per root.
        source_root text,
        published_revision_id integer,
        draft_revision_id integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        archived_at timestamptz
      )`);
    await q.query(`CREATE INDEX guides_status_idx ON guides (status, sort_order, title)`);
    await q.query(`CREATE INDEX guides_tags_idx ON guides USING gin (tags)`);
    await q.query(`CREATE INDEX guides_review_idx ON guides (next_review_on) WHERE status = 'published'`);
    await q.query(`
      CREATE TABLE guide_chapters (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        guide_id integer NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
        uid text NOT NULL,
        position integer NOT NULL,
        slug text NOT NULL,
        title text NOT NULL,
        body_source text NOT NULL DEFAULT '',
        body_html text NOT NULL DEFAULT '',
        source_url text,
        source_title text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (guide_id, uid),
        UNIQUE (guide_id, slug)
      )`);
    await q.query(`CREATE INDEX guide_chapters_source_idx ON guide_chapters (source_url) WHERE source_url IS NOT NULL`);
    await q.query(`
      CREATE TABLE guide_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        guide_id integer NOT NULL REFERENCES guides(id) ON DELETE CASCADE,
        chapter_uid text,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        origin text NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'file', 'restore', 'promote')),
        message text NOT NULL DEFAULT '',
        snapshot jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'changes_requested', 'superseded')),
        reviewer_id integer REFERENCES users(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        review_comment text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX guide_revisions_guide_idx ON guide_revisions (guide_id, id DESC)`);
    await q.query(`ALTER TABLE guides ADD CONSTRAINT guides_published_revision_fk FOREIGN KEY (published_revision_id) REFERENCES guide_revisions(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE guides ADD CONSTRAINT guides_draft_revision_fk FOREIGN KEY (draft_revision_id) REFERENCES guide_revisions(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE guide_reads (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        chapter_id integer NOT NULL REFERENCES guide_chapters(id) ON DELETE CASCADE,
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, chapter_id)
      )`);
    await q.query(`CREATE INDEX guide_reads_chapter_idx ON guide_reads (chapter_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide_reads`);
    await q.query(`ALTER TABLE guides DROP CONSTRAINT guides_published_revision_fk, DROP CONSTRAINT guides_draft_revision_fk`);
    await q.query(`DROP TABLE guide_revisions`);
    await q.query(`DROP TABLE guide_chapters`);
    await q.query(`DROP TABLE guides`);
  }
}
