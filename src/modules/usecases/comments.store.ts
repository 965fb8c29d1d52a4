// Writes for comments on use cases (and the reads that belong to them). Every function takes the transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';

/** The live comment a reply answers, or null when it is gone. */
export async function parentComment(db: Db, useCaseId: number, id: number): Promise<{ id: number; parentId: number | null; authorId: number | null } | null> {
  return one(db,
    `SELECT id, parent_id AS "parentId", author_id AS "authorId" FROM use_case_comments WHERE id = $1 AND use_case_id = $2 AND deleted_at IS NULL`,
    [id, useCaseId]);
}

/** Inserts the comment in the author's language; returns its id. */
export async function insertComment(
  db: Db, c: { useCaseId: number; parentId: number | null; authorId: number; body: string; html: string },
): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO use_case_comments (use_case_id, parent_id, author_id, body_source, body_html, language)
     VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $3)) RETURNING id`,
    [c.useCaseId, c.parentId, c.authorId, c.body, c.html]);
  return row!.id;
}

/** Locks the case's comment for a write; null when there is none. */
export async function lockComment(db: Db, useCaseId: number, id: number): Promise<{ id: number; authorId: number | null; deletedAt: Date | null } | null> {
  return one(db,
    `SELECT id, author_id AS "authorId", deleted_at AS "deletedAt" FROM use_case_comments WHERE id = $1 AND use_case_id = $2 FOR UPDATE`, [id, useCaseId]);
}

export async function updateCommentBody(db: Db, id: number, body: string, html: string): Promise<void> {
  await affected(db, `UPDATE use_case_comments SET body_source = $2, body_html = $3, edited_at = now() WHERE id = $1`, [id, body, html]);
}

/** Keeps the row (replies stay in place) but removes the text. */
export async function softDeleteComment(db: Db, id: number): Promise<void> {
  await affected(db, `UPDATE use_case_comments SET body_source = '', body_html = '', deleted_at = now() WHERE id = $1`, [id]);
}

/** Records the member's flag; false when they had flagged the comment already. */
export async function insertFlag(db: Db, commentId: number, userId: number, reason: string): Promise<boolean> {
  const res = await rows(db,
    `INSERT INTO use_case_comment_flags (comment_id, user_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING comment_id`,
    [commentId, userId, reason]);
  return res.length > 0;
}

/** Active facilitators and admins: they hear about flags. */
export async function facilitatorIds(db: Db): Promise<number[]> {
  return (await rows<{ id: number }>(db, `SELECT id FROM users WHERE role IN ('facilitator', 'admin') AND status = 'active'`)).map((f) => f.id);
}

/** Hides (or shows again) the case's comment; false when the case has no such comment. */
export async function setCommentHidden(db: Db, useCaseId: number, id: number, hide: boolean): Promise<boolean> {
  return (await affected(db,
    `UPDATE use_case_comments SET hidden_at = CASE WHEN $3 THEN now() END WHERE id = $1 AND use_case_id = $2 RETURNING id`, [id, useCaseId, hide])) > 0;
}

export async function resolveFlags(db: Db, commentId: number): Promise<void> {
  await affected(db, `UPDATE use_case_comment_flags SET resolved_at = now() WHERE comment_id = $1 AND resolved_at IS NULL`, [commentId]);
}
