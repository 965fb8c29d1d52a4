// SQL of timed comments on training videos (reads for the player's comment list and the
// facilitators' queue, writes for posting, editing, flags and moderation, personal data).
// Every function takes the caller's `db` (the transaction's manager inside a service).
import { affected, one, rows, type Queryable } from '../../db/sql.js';

export interface CommentRow {
  id: number;
  videoId: string;
  authorId: number | null;
  /** Null for a former member (deleted account). */
  authorName: string | null;
  authorHandle: string | null;
  atMs: number;
  body: string;
  bodyHtml: string;
  language: 'de' | 'en';
  createdAt: Date;
  editedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  openFlags: number;
  /** The viewer has flagged it already. */
  flaggedByViewer: boolean;
}

const COMMENT_COLUMNS = `c.id, c.video_id AS "videoId", c.author_id AS "authorId",
  CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName", CASE WHEN u.status = 'deleted' THEN NULL ELSE u.handle END AS "authorHandle",
  c.at_ms AS "atMs", c.body, c.body_html AS "bodyHtml", c.language, c.created_at AS "createdAt", c.edited_at AS "editedAt",
  c.hidden_at AS "hiddenAt", c.hidden_reason AS "hiddenReason"`;

/** The comments of these videos in the order of the video's time (then as written), with flag counts; one query. */
export async function commentsOf(db: Queryable, videoIds: string[], viewerId: number | null): Promise<CommentRow[]> {
  if (!videoIds.length) return [];
  return rows<CommentRow>(db,
    `SELECT ${COMMENT_COLUMNS},
            (SELECT count(*)::int FROM media_video_comment_flags f WHERE f.comment_id = c.id AND f.resolved_at IS NULL) AS "openFlags",
            EXISTS (SELECT 1 FROM media_video_comment_flags f WHERE f.comment_id = c.id AND f.user_id = $2) AS "flaggedByViewer"
       FROM media_video_comments c LEFT JOIN users u ON u.id = c.author_id
      WHERE c.video_id = ANY($1::uuid[]) ORDER BY c.video_id, c.at_ms, c.id`, [videoIds, viewerId]);
}

export async function findComment(db: Queryable, id: number, lock = false): Promise<CommentRow | null> {
  return one<CommentRow>(db,
    `SELECT ${COMMENT_COLUMNS}, 0 AS "openFlags", false AS "flaggedByViewer"
       FROM media_video_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
}

/** Inserts the comment in the author's language; returns its id. */
export async function insertComment(db: Queryable, c: { videoId: string; authorId: number; atMs: number; body: string; html: string }): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO media_video_comments (video_id, author_id, at_ms, body, body_html, language)
     VALUES ($1, $2, $3, $4, $5, (SELECT CASE WHEN language = 'en' THEN 'en' ELSE 'de' END FROM users WHERE id = $2)) RETURNING id`,
    [c.videoId, c.authorId, c.atMs, c.body, c.html]);
  return row!.id;
}

export async function updateComment(db: Queryable, id: number, c: { atMs: number; body: string; html: string }): Promise<void> {
  await db.query(`UPDATE media_video_comments SET at_ms = $2, body = $3, body_html = $4, edited_at = now(), updated_at = now() WHERE id = $1`,
    [id, c.atMs, c.body, c.html]);
}

export async function deleteComment(db: Queryable, id: number): Promise<number> {
  return affected(db, `DELETE FROM media_video_comments WHERE id = $1`, [id]);
}

/** Records the member's flag; false when they had flagged the comment already. */
export async function insertFlag(db: Queryable, commentId: number, userId: number, reason: string): Promise<boolean> {
  const res = await rows(db,
    `INSERT INTO media_video_comment_flags (comment_id, user_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING comment_id`,
    [commentId, userId, reason]);
  return res.length > 0;
}

/** Hides (with who and why) or shows the comment again. */
export async function setHidden(db: Queryable, id: number, hide: boolean, byId: number, reason: string): Promise<void> {
  await db.query(
    `UPDATE media_video_comments SET hidden_at = CASE WHEN $2 THEN now() END, hidden_by_id = CASE WHEN $2 THEN $3::int END,
            hidden_reason = CASE WHEN $2 THEN $4 END, updated_at = now() WHERE id = $1`, [id, hide, byId, reason]);
}

