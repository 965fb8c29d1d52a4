// SQL of the dashboard's "questions" section (read only; forum tables). Open questions by age now
// (the forum's unanswered index), and for the questions asked in a period the time to the first
// reply and to the accepted answer (the accepted reply's time: the forum keeps no time of the
// acceptance itself), aggregated from dashboard_question_times: the rollups' rebuild computes them
// per question (rollups.store.ts) from the index of visible replies' times (migration 1763700160000).
import type { Queryable } from '../../db/sql.js';

/** Questions shown in the forum's unanswered list: no accepted answer, not merged, hidden or removed. */
const OPEN = `t.kind = 'question' AND t.accepted_reply_id IS NULL AND t.merged_into_id IS NULL
  AND t.hidden_at IS NULL AND t.removed_at IS NULL`;

export interface OpenByAge { underDay: number; week: number; older: number }

export async function openQuestionsByAge(ds: Queryable): Promise<OpenByAge> {
  const [row] = await ds.query(
    `SELECT count(*) FILTER (WHERE t.created_at > now() - interval '1 day')::int AS "underDay",
            count(*) FILTER (WHERE t.created_at <= now() - interval '1 day' AND t.created_at > now() - interval '7 days')::int AS week,
            count(*) FILTER (WHERE t.created_at <= now() - interval '7 days')::int AS older
       FROM forum_threads t WHERE ${OPEN}`);
  return row as OpenByAge;
}

export interface OldOpenQuestion { id: number; slug: string; title: string; createdAt: Date; categoryName: string }

/** The oldest open questions (up to `limit`). */
export async function oldestOpenQuestions(ds: Queryable, limit = 10): Promise<OldOpenQuestion[]> {
  return ds.query(
    `SELECT t.id, t.slug, t.title, t.created_at AS "createdAt", c.name AS "categoryName"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE ${OPEN} ORDER BY t.created_at, t.id LIMIT $1`, [limit]);
}

export interface TimeFigures {
  asked: number;
  firstMedian: number | null;
  firstP90: number | null;
  acceptedMedian: number | null;
  acceptedP90: number | null;
  /** Share of the questions with a first reply within 48 hours (null if none were asked). */
  within48: number | null;
}

/**
 * For each range of Berlin days (inclusive), the questions asked in it that are not merged, hidden
 * or removed, with the median and 90th percentile hours to the first reply and to the accepted reply
 * and the share answered within 48 hours: aggregated in SQL (percentile_cont) over
 * dashboard_question_times, which the rollups' rebuild keeps per question (rollups.store.ts,
 * QUESTION_TIMES: replies deleted or hidden, and the asker's own, do not count).
 */
export async function questionTimes(ds: Queryable, ranges: { from: string; to: string }[]): Promise<TimeFigures[]> {
  const rows: (Omit<TimeFigures, 'within48'> & { i: string; answered48: number })[] = await ds.query(
    `SELECT r.i, count(q.thread_id)::int AS asked,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY q.first_hours) AS "firstMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY q.first_hours) AS "firstP90",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY q.accepted_hours) AS "acceptedMedian",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY q.accepted_hours) AS "acceptedP90",
            count(*) FILTER (WHERE q.first_hours <= 48)::int AS answered48
       FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS r(a, b, i)
       LEFT JOIN dashboard_question_times q ON q.day BETWEEN r.a AND r.b
      GROUP BY r.i ORDER BY r.i`, [ranges.map((r) => r.from), ranges.map((r) => r.to)]);
  return rows.map(({ i: _i, answered48, ...f }) => ({ ...f, within48: f.asked ? answered48 / f.asked : null }));
}
