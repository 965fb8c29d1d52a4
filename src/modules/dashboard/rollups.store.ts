// The SQL that recomputes dashboard_daily from the raw tables (read only: the dashboard never writes
// another module's tables). Each metric is one INSERT … SELECT … GROUP BY over the Berlin days
// [$1, $2]; `administration_id` is that of the member who did it (0 when none), `dim` a tag, a topic
// or a method ('' otherwise). See README, "Facilitators' dashboard", for what each metric counts.
import type { EntityManager } from 'typeorm';

/** Berlin calendar day of a timestamptz column. */
const day = (col: string) => `(${col} AT TIME ZONE 'Europe/Berlin')::date`;
/** `col` falls on the Berlin days $1 … $2. */
const within = (col: string) =>
  `${col} >= ($1::date)::timestamp AT TIME ZONE 'Europe/Berlin' AND ${col} < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'`;

/** Per metric: a SELECT of (day, administration_id, dim) per event; the INSERT groups and counts. */
export const METRIC_EVENTS: Record<string, string> = {
  thread: `SELECT ${day('t.created_at')} AS day, coalesce(u.administration_id, 0) AS adm, '' AS dim
    FROM forum_threads t LEFT JOIN users u ON u.id = t.author_id WHERE t.removed_at IS NULL AND ${within('t.created_at')}`,
  reply: `SELECT ${day('r.created_at')}, coalesce(u.administration_id, 0), ''
    FROM forum_replies r LEFT JOIN users u ON u.id = r.author_id WHERE r.deleted_at IS NULL AND ${within('r.created_at')}`,
  // The forum stores no acceptance time: the latest 'forum.answer.accept' audit entry of the thread,
  // else the accepted reply's creation; the administration is that of the reply's author.
  accepted: `SELECT ${day('a.at')}, coalesce(u.administration_id, 0), '' FROM (
      SELECT coalesce((SELECT max(l.created_at) FROM audit_log l WHERE l.action = 'forum.answer.accept'
                        AND l.subject_type = 'forum_thread' AND l.subject_id = t.id::text), r.created_at) AS at, r.author_id
      FROM forum_threads t JOIN forum_replies r ON r.id = t.accepted_reply_id WHERE t.removed_at IS NULL) a
    LEFT JOIN users u ON u.id = a.author_id WHERE ${within('a.at')}`,
  usecase_published: `SELECT ${day('c.published_at')}, c.administration_id, ''
    FROM use_cases c WHERE c.published AND ${within('c.published_at')}`,
  adoption: `SELECT ${day('a.created_at')}, a.administration_id, '' FROM use_case_adoptions a WHERE ${within('a.created_at')}`,
  quiz_attempt: `SELECT ${day('a.submitted_at')}, coalesce(u.administration_id, 0), ''
    FROM academy_attempts a JOIN users u ON u.id = a.user_id WHERE a.state = 'submitted' AND ${within('a.submitted_at')}`,
  certificate: `SELECT ${day('c.issued_at')}, coalesce(u.administration_id, 0), ''
    FROM academy_certificates c JOIN users u ON u.id = c.user_id WHERE ${within('c.issued_at')}`,
  // Guides keep no publication time per chapter; a chapter row is written when a revision with it
  // is published, so its creation is the chapter's first publication; the guide owner's administration.
  chapter_published: `SELECT ${day('c.created_at')}, coalesce(u.administration_id, 0), ''
    FROM guide_chapters c JOIN guides g ON g.id = c.guide_id LEFT JOIN users u ON u.id = g.owner_id
    WHERE ${within('c.created_at')}`,
  registration: `SELECT ${day('u.created_at')}, coalesce(u.administration_id, 0), '' FROM users u WHERE ${within('u.created_at')}`,
  approval: `SELECT ${day('u.decided_at')}, coalesce(u.administration_id, 0), ''
    FROM users u WHERE u.status IN ('active', 'deleted') AND ${within('u.decided_at')}`,
  thread_tag: `SELECT ${day('t.created_at')}, coalesce(u.administration_id, 0), g.name
    FROM forum_threads t JOIN forum_thread_tags tt ON tt.thread_id = t.id JOIN forum_tags g ON g.id = tt.tag_id
    LEFT JOIN users u ON u.id = t.author_id WHERE t.removed_at IS NULL AND ${within('t.created_at')}`,
  // A tag's activity also counts the replies in its threads (the reply's day and author): a busy old
  // thread keeps its tags hot. Read over the replies' created_at range, like `reply`.
  reply_tag: `SELECT ${day('r.created_at')}, coalesce(u.administration_id, 0), g.name
    FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id JOIN forum_thread_tags tt ON tt.thread_id = t.id
    JOIN forum_tags g ON g.id = tt.tag_id LEFT JOIN users u ON u.id = r.author_id
    WHERE r.deleted_at IS NULL AND t.removed_at IS NULL AND ${within('r.created_at')}`,
  usecase_topic: `SELECT ${day('c.published_at')}, c.administration_id, k
    FROM use_cases c CROSS JOIN LATERAL unnest(c.policy_areas) k WHERE c.published AND ${within('c.published_at')}`,
  usecase_method: `SELECT ${day('c.published_at')}, c.administration_id, k
    FROM use_cases c CROSS JOIN LATERAL unnest(c.methods) k WHERE c.published AND ${within('c.published_at')}`,
  // Knowledge gaps (dim = the normalised query; no administration: who searched is not rolled up):
  // searches without results, with results, and with results of which one was opened.
  search_zero: `SELECT ${day('s.at')}, 0, s.query FROM search_log s WHERE s.results = 0 AND ${within('s.at')}`,
  search_hit: `SELECT ${day('s.at')}, 0, s.query FROM search_log s WHERE s.results > 0 AND ${within('s.at')}`,
  search_opened: `SELECT ${day('s.at')}, 0, s.query FROM search_log s WHERE s.results > 0 AND s.opened_at IS NOT NULL AND ${within('s.at')}`,
};

