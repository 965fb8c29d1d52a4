// The JSON API's thread rows (/api/v1/forum/threads): threads (not merged, hidden or removed) in
// the categories the reader may see (categoryVisibleSql: a visitor public ones; a read:network
// token's member what they would see signed in), newest first by id (the cursor's keyset).
import { one, rows, type Queryable } from '../../db/sql.js';
import { categoryVisibleSql, type Viewer } from './forum.queries.js';

export interface ApiThreadRow {
  id: number;
  slug: string;
  title: string;
  kind: string;
  language: string;
  categorySlug: string;
  categoryName: string;
  categoryPublic: boolean;
  tags: string[];
  replyCount: number;
  answered: boolean;
  locked: boolean;
  createdAt: Date;
  lastActivityAt: Date;
}

export interface ApiThreadDetailRow extends ApiThreadRow {
  bodyHtml: string;
  acceptedReplyId: number | null;
}

export interface ApiReplyRow {
  id: number;
  parentId: number | null;
  bodyHtml: string;
  voteCount: number;
  language: string;
  createdAt: Date;
}

export interface ApiThreadFilter {
  category?: string[];
  tag?: string[];
  kind?: string[];
  answered?: boolean;
}

const COLUMNS = `t.id, t.slug, t.title, t.kind, t.language, c.slug AS "categorySlug", c.name AS "categoryName", c.is_public AS "categoryPublic",
  ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name) AS tags,
  t.reply_count AS "replyCount", t.accepted_reply_id IS NOT NULL AS answered, t.locked_at IS NOT NULL AS locked,
  t.created_at AS "createdAt", t.last_activity_at AS "lastActivityAt"`;

const SHOWN = 't.merged_into_id IS NULL AND t.hidden_at IS NULL AND t.removed_at IS NULL';

export const apiThreads = (db: Queryable, v: Viewer, f: ApiThreadFilter, limit: number, afterId: number | null) => rows<ApiThreadRow>(db,
  `SELECT ${COLUMNS} FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
    WHERE ${categoryVisibleSql('$1', '$2', '$3')} AND ${SHOWN}
      AND ($5::text[] IS NULL OR c.slug = ANY($5::text[]))
      AND ($6::text[] IS NULL OR EXISTS (SELECT 1 FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id AND g.name = ANY($6::text[])))
      AND ($7::text[] IS NULL OR t.kind = ANY($7::text[]))
      AND ($8::boolean IS NULL OR (t.kind = 'question' AND (t.accepted_reply_id IS NOT NULL) = $8))
      AND ($9::int IS NULL OR t.id < $9)
    ORDER BY t.id DESC LIMIT $4`,
  [v.signedIn, v.id, v.facilitator, limit, f.category ?? null, f.tag ?? null, f.kind ?? null, f.answered ?? null, afterId]);

export const apiThread = (db: Queryable, v: Viewer, id: number) => one<ApiThreadDetailRow>(db,
  `SELECT ${COLUMNS}, t.body_html AS "bodyHtml", t.accepted_reply_id AS "acceptedReplyId"
     FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
    WHERE t.id = $4 AND ${categoryVisibleSql('$1', '$2', '$3')} AND ${SHOWN}`,
  [v.signedIn, v.id, v.facilitator, id]);

/** The thread's replies readers see (not deleted or hidden), oldest first; at most 500. */
export const apiReplies = (db: Queryable, threadId: number) => rows<ApiReplyRow>(db,
  `SELECT r.id, r.parent_id AS "parentId", r.body_html AS "bodyHtml", r.vote_count AS "voteCount", r.language, r.created_at AS "createdAt"
     FROM forum_replies r WHERE r.thread_id = $1 AND r.deleted_at IS NULL AND r.hidden_at IS NULL ORDER BY r.created_at, r.id LIMIT 500`,
  [threadId]);
