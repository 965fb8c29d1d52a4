import type { MigrationInterface, QueryRunner } from 'typeorm';

// Training videos (issue 18): a video belongs to a guide chapter or an academy course; uploaded
// files are processed by the worker (ffprobe, poster); WebVTT tracks (captions, audio description,
// chapters) are kept as text. The id is a random UUID: file addresses cannot be guessed.
export class Media1764900100000 implements MigrationInterface {
  name = 'Media1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_videos (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        chapter_id integer REFERENCES guide_chapters(id) ON DELETE CASCADE,
        course_id integer REFERENCES academy_courses(id) ON DELETE CASCADE,
        kind text NOT NULL DEFAULT 'upload' CONSTRAINT media_videos_kind_check CHECK (kind IN ('upload', 'embed')),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        storage_key text UNIQUE,
        content_type text,
        size_bytes bigint,
        embed_provider text,
        embed_url text,
        status text NOT NULL DEFAULT 'pending' CONSTRAINT media_videos_status_check CHECK (status IN ('pending', 'processing', 'ready', 'failed')),
        failure_reason text,
        duration_ms integer,
        width integer,
        height integer,
        video_codec text,
        poster_key text,
        published_at timestamptz,
        uploaded_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT media_videos_parent_check CHECK ((chapter_id IS NULL) <> (course_id IS NULL))
      )`);
    await q.query(`CREATE INDEX media_videos_chapter_idx ON media_videos (chapter_id)`);
    await q.query(`CREATE INDEX media_videos_course_idx ON media_videos (course_id)`);
    await q.query(`
      CREATE TABLE media_tracks (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        video_id uuid NOT NULL REFERENCES media_videos(id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT media_tracks_kind_check CHECK (kind IN ('captions', 'descriptions', 'chapters')),
        language text NOT NULL,
        source text NOT NULL,
        cue_count integer NOT NULL,
        uploaded_by_id integer REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT media_tracks_video_kind_language_key UNIQUE (video_id, kind, language)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_tracks`);
    await q.query(`DROP TABLE media_videos`);
  }
}
