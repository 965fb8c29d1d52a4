// SQL of the dashboard's "content health" section (read only): what waits for facilitators now,
// counted and with the oldest items (up to 10 each). The conditions match the lists they link to:
// /use-cases/review, /guides/review, /forum/flags and /use-cases/flags.
import type { Queryable } from '../../db/sql.js';

export interface HealthItem { title: string; href: string; since: string | Date; total: number }

export const HEALTH_KINDS = ['caseReview', 'guideReview', 'unverified', 'forumFlags', 'commentFlags'] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

/** Each kind's query: the oldest rows with the total as a window count. */
const SQL: Record<HealthKind, string> = {
  caseReview: `SELECT uc.title, '/use-cases/' || uc.slug AS href, uc.next_review_at::text AS since, count(*) OVER ()::int AS total
      FROM use_cases uc WHERE uc.published AND uc.next_review_at IS NOT NULL AND uc.next_review_at < current_date
     ORDER BY uc.next_review_at, uc.id LIMIT $1`,
  guideReview: `SELECT g.title, '/guides/' || g.slug AS href, g.next_review_on::text AS since, count(*) OVER ()::int AS total
      FROM guides g WHERE g.status = 'published' AND g.next_review_on <= current_date
     ORDER BY g.next_review_on, g.id LIMIT $1`,
  unverified: `SELECT uc.title, '/use-cases/' || uc.slug AS href, coalesce(uc.published_at, uc.created_at) AS since, count(*) OVER ()::int AS total
      FROM use_cases uc WHERE uc.published AND uc.verified_at IS NULL
     ORDER BY coalesce(uc.published_at, uc.created_at), uc.id LIMIT $1`,
  forumFlags: `SELECT t.title, '/forum/threads/' || t.id || '-' || t.slug AS href, f.created_at AS since, count(*) OVER ()::int AS total
      FROM forum_flags f JOIN forum_threads t ON t.id = f.thread_id WHERE f.status = 'open'
     ORDER BY f.created_at, f.id LIMIT $1`,
  commentFlags: `SELECT uc.title, '/use-cases/' || uc.slug AS href, min(f.created_at) AS since, count(*) OVER ()::int AS total
      FROM use_case_comment_flags f JOIN use_case_comments c ON c.id = f.comment_id JOIN use_cases uc ON uc.id = c.use_case_id
     WHERE f.resolved_at IS NULL GROUP BY c.id, uc.slug, uc.title ORDER BY min(f.created_at), c.id LIMIT $1`,
};

/** The oldest items of one kind (up to `limit`) and how many there are in all. */
export async function healthItems(ds: Queryable, kind: HealthKind, limit = 10): Promise<{ total: number; items: HealthItem[] }> {
  const rows: HealthItem[] = await ds.query(SQL[kind], [limit]);
  return { total: rows[0]?.total ?? 0, items: rows };
}
