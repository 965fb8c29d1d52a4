import type { MigrationInterface, QueryRunner } from 'typeorm';

// Forum and Q&A: categories, threads (the question is the thread's own body), replies, votes, tags,
// revisions, daily views, follows, flags and mentions. Counters live on the rows and are kept by
// atomic UPDATEs in the service; pg_trgm serves "similar questions" on titles.
export class Forum1763700002000 implements MigrationInterface {
  name = 'Forum1763700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE forum_categories (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        is_public boolean NOT NULL DEFAULT false,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE forum_threads (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        category_id integer NOT NULL REFERENCES forum_categories(id),
        kind text NOT NULL CHECK (kind IN ('question', 'discussion')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        slug text NOT NULL,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        body_source text NOT NULL,
        body_html text NOT NULL,
        accepted_reply_id integer,
        locked_at timestamptz,
        pinned_at timestamptz,
        merged_into_id integer REFERENCES forum_threads(id) ON DELETE SET NULL,
        hidden_at timestamptz,
        hidden_reason text,
        hidden_pending boolean NOT NULL DEFAULT false,
        reply_count integer NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
        views integer NOT NULL DEFAULT 0,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz
      )`);
    // Lists read pinned first, then by activity: the indexes carry the same expressions so a page is an index scan.
    await q.query(`CREATE INDEX forum_threads_latest_idx ON forum_threads ((pinned_at IS NULL), last_activity_at DESC, id DESC) WHERE merged_into_id IS NULL`);
    await q.query(`CREATE INDEX forum_threads_category_idx ON forum_threads (category_id, (pinned_at IS NULL), last_activity_at DESC, id DESC) WHERE merged_into_id IS NULL`);
    // Category counts (threads, open questions) as an index-only scan.
    await q.query(`CREATE INDEX forum_threads_counts_idx ON forum_threads (category_id, kind, accepted_reply_id) WHERE merged_into_id IS NULL AND hidden_at IS NULL`);
    await q.query(`CREATE INDEX forum_threads_unanswered_idx ON forum_threads (created_at) WHERE kind = 'question' AND accepted_reply_id IS NULL AND merged_into_id IS NULL`);
    await q.query(`CREATE INDEX forum_threads_author_idx ON forum_threads (author_id)`);
    await q.query(`CREATE INDEX forum_threads_title_trgm_idx ON forum_threads USING gin (title gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE forum_replies (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        parent_id integer REFERENCES forum_replies(id) ON DELETE SET NULL,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        body_source text NOT NULL,
        body_html text NOT NULL,
        vote_count integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
        deleted_at timestamptz,
        hidden_at timestamptz,
        hidden_reason text,
        hidden_pending boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz
      )`);
    await q.query(`CREATE INDEX forum_replies_thread_idx ON forum_replies (thread_id, vote_count DESC, created_at, id)`);
    await q.query(`CREATE INDEX forum_replies_parent_idx ON forum_replies (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX forum_replies_author_idx ON forum_replies (author_id)`);
    await q.query(`ALTER TABLE forum_threads ADD CONSTRAINT forum_threads_accepted_fk
      FOREIGN KEY (accepted_reply_id) REFERENCES forum_replies(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE forum_votes (
        reply_id integer NOT NULL REFERENCES forum_replies(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reply_id, user_id)
      )`);
    await q.query(`CREATE INDEX forum_votes_user_idx ON forum_votes (user_id)`);
    await q.query(`
      CREATE TABLE forum_tags (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name = lower(name) AND name ~ '^[a-z0-9äöüß][a-z0-9äöüß-]{0,29}$')
      )`);
    await q.query(`
      CREATE TABLE forum_thread_tags (
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        tag_id integer NOT NULL REFERENCES forum_tags(id) ON DELETE CASCADE,
        PRIMARY KEY (thread_id, tag_id)
      )`);
    await q.query(`CREATE INDEX forum_thread_tags_tag_idx ON forum_thread_tags (tag_id, thread_id)`);
    await q.query(`
      CREATE TABLE forum_revisions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        reply_id integer REFERENCES forum_replies(id) ON DELETE CASCADE,
        editor_id integer REFERENCES users(id) ON DELETE SET NULL,
        title text,
        body_source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX forum_revisions_post_idx ON forum_revisions (thread_id, reply_id, id)`);
    await q.query(`
      CREATE TABLE forum_thread_views (
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        day date NOT NULL DEFAULT current_date,
        PRIMARY KEY (thread_id, user_id, day)
      )`);
    await q.query(`
      CREATE TABLE forum_follows (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('thread', 'category', 'tag')),
        target_id integer NOT NULL,
        level text NOT NULL CHECK (level IN ('watching', 'normal', 'muted')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, target_type, target_id)
      )`);
    await q.query(`CREATE INDEX forum_follows_target_idx ON forum_follows (target_type, target_id, level)`);
    await q.query(`
      CREATE TABLE forum_flags (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        reply_id integer REFERENCES forum_replies(id) ON DELETE CASCADE,
        user_id integer REFERENCES users(id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('spam', 'off_topic', 'inappropriate', 'other')),
        text text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'dismissed')),
        resolved_by integer REFERENCES users(id) ON DELETE SET NULL,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX forum_flags_open_once ON forum_flags (user_id, thread_id, coalesce(reply_id, 0)) WHERE status = 'open'`);
    await q.query(`CREATE INDEX forum_flags_open_idx ON forum_flags (created_at) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE forum_mentions (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        thread_id integer NOT NULL REFERENCES forum_threads(id) ON DELETE CASCADE,
        reply_id integer REFERENCES forum_replies(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX forum_mentions_once ON forum_mentions (thread_id, coalesce(reply_id, 0), user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE forum_threads DROP CONSTRAINT IF EXISTS forum_threads_accepted_fk`);
    for (const t of ['forum_mentions', 'forum_flags', 'forum_follows', 'forum_thread_views', 'forum_revisions',
      'forum_thread_tags', 'forum_tags', 'forum_votes', 'forum_replies', 'forum_threads', 'forum_categories']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
