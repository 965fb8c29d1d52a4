// The guides' block on the facilitators' start page: drafts waiting for review and guides past
// their review date, one statement (two bounded halves).
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export interface GuideCareRow {
  kind: 'review' | 'due';
  slug: string;
  title: string;
  language: string;
  at: string;
  total: number;
}

export async function guidesNeedingCare(db: Queryable, limit = 5): Promise<GuideCareRow[]> {
  return preparedQuery<GuideCareRow>(db, 'start-guides-care',
    `(SELECT 'review' AS kind, g.slug, g.title, g.language, to_char(r.created_at, 'YYYY-MM-DD') AS at, count(*) OVER ()::int AS total
        FROM guides g JOIN guide_revisions r ON r.id = g.draft_revision_id
       WHERE g.draft_revision_id IS NOT NULL AND g.review_state = 'in_review'
       ORDER BY r.created_at, g.id LIMIT $1)
     UNION ALL
     (SELECT 'due' AS kind, g.slug, g.title, g.language, to_char(g.next_review_on, 'YYYY-MM-DD') AS at, count(*) OVER ()::int AS total
        FROM guides g WHERE g.status = 'published' AND g.next_review_on <= current_date AND g.translation_of_id IS NULL
       ORDER BY g.next_review_on, g.id LIMIT $1)`,
    [limit]);
}
