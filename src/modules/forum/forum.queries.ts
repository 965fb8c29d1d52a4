// Forum reads: hand-written SQL, a fixed number of statements per page whatever the number of
// posts (the thread page runs three: thread, replies, daily view). Visibility is part of every
// query: visitors see only public categories, restricted (members-only) categories only their
// members and facilitators; hidden threads only their author and facilitators.
import { EXCERPT_SOURCE_CHARS, plainExcerpt } from '../../shared/excerpt.js';
import { PAGE_SIZE, type Page, type PaginationView } from '../../shared/pagination.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';


export interface Viewer {
  id: number | null;
  signedIn: boolean;
  facilitator: boolean;
}
export const viewerOf = (actor: Actor | undefined): Viewer => ({
  id: actor?.id ?? null,
  signedIn: !!actor,
  facilitator: forumPolicy.isFacilitator(actor),
});

/**
 * Whether the viewer may see category `c` — forumPolicy.canSeeCategory in SQL: a restricted
 * category its listed members and facilitators, any other one members, a public one everyone.
 * The arguments are the placeholders of the viewer's values (signed in, id, facilitator).
 */
export const categoryVisibleSql = (signedIn: string, viewerId: string, facilitator: string): string =>
  `(CASE WHEN c.restricted
         THEN ${facilitator}::boolean OR EXISTS (SELECT 1 FROM forum_category_members cm WHERE cm.category_id = c.id AND cm.user_id = ${viewerId}::int)
         ELSE c.is_public OR ${signedIn}::boolean END)`;

/** Whether the member `viewerId` is listed for category `c` (the policy's isMember fact). */
export const isMemberSql = (viewerId: string): string =>
  `EXISTS (SELECT 1 FROM forum_category_members cm WHERE cm.category_id = c.id AND cm.user_id = ${viewerId}::int)`;

/** $1 = signed in, $2 = viewer id, $3 = facilitator. */
const VISIBLE = `${categoryVisibleSql('$1', '$2', '$3')} AND t.merged_into_id IS NULL
  AND (t.hidden_at IS NULL OR t.author_id = $2::int OR $3::boolean)`;
const vp = (v: Viewer) => [v.signedIn, v.id, v.facilitator];

export interface CategoryRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  position: number;
  isPublic: boolean;
  restricted: boolean;
  archivedAt: Date | null;
  language: string;
  threads: number;
  unanswered: number;
}

/** Categories the viewer may see, with counts of threads and open questions (hidden threads are not counted). */
export async function listCategories(db: Queryable, v: Viewer): Promise<CategoryRow[]> {
  return preparedQuery<CategoryRow>(db, 'forum-categories',
    `SELECT c.id, c.slug, c.name, c.description, c.position, c.is_public AS "isPublic", c.restricted,
            c.archived_at AS "archivedAt", c.language,
            c.thread_count AS threads, c.unanswered_count AS unanswered
       FROM forum_categories c
      WHERE ${categoryVisibleSql('$1', '$2', '$3')}
      ORDER BY c.archived_at IS NOT NULL, c.position, c.name`,
    vp(v),
  );
}

/** `threads`: the maintained count of its visible, not hidden threads (thread_count), the total of its list. */
export type CategoryFound = Omit<CategoryRow, 'unanswered'> & { isMember: boolean };

/**
 * A category by slug or id, with whether `viewerId` is listed as its member (the caller applies forumPolicy.canSeeCategory).
 * Two named statements, one per key ($1 is an integer for one, text for the other).
 */
export async function findCategory(db: Queryable, slugOrId: string | number, viewerId: number | null): Promise<CategoryFound | null> {
  const key = typeof slugOrId === 'number' ? 'id' : 'slug';
  const [row] = await preparedQuery<CategoryFound>(db, `forum-category-by-${key}`,
    `SELECT c.id, c.slug, c.name, c.description, c.position, c.is_public AS "isPublic", c.restricted,
            c.archived_at AS "archivedAt", c.language, c.thread_count AS threads, ${isMemberSql('$2')} AS "isMember"
       FROM forum_categories c WHERE ${key === 'id' ? 'c.id = $1' : 'c.slug = $1'}`,
    [slugOrId, viewerId],
  );
  return row ?? null;
}

