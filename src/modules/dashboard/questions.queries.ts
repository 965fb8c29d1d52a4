// SQL of the dashboard's "questions" section (read only; forum tables). Open questions by age now
// (the forum's unanswered index), and for the questions asked in a period the time to the first
// reply (a LATERAL min over the thread's replies, on the replies' thread index) and to the accepted
// answer (the accepted reply's time: the forum keeps no time of the acceptance itself). Both come
// from the index of visible replies' times (migration 1763700160000) without heap fetches; only an
// accepted reply deleted or hidden since is looked up by its id.
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
 * removed, with their reply times. Replies deleted or hidden, and the asker's own, do not count.
 */
export async function askedQuestions(ds: DataSource, from: string, to: string): Promise<AskedQuestion[]> {
  const rows: { day: string; first: string | null; accepted: string | null }[] = await ds.query(
    `SELECT to_char(t.created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS day,
            extract(epoch FROM fr.first - t.created_at) / 3600 AS first,
            extract(epoch FROM ar.at - t.created_at) / 3600 AS accepted
       FROM forum_threads t
       LEFT JOIN LATERAL (
         SELECT min(r.created_at) AS first FROM forum_replies r
          WHERE r.thread_id = t.id AND r.deleted_at IS NULL AND r.hidden_at IS NULL
            AND r.author_id IS DISTINCT FROM t.author_id) fr ON true
       LEFT JOIN LATERAL (
         SELECT coalesce(
           (SELECT r.created_at FROM forum_replies r WHERE r.thread_id = t.id AND r.id = t.accepted_reply_id
               AND r.deleted_at IS NULL AND r.hidden_at IS NULL),
           (SELECT r.created_at FROM forum_replies r WHERE r.id = t.accepted_reply_id)) AS at
          WHERE t.accepted_reply_id IS NOT NULL) ar ON true
      WHERE t.kind = 'question' AND t.merged_into_id IS NULL
        AND t.created_at >= ($1::date)::timestamp AT TIME ZONE 'Europe/Berlin'
        AND t.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'
        AND t.hidden_at IS NULL AND t.removed_at IS NULL`, [from, to]);
  return rows.map((r) => ({
    day: r.day,
    firstReplyHours: r.first === null ? null : Number(r.first),
    acceptedHours: r.accepted === null ? null : Number(r.accepted),
  }));
}
