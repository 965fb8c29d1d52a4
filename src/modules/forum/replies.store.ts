// Reply writes: replies, the thread's reply counter, votes and the accepted answer. Every function
// takes the transaction's `db`.
import { IsNull } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { ForumMention, ForumReply, ForumRevision, ForumThread, ForumVote } from './forum.entity.js';

/** The author of the reply being answered, when it is a live reply of this thread (null otherwise). */
export async function parentReplyAuthor(db: Db, parentId: number, threadId: number): Promise<{ authorId: number | null } | null> {
  return db.findOne(ForumReply, { select: { authorId: true }, where: { id: parentId, threadId, deletedAt: IsNull() } });
}

export interface NewReply {
  threadId: number;
  parentId: number | null;
  authorId: number;
  bodySource: string;
  bodyHtml: string;
}

/** Inserts the reply in its author's language; returns its id. */
export async function insertReply(db: Db, r: NewReply): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_replies (thread_id, parent_id, author_id, body_source, body_html, language)
     VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $3)) RETURNING id`,
    [r.threadId, r.parentId, r.authorId, r.bodySource, r.bodyHtml],
  );
  return row!.id;
}

/** The thread has one reply more and new activity (atomic counter update). */
export async function countNewReply(db: Db, threadId: number): Promise<void> {
  await affected(db, `UPDATE forum_threads SET reply_count = reply_count + 1, last_activity_at = greatest(last_activity_at, now()) WHERE id = $1`, [threadId]);
}

/** New text; an edit after the first ten minutes is shown as edited. */
export async function updateReplyText(db: Db, id: number, bodySource: string, bodyHtml: string): Promise<void> {
  await affected(db,
    `UPDATE forum_replies SET body_source = $2, body_html = $3, updated_at = now(),
            edited_at = CASE WHEN now() - created_at > interval '10 minutes' THEN now() ELSE edited_at END
      WHERE id = $1`,
    [id, bodySource, bodyHtml],
  );
}

/** Whether anyone replied to this reply. */
export async function hasAnswers(db: Db, replyId: number): Promise<boolean> {
  return db.existsBy(ForumReply, { parentId: replyId });
}

/** Keeps the reply's place but empties it; its text goes from the edit history and its mentions too. */
export async function blankOutReply(db: Db, replyId: number): Promise<void> {
  await db.update(ForumReply, { id: replyId }, { deletedAt: () => 'now()', bodySource: '', bodyHtml: '', updatedAt: () => 'now()' });
  await db.delete(ForumRevision, { replyId });
  await db.delete(ForumMention, { replyId });
}

export async function deleteReplyRow(db: Db, replyId: number): Promise<void> {
  await db.delete(ForumReply, { id: replyId });
}

/** The thread has one reply less; it loses its accepted answer if that was the reply. */
export async function countRemovedReply(db: Db, threadId: number, replyId: number): Promise<void> {
  await affected(db,
    `UPDATE forum_threads SET reply_count = reply_count - 1,
            accepted_reply_id = CASE WHEN accepted_reply_id = $2 THEN NULL ELSE accepted_reply_id END
      WHERE id = $1`,
    [threadId, replyId],
  );
}

export interface ReplyFacts {
  id: number;
  threadId: number;
  authorId: number | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
}

/** What votes and accepting need to know of a reply (no lock: only atomic updates follow). */
export async function replyFacts(db: Db, replyId: number): Promise<ReplyFacts | null> {
  return db.findOne(ForumReply, { select: { id: true, threadId: true, authorId: true, deletedAt: true, hiddenAt: true }, where: { id: replyId } });
}

/** Adds the member's vote and counts it; false when the member had voted already. */
export async function addVote(db: Db, replyId: number, userId: number): Promise<boolean> {
  const added = await rows(db, `INSERT INTO forum_votes (reply_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [replyId, userId]);
  if (!added.length) return false;
  await db.increment(ForumReply, { id: replyId }, 'voteCount', 1);
  return true;
}

/** Takes the member's vote back and uncounts it (nothing when there is none). */
export async function removeVote(db: Db, replyId: number, userId: number): Promise<void> {
  const removed = await db.delete(ForumVote, { replyId, userId });
  if (removed.affected) await db.decrement(ForumReply, { id: replyId }, 'voteCount', 1);
}

/** Marks a reply as the thread's accepted answer, or (null) withdraws it. */
export async function setAcceptedReply(db: Db, threadId: number, replyId: number | null): Promise<void> {
  await db.update(ForumThread, { id: threadId }, { acceptedReplyId: replyId });
}

/** The Markdown of an accepted answer that may be promoted: neither deleted nor hidden (null otherwise). */
export async function promotableAnswer(db: Db, replyId: number): Promise<{ bodySource: string } | null> {
  return db.findOne(ForumReply, { select: { bodySource: true }, where: { id: replyId, deletedAt: IsNull(), hiddenAt: IsNull() } });
}