export interface ThreadListRow {
  id: number;
  title: string;
  slug: string;
  kind: string;
  answered: boolean;
  replyCount: number;
  views: number;
  lastActivityAt: Date;
  createdAt: Date;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  categorySlug: string;
  categoryName: string;
  categoryLanguage: string;
  language: string;
  authorName: string | null;
  tags: string[];
}

export type ThreadFilter =
  | { view: 'latest' }
  | { view: 'unanswered' }
  | { view: 'category'; categoryId: number }
  | TagFilter;
export type TagFilter = { view: 'tag'; tag: string };
export interface ThreadPage { rows: ThreadListRow[]; total: number }

/**
 * A page of threads. The latest, unanswered and category lists take their total from the caller,
 * who has it from the maintained counters (/forum sums the categories' thread_count or
 * unanswered_count, a category page its thread_count — tests/modules/forum/category-counters.test.ts
 * compares them with a direct count); only a tag's list counts, from its own counter table.
 *
 * A tag's page reads forum_thread_tags, which carries each thread's sort key and category (kept by
 * triggers, migration 1764901100000): its index gives the rows in list order, so the page reads about
 * `limit` index entries (plus those of categories the viewer may not see, skipped on the entry) and
 * joins only those threads. Its total sums forum_tag_category_counts over the categories the viewer
 * may see — a row per category, whatever the number of threads.
 *
 * Named statements per view: within a view the text is fixed, so `forum-threads-<view>-first|paged`
 * (and the tag's `forum-tag-thread-total`) each stand for one text. The
 * first page at the usual size (nearly every view) has a statement of its own with a constant LIMIT
 * and no OFFSET: a LIMIT or OFFSET parameter makes PostgreSQL's generic plan assume a tenth of the
 * table is read (at 100,000 threads a cost of 34,000 against 137), so it re-planned the statement on
 * every execution (tests/db/generic-plans.test.ts).
 */
export async function listThreads(db: Queryable, v: Viewer, filter: TagFilter, page: Page): Promise<ThreadPage>;
export async function listThreads(db: Queryable, v: Viewer, filter: Exclude<ThreadFilter, TagFilter>, page: Page, knownTotal: number): Promise<ThreadPage>;
export async function listThreads(db: Queryable, v: Viewer, filter: ThreadFilter, page: Page, knownTotal?: number): Promise<ThreadPage> {
  const params: unknown[] = [...vp(v)];
  let from = 'forum_threads t JOIN forum_categories c ON c.id = t.category_id';
  let where = '';
  let order = 't.pinned_at IS NULL, t.last_activity_at DESC, t.id DESC';
  if (filter.view === 'unanswered') {
    where = `AND t.kind = 'question' AND t.accepted_reply_id IS NULL`;
    order = 't.created_at, t.id';
  } else if (filter.view === 'category') {
    params.push(filter.categoryId);
    where = `AND t.category_id = $4`;
  } else if (filter.view === 'tag') {
    params.push(filter.tag);
    from = `forum_thread_tags ft JOIN forum_categories c ON c.id = ft.category_id JOIN forum_threads t ON t.id = ft.thread_id`;
    where = `AND ft.tag_id = (SELECT id FROM forum_tags WHERE name = $4)`;
    order = 'ft.pinned DESC, ft.last_activity_at DESC, ft.thread_id DESC';
  }
  const first = page.offset === 0 && page.limit === PAGE_SIZE;
  if (!first) params.push(page.limit, page.offset);
  const list = await preparedQuery<ThreadListRow>(db, `forum-threads-${filter.view}-${first ? 'first' : 'paged'}`,
    `SELECT t.id, t.title, t.slug, t.kind, t.accepted_reply_id IS NOT NULL AS answered, t.reply_count AS "replyCount",
            t.views, t.last_activity_at AS "lastActivityAt", t.created_at AS "createdAt",
            t.pinned_at IS NOT NULL AS pinned, t.locked_at IS NOT NULL AS locked, t.hidden_at IS NOT NULL AS hidden,
            c.slug AS "categorySlug", c.name AS "categoryName", c.language AS "categoryLanguage", t.language,
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName",
            ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name) AS tags
       FROM ${from}
       LEFT JOIN users u ON u.id = t.author_id
      WHERE ${VISIBLE} ${where}
      ORDER BY ${order}
      ${first ? `LIMIT ${PAGE_SIZE}` : `LIMIT $${params.length - 1} OFFSET $${params.length}`}`,
    params,
  );
  if (filter.view !== 'tag') return { rows: list, total: knownTotal! };
  if (page.offset === 0 && list.length < page.limit) return { rows: list, total: list.length };
  const [counted] = await preparedQuery<{ n: number }>(db, 'forum-tag-thread-total',
    `SELECT coalesce(sum(k.thread_count), 0)::int AS n FROM forum_tag_category_counts k JOIN forum_categories c ON c.id = k.category_id
      WHERE k.tag_id = (SELECT id FROM forum_tags WHERE name = $4) AND ${categoryVisibleSql('$1', '$2', '$3')}`,
    [...vp(v), filter.tag],
  );
  return { rows: list, total: counted!.n };
}

