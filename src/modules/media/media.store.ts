// SQL of the media module. The parent of a video (a guide chapter or an academy course) is read
// here directly, as the search index's loaders do: guides and academy import this module (their
// pages show the player), so it cannot import theirs.
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';
import type { TrackKind, VideoStatus } from './media.entity.js';

export type ParentKind = 'chapter' | 'course';

export interface Parent {
  kind: ParentKind;
  id: number;
  title: string;
  /** The content's language: captions in it are required before publishing. */
  language: string;
  /** The reader's page of the chapter or course. */
  url: string;
  /** Published/archived guide, or a course not archived. */
  visible: boolean;
}

// findParent and videosOf run on every view of a chapter or course (the player): named statements,
// planned once per connection (they were planned on every view, about four times their running).
export async function findParent(db: Queryable, kind: ParentKind, id: number): Promise<Parent | null> {
  if (kind === 'chapter') {
    const [r] = await preparedQuery<{ title: string; language: string; guideSlug: string; slug: string; status: string; guideTitle: string }>(db, 'media-parent-chapter',
      `SELECT c.title, g.language, g.slug AS "guideSlug", c.slug, g.status, g.title AS "guideTitle"
         FROM guide_chapters c JOIN guides g ON g.id = c.guide_id WHERE c.id = $1`, [id]);
    return r ? { kind, id, title: `${r.title} · ${r.guideTitle}`, language: r.language, url: `/guides/${r.guideSlug}/${r.slug}`, visible: r.status === 'published' || r.status === 'archived' } : null;
  }
  const [r] = await preparedQuery<{ title: string; language: string; slug: string; archived: boolean }>(db, 'media-parent-course',
    `SELECT title, language, slug, archived_at IS NOT NULL AS archived FROM academy_courses WHERE id = $1`, [id]);
  return r ? { kind, id, title: r.title, language: r.language, url: `/academy/courses/${r.slug}`, visible: !r.archived } : null;
}

export interface VideoRow {
  id: string;
  chapterId: number | null;
  courseId: number | null;
  kind: 'upload' | 'embed';
  title: string;
  description: string;
  storageKey: string | null;
  contentType: string | null;
  sizeBytes: string | null;
  status: VideoStatus;
  failureReason: string | null;
  durationMs: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  posterKey: string | null;
  embedProvider: string | null;
  embedUrl: string | null;
  publishedAt: Date | null;
  /** A course's video that completing the course requires watching (watching.*.ts). */
  requiredForCourse: boolean;
  createdAt: Date;
}

const VIDEO_COLUMNS = `v.id, v.chapter_id AS "chapterId", v.course_id AS "courseId", v.kind, v.title, v.description,
  v.storage_key AS "storageKey", v.content_type AS "contentType", v.size_bytes AS "sizeBytes", v.status,
  v.failure_reason AS "failureReason", v.duration_ms AS "durationMs", v.width, v.height, v.video_codec AS "videoCodec",
  v.poster_key AS "posterKey", v.embed_provider AS "embedProvider", v.embed_url AS "embedUrl", v.published_at AS "publishedAt",
  v.required_for_course AS "requiredForCourse", v.created_at AS "createdAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isVideoId = (s: string) => UUID.test(s);

export async function findVideo(db: Queryable, id: string, lock = false): Promise<VideoRow | null> {
  if (!isVideoId(id)) return null;
  return one<VideoRow>(db, `SELECT ${VIDEO_COLUMNS} FROM media_videos v WHERE v.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
}

export async function videosOf(db: Queryable, kind: ParentKind, parentId: number): Promise<VideoRow[]> {
  return preparedQuery<VideoRow>(db, `media-videos-of-${kind}`,
    `SELECT ${VIDEO_COLUMNS} FROM media_videos v WHERE ${kind === 'chapter' ? 'v.chapter_id' : 'v.course_id'} = $1 ORDER BY v.created_at, v.id`, [parentId]);
}

export const parentOf = (v: Pick<VideoRow, 'chapterId' | 'courseId'>): { kind: ParentKind; id: number } =>
  v.chapterId !== null ? { kind: 'chapter', id: v.chapterId } : { kind: 'course', id: v.courseId! };

