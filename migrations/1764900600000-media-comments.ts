import type { MigrationInterface, QueryRunner } from 'typeorm';

// Timed comments on training videos (issue 18): a member comments at a moment of a published
// video ("at 04:12: …"); Markdown rendered once on write; facilitators hide and show them again
// with a reason; members flag them once each (open flags are the moderation queue).
export class MediaComments1764900600000 implements MigrationInterface {
  name = 'MediaComments1764900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_video_comments (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        video_id uuid NOT NULL REFERENCES media_videos(id) ON DELETE CASCADE,
        author_id integer REFERENCES users(id) ON DELETE SET NULL,
        at_ms integer NOT NULL CONSTRAINT media_video_comments_at_check CHECK (at_ms >= 0),
        body text NOT NULL,
        body_html text NOT NULL,
        language text NOT NULL DEFAULT 'de' CONSTRAINT media_video_comments_language_check CHECK (language IN ('de', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        hidden_at timestamptz,
        hidden_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        hidden_reason text
      )`);
    await q.query(`CREATE INDEX media_video_comments_video_idx ON media_video_comments (video_id, at_ms)`);
    await q.query(`CREATE INDEX media_video_comments_author_idx ON media_video_comments (author_id)`);
    await q.query(`
      CREATE TABLE media_video_comment_flags (
        comment_id integer NOT NULL REFERENCES media_video_comments(id) ON DELETE CASCADE,
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        PRIMARY KEY (comment_id, user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_video_comment_flags`);
    await q.query(`DROP TABLE media_video_comments`);
  }
}