export interface ThreadRow {
  id: number;
  title: string;
  slug: string;
  kind: string;
  language: string;
  bodySource: string;
  bodyHtml: string;
  authorId: number | null;
  authorHandle: string | null;
  authorName: string | null;
  administrationName: string | null;
  administrationSlug: string | null;
  acceptedReplyId: number | null;
  lockedAt: Date | null;
  pinnedAt: Date | null;
  mergedIntoId: number | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  replyCount: number;
  views: number;
  createdAt: Date;
  editedAt: Date | null;
  removedAt: Date | null;
  lastActivityAt: Date;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
  categoryLanguage: string;
  isPublic: boolean;
  restricted: boolean;
  isMember: boolean;
  archivedAt: Date | null;
  tags: string[];
  followLevel: string | null;
  /** The viewer's read mark (forum_thread_reads) is at or after the thread's last activity: nothing to write. */
  readUpToDate: boolean;
}

/** One statement: the thread, its category (with the viewer's membership of it), author, tags, the viewer's follow level and read mark. */
export async function findThread(db: Queryable, id: number, viewerId: number | null): Promise<ThreadRow | null> {
  const [row] = await preparedQuery<ThreadRow>(db, 'forum-thread',
    `SELECT t.id, t.title, t.slug, t.kind, t.language, t.body_source AS "bodySource", t.body_html AS "bodyHtml", t.author_id AS "authorId",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.handle END AS "authorHandle",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName",
            a.name AS "administrationName", a.slug AS "administrationSlug",
            t.accepted_reply_id AS "acceptedReplyId", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
            t.merged_into_id AS "mergedIntoId", t.hidden_at AS "hiddenAt", t.hidden_reason AS "hiddenReason",
            t.reply_count AS "replyCount", t.views, t.created_at AS "createdAt", t.edited_at AS "editedAt",
            t.removed_at AS "removedAt", t.last_activity_at AS "lastActivityAt",
            c.id AS "categoryId", c.slug AS "categorySlug", c.name AS "categoryName", c.is_public AS "isPublic",
            c.restricted, ${isMemberSql('$2')} AS "isMember",
            c.archived_at AS "archivedAt", c.language AS "categoryLanguage",
            ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name) AS tags,
            (SELECT f.level FROM forum_follows f WHERE f.user_id = $2::int AND f.target_type = 'thread' AND f.target_id = t.id) AS "followLevel",
            coalesce((SELECT r.last_read_at >= t.last_activity_at FROM forum_thread_reads r WHERE r.user_id = $2::int AND r.thread_id = t.id), false) AS "readUpToDate"
       FROM forum_threads t
       JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN users u ON u.id = t.author_id
       LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE t.id = $1`,
    [id, viewerId],
  );
  return row ?? null;
}

