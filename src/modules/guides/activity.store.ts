// What the guides' activity facts are read from (guides.activity.ts builds the events): the
// chapters of published guides, each with its author — whoever wrote the first revision that holds
// the chapter (a file-imported chapter has none) — and the reviewer who first published it. For one
// guide, or (null) for all of them.
import { rows, type Queryable } from '../../db/sql.js';

export interface PublishedChapterRow {
  chapterId: number;
  uid: string;
  chapterSlug: string;
  chapterTitle: string;
  guideId: number;
  guideSlug: string;
  guideTitle: string;
  tags: string[];
  authorId: number;
  reviewerId: number | null;
  /** The chapter's row is made when it is first published. */
  at: Date;
}

export async function publishedChapters(db: Queryable, guideId: number | null): Promise<PublishedChapterRow[]> {
  return rows(db,
    `SELECT c.id AS "chapterId", c.uid, c.slug AS "chapterSlug", c.title AS "chapterTitle", g.id AS "guideId", g.slug AS "guideSlug",
            g.title AS "guideTitle", g.tags, first.author_id AS "authorId", reviewed.reviewer_id AS "reviewerId", c.created_at AS at
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
       CROSS JOIN LATERAL (
         SELECT r.id, r.author_id FROM guide_revisions r
          WHERE r.guide_id = g.id AND r.snapshot -> 'chapters' @> jsonb_build_array(jsonb_build_object('uid', c.uid))
          ORDER BY r.id LIMIT 1) first
       LEFT JOIN LATERAL (
         SELECT r.reviewer_id FROM guide_revisions r
          WHERE r.guide_id = g.id AND r.id >= first.id AND r.reviewed_at IS NOT NULL AND r.status <> 'changes_requested'
          ORDER BY r.id LIMIT 1) reviewed ON true
      WHERE g.status = 'published' AND first.author_id IS NOT NULL AND ($1::int IS NULL OR g.id = $1)`,
    [guideId]);
}
