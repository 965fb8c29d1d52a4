import type { MigrationInterface, QueryRunner } from 'typeorm';

// Academy courses can require watching a video (issue 18): a course's video carries the flag, and
// each member's watching progress per video is kept — which tenths of its duration the player
// reported as played (a 10-bit mask), and when and how it counted as watched (played, or declared
// with the "mark as watched" button).
export class MediaWatching1764900700000 implements MigrationInterface {
  name = 'MediaWatching1764900700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE media_videos ADD COLUMN required_for_course boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE media_videos ADD CONSTRAINT media_videos_required_check CHECK (NOT required_for_course OR course_id IS NOT NULL)`);
    await q.query(`
      CREATE TABLE media_watch_progress (
        user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        video_id uuid NOT NULL REFERENCES media_videos(id) ON DELETE CASCADE,
        tenths smallint NOT NULL DEFAULT 0 CONSTRAINT media_watch_progress_tenths_check CHECK (tenths BETWEEN 0 AND 1023),
        watched_at timestamptz,
        watched_via text CONSTRAINT media_watch_progress_via_check CHECK (watched_via IN ('played', 'declared')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, video_id),
        CONSTRAINT media_watch_progress_watched_check CHECK ((watched_at IS NULL) = (watched_via IS NULL))
      )`);
    await q.query(`CREATE INDEX media_watch_progress_video_idx ON media_watch_progress (video_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_watch_progress`);
    await q.query(`ALTER TABLE media_videos DROP CONSTRAINT media_videos_required_check`);
    await q.query(`ALTER TABLE media_videos DROP COLUMN required_for_course`);
  }
}