export const DAILY_METRICS = Object.keys(METRIC_EVENTS);

/**
 * Who was active (wrote a thread or reply, voted, submitted a quiz attempt), as (user, time), for
 * the weekly active members; `$1`/`$2` are Berlin days.
 */
const ACTIVITY = `
  SELECT author_id AS user_id, created_at AS at FROM forum_threads WHERE author_id IS NOT NULL AND ${within('created_at')}
  UNION ALL SELECT author_id, created_at FROM forum_replies WHERE author_id IS NOT NULL AND ${within('created_at')}
  UNION ALL SELECT user_id, created_at FROM forum_votes WHERE ${within('created_at')}
  UNION ALL SELECT user_id, submitted_at FROM academy_attempts WHERE state = 'submitted' AND ${within('submitted_at')}`;

/** Monday of the ISO week of a day (SQL expression over a date). */
const monday = (d: string) => `(date_trunc('week', ${d}))::date`;

export async function replaceDays(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
  await m.query(`DELETE FROM dashboard_daily WHERE day BETWEEN $1 AND $2 AND metric = ANY($3)`, [fromDay, toDay, DAILY_METRICS]);
  for (const [metric, events] of Object.entries(METRIC_EVENTS)) {
    await m.query(
      `INSERT INTO dashboard_daily (day, metric, administration_id, dim, value)
       SELECT e.day, $3, e.adm, e.dim, count(*) FROM (${events}) AS e(day, adm, dim) GROUP BY e.day, e.adm, e.dim`,
      [fromDay, toDay, metric]);
  }
}

/** Distinct active members per ISO week (stored on its Monday), for every week touching the days. */
export async function replaceWeeks(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
  const [{ from, to }] = await m.query(
    `SELECT to_char(${monday('$1::date')}, 'YYYY-MM-DD') AS from, to_char(${monday('$2::date')} + 6, 'YYYY-MM-DD') AS to`, [fromDay, toDay]);
  await m.query(`DELETE FROM dashboard_daily WHERE metric = 'active_members_week' AND day BETWEEN $1 AND $2`, [from, to]);
  await m.query(
    `INSERT INTO dashboard_daily (day, metric, administration_id, dim, value)
     SELECT a.week, 'active_members_week', coalesce(u.administration_id, 0), '', count(DISTINCT a.user_id)
     FROM (SELECT user_id, ${monday(`(at AT TIME ZONE 'Europe/Berlin')::date`)} AS week FROM (${ACTIVITY}) x) a
     JOIN users u ON u.id = a.user_id GROUP BY a.week, coalesce(u.administration_id, 0)`,
    [from, to]);
}

/**
 * The questions whose reply times the days may have changed: asked, hidden or removed on them, or
 * with a reply written or an answer accepted on them (`$1`/`$2` are Berlin days). A reply deleted or
 * hidden, or a thread merged, on a later day shows once the question's own day is rebuilt again
 * (as in dashboard_daily; the full rebuild sets everything right).
 */
const TOUCHED_QUESTIONS = `
  SELECT t.id FROM forum_threads t WHERE t.kind = 'question'
     AND (${within('t.created_at')} OR ${within('t.hidden_at')} OR ${within('t.removed_at')})
  UNION SELECT r.thread_id FROM forum_replies r WHERE ${within('r.created_at')}
  UNION SELECT t.id FROM audit_log l JOIN forum_threads t ON t.id::text = l.subject_id
   WHERE l.action = 'forum.answer.accept' AND l.subject_type = 'forum_thread' AND ${within('l.created_at')}`;

/**
 * Per question (kind 'question', not merged, hidden or removed) its Berlin day and the hours to the
 * first reply by someone else and to the accepted reply — what the questions section shows, computed
 * as it was live: replies deleted or hidden, and the asker's own, do not count; the accepted reply's
 * time, also if it was deleted or hidden since (the forum keeps no time of the acceptance itself).
 */
