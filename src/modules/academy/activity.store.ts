// What the academy's activity facts are read from (academy.activity.ts builds the events): quizzes
// passed (the first pass) and course certificates whose badge has not been revoked, each with the
// tags of the guides it is tied to (a quiz: the guides its questions cite and its courses name; a
// course: its guides). For one learner and quiz or course, or (null) for everyone.
import { rows, type Queryable } from '../../db/sql.js';

export interface QuizPassRow {
  quizId: number;
  slug: string;
  title: string;
  userId: number;
  keys: string[];
  at: Date;
}

export async function quizPasses(db: Queryable, only: { userId: number; quizId: number } | null): Promise<QuizPassRow[]> {
  return rows(db,
    `WITH passes AS (
       SELECT quiz_id, user_id, min(coalesce(submitted_at, started_at)) AS at FROM academy_attempts
        WHERE passed AND ($1::int IS NULL OR (user_id = $1 AND quiz_id = $2)) GROUP BY quiz_id, user_id
     ), quiz_guides AS (
       SELECT x.quiz_id, split_part(x.chapter_ref, '/', 1) AS slug FROM academy_questions x
        WHERE x.chapter_ref IS NOT NULL AND x.quiz_id IN (SELECT quiz_id FROM passes)
       UNION
       SELECT cq.quiz_id, unnest(c.guide_slugs) FROM academy_courses c JOIN academy_course_quizzes cq ON cq.course_id = c.id
        WHERE cq.quiz_id IN (SELECT quiz_id FROM passes)
     ), quiz_keys AS (
       SELECT qg.quiz_id, array_agg(DISTINCT t) AS keys FROM quiz_guides qg JOIN guides g ON g.slug = qg.slug, unnest(g.tags) t GROUP BY qg.quiz_id
     )
     SELECT q.id AS "quizId", q.slug, q.title, p.user_id AS "userId", p.at, coalesce(k.keys, '{}') AS keys
       FROM passes p JOIN academy_quizzes q ON q.id = p.quiz_id LEFT JOIN quiz_keys k ON k.quiz_id = q.id`,
    [only?.userId ?? null, only?.quizId ?? null]);
}

export interface CertificateRow {
  courseId: number;
  slug: string;
  title: string;
  userId: number;
  keys: string[];
  at: Date;
}

/** Certificates standing: their badge assertion not revoked. */
export async function standingCertificates(db: Queryable, only: { userId: number; courseId: number } | null): Promise<CertificateRow[]> {
  return rows(db,
    `SELECT c.id AS "courseId", c.slug, c.title, cert.user_id AS "userId", cert.issued_at AS at,
            ARRAY(SELECT DISTINCT t FROM guides g, unnest(g.tags) t WHERE g.slug = ANY(c.guide_slugs)) AS keys
       FROM academy_certificates cert JOIN academy_courses c ON c.id = cert.course_id
       LEFT JOIN academy_badge_assertions b ON b.certificate_id = cert.id
      WHERE b.revoked_at IS NULL AND ($1::int IS NULL OR (cert.user_id = $1 AND cert.course_id = $2))`,
    [only?.userId ?? null, only?.courseId ?? null]);
}

/** The learner and course of a badge assertion (null when there is none). */
export async function assertionSubject(db: Queryable, assertionId: string): Promise<{ userId: number; courseId: number } | null> {
  return (await rows<{ userId: number; courseId: number }>(db,
    `SELECT user_id AS "userId", course_id AS "courseId" FROM academy_badge_assertions WHERE id = $1`, [assertionId]))[0] ?? null;
}
