// The SQL of the demo learners' attempts (academy.demo.ts): what they may attempt, who they are,
// and set-based inserts of the attempts, their answers, and the certificates they earned.
import { rows, type Db } from '../../db/sql.js';
import type { LayoutItem } from './attempts.model.js';
import type { Response } from './grading.js';

export interface DemoQuiz {
  id: number;
  slug: string;
  passMark: number;
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
}

/** The quizzes imported from content/academy (not archived), by slug. */
export const fileQuizzes = (db: Db) => rows<DemoQuiz>(db,
  `SELECT id, slug, pass_mark AS "passMark", attempt_limit AS "attemptLimit", time_limit_minutes AS "timeLimitMinutes"
     FROM academy_quizzes WHERE source = 'file' AND archived_at IS NULL ORDER BY slug`);

/** Active members (not facilitators or admins), with the time they registered, by handle. */
export const demoLearners = (db: Db) => rows<{ id: number; handle: string; joinedAt: Date }>(db,
  `SELECT id, handle, created_at AS "joinedAt" FROM users WHERE status = 'active' AND role = 'member' ORDER BY handle`);

/** "quizId:userId" of every member with an attempt at a quiz: the demo adds none there. */
export async function attemptedPairs(db: Db): Promise<Set<string>> {
  const found = await rows<{ pair: string }>(db, `SELECT DISTINCT quiz_id || ':' || user_id AS pair FROM academy_attempts`);
  return new Set(found.map((r) => r.pair));
}

export interface DemoAttempt {
  quizId: number;
  userId: number;
  number: number;
  layout: LayoutItem[];
  state: 'open' | 'submitted';
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  score: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  result: unknown;
  answers: { questionId: number; response: Response }[];
}

/** Inserts the attempts and their saved answers (saved when the attempt was submitted, or started). */
export async function insertDemoAttempts(db: Db, attempts: DemoAttempt[]): Promise<void> {
  if (!attempts.length) return;
  await rows(db,
    `INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, started_at, deadline, submitted_at, score, max_score, percent, passed, result)
     SELECT x."quizId", x."userId", x.number, x.layout, x.state, x."startedAt", x.deadline, x."submittedAt", x.score, x."maxScore", x.percent, x.passed, x.result
       FROM jsonb_to_recordset($1::jsonb) AS x("quizId" int, "userId" int, number int, layout jsonb, state text, "startedAt" timestamptz,
            deadline timestamptz, "submittedAt" timestamptz, score numeric, "maxScore" numeric, percent numeric, passed boolean, result jsonb)`,
    [JSON.stringify(attempts.map(({ answers: _, ...a }) => a))]);
  const answers = attempts.flatMap((a) => a.answers.map((x) => ({
    quizId: a.quizId, userId: a.userId, number: a.number, questionId: x.questionId, response: x.response, savedAt: a.submittedAt ?? a.startedAt,
  })));
  if (!answers.length) return;
  await rows(db,
    `INSERT INTO academy_attempt_answers (attempt_id, question_id, response, saved_at)
     SELECT a.id, x."questionId", x.response, x."savedAt"
       FROM jsonb_to_recordset($1::jsonb) AS x("quizId" int, "userId" int, number int, "questionId" int, response jsonb, "savedAt" timestamptz)
       JOIN academy_attempts a ON a.quiz_id = x."quizId" AND a.user_id = x."userId" AND a.number = x.number`,
    [JSON.stringify(answers)]);
}

/**
 * The certificate of every course (not archived) whose quizzes the member has all passed and which
 * they do not hold yet, issued when the last of those quizzes was first passed; returns them.
 */
export async function insertEarnedCertificates(db: Db, userIds: number[]): Promise<{ id: string; courseId: number; userId: number; email: string; issuedAt: Date }[]> {
  return rows(db,
    `WITH firsts AS (
       SELECT quiz_id, user_id, min(submitted_at) AS at FROM academy_attempts WHERE passed AND user_id = ANY($1) GROUP BY quiz_id, user_id
     ), earned AS (
       SELECT c.id AS course_id, f.user_id, max(f.at) AS at, count(*) AS passed,
              (SELECT count(*) FROM academy_course_quizzes x WHERE x.course_id = c.id) AS needed
         FROM academy_courses c JOIN academy_course_quizzes cq ON cq.course_id = c.id JOIN firsts f ON f.quiz_id = cq.quiz_id
        WHERE c.archived_at IS NULL GROUP BY c.id, f.user_id
     ), inserted AS (
       INSERT INTO academy_certificates (course_id, user_id, recipient_name, issued_at)
       SELECT e.course_id, e.user_id, u.name, e.at FROM earned e JOIN users u ON u.id = e.user_id WHERE e.passed = e.needed
       ON CONFLICT (course_id, user_id) DO NOTHING RETURNING id, course_id, user_id, issued_at
     )
     SELECT i.id, i.course_id AS "courseId", i.user_id AS "userId", u.email, i.issued_at AS "issuedAt"
       FROM inserted i JOIN users u ON u.id = i.user_id ORDER BY i.user_id, i.course_id`,
    [userIds]);
}

/** The Open Badges assertions of new certificates, issued with them. */
export async function insertDemoAssertions(
  db: Db, list: { certificateId: string; courseId: number; userId: number; identityHash: string; salt: string; issuedOn: Date }[],
): Promise<void> {
  if (!list.length) return;
  await rows(db,
    `INSERT INTO academy_badge_assertions (certificate_id, course_id, user_id, identity_hash, salt, issued_on)
     SELECT x."certificateId", x."courseId", x."userId", x."identityHash", x.salt, x."issuedOn"
       FROM jsonb_to_recordset($1::jsonb) AS x("certificateId" uuid, "courseId" int, "userId" int, "identityHash" text, salt text, "issuedOn" timestamptz)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(list)]);
}
