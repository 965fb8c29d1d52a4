// The academy's block on the member start page: courses in progress with the next quiz, one statement.
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export interface CourseInProgressRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  quizzes: number;
  passed: number;
  nextSlug: string | null;
  nextTitle: string | null;
  nextLanguage: string | null;
  /** An attempt at the next quiz the member began and has not submitted. */
  openAttemptId: number | null;
}

/**
 * Courses in which the member attempted a quiz and holds no certificate yet, most recently
 * worked on first, each with its first quiz (by position) not yet passed.
 */
export async function coursesInProgress(db: Queryable, memberId: number, limit = 3): Promise<CourseInProgressRow[]> {
  return preparedQuery<CourseInProgressRow>(db, 'start-academy-courses',
    `WITH mine AS (SELECT cq.course_id, max(a.started_at) AS last
                     FROM academy_attempts a JOIN academy_course_quizzes cq ON cq.quiz_id = a.quiz_id
                    WHERE a.user_id = $1 GROUP BY cq.course_id)
     SELECT c.id, c.slug, c.title, c.language,
            (SELECT count(*)::int FROM academy_course_quizzes cq WHERE cq.course_id = c.id) AS quizzes,
            (SELECT count(DISTINCT cq.quiz_id)::int FROM academy_course_quizzes cq
               JOIN academy_attempts a ON a.quiz_id = cq.quiz_id AND a.user_id = $1 AND a.passed
              WHERE cq.course_id = c.id) AS passed,
            n.slug AS "nextSlug", n.title AS "nextTitle", n.language AS "nextLanguage", n.open_attempt_id AS "openAttemptId"
       FROM mine JOIN academy_courses c ON c.id = mine.course_id
       LEFT JOIN LATERAL (
         SELECT q.slug, q.title, q.language,
                (SELECT a.id FROM academy_attempts a WHERE a.quiz_id = q.id AND a.user_id = $1 AND a.state = 'open'
                  ORDER BY a.id DESC LIMIT 1) AS open_attempt_id
           FROM academy_course_quizzes cq JOIN academy_quizzes q ON q.id = cq.quiz_id
          WHERE cq.course_id = c.id AND q.archived_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM academy_attempts a WHERE a.quiz_id = q.id AND a.user_id = $1 AND a.passed)
          ORDER BY cq.position LIMIT 1) n ON true
      WHERE c.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM academy_certificates ce WHERE ce.course_id = c.id AND ce.user_id = $1)
      ORDER BY mine.last DESC, c.id LIMIT $2`,
    [memberId, limit]);
}