export async function insertVideo(db: Queryable, v: {
  parent: { kind: ParentKind; id: number }; title: string; description: string; storageKey: string; contentType: string; sizeBytes: number; uploadedById: number | null;
}): Promise<string> {
  const r = await one<{ id: string }>(db,
    `INSERT INTO media_videos (chapter_id, course_id, kind, title, description, storage_key, content_type, size_bytes, uploaded_by_id)
     VALUES ($1, $2, 'upload', $3, $4, $5, $6, $7, $8) RETURNING id`,
    [v.parent.kind === 'chapter' ? v.parent.id : null, v.parent.kind === 'course' ? v.parent.id : null, v.title, v.description, v.storageKey, v.contentType, v.sizeBytes, v.uploadedById]);
  return r!.id;
}

export async function setStatus(db: Queryable, id: string, status: VideoStatus, fields: Partial<{ failureReason: string | null; durationMs: number | null; width: number | null; height: number | null; videoCodec: string | null; posterKey: string | null }> = {}): Promise<void> {
  await db.query(
    `UPDATE media_videos SET status = $2, failure_reason = $3, duration_ms = COALESCE($4, duration_ms), width = COALESCE($5, width),
            height = COALESCE($6, height), video_codec = COALESCE($7, video_codec), poster_key = COALESCE($8, poster_key), updated_at = now()
      WHERE id = $1`,
    [id, status, fields.failureReason ?? null, fields.durationMs ?? null, fields.width ?? null, fields.height ?? null, fields.videoCodec ?? null, fields.posterKey ?? null]);
}

export async function setPublished(db: Queryable, id: string, published: boolean): Promise<void> {
  await db.query(`UPDATE media_videos SET published_at = CASE WHEN $2 THEN COALESCE(published_at, now()) END, updated_at = now() WHERE id = $1`, [id, published]);
}

export async function deleteVideo(db: Queryable, id: string): Promise<{ storageKey: string | null; posterKey: string | null } | null> {
  return one(db, `DELETE FROM media_videos WHERE id = $1 RETURNING storage_key AS "storageKey", poster_key AS "posterKey"`, [id]);
}

export interface TrackRow {
  id: number;
  kind: TrackKind;
  language: string;
  source: string;
  cueCount: number;
}

export async function tracksOf(db: Queryable, videoIds: string[]): Promise<(TrackRow & { videoId: string })[]> {
  if (!videoIds.length) return [];
  return rows(db,
    `SELECT id, video_id AS "videoId", kind, language, source, cue_count AS "cueCount" FROM media_tracks
      WHERE video_id = ANY($1::uuid[]) ORDER BY kind, language`, [videoIds]);
}

export async function findTrack(db: Queryable, videoId: string, kind: string, language: string): Promise<TrackRow | null> {
  return one<TrackRow>(db,
    `SELECT id, kind, language, source, cue_count AS "cueCount" FROM media_tracks WHERE video_id = $1 AND kind = $2 AND language = $3`,
    [videoId, kind, language]);
}

/** Adds or replaces the track of this kind and language. */
export async function upsertTrack(db: Queryable, t: { videoId: string; kind: TrackKind; language: string; source: string; cueCount: number; uploadedById: number | null }): Promise<void> {
  await db.query(
    `INSERT INTO media_tracks (video_id, kind, language, source, cue_count, uploaded_by_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (video_id, kind, language) DO UPDATE SET source = EXCLUDED.source, cue_count = EXCLUDED.cue_count,
       uploaded_by_id = EXCLUDED.uploaded_by_id, created_at = now()`,
    [t.videoId, t.kind, t.language, t.source, t.cueCount, t.uploadedById]);
}

export async function deleteTrack(db: Queryable, videoId: string, kind: string, language: string): Promise<number> {
  return affected(db, `DELETE FROM media_tracks WHERE video_id = $1 AND kind = $2 AND language = $3`, [videoId, kind, language]);
}

/** Claims a video for processing (pending, or left in processing by a worker that died). */
export async function claimForProcessing(db: Queryable, id: string): Promise<{ storageKey: string; contentType: string } | null> {
  return one(db,
    `UPDATE media_videos SET status = 'processing', updated_at = now() WHERE id = $1 AND kind = 'upload' AND status IN ('pending', 'processing')
     RETURNING storage_key AS "storageKey", content_type AS "contentType"`, [id]);
}

// ---- personal data (media.privacy.ts) ----

