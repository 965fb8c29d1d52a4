// Moderation writes: flags, hiding, lock/pin, moving and merging threads. Every function takes the
// transaction's `db`. A post is the opening post of a thread (replyId null) or a reply.
import { affected, one, rows, type Db } from '../../db/sql.js';
import { ForumCategory, ForumThread } from './forum.entity.js';

/** Hides or shows a post; `pending` marks a post hidden by flags until a facilitator looks at it. */
export async function setPostHidden(db: Db, threadId: number, replyId: number | null, hidden: boolean, reason: string | null, pending: boolean): Promise<void> {
  const table = replyId ? 'forum_replies' : 'forum_threads';
  await affected(db,
    `UPDATE ${table} SET hidden_at = CASE WHEN $2 THEN coalesce(hidden_at, now()) END, hidden_reason = $3, hidden_pending = $4 WHERE id = $1`,
    [replyId ?? threadId, hidden, reason, pending],
  );
}

/** Records a member's flag on a post; false when the member has flagged it already. */
export async function addFlag(db: Db, f: { threadId: number; replyId: number | null; userId: number; reason: string; text: string }): Promise<boolean> {
  const added = await rows(db,
    `INSERT INTO forum_flags (thread_id, reply_id, user_id, reason, text) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [f.threadId, f.replyId, f.userId, f.reason, f.text]);
  return added.length > 0;
}

/** How many distinct members have an open flag on the post. */
export async function openFlaggers(db: Db, threadId: number, replyId: number | null): Promise<number> {
  const row = await one<{ n: number }>(db,
    `SELECT count(DISTINCT user_id)::int AS n FROM forum_flags WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int AND status = 'open'`,
    [threadId, replyId]);
  return row!.n;
}

/** Closes the post's open flags with the facilitator's decision; returns how many were open. */
export async function resolveOpenFlags(db: Db, threadId: number, replyId: number | null, resolverId: number, outcome: 'hidden' | 'dismissed'): Promise<number> {
  return affected(db,
    `UPDATE forum_flags SET status = $4, resolved_by = $3, resolved_at = now()
      WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int AND status = 'open'`,
    [threadId, replyId, resolverId, outcome]);
}

/** Locks or pins a thread (keeping the first date), or lifts it. */
export async function setThreadFlag(db: Db, threadId: number, flag: 'locked' | 'pinned', on: boolean): Promise<void> {
  const column = flag === 'locked' ? 'locked_at' : 'pinned_at';
  await affected(db, `UPDATE forum_threads SET ${column} = ${on ? 'coalesce(' + column + ', now())' : 'NULL'} WHERE id = $1`, [threadId]);
}

/** The category a thread is to move to (null when there is none with that id). */
export async function categoryForMove(db: Db, id: number): Promise<{ id: number; archivedAt: Date | null } | null> {
  return db.findOne(ForumCategory, { select: { id: true, archivedAt: true }, where: { id } });
}

export async function setThreadCategory(db: Db, threadId: number, categoryId: number): Promise<void> {
  await db.update(ForumThread, { id: threadId }, { categoryId });
}

/**
 * Merges thread `sourceId` into `targetId` (both locked by the caller): the source's question
 * becomes a reply (keeping its date), its replies, revisions, flags, mentions and tags move over,
 * the target's counters follow, and the source points to the target.
 */
export async function mergeThreadInto(db: Db, sourceId: number, targetId: number): Promise<void> {
  const s = (await one<Record<string, unknown>>(db,
    `SELECT author_id, body_source, body_html, created_at, hidden_at, hidden_reason, language FROM forum_threads WHERE id = $1`, [sourceId]))!;
  const opening = (await one<{ id: number }>(db,
    `INSERT INTO forum_replies (thread_id, author_id, body_source, body_html, created_at, updated_at, hidden_at, hidden_reason, language)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) RETURNING id`,
    [targetId, s.author_id, s.body_source, s.body_html, s.created_at, s.hidden_at, s.hidden_reason, s.language]))!;
  await affected(db, `UPDATE forum_revisions SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
  await affected(db, `UPDATE forum_flags SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
  await affected(db, `UPDATE forum_mentions SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
  for (const table of ['forum_replies', 'forum_revisions', 'forum_flags', 'forum_mentions']) {
    await affected(db, `UPDATE ${table} SET thread_id = $2 WHERE thread_id = $1`, [sourceId, targetId]);
  }
  await rows(db,
    `INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $2, tag_id FROM forum_thread_tags WHERE thread_id = $1 ON CONFLICT DO NOTHING`,
    [sourceId, targetId]);
  const { last_activity_at: sourceActivity } = (await one<{ last_activity_at: Date }>(db, `SELECT last_activity_at FROM forum_threads WHERE id = $1`, [sourceId]))!;
  await affected(db,
    `UPDATE forum_threads SET reply_count = (SELECT count(*) FROM forum_replies WHERE thread_id = $1 AND deleted_at IS NULL),
            last_activity_at = greatest(last_activity_at, $2) WHERE id = $1`,
    [targetId, sourceActivity]);
  await affected(db, `UPDATE forum_threads SET merged_into_id = $2, reply_count = 0, accepted_reply_id = NULL WHERE id = $1`, [sourceId, targetId]);
}