export interface ReplyRow {
  id: number;
  parentId: number | null;
  parentHandle: string | null;
  authorId: number | null;
  authorHandle: string | null;
  authorName: string | null;
  administrationName: string | null;
  administrationSlug: string | null;
  bodyHtml: string;
  language: string;
  voteCount: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  voted: boolean;
  hasChildren: boolean;
}

/**
 * One statement: a page of replies, the accepted one first, then by votes, then by age. The page
 * is cut first and its authors are then looked up by key, so the cost follows the page size,
 * not the number of members.
 */
export async function listReplies(db: Queryable, threadId: number, acceptedId: number | null, viewerId: number | null, page: Page): Promise<{ rows: ReplyRow[]; total: number }> {
  const replies = await preparedQuery<ReplyRow & { total: string }>(db, 'forum-replies',
    `SELECT r.id, r.parent_id AS "parentId",
            (SELECT CASE WHEN pu.status = 'deleted' THEN NULL ELSE pu.handle END
               FROM forum_replies p JOIN users pu ON pu.id = p.author_id WHERE p.id = r.parent_id) AS "parentHandle",
            r.author_id AS "authorId",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.handle END AS "authorHandle",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName",
            u."administrationName", u."administrationSlug",
            r.body_html AS "bodyHtml", r.language, r.vote_count AS "voteCount", r.deleted_at AS "deletedAt", r.hidden_at AS "hiddenAt",
            r.hidden_reason AS "hiddenReason", r.created_at AS "createdAt", r.edited_at AS "editedAt",
            EXISTS (SELECT 1 FROM forum_votes v WHERE v.reply_id = r.id AND v.user_id = $3::int) AS voted,
            EXISTS (SELECT 1 FROM forum_replies ch WHERE ch.parent_id = r.id) AS "hasChildren",
            r.total
       FROM (SELECT *, count(*) OVER () AS total, (id = $2::int) IS TRUE AS accepted
               FROM forum_replies
              WHERE thread_id = $1
              ORDER BY (id = $2::int) IS TRUE DESC, vote_count DESC, created_at, id
              LIMIT $4 OFFSET $5) r
       -- OFFSET 0 keeps this a per-row lookup (a plain join may hash the whole users table).
       LEFT JOIN LATERAL (SELECT u.status, u.handle, u.name, a.name AS "administrationName", a.slug AS "administrationSlug"
                            FROM users u LEFT JOIN administrations a ON a.id = u.administration_id
                           WHERE u.id = r.author_id OFFSET 0) u ON true
      ORDER BY r.accepted DESC, r.vote_count DESC, r.created_at, r.id`,
    [threadId, acceptedId, viewerId, page.limit, page.offset],
  );
  return { rows: replies, total: replies.length ? Number(replies[0]!.total) : 0 };
}

/**
 * Views already written today by this process: a member reloading a thread does not send the
 * insert again. The database stays the judge (the day row's primary key), so several processes,
 * or a restart, can only repeat an insert that then does nothing.
 */
const viewsSeen = new Set<string>();
let viewsDay = '';
const VIEWS_SEEN_MAX = 200_000;

/** Counts a member's view once per (UTC) day: one statement (insert the day row; bump the counter if new). */
export async function recordView(db: Queryable, threadId: number, userId: number, now = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  if (day !== viewsDay || viewsSeen.size >= VIEWS_SEEN_MAX) {
    viewsSeen.clear();
    viewsDay = day;
  }
  const key = `${threadId}:${userId}`;
  if (viewsSeen.has(key)) return;
  await preparedQuery(db, 'forum-record-view',
    `WITH v AS (INSERT INTO forum_thread_views (thread_id, user_id, day) VALUES ($1, $2, $3::date) ON CONFLICT DO NOTHING RETURNING 1)
     UPDATE forum_threads SET views = views + 1 WHERE id = $1 AND EXISTS (SELECT 1 FROM v)`,
    [threadId, userId, day],
  );
  viewsSeen.add(key);
}

/**
 * The member's read mark of the thread (the start page's "threads I follow with unread replies"):
 * one upsert that writes only when the thread had activity after the stored mark, so most reads of
 * a thread the member already read leave the row untouched.
 */
