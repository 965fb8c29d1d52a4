// The SQL of the forum's search documents (forum.search.ts). Posts in restricted (members-only)
// categories are not searchable: these reads leave them out, so the index drops them.
import { rows, type Queryable } from '../../db/sql.js';

/** A thread or reply as its search document needs it (threadId: the reply's thread, or the thread itself). */
export interface PostSearchRow {
  id: number;
  title: string;
  slug: string;
  body: string;
  extra: string | null;
  tags: string[];
  isPublic: boolean;
  administration: string | null;
  state: string | null;
  sizeClass: string | null;
  createdAt: Date;
  updatedAt: Date;
  threadId: number;
}

const TAGS = `ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name)`;

/** The visible, unmerged threads among `ids` outside restricted categories, with their accepted answer (extra) and the author's administration. */
export async function visibleThreadRows(db: Queryable, ids: number[]): Promise<PostSearchRow[]> {
  return rows(db,
    `SELECT t.id, t.id AS "threadId", t.title, t.slug, t.body_source AS body, ar.body_source AS extra, ${TAGS} AS tags,
            c.is_public AS "isPublic", a.name AS administration, a.state, a.size_class AS "sizeClass",
            t.created_at AS "createdAt", t.updated_at AS "updatedAt"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN forum_replies ar ON ar.id = t.accepted_reply_id AND ar.hidden_at IS NULL AND ar.deleted_at IS NULL
       LEFT JOIN users u ON u.id = t.author_id LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE t.id = ANY($1) AND t.hidden_at IS NULL AND t.merged_into_id IS NULL AND NOT c.restricted`,
    [ids]);
}

/** The visible, undeleted replies among `ids` in visible, unmerged threads outside restricted categories, with the thread's title and tags. */
export async function visibleReplyRows(db: Queryable, ids: number[]): Promise<PostSearchRow[]> {
  return rows(db,
    `SELECT r.id, t.id AS "threadId", t.title, t.slug, r.body_source AS body, NULL AS extra, ${TAGS} AS tags,
            c.is_public AS "isPublic", a.name AS administration, a.state, a.size_class AS "sizeClass",
            r.created_at AS "createdAt", r.updated_at AS "updatedAt"
       FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN users u ON u.id = r.author_id LEFT JOIN administrations a ON a.id = u.administration_id
      WHERE r.id = ANY($1) AND r.hidden_at IS NULL AND r.deleted_at IS NULL AND t.hidden_at IS NULL AND t.merged_into_id IS NULL
        AND NOT c.restricted`,
    [ids]);
}
