// SQL of watching requirements and progress: a course video's "required" flag, each member's
// progress per video, and the reads the course page, course completion and the privacy download need.
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';
import type { WatchedVia } from './watching.entity.js';
import type { WatchState } from './watching.model.js';

/** Whether the video is required by its course (false for chapter videos and unknown ids). */
export async function isRequired(db: Queryable, videoId: string): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM media_videos WHERE id = $1 AND required_for_course`, [videoId]));
}

/** Sets the flag; the number of rows changed (0 when it already had that value). */
export async function setRequired(db: Queryable, videoId: string, required: boolean): Promise<number> {
  return affected(db,
    `UPDATE media_videos SET required_for_course = $2, updated_at = now() WHERE id = $1 AND course_id IS NOT NULL AND required_for_course <> $2`,
    [videoId, required]);
}

/** The member's progress on a video, locked for the merge (null before the first report). */
export async function lockProgress(db: Queryable, userId: number, videoId: string): Promise<WatchState | null> {
  return one<WatchState>(db,
    `SELECT tenths, watched_at AS "watchedAt", watched_via AS "watchedVia" FROM media_watch_progress
      WHERE user_id = $1 AND video_id = $2 FOR UPDATE`, [userId, videoId]);
}

/**
 * Writes the merged state. Monotone in SQL too: should two first reports race past the lock (no row
 * to lock yet), the second one's update still only adds tenths and keeps the first "watched".
 */
export async function saveProgress(db: Queryable, userId: number, videoId: string, s: WatchState): Promise<void> {
  await db.query(
    `INSERT INTO media_watch_progress AS p (user_id, video_id, tenths, watched_at, watched_via) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id, video_id) DO UPDATE SET
       tenths = p.tenths | EXCLUDED.tenths,
       watched_at = coalesce(p.watched_at, EXCLUDED.watched_at),
       watched_via = CASE WHEN p.watched_via = 'played' OR EXCLUDED.watched_via IS NULL THEN coalesce(p.watched_via, EXCLUDED.watched_via) ELSE EXCLUDED.watched_via END,
       updated_at = now()`,
    [userId, videoId, s.tenths, s.watchedAt, s.watchedVia]);
}

export interface RequiredVideoRow {
  id: string;
  title: string;
  kind: 'upload' | 'embed';
  tenths: number;
  watchedAt: Date | null;
  watchedVia: WatchedVia | null;
}

/** A course's published required videos, in the page's order, with the member's progress (none for visitors). */
export async function requiredVideosOf(db: Queryable, courseId: number, userId: number | null): Promise<RequiredVideoRow[]> {
  return rows<RequiredVideoRow>(db,
    `SELECT v.id, v.title, v.kind, coalesce(p.tenths, 0) AS tenths, p.watched_at AS "watchedAt", p.watched_via AS "watchedVia"
       FROM media_videos v LEFT JOIN media_watch_progress p ON p.video_id = v.id AND p.user_id = $2
      WHERE v.course_id = $1 AND v.required_for_course AND v.published_at IS NOT NULL
      ORDER BY v.created_at, v.id`, [courseId, userId ?? 0]);
}

/** Of these courses, those with a published required video the member has not watched. */
export async function coursesWithUnwatchedVideos(db: Queryable, userId: number, courseIds: number[]): Promise<number[]> {
  if (!courseIds.length) return [];
  return (await preparedQuery<{ id: number }>(db, 'media-courses-unwatched',
    `SELECT DISTINCT v.course_id AS id FROM media_videos v
      WHERE v.course_id = ANY($2::int[]) AND v.required_for_course AND v.published_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM media_watch_progress p WHERE p.video_id = v.id AND p.user_id = $1 AND p.watched_at IS NOT NULL)`,
    [userId, courseIds])).map((r) => Number(r.id));
}

/** How many members have watched the video, and how many of them declared it (the facilitator's page). */
export async function watchedCounts(db: Queryable, videoId: string): Promise<{ watched: number; declared: number }> {
  return (await one<{ watched: number; declared: number }>(db,
    `SELECT count(*) FILTER (WHERE watched_at IS NOT NULL)::int AS watched, count(*) FILTER (WHERE watched_via = 'declared')::int AS declared
       FROM media_watch_progress WHERE video_id = $1`, [videoId]))!;
}

// ---- personal data ----

export async function progressOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>[]> {
  return rows(db,
    `SELECT p.video_id AS "videoId", v.title, p.tenths, p.watched_at AS "watchedAt", p.watched_via AS "watchedVia",
            p.created_at AS "createdAt", p.updated_at AS "updatedAt"
       FROM media_watch_progress p JOIN media_videos v ON v.id = p.video_id WHERE p.user_id = $1 ORDER BY p.created_at, p.video_id`, [userId]);
}

export async function deleteProgressOf(db: Queryable, userId: number): Promise<void> {
  await db.query(`DELETE FROM media_watch_progress WHERE user_id = $1`, [userId]);
}