export async function markThreadRead(db: Queryable, threadId: number, userId: number, lastActivityAt: Date): Promise<void> {
  await rows(db,
    `INSERT INTO forum_thread_reads (user_id, thread_id, last_read_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_at = now() WHERE forum_thread_reads.last_read_at < $3::timestamptz`,
    [userId, threadId, lastActivityAt],
  );
}

export interface SimilarThread {
  id: number;
  title: string;
  slug: string;
  answered: boolean;
  replyCount: number;
  language: string;
  url: string;
}

/**
 * Threads whose titles resemble `title` (pg_trgm similarity and word similarity on the GIN index),
 * visible to the actor. The search module may later replace the internals; keep the signature.
 */
/** Threads by id, in the given order, that the actor may see (for hits from the search engine). */
export async function visibleThreadsByIds(ds: Queryable, ids: number[], actor: Actor | undefined): Promise<SimilarThread[]> {
  if (!ids.length) return [];
  const v = viewerOf(actor);
  const found = await rows<Omit<SimilarThread, 'url'>>(ds,
    `SELECT t.id, t.title, t.slug, t.accepted_reply_id IS NOT NULL AS answered, t.reply_count AS "replyCount", t.language
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE ${VISIBLE} AND t.hidden_at IS NULL AND t.id = ANY($4::int[])`,
    [...vp(v), ids],
  );
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ ...r, url: threadUrl(r) }] : [];
  });
}

export async function findSimilarThreads(ds: Queryable, title: string, actor: Actor | undefined, limit = 5): Promise<SimilarThread[]> {
  const q = title.trim().slice(0, 150);
  if (q.length < 4) return [];
  const v = viewerOf(actor);
  const found = await rows<Omit<SimilarThread, 'url'>>(ds,
    `SELECT t.id, t.title, t.slug, t.accepted_reply_id IS NOT NULL AS answered, t.reply_count AS "replyCount", t.language
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE ${VISIBLE} AND t.hidden_at IS NULL AND (t.title % $4 OR $4 <% t.title)
      ORDER BY greatest(similarity(t.title, $4), word_similarity($4, t.title)) DESC, t.id DESC
      LIMIT $5`,
    [...vp(v), q, limit],
  );
  return found.map((r) => ({ ...r, url: threadUrl(r) }));
}

export const threadUrl = (t: { id: number; slug: string }) => `/forum/threads/${t.id}-${t.slug}`;

export interface RevisionRow {
  id: number;
  title: string | null;
  bodySource: string;
  createdAt: Date;
  editorName: string | null;
  language: string;
}

export async function listRevisions(db: Queryable, threadId: number, replyId: number | null): Promise<RevisionRow[]> {
  return rows<RevisionRow>(db,
    `SELECT r.id, r.title, r.body_source AS "bodySource", r.created_at AS "createdAt",
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "editorName",
            coalesce((SELECT p.language FROM forum_replies p WHERE p.id = r.reply_id),
                     (SELECT t.language FROM forum_threads t WHERE t.id = r.thread_id)) AS language
       FROM forum_revisions r LEFT JOIN users u ON u.id = r.editor_id
      WHERE r.thread_id = $1 AND r.reply_id IS NOT DISTINCT FROM $2::int
      ORDER BY r.id`,
    [threadId, replyId],
  );
}

export interface FlagQueueRow {
  threadId: number;
  replyId: number | null;
  threadTitle: string;
  threadSlug: string;
  threadLanguage: string;
  language: string;
  excerpt: string;
  authorName: string | null;
  hidden: boolean;
  flags: { reason: string; text: string; by: string | null; at: string }[];
}

