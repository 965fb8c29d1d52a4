// The SQL of the forum part of the privacy download and of account deletion (forum.privacy.ts).
// Every deletion function takes the transaction's `db`; the statements run in the order the hook calls them.
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { ForumCategoryMember, ForumFlag, ForumFollow, ForumMention, ForumReply, ForumRevision, ForumThread, ForumThreadTag, ForumThreadRead, ForumThreadView, ForumVote } from './forum.entity.js';

/** A forum post: a thread's opening post or a reply. */
export type PostKind = 'thread' | 'reply';
const postTable = (kind: PostKind) => (kind === 'reply' ? 'forum_replies' : 'forum_threads');

/** For the member's data download: everything of the forum by or about the member. */
export async function forumDataOfMember(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const q = (sql: string) => rows(ds, sql, [userId]);
  return {
    threads: await q(
      `SELECT t.id, t.kind, c.slug AS category, t.title, t.body_source AS body,
              ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name) AS tags,
              t.created_at AS "createdAt", t.edited_at AS "editedAt", t.hidden_at AS "hiddenAt", t.hidden_reason AS "hiddenReason"
         FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE t.author_id = $1 ORDER BY t.id`),
    replies: await q(
      `SELECT id, thread_id AS "threadId", parent_id AS "parentId", body_source AS body, created_at AS "createdAt",
              edited_at AS "editedAt", deleted_at AS "deletedAt", hidden_at AS "hiddenAt", hidden_reason AS "hiddenReason"
         FROM forum_replies WHERE author_id = $1 ORDER BY id`),
    // The edit history: every version the member saved (of their own posts or, as a facilitator, of others').
    revisions: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", title, body_source AS body, created_at AS "createdAt"
         FROM forum_revisions WHERE editor_id = $1 ORDER BY id`),
    votes: await q(`SELECT reply_id AS "replyId", created_at AS "createdAt" FROM forum_votes WHERE user_id = $1 ORDER BY created_at`),
    follows: await q(
      `SELECT target_type AS "targetType", target_id AS "targetId", level, created_at AS "createdAt"
         FROM forum_follows WHERE user_id = $1 ORDER BY created_at`),
    // Read marks: the days the member opened a thread.
    threadViews: await q(`SELECT thread_id AS "threadId", day FROM forum_thread_views WHERE user_id = $1 ORDER BY day, thread_id`),
    // The last time the member opened each thread (unread replies on the start page).
    threadReads: await q(`SELECT thread_id AS "threadId", last_read_at AS "lastReadAt" FROM forum_thread_reads WHERE user_id = $1 ORDER BY thread_id`),
    flags: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", reason, text, status, created_at AS "createdAt", resolved_at AS "resolvedAt"
         FROM forum_flags WHERE user_id = $1 ORDER BY id`),
    flagsResolved: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", status, resolved_at AS "resolvedAt"
         FROM forum_flags WHERE resolved_by = $1 ORDER BY id`),
    // Posts that mention the member.
    mentions: await q(`SELECT thread_id AS "threadId", reply_id AS "replyId", created_at AS "createdAt" FROM forum_mentions WHERE user_id = $1 ORDER BY id`),
    // The members-only categories (e.g. of a working group) the member may see.
    categoryMemberships: await q(
      `SELECT c.slug AS category, m.created_at AS "createdAt"
         FROM forum_category_members m JOIN forum_categories c ON c.id = m.category_id WHERE m.user_id = $1 ORDER BY m.created_at, c.slug`),
  };
}

/** The member's follows (of threads, tags, categories), read marks and memberships of members-only categories go. */
export async function deleteFollowsAndReadMarksOf(db: Db, userId: number): Promise<void> {
  await db.delete(ForumFollow, { userId });
  await db.delete(ForumThreadView, { userId });
  await db.delete(ForumThreadRead, { userId });
  await db.delete(ForumCategoryMember, { userId });
}

export async function threadIdsBy(db: Db, userId: number): Promise<{ id: number }[]> {
  return db.find(ForumThread, { select: { id: true }, where: { authorId: userId } });
}

export async function replyIdsBy(db: Db, userId: number): Promise<{ id: number }[]> {
  return db.find(ForumReply, { select: { id: true }, where: { authorId: userId } });
}

/** The posts that @mention the member (replyId null: a thread's opening post). */
export async function postsMentioning(db: Db, userId: number): Promise<{ threadId: number; replyId: number | null }[]> {
  return rows(db, `SELECT DISTINCT thread_id AS "threadId", reply_id AS "replyId" FROM forum_mentions WHERE user_id = $1`, [userId]);
}

/** Locks a post and returns its text (null when it is gone). */
export async function lockPostText(db: Db, kind: PostKind, id: number): Promise<{ source: string; html: string } | null> {
  return one(db, `SELECT body_source AS "source", body_html AS "html" FROM ${postTable(kind)} WHERE id = $1 FOR UPDATE`, [id]);
}

export async function rewritePostText(db: Db, kind: PostKind, id: number, source: string, html: string): Promise<void> {
  await db.update(kind === 'reply' ? ForumReply : ForumThread, { id }, { bodySource: source, bodyHtml: html });
}

/** The saved versions of a post (replyId null: of the thread's opening post). */
export async function revisionsOfPost(db: Db, threadId: number, replyId: number | null): Promise<{ id: number; source: string }[]> {
  return rows(db,
    `SELECT id, body_source AS "source" FROM forum_revisions WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int`, [threadId, replyId]);
}

export async function rewriteRevisionText(db: Db, revisionId: number, source: string): Promise<void> {
  await db.update(ForumRevision, { id: revisionId }, { bodySource: source });
}

export async function deleteMentionsOf(db: Db, userId: number): Promise<void> {
  await db.delete(ForumMention, { userId });
}

/** The member's votes go (the replies' vote counts follow), and so do the member's flags. */
export async function deleteVotesAndFlagsBy(db: Db, userId: number): Promise<void> {
  await affected(db,
    `UPDATE forum_replies r SET vote_count = r.vote_count - 1 FROM forum_votes v WHERE v.reply_id = r.id AND v.user_id = $1`, [userId]);
  await db.delete(ForumVote, { userId });
  await db.delete(ForumFlag, { userId });
}

/** Locks the member's replies, newest first. */
export async function lockRepliesBy(db: Db, userId: number): Promise<{ id: number; threadId: number; deletedAt: Date | null }[]> {
  return rows(db,
    `SELECT id, thread_id AS "threadId", deleted_at AS "deletedAt" FROM forum_replies WHERE author_id = $1 ORDER BY id DESC FOR UPDATE`, [userId]);
}

/** Locks the thread and returns its accepted answer (null when the thread is gone). */
export async function lockThreadAnswer(db: Db, threadId: number): Promise<{ acceptedReplyId: number | null } | null> {
  return one(db, `SELECT accepted_reply_id AS "acceptedReplyId" FROM forum_threads WHERE id = $1 FOR UPDATE`, [threadId]);
}

/** Whether any reply answers this one. */
export async function hasAnswers(db: Db, replyId: number): Promise<boolean> {
  return db.existsBy(ForumReply, { parentId: replyId });
}

/** Keeps the reply's place for the answers to it, like a reply its author deleted: no text, history, mentions or flags. */
export async function blankReply(db: Db, replyId: number): Promise<void> {
  await affected(db,
    `UPDATE forum_replies SET deleted_at = coalesce(deleted_at, now()), body_source = '', body_html = '', hidden_reason = NULL WHERE id = $1`,
    [replyId]);
  for (const entity of [ForumRevision, ForumMention, ForumFlag]) await db.delete(entity, { replyId });
}

export async function deleteReply(db: Db, replyId: number): Promise<void> {
  await db.delete(ForumReply, { id: replyId });
}

/** The thread loses a reply: one from its count when the reply was still counted, and the accepted answer when it was that one. */
export async function uncountReply(db: Db, threadId: number, replyId: number, counted: boolean): Promise<void> {
  await affected(db,
    `UPDATE forum_threads SET reply_count = reply_count - $3::int,
            accepted_reply_id = CASE WHEN accepted_reply_id = $2 THEN NULL ELSE accepted_reply_id END
      WHERE id = $1`,
    [threadId, replyId, counted ? 1 : 0]);
}

/** Locks the member's threads; othersReplied: a live reply stands in it. */
export async function lockThreadsBy(db: Db, userId: number): Promise<{ id: number; othersReplied: boolean }[]> {
  return rows(db,
    `SELECT t.id, EXISTS (SELECT 1 FROM forum_replies r WHERE r.thread_id = t.id AND r.deleted_at IS NULL) AS "othersReplied"
       FROM forum_threads t WHERE t.author_id = $1 ORDER BY t.id FOR UPDATE OF t`, [userId]);
}

/** The tags on the member's threads. */
export async function tagIdsOfThreadsBy(db: Db, userId: number): Promise<number[]> {
  return (await rows<{ id: number }>(db,
    `SELECT DISTINCT tt.tag_id AS id FROM forum_thread_tags tt JOIN forum_threads t ON t.id = tt.thread_id WHERE t.author_id = $1`, [userId]))
    .map((r) => r.id);
}

export async function replyIdsOfThread(db: Db, threadId: number): Promise<number[]> {
  return (await db.find(ForumReply, { select: { id: true }, where: { threadId } })).map((r) => r.id);
}

export async function threadSlug(db: Db, threadId: number): Promise<string> {
  return (await db.findOne(ForumThread, { select: { slug: true }, where: { id: threadId } }))!.slug;
}

/** The thread stays as a shell for the others' replies: the new title and slug, no text, tags, history, mentions or flags of its own. */
export async function blankThread(db: Db, threadId: number, title: string, slug: string): Promise<void> {
  await db.update(ForumThread, { id: threadId }, { title, slug, bodySource: '', bodyHtml: '', hiddenReason: null, removedAt: () => 'now()' });
  await db.delete(ForumThreadTag, { threadId });
  for (const entity of [ForumRevision, ForumMention, ForumFlag]) await db.delete(entity, { threadId, replyId: IsNull() });
}

/** Deletes the thread and the follows of it. */
export async function deleteThread(db: Db, threadId: number): Promise<void> {
  await db.delete(ForumThread, { id: threadId });
  await db.delete(ForumFollow, { targetType: 'thread', targetId: threadId });
}

/** Of these tags, the ones no thread uses any more go, with the follows of them. */
export async function deleteUnusedTags(db: Db, tagIds: number[]): Promise<void> {
  const orphans = (await rows<{ id: number }>(db,
    `DELETE FROM forum_tags g WHERE g.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM forum_thread_tags tt WHERE tt.tag_id = g.id) RETURNING g.id`,
    [tagIds])).map((r) => r.id);
  if (orphans.length) await affected(db, `DELETE FROM forum_follows WHERE target_type = 'tag' AND target_id = ANY($1::int[])`, [orphans]);
}
