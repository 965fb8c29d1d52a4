// SQL of the dashboard's "content health" section (read only): what waits for facilitators now,
// counted and with the oldest items (up to 10 each). The conditions match the lists they link to:
// /use-cases/review, /guides/review, /forum/flags and /use-cases/flags.
// The lists are read on every view, each from an index in its order (use_cases_review_idx,
// use_cases_unverified_idx, forum_flags_open_idx; guides and open comment flags are few), never all
// matching rows; the totals, which count every matching row, are for the section's snapshot.
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export interface HealthItem { title: string; href: string; since: string | Date }

export const HEALTH_KINDS = ['caseReview', 'guideReview', 'unverified', 'forumFlags', 'commentFlags'] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

/** The oldest items the page shows of each kind; it reads one more to know whether there are more. */
export const HEALTH_SHOWN = 10;

/** Each kind's oldest rows (`limit` at most: a number, or a parameter for the CSVs), oldest first. */
const LIST: Record<HealthKind, (limit: string) => string> = {
  caseReview: (limit) => `SELECT uc.title, '/use-cases/' || uc.slug AS href, uc.next_review_at::text AS since
      FROM use_cases uc WHERE uc.published AND uc.next_review_at IS NOT NULL AND uc.next_review_at < current_date
     ORDER BY uc.next_review_at, uc.id LIMIT ${limit}`,
  guideReview: (limit) => `SELECT g.title, '/guides/' || g.slug AS href, g.next_review_on::text AS since
      FROM guides g WHERE g.status = 'published' AND g.next_review_on <= current_date
     ORDER BY g.next_review_on, g.id LIMIT ${limit}`,
  unverified: (limit) => `SELECT uc.title, '/use-cases/' || uc.slug AS href, coalesce(uc.published_at, uc.created_at) AS since
      FROM use_cases uc WHERE uc.published AND uc.verified_at IS NULL
     ORDER BY coalesce(uc.published_at, uc.created_at), uc.id LIMIT ${limit}`,
  forumFlags: (limit) => `SELECT t.title, '/forum/threads/' || t.id || '-' || t.slug AS href, f.created_at AS since
      FROM forum_flags f JOIN forum_threads t ON t.id = f.thread_id WHERE f.status = 'open'
     ORDER BY f.created_at, f.id LIMIT ${limit}`,
  commentFlags: (limit) => `SELECT uc.title, '/use-cases/' || uc.slug AS href, min(f.created_at) AS since
      FROM use_case_comment_flags f JOIN use_case_comments c ON c.id = f.comment_id JOIN use_cases uc ON uc.id = c.use_case_id
     WHERE f.resolved_at IS NULL GROUP BY c.id, uc.slug, uc.title ORDER BY min(f.created_at), c.id LIMIT ${limit}`,
};

/** The oldest items of one kind (up to `limit`). */
export async function healthItems(ds: Queryable, kind: HealthKind, limit = 10): Promise<HealthItem[]> {
  return ds.query(LIST[kind]('$1'), [limit]);
}

/** Kinds whose `since` is a time (the others' is a date, as text). */
const TIMED: ReadonlySet<HealthKind> = new Set(['unverified', 'forumFlags', 'commentFlags']);

/** The five lists as one union, the limit written in (see healthLists). */
const LISTS_SQL = HEALTH_KINDS.map((k) =>
  `(SELECT '${k}' AS kind, l.title, l.href, to_jsonb(l.since) AS since, row_number() OVER () AS pos FROM (${LIST[k](String(HEALTH_SHOWN + 1))}) l)`).join('\nUNION ALL\n');

/**
 * The oldest items of every kind (up to HEALTH_SHOWN + 1 each) in one statement, as healthItems gives
 * them (`since` goes through JSON, as the kinds' types differ). Each branch numbers its rows as its
 * ordered, limited subquery yields them (`pos`), and the rows are put in that order here, so the
 * lists do not depend on the order in which the union returns its branches.
 * A named statement without parameters: planning the five-way union took about 4 ms of PostgreSQL's
 * CPU on every view, many times its execution; with the limit written in, it is planned once per
 * connection (a `LIMIT $1` would keep PostgreSQL re-planning it: docs/forum.md "Generic plans").
 */
export async function healthLists(ds: Queryable): Promise<Record<HealthKind, HealthItem[]>> {
  const rows: (HealthItem & { kind: HealthKind; since: string; pos: string })[] = await preparedQuery(ds, 'dashboard-health-lists', LISTS_SQL, []);
  const out = Object.fromEntries(HEALTH_KINDS.map((k) => [k, [] as HealthItem[]])) as Record<HealthKind, HealthItem[]>;
  rows.sort((a, b) => Number(a.pos) - Number(b.pos));
  for (const { kind, title, href, since } of rows) out[kind].push({ title, href, since: TIMED.has(kind) ? new Date(since) : since });
  return out;
}

/** How many of each kind there are (every matching row: for the snapshot, not every view). */
export async function healthTotals(ds: Queryable): Promise<Record<HealthKind, number>> {
  const [row] = await ds.query(`SELECT
      (SELECT count(*) FROM use_cases WHERE published AND next_review_at IS NOT NULL AND next_review_at < current_date)::int AS "caseReview",
      (SELECT count(*) FROM guides WHERE status = 'published' AND next_review_on <= current_date)::int AS "guideReview",
      (SELECT count(*) FROM use_cases WHERE published AND verified_at IS NULL)::int AS "unverified",
      (SELECT count(*) FROM forum_flags WHERE status = 'open')::int AS "forumFlags",
      (SELECT count(DISTINCT comment_id) FROM use_case_comment_flags WHERE resolved_at IS NULL)::int AS "commentFlags"`);
  return row;
}
