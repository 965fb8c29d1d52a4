// SQL of the dashboard's "learning" section (read only; academy tables): for the attempts started in
// a period, per quiz and per course the learners who started, submitted and passed, and the attempts
// per learner; and the guide chapters whose questions were answered wrong most often (as the
// academy's failedChapters, limited to the period; from the rollup dashboard_chapter_answers).
import type { Queryable } from '../../db/sql.js';

const IN_PERIOD = `a.started_at >= ($1::date)::timestamp AT TIME ZONE 'Europe/Berlin'
  AND a.started_at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'`;

export interface FunnelRow {
  slug: string;
  title: string;
  started: number;
  submitted: number;
  passed: number;
  /** Median attempts per learner who started (percentile_cont). */
  medianAttempts: number | null;
}

/** Per quiz with attempts started in the period. */
export async function quizFunnel(ds: Queryable, from: string, to: string): Promise<FunnelRow[]> {
  return ds.query(
    `WITH per AS (
       SELECT a.quiz_id, a.user_id, count(*) AS attempts, bool_or(a.state = 'submitted') AS submitted, bool_or(coalesce(a.passed, false)) AS passed
         FROM academy_attempts a WHERE ${IN_PERIOD} GROUP BY a.quiz_id, a.user_id)
     SELECT q.slug, q.title, count(*)::int AS started, count(*) FILTER (WHERE per.submitted)::int AS submitted,
            count(*) FILTER (WHERE per.passed)::int AS passed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY per.attempts)::float AS "medianAttempts"
       FROM per JOIN academy_quizzes q ON q.id = per.quiz_id
      GROUP BY q.id ORDER BY started DESC, q.title`, [from, to]);
}

/**
 * Per course with attempts started in the period on its quizzes: a learner started or submitted if
 * they did so on any of the course's quizzes, and passed if they passed every one of them.
 */
export async function courseFunnel(ds: Queryable, from: string, to: string): Promise<FunnelRow[]> {
  return ds.query(
    `WITH per AS (
       SELECT cq.course_id, a.user_id, count(*) AS attempts, bool_or(a.state = 'submitted') AS submitted,
              count(DISTINCT a.quiz_id) FILTER (WHERE a.passed) AS passed_quizzes
         FROM academy_attempts a JOIN academy_course_quizzes cq ON cq.quiz_id = a.quiz_id
        WHERE ${IN_PERIOD} GROUP BY cq.course_id, a.user_id)
     SELECT c.slug, c.title, count(*)::int AS started, count(*) FILTER (WHERE per.submitted)::int AS submitted,
            count(*) FILTER (WHERE per.passed_quizzes = (SELECT count(*) FROM academy_course_quizzes x WHERE x.course_id = c.id))::int AS passed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY per.attempts)::float AS "medianAttempts"
       FROM per JOIN academy_courses c ON c.id = per.course_id
      GROUP BY c.id ORDER BY started DESC, c.title`, [from, to]);
}

export interface FailedChapter { guideSlug: string; chapterSlug: string; guideTitle: string | null; chapterTitle: string | null; answered: number; failed: number; failedShare: number }

/**
 * The chapters whose questions were answered wrong most often in attempts of the period: sums of
 * dashboard_chapter_answers (per start day and chapter, kept by the rollups' rebuild), not the
 * answers of every attempt.
 */
export async function failedChaptersIn(ds: Queryable, from: string, to: string, limit = 10): Promise<FailedChapter[]> {
  return ds.query(
    `SELECT split_part(x.chapter_ref, '/', 1) AS "guideSlug", split_part(x.chapter_ref, '/', 2) AS "chapterSlug",
            (SELECT g.title FROM guides g WHERE g.slug = split_part(x.chapter_ref, '/', 1)) AS "guideTitle",
            (SELECT c.title FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
              WHERE g.slug = split_part(x.chapter_ref, '/', 1) AND c.slug = split_part(x.chapter_ref, '/', 2)) AS "chapterTitle",
            x.answered, x.failed, round(100.0 * x.failed / x.answered, 1)::float AS "failedShare"
       FROM (SELECT chapter_ref, sum(answered)::int AS answered, sum(failed)::int AS failed FROM dashboard_chapter_answers
              WHERE day BETWEEN $1 AND $2 GROUP BY chapter_ref HAVING sum(failed) > 0) x
      ORDER BY "failedShare" DESC, x.failed DESC, x.chapter_ref LIMIT $3`, [from, to, limit]);
}