export const QUESTION_TIMES = `
  SELECT t.id, ${day('t.created_at')},
         extract(epoch FROM fr.first - t.created_at) / 3600,
         extract(epoch FROM ar.at - t.created_at) / 3600
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
   WHERE t.kind = 'question' AND t.merged_into_id IS NULL AND t.hidden_at IS NULL AND t.removed_at IS NULL`;

/** Recomputes dashboard_question_times for the questions the days touched (and drops those gone). */
export async function replaceQuestionTimes(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
  await m.query(`DELETE FROM dashboard_question_times
    WHERE day BETWEEN $1 AND $2 OR thread_id IN (${TOUCHED_QUESTIONS})`, [fromDay, toDay]);
  await m.query(`INSERT INTO dashboard_question_times (thread_id, day, first_hours, accepted_hours)
    ${QUESTION_TIMES} AND t.id IN (${TOUCHED_QUESTIONS})`, [fromDay, toDay]);
}

/**
 * The Berlin days whose chapter answers `$1`…`$2` may have changed: those days, and the start days of
 * the attempts submitted on them (an attempt counts on the day it was started, as in the section).
 */
const ANSWER_DAYS = `
  SELECT d::date AS day FROM generate_series($1::date, $2::date, interval '1 day') d
  UNION SELECT ${day('a.started_at')} FROM academy_attempts a WHERE a.state = 'submitted' AND ${within('a.submitted_at')}`;

/** Recomputes dashboard_chapter_answers for those days: answers of submitted attempts per chapter (as failedChaptersIn was live). */
export async function replaceChapterAnswers(m: EntityManager, fromDay: string, toDay: string): Promise<void> {
  await m.query(`DELETE FROM dashboard_chapter_answers WHERE day IN (${ANSWER_DAYS})`, [fromDay, toDay]);
  await m.query(
    `INSERT INTO dashboard_chapter_answers (day, chapter_ref, answered, failed)
     WITH att AS MATERIALIZED (  -- the days' attempts first (started_at index): their answers only are unpacked
       SELECT d.day, a.result FROM (${ANSWER_DAYS}) d
         JOIN academy_attempts a ON a.started_at >= (d.day)::timestamp AT TIME ZONE 'Europe/Berlin'
                                AND a.started_at < (d.day + 1)::timestamp AT TIME ZONE 'Europe/Berlin'
        WHERE a.state = 'submitted')
     SELECT att.day, q.chapter_ref, count(*), count(*) FILTER (WHERE r->>'outcome' <> 'correct')
       FROM att CROSS JOIN LATERAL jsonb_array_elements(att.result) r
       JOIN academy_questions q ON q.id = (r->>'questionId')::int
      WHERE q.chapter_ref IS NOT NULL
      GROUP BY att.day, q.chapter_ref`, [fromDay, toDay]);
}

/** The first day anything happened (for the full rebuild), or null on an empty database. */
export async function firstDay(m: EntityManager): Promise<string | null> {
  const [row] = await m.query(`SELECT to_char(least(
      (SELECT min(created_at) FROM users), (SELECT min(created_at) FROM forum_threads),
      (SELECT min(published_at) FROM use_cases), (SELECT min(submitted_at) FROM academy_attempts),
      (SELECT min(created_at) FROM guide_chapters), (SELECT min(at) FROM search_log)) AT TIME ZONE 'Europe/Berlin', 'YYYY-MM-DD') AS first`);
  return row?.first ?? null;
}

/**
 * Fresh planner statistics after a full rebuild (every row replaced), and a vacuum so the pages are
 * all-visible: the participation section's edge days are then an index-only scan. Outside a transaction.
 */
export async function analyzeRollups(m: EntityManager): Promise<void> {
  await m.query(`VACUUM (ANALYZE) dashboard_daily`);
  await m.query(`ANALYZE dashboard_monthly`);
  await m.query(`ANALYZE dashboard_chapter_answers`);
  await m.query(`VACUUM (ANALYZE) dashboard_daily_total`);
  await m.query(`ANALYZE dashboard_question_times`);
}

/** Nothing rolled up yet — or no question times or chapter answers while there is what they count (the tables came later). */
export async function isEmpty(m: EntityManager): Promise<boolean> {
  const [row] = await m.query(`SELECT NOT EXISTS (SELECT 1 FROM dashboard_daily) OR (NOT EXISTS (SELECT 1 FROM dashboard_question_times)
    AND EXISTS (SELECT 1 FROM forum_threads WHERE kind = 'question')) OR (NOT EXISTS (SELECT 1 FROM dashboard_chapter_answers)
    AND EXISTS (SELECT 1 FROM academy_attempts WHERE state = 'submitted' AND jsonb_array_length(result) > 0)) AS empty`);
  return row.empty;
}

/** One rebuild at a time (worker and CLI): a transaction-level advisory lock. */
export async function lockRollups(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('dashboard_daily'))`);
}
