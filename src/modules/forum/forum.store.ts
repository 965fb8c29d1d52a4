// Forum statements shared by several services (threads, replies, moderation, categories, promote):
// loading a thread or reply under the lock its write needs, edit history and mentions. Every
// function takes the transaction's `db`; the subject stores (threads, replies, moderation,
// categories, follows) hold the rest.
import { notFound } from '../../shared/errors.js';
import { isFacilitator, ROLES } from '../../shared/identity.js';
import { one, rows, type Db } from '../../db/sql.js';
import type { CategoryFacts, ThreadFacts } from './forum.policy.js';
import { ForumReply, ForumRevision } from './forum.entity.js';
import { isMemberSql } from './forum.queries.js';

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

/**
 * A thread with its category's visibility and whether `viewerId` is a member of that category (for
 * restricted categories); 404 when missing. `NONE` where only atomic counter updates follow (a share
 * lock would deadlock on the upgrade).
 */
export async function loadThread(db: Db, id: number, lock: 'UPDATE' | 'SHARE' | 'NONE', viewerId: number | null): Promise<LockedThread> {
  const t = await one<LockedThread>(db,
    `SELECT t.id, t.title, t.slug, t.kind, t.category_id AS "categoryId", t.author_id AS "authorId",
            t.accepted_reply_id AS "acceptedReplyId", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
            t.hidden_at AS "hiddenAt", t.merged_into_id AS "mergedIntoId", t.reply_count AS "replyCount",
            t.body_source AS "bodySource", t.language, c.is_public AS "isPublic", c.archived_at AS "archivedAt",
            c.restricted, ${isMemberSql('$2')} AS "isMember"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE t.id = $1 ${lock === 'NONE' ? '' : `FOR ${lock} OF t`}`,
    [id, viewerId],
  );
  if (!t) throw notFound();
  return t;
}

/** A category's visibility facts, with whether `viewerId` is listed as its member (null when there is none with that id). */
export async function categoryFacts(db: Db, id: number, viewerId: number | null): Promise<({ id: number } & CategoryFacts) | null> {
  return one(db,
    `SELECT c.id, c.is_public AS "isPublic", c.restricted, c.archived_at AS "archivedAt", ${isMemberSql('$2')} AS "isMember"
       FROM forum_categories c WHERE c.id = $1`,
    [id, viewerId]);
}

/** The roles forumPolicy counts as facilitators (facilitator and admin). */
const FACILITATOR_ROLES = ROLES.filter((role) => isFacilitator({ role }));

/**
 * Those among `userIds` who may read the posts of category `categoryId` — everyone for an ordinary
 * category; for a restricted one its listed members and facilitators/admins (forumPolicy's rule,
 * here for members other than the actor: whom a notification may go to).
 */
export async function readersAmong(db: Db, categoryId: number, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set();
  const found = await rows<{ id: number }>(db,
    `SELECT u.id FROM users u JOIN forum_categories c ON c.id = $1
      WHERE u.id = ANY($2::int[])
        AND (NOT c.restricted OR u.role = ANY($3::text[]) OR ${isMemberSql('u.id')})`,
    [categoryId, userIds, FACILITATOR_ROLES]);
  return new Set(found.map((r) => r.id));
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