/** Open flags grouped by post, oldest first. */
export async function listOpenFlags(db: Queryable, page: Page): Promise<{ rows: FlagQueueRow[]; total: number }> {
  const flagged = await rows<FlagQueueRow & { total: string }>(db,
    `SELECT f.thread_id AS "threadId", f.reply_id AS "replyId", t.title AS "threadTitle", t.slug AS "threadSlug",
            t.language AS "threadLanguage", coalesce(r.language, t.language) AS language,
            left(coalesce(r.body_source, t.body_source), ${EXCERPT_SOURCE_CHARS}) AS excerpt,
            CASE WHEN u.status = 'deleted' THEN NULL ELSE u.name END AS "authorName",
            coalesce(r.hidden_at, t.hidden_at) IS NOT NULL AS hidden,
            json_agg(json_build_object('reason', f.reason, 'text', f.text, 'by', fu.name, 'at', f.created_at) ORDER BY f.id) AS flags,
            count(*) OVER () AS total
       FROM forum_flags f
       JOIN forum_threads t ON t.id = f.thread_id
       LEFT JOIN forum_replies r ON r.id = f.reply_id
       LEFT JOIN users u ON u.id = coalesce(r.author_id, t.author_id)
       LEFT JOIN users fu ON fu.id = f.user_id
      WHERE f.status = 'open'
      GROUP BY f.thread_id, f.reply_id, t.id, r.id, u.id
      ORDER BY min(f.created_at)
      LIMIT $1 OFFSET $2`,
    [page.limit, page.offset],
  );
  // The post as read, not its Markdown source.
  return { rows: flagged.map((x: FlagQueueRow) => ({ ...x, excerpt: plainExcerpt(x.excerpt) })), total: flagged.length ? Number(flagged[0]!.total) : 0 };
}

/** Every category the viewer may see, in list order (for choosing one: new thread, move). */
export async function listAllCategories(db: Queryable, v: Viewer): Promise<{ id: number; name: string; language: string; archived: boolean; restricted: boolean }[]> {
  return rows(db,
    `SELECT c.id, c.name, c.language, c.archived_at IS NOT NULL AS archived, c.restricted
       FROM forum_categories c WHERE ${categoryVisibleSql('$1', '$2', '$3')} ORDER BY c.position, c.name`,
    vp(v));
}

export async function followLevel(db: Queryable, userId: number, targetType: string, targetId: number): Promise<string | null> {
  const [row] = await preparedQuery<{ level: string }>(db, 'forum-follow-level',
    `SELECT level FROM forum_follows WHERE user_id = $1 AND target_type = $2 AND target_id = $3`, [userId, targetType, targetId]);
  return row?.level ?? null;
}

/** The members among `handles` who are active, by handle (only they become mention links). */
export async function activeMembersByHandle(db: Queryable, handles: string[]): Promise<Map<string, number>> {
  const found = await rows<{ id: number; handle: string }>(db, `SELECT id, handle FROM users WHERE handle = ANY($1) AND status = 'active'`, [handles]);
  return new Map(found.map((r) => [r.handle, r.id]));
}

/** Whether the member is listed for the (restricted) category. */
export async function isCategoryMember(db: Queryable, categoryId: number, userId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM forum_category_members WHERE category_id = $1 AND user_id = $2`, [categoryId, userId]));
}

/** A tag's id by its name (null when no thread ever had it). */
export async function tagIdByName(db: Queryable, name: string): Promise<number | null> {
  const [row] = await preparedQuery<{ id: number }>(db, 'forum-tag-id', `SELECT id FROM forum_tags WHERE name = $1`, [name]);
  return row?.id ?? null;
}

/** The Markdown of a reply (the promote form starts from the accepted answer's). */
export async function replySource(db: Queryable, id: number): Promise<{ bodySource: string } | null> {
  return one(db, `SELECT body_source AS "bodySource" FROM forum_replies WHERE id = $1`, [id]);
}

/** What the edit form of a reply needs: its thread, text and whether it may still be edited. */
export async function replyForEdit(db: Queryable, id: number): Promise<{ threadId: number; bodySource: string; authorId: number | null; deletedAt: Date | null; hiddenAt: Date | null } | null> {
  return one(db,
    `SELECT thread_id AS "threadId", body_source AS "bodySource", author_id AS "authorId", deleted_at AS "deletedAt", hidden_at AS "hiddenAt"
       FROM forum_replies WHERE id = $1`, [id]);
}

export type { PaginationView };
