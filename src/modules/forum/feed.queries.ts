// The forum feeds' rows: the newest threads (not merged, hidden or removed) in the categories the
// reader may see (categoryVisibleSql: a visitor public ones; a member every category except
// restricted ones they are not listed for): all of them, one category's or one tag's.
import { rows, type Queryable } from '../../db/sql.js';
import { categoryVisibleSql, type Viewer } from './forum.queries.js';

export interface FeedThreadRow {
  id: number;
  slug: string;
  title: string;
  bodyHtml: string;
  language: string;
  categoryName: string;
  createdAt: Date;
  updatedAt: Date;
}

export const feedThreads = (db: Queryable, v: Viewer, only: { categoryId?: number; tagId?: number }, limit: number) => rows<FeedThreadRow>(db,
  `SELECT t.id, t.slug, t.title, t.body_html AS "bodyHtml", t.language, c.name AS "categoryName",
          t.created_at AS "createdAt", greatest(t.created_at, t.edited_at) AS "updatedAt"
     FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
    WHERE ${categoryVisibleSql('$1', '$2', '$3')} AND ($4::int IS NULL OR t.category_id = $4)
      AND ($6::int IS NULL OR EXISTS (SELECT 1 FROM forum_thread_tags tt WHERE tt.thread_id = t.id AND tt.tag_id = $6))
      AND t.merged_into_id IS NULL AND t.hidden_at IS NULL AND t.removed_at IS NULL
    ORDER BY t.created_at DESC, t.id DESC LIMIT $5`,
  [v.signedIn, v.id, v.facilitator, only.categoryId ?? null, limit, only.tagId ?? null]);