export async function uploadsOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>> {
  return {
    videosUploaded: await rows(db, `SELECT id, title, description, created_at AS "createdAt" FROM media_videos WHERE uploaded_by_id = $1 ORDER BY created_at`, [userId]),
    tracksUploaded: await rows(db, `SELECT video_id AS "videoId", kind, language, created_at AS "createdAt" FROM media_tracks WHERE uploaded_by_id = $1 ORDER BY created_at`, [userId]),
  };
}

export async function forgetUploader(db: Queryable, userId: number): Promise<void> {
  await db.query(`UPDATE media_videos SET uploaded_by_id = NULL WHERE uploaded_by_id = $1`, [userId]);
  await db.query(`UPDATE media_tracks SET uploaded_by_id = NULL WHERE uploaded_by_id = $1`, [userId]);
}

export async function insertEmbed(db: Queryable, v: {
  parent: { kind: ParentKind; id: number }; title: string; description: string; provider: string; url: string; uploadedById: number | null;
}): Promise<string> {
  const r = await one<{ id: string }>(db,
    `INSERT INTO media_videos (chapter_id, course_id, kind, title, description, embed_provider, embed_url, status, uploaded_by_id)
     VALUES ($1, $2, 'embed', $3, $4, $5, $6, 'ready', $7) RETURNING id`,
    [v.parent.kind === 'chapter' ? v.parent.id : null, v.parent.kind === 'course' ? v.parent.id : null, v.title, v.description, v.provider, v.url, v.uploadedById]);
  return r!.id;
}

/** The n-th chapter (1-based) of a guide, by the guide's slug (the demo's). */
export async function chapterIdAt(db: Queryable, guideSlug: string, n: number): Promise<number | null> {
  return (await one<{ id: number }>(db,
    `SELECT c.id FROM guide_chapters c JOIN guides g ON g.id = c.guide_id WHERE g.slug = $1 ORDER BY c.position OFFSET $2 LIMIT 1`, [guideSlug, n - 1]))?.id ?? null;
}

// ---- search documents (media.search.ts) ----

export interface SearchableVideoRow {
  parentId: number;
  videoId: string;
  title: string;
  description: string;
  language: string;
  url: string;
  tags: string[] | null;
  captions: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const CHAPTER_SQL = `
  SELECT c.id AS "parentId", v.id AS "videoId", v.title, v.description, g.language, '/guides/' || g.slug || '/' || c.slug AS url, g.tags,
         t.source AS captions, v.created_at AS "createdAt", v.updated_at AS "updatedAt"
    FROM media_videos v JOIN guide_chapters c ON c.id = v.chapter_id JOIN guides g ON g.id = c.guide_id
    LEFT JOIN media_tracks t ON t.video_id = v.id AND t.kind = 'captions' AND t.language = g.language
   WHERE v.chapter_id = ANY($1) AND v.published_at IS NOT NULL AND g.status = 'published' AND g.translation_of_id IS NULL
   ORDER BY v.created_at, v.id`;

const COURSE_SQL = `
  SELECT k.id AS "parentId", v.id AS "videoId", v.title, v.description, k.language, '/academy/courses/' || k.slug AS url, NULL::text[] AS tags,
         t.source AS captions, v.created_at AS "createdAt", v.updated_at AS "updatedAt"
    FROM media_videos v JOIN academy_courses k ON k.id = v.course_id
    LEFT JOIN media_tracks t ON t.video_id = v.id AND t.kind = 'captions' AND t.language = k.language
   WHERE v.course_id = ANY($1) AND v.published_at IS NOT NULL AND k.archived_at IS NULL
   ORDER BY v.created_at, v.id`;

/** Published videos of the given chapters / courses that a visitor may find: a published guide (no translation) / a course not archived. */
export async function searchableVideos(db: Queryable, kind: ParentKind, parentIds: number[]): Promise<SearchableVideoRow[]> {
  return rows<SearchableVideoRow>(db, kind === 'chapter' ? CHAPTER_SQL : COURSE_SQL, [parentIds]);
}

/** The parents with at least one published video, ids after `after`, ascending (for the search rebuild). */
export async function parentsWithPublishedVideos(db: Queryable, kind: ParentKind, after: number, limit: number): Promise<number[]> {
  const col = kind === 'chapter' ? 'chapter_id' : 'course_id';
  return (await rows<{ id: number }>(db, `SELECT DISTINCT ${col} AS id FROM media_videos WHERE ${col} > $1 AND published_at IS NOT NULL ORDER BY 1 LIMIT $2`, [after, limit]))
    .map((r) => Number(r.id));
}
