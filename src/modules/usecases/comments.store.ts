// Writes for comments on use cases (and the reads that belong to them). Every function takes the transaction's `db`.
import { IsNull } from 'typeorm';
import { one, rows, type Db } from '../../db/sql.js';
import { UseCaseCommentFlag } from './use-case-comment-flag.entity.js';
import { UseCaseComment } from './use-case-comment.entity.js';

/** The live comment a reply answers, or null when it is gone. */
export async function parentComment(db: Db, useCaseId: number, id: number): Promise<{ id: number; parentId: number | null; authorId: number | null } | null> {
  return db.findOne(UseCaseComment, {
    select: { id: true, parentId: true, authorId: true }, where: { id, useCaseId, deletedAt: IsNull() },
  });
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
  await db.update(UseCaseComment, { id }, { bodySource: body, bodyHtml: html, editedAt: () => 'now()' });
}

/** Keeps the row (replies stay in place) but removes the text. */
export async function softDeleteComment(db: Db, id: number): Promise<void> {
  await db.update(UseCaseComment, { id }, { bodySource: '', bodyHtml: '', deletedAt: () => 'now()' });
}

/** Records the member's flag; false when they had flagged the comment already. */
export async function insertFlag(db: Db, commentId: number, userId: number, reason: string): Promise<boolean> {
  const res = await rows(db,
    `INSERT INTO use_case_comment_flags (comment_id, user_id, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING comment_id`,
    [commentId, userId, reason]);
  return res.length > 0;
}

/** Hides (or shows again) the case's comment; false when the case has no such comment. */
export async function setCommentHidden(db: Db, useCaseId: number, id: number, hide: boolean): Promise<boolean> {
  const res = await db.update(UseCaseComment, { id, useCaseId }, { hiddenAt: hide ? () => 'now()' : null });
  return (res.affected ?? 0) > 0;
}

export async function resolveFlags(db: Db, commentId: number): Promise<void> {
  await db.update(UseCaseCommentFlag, { commentId, resolvedAt: IsNull() }, { resolvedAt: () => 'now()' });
}
