// SQL of the dashboard's "questions" section (read only; forum tables). Open questions by age now
// (the forum's unanswered index), and for the questions asked in a period the time to the first
// reply and to the accepted answer (the accepted reply's time: the forum keeps no time of the
// acceptance itself), read from dashboard_question_times: the rollups' rebuild computes them per
// question (rollups.store.ts) from the index of visible replies' times (migration 1763700160000).
import type { DataSource } from 'typeorm';

/** Questions shown in the forum's unanswered list: no accepted answer, not merged, hidden or removed. */
const OPEN = `t.kind = 'question' AND t.accepted_reply_id IS NULL AND t.merged_into_id IS NULL
  AND t.hidden_at IS NULL AND t.removed_at IS NULL`;

export interface OpenByAge { underDay: number; week: number; older: number }

export async function openQuestionsByAge(ds: DataSource): Promise<OpenByAge> {
  const [row] = await ds.query(
    `SELECT count(*) FILTER (WHERE t.created_at > now() - interval '1 day')::int AS "underDay",
            count(*) FILTER (WHERE t.created_at <= now() - interval '1 day' AND t.created_at > now() - interval '7 days')::int AS week,
            count(*) FILTER (WHERE t.created_at <= now() - interval '7 days')::int AS older
       FROM forum_threads t WHERE ${OPEN}`);
  return row as OpenByAge;
}

export interface OldOpenQuestion { id: number; slug: string; title: string; createdAt: Date; categoryName: string }

/** The oldest open questions (up to `limit`). */
export async function oldestOpenQuestions(ds: DataSource, limit = 10): Promise<OldOpenQuestion[]> {
  return ds.query(
    `SELECT t.id, t.slug, t.title, t.created_at AS "createdAt", c.name AS "categoryName"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE ${OPEN} ORDER BY t.created_at, t.id LIMIT $1`, [limit]);
}

export interface AskedQuestion {
  /** Berlin calendar day the question was asked (YYYY-MM-DD). */
  day: string;
  /** Hours to the first reply by someone else, or null if none yet. */
  firstReplyHours: number | null;
  /** Hours to the reply later accepted, or null. */
  acceptedHours: number | null;
}

/**
 * The questions asked from `from` to `to` (Berlin days, inclusive) that are not merged, hidden or
 * removed, with their reply times: from dashboard_question_times, which the rollups' rebuild keeps
 * (rollups.store.ts, QUESTION_TIMES: replies deleted or hidden, and the asker's own, do not count).
 */
export async function askedQuestions(ds: DataSource, from: string, to: string): Promise<AskedQuestion[]> {
  const rows: { day: string; first: number | null; accepted: number | null }[] = await ds.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, first_hours AS first, accepted_hours AS accepted
       FROM dashboard_question_times WHERE day BETWEEN $1 AND $2`, [from, to]);
  return rows.map((r) => ({ day: r.day, firstReplyHours: r.first, acceptedHours: r.accepted }));
}
