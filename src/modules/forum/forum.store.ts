// Forum statements shared by several services (threads, replies, moderation, categories, promote):
// loading a thread or reply under the lock its write needs, edit history and mentions. Every
// function takes the transaction's `db`; the subject stores (threads, replies, moderation,
// categories, follows) hold the rest.
import { notFound } from '../../shared/errors.js';
import { one, rows, type Db } from '../../db/sql.js';
import type { ThreadFacts } from './forum.policy.js';
import { ForumReply, ForumRevision } from './forum.entity.js';

export interface LockedThread extends ThreadFacts {
  id: number;
  title: string;
  slug: string;
  categoryId: number;
  acceptedReplyId: number | null;
  replyCount: number;
  bodySource: string;
  pinnedAt: Date | null;
  language: string;
}

/** A thread with its category's visibility; 404 when missing. `NONE` where only atomic counter updates follow (a share lock would deadlock on the upgrade). */
export async function loadThread(db: Db, id: number, lock: 'UPDATE' | 'SHARE' | 'NONE'): Promise<LockedThread> {
  const t = await one<LockedThread>(db,
    `SELECT t.id, t.title, t.slug, t.kind, t.category_id AS "categoryId", t.author_id AS "authorId",
            t.accepted_reply_id AS "acceptedReplyId", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
            t.hidden_at AS "hiddenAt", t.merged_into_id AS "mergedIntoId", t.reply_count AS "replyCount",
            t.body_source AS "bodySource", t.language, c.is_public AS "isPublic", c.archived_at AS "archivedAt"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE t.id = $1 ${lock === 'NONE' ? '' : `FOR ${lock} OF t`}`,
    [id],
  );
  if (!t) throw notFound();
  return t;
}

export interface LockedReply {
  id: number;
  threadId: number;
  parentId: number | null;
  authorId: number | null;
  bodySource: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenPending: boolean;
}

/** A reply locked for update; 404 when missing. */
export async function lockReply(db: Db, id: number): Promise<LockedReply> {
  const r = await one<LockedReply>(db,
    `SELECT id, thread_id AS "threadId", parent_id AS "parentId", author_id AS "authorId", body_source AS "bodySource",
            deleted_at AS "deletedAt", hidden_at AS "hiddenAt", hidden_pending AS "hiddenPending"
       FROM forum_replies WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!r) throw notFound();
  return r;
}

/** The replies of a thread, oldest first (to queue them for the search index). */
export async function replyIdsOf(db: Db, threadId: number): Promise<number[]> {
  return (await db.find(ForumReply, { select: { id: true }, where: { threadId }, order: { id: 'ASC' } })).map((r) => r.id);
}

/** Edit history: a version of the opening post (with its title). */
export async function addThreadRevision(db: Db, threadId: number, editorId: number, title: string, body: string): Promise<void> {
  await db.insert(ForumRevision, { threadId, editorId, title, bodySource: body });
}

/** Edit history: a version of a reply. */
export async function addReplyRevision(db: Db, threadId: number, replyId: number, editorId: number, body: string): Promise<void> {
  await db.insert(ForumRevision, { threadId, replyId, editorId, bodySource: body });
}

/** Records who a post mentions; returns the members mentioned for the first time in it. */
export async function recordMentions(db: Db, threadId: number, replyId: number | null, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const added = await rows<{ userId: number }>(db,
    `INSERT INTO forum_mentions (thread_id, reply_id, user_id) SELECT $1, $2, unnest($3::int[])
     ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
    [threadId, replyId, ids],
  );
  return added.map((r) => r.userId);
}