/** Resolves the comment's open flags; returns how many there were. */
export async function resolveFlags(db: Queryable, commentId: number): Promise<number> {
  return affected(db, `UPDATE media_video_comment_flags SET resolved_at = now() WHERE comment_id = $1 AND resolved_at IS NULL`, [commentId]);
}

/** Who is told about a new comment: the guide's owner for a chapter's video, else (a course's) whoever added the video. */
export async function ownerOfVideo(db: Queryable, videoId: string): Promise<number | null> {
  const r = await one<{ ownerId: number | null }>(db,
    `SELECT coalesce(g.owner_id, v.uploaded_by_id) AS "ownerId"
       FROM media_videos v LEFT JOIN guide_chapters c ON c.id = v.chapter_id LEFT JOIN guides g ON g.id = c.guide_id
      WHERE v.id = $1`, [videoId]);
  return r?.ownerId ?? null;
}

export interface FlaggedCommentRow {
  id: number;
  videoId: string;
  videoTitle: string;
  /** The reader's page of the video's chapter or course. */
  pageUrl: string;
  atMs: number;
  body: string;
  language: string;
  hiddenAt: Date | null;
  flags: number;
  firstFlaggedAt: Date;
  reasons: string;
}

/** Facilitators' queue: comments with open flags, oldest flag first. */
export async function openFlags(db: Queryable, limit = 200): Promise<FlaggedCommentRow[]> {
  return rows<FlaggedCommentRow>(db,
    `SELECT c.id, c.video_id AS "videoId", v.title AS "videoTitle",
            coalesce('/guides/' || g.slug || '/' || ch.slug, '/academy/courses/' || k.slug) AS "pageUrl",
            c.at_ms AS "atMs", left(c.body, 600) AS body, c.language, c.hidden_at AS "hiddenAt",
            count(*)::int AS flags, min(f.created_at) AS "firstFlaggedAt", string_agg(f.reason, ' · ' ORDER BY f.created_at) AS reasons
       FROM media_video_comment_flags f JOIN media_video_comments c ON c.id = f.comment_id JOIN media_videos v ON v.id = c.video_id
       LEFT JOIN guide_chapters ch ON ch.id = v.chapter_id LEFT JOIN guides g ON g.id = ch.guide_id LEFT JOIN academy_courses k ON k.id = v.course_id
      WHERE f.resolved_at IS NULL
      GROUP BY c.id, v.id, g.slug, ch.slug, k.slug ORDER BY min(f.created_at), c.id LIMIT $1`, [limit]);
}

// ---- personal data (media.privacy.ts) ----

export async function commentDataOfMember(db: Queryable, userId: number): Promise<Record<string, unknown>> {
  return {
    videoComments: await rows(db,
      `SELECT c.id, c.video_id AS "videoId", v.title AS "video", c.at_ms AS "atMs", c.body, c.created_at AS "createdAt", c.edited_at AS "editedAt", c.hidden_at AS "hiddenAt"
         FROM media_video_comments c JOIN media_videos v ON v.id = c.video_id WHERE c.author_id = $1 ORDER BY c.id`, [userId]),
    videoCommentsHidden: await rows(db,
      `SELECT id, video_id AS "videoId", hidden_at AS "hiddenAt", hidden_reason AS "reason" FROM media_video_comments WHERE hidden_by_id = $1 ORDER BY id`, [userId]),
    videoCommentFlags: await rows(db,
      `SELECT comment_id AS "commentId", reason, created_at AS "createdAt", resolved_at AS "resolvedAt" FROM media_video_comment_flags WHERE user_id = $1 ORDER BY created_at`, [userId]),
  };
}

/** Removing contributions: the member's comments and flags go. */
export async function deleteCommentsOfMember(db: Queryable, userId: number): Promise<void> {
  await db.query(`DELETE FROM media_video_comment_flags WHERE user_id = $1`, [userId]);
  await db.query(`DELETE FROM media_video_comments WHERE author_id = $1`, [userId]);
}
