// Writes of attempts, answers and extra attempts, and the reads that belong to them (the attempt
// row locked for a save or submission, the deadline checked by the database clock, the answers a
// grade counts). Every function takes the transaction's `db`.
import { IsNull } from 'typeorm';
import { one, rows, type Db, type Queryable } from '../../db/sql.js';
import { Attempt, AttemptAnswer, ExtraAttempt } from './attempt.entity.js';
import { Quiz } from './quiz.entity.js';
import type { Response } from './grading.js';
import { GRACE_SECONDS, type LayoutItem, type QuestionRow } from './attempts.model.js';

const QUESTION_COLUMNS = `id, kind, points, partial_credit AS "partialCredit", choices, accepted, ranges`;

/** An attempt as a save, submission or close needs it, with its quiz's pass mark and page size. */
export interface LockedAttempt {
  id: number;
  quizId: number;
  userId: number;
  state: 'open' | 'submitted';
  layout: LayoutItem[];
  deadline: Date | null;
  passMark: number;
  questionsPerPage: number;
  /** The translation it was taken in (null: the original). */
  language: string | null;
}

/** The attempt, its row locked until the transaction ends; null when there is none. */
export async function lockAttempt(db: Db, attemptId: number): Promise<LockedAttempt | null> {
  return one<LockedAttempt>(db, `
  SELECT a.id, a.quiz_id AS "quizId", a.user_id AS "userId", a.state, a.layout, a.deadline, a.language,
         q.pass_mark AS "passMark", q.questions_per_page AS "questionsPerPage"
    FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id
   WHERE a.id = $1 FOR UPDATE OF a`, [attemptId]);
}

/** True when the deadline plus grace has passed (by the database clock). */
export async function isOverdue(db: Db, attemptId: number): Promise<boolean> {
  const row = await one<{ overdue: boolean }>(db,
    `SELECT deadline IS NOT NULL AND now() > deadline + make_interval(secs => $2) AS overdue FROM academy_attempts WHERE id = $1`,
    [attemptId, GRACE_SECONDS]);
  return !!row?.overdue;
}

/** Seconds until the attempt's deadline plus grace (0 when it has passed). */
export async function secondsUntilClose(db: Db, attemptId: number): Promise<number> {
  const [{ wait }] = await rows<{ wait: number }>(db,
    `SELECT greatest(0, ceil(extract(epoch FROM deadline + make_interval(secs => $2) - now())))::int AS wait FROM academy_attempts WHERE id = $1`,
    [attemptId, GRACE_SECONDS]) as [{ wait: number }];
  return wait;
}

/** Open attempts of this member and quiz whose time (plus grace) ran out. */
export async function overdueOpenAttemptIds(db: Db, quizId: number, userId: number): Promise<number[]> {
  const ids = await rows<{ id: number }>(db,
    `SELECT id FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2 AND state = 'open'
        AND deadline IS NOT NULL AND now() > deadline + make_interval(secs => $3)`, [quizId, userId, GRACE_SECONDS]);
  return ids.map((r) => r.id);
}

/** Open attempts of anyone whose time (plus grace) ran out, the oldest deadline first. */
export async function overdueAttemptIds(ds: Queryable, limit: number): Promise<number[]> {
  const ids = await rows<{ id: number }>(ds,
    `SELECT id FROM academy_attempts WHERE state = 'open' AND deadline IS NOT NULL AND now() > deadline + make_interval(secs => $1)
      ORDER BY deadline LIMIT $2`, [GRACE_SECONDS, limit]);
  return ids.map((r) => r.id);
}

export async function questionRowsByIds(db: Db, ids: number[], language: string | null = null): Promise<QuestionRow[]> {
  // A short answer accepted in any of the quiz's translations counts as well (an attempt is graded
  // with the original's key whatever language it was taken in). The attempt's own language comes
  // first, so that an answer accepted in several languages gets that language's feedback.
  return rows<QuestionRow>(db,
    `SELECT id, kind, points, partial_credit AS "partialCredit", choices, ranges,
            coalesce((SELECT jsonb_agg(e) FROM academy_question_translations x, jsonb_array_elements(x.accepted) e
                       WHERE x.question_id = academy_questions.id AND x.language = $2), '[]'::jsonb)
            || accepted || coalesce((SELECT jsonb_agg(e) FROM academy_question_translations x, jsonb_array_elements(x.accepted) e
                                   WHERE x.question_id = academy_questions.id AND x.language IS DISTINCT FROM $2), '[]'::jsonb) AS accepted
       FROM academy_questions WHERE id = ANY($1)`, [ids, language]);
}

export async function currentQuestionRows(db: Db, quizId: number): Promise<QuestionRow[]> {
  return rows<QuestionRow>(db,
    `SELECT ${QUESTION_COLUMNS} FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

/** The answers saved by the deadline plus grace (all of them without a deadline). */
export async function answersSavedInTime(db: Db, attemptId: number, deadline: Date | null): Promise<{ questionId: number; response: Response }[]> {
  return rows(db,
    `SELECT question_id AS "questionId", response FROM academy_attempt_answers
      WHERE attempt_id = $1 AND ($2::timestamptz IS NULL OR saved_at <= $2::timestamptz + make_interval(secs => $3))`,
    [attemptId, deadline, GRACE_SECONDS]);
}

export interface Grade {
  late: boolean;
  score: number;
  max: number;
  percent: number;
  passed: boolean;
  perQuestion: unknown[];
}

/** Records the grade and closes the attempt, if it is still open; false when it was not. */
export async function closeAttempt(db: Db, attemptId: number, g: Grade): Promise<boolean> {
  const closed = await rows(db,
    `UPDATE academy_attempts SET state = 'submitted', submitted_at = now(), late = $2, score = $3, max_score = $4, percent = $5,
            passed = $6, result = $7 WHERE id = $1 AND state = 'open' RETURNING id`,
    [attemptId, g.late, g.score, g.max, g.percent, g.passed, JSON.stringify(g.perQuestion)]);
  return closed.length > 0;
}

/** Whether the attempt passed (false while it is open). */
export async function attemptPassed(db: Db, attemptId: number): Promise<boolean> {
  const [{ passed }] = await rows<{ passed: boolean }>(db,
    `SELECT coalesce(passed, false) AS passed FROM academy_attempts WHERE id = $1`, [attemptId]) as [{ passed: boolean }];
  return passed;
}

// ---- starting ----

export interface QuizToStart {
  id: number;
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
}

export async function quizToStart(db: Db, slug: string): Promise<QuizToStart | null> {
  return db.findOne(Quiz, {
    select: { id: true, attemptLimit: true, timeLimitMinutes: true, shuffleQuestions: true, shuffleAnswers: true },
    where: { slug, archivedAt: IsNull() },
  });
}

/** One start at a time per member and quiz (until the transaction ends). */
export async function lockStarts(db: Db, quizId: number, userId: number): Promise<void> {
  await rows(db, `SELECT pg_advisory_xact_lock($1, $2)`, [quizId, userId]);
}

export async function openAttemptId(db: Db, quizId: number, userId: number): Promise<number | null> {
  return (await db.findOne(Attempt, { select: { id: true }, where: { quizId, userId, state: 'open' } }))?.id ?? null;
}

/** How many attempts the member made at the quiz, and the highest number. */
export async function attemptsUsed(db: Db, quizId: number, userId: number): Promise<{ used: number; last: number }> {
  const [counts] = await rows<{ used: number; last: number }>(db,
    `SELECT count(*)::int AS used, coalesce(max(number), 0) AS last FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2`, [quizId, userId]);
  return counts!;
}

/** A new open attempt; with a time limit its deadline is that many minutes from now (database clock). */
export async function insertAttempt(
  db: Db, a: { quizId: number; userId: number; number: number; layout: LayoutItem[]; timeLimitMinutes: number | null; language?: string | null },
): Promise<number> {
  const [row] = await rows<{ id: number }>(db,
    `INSERT INTO academy_attempts (quiz_id, user_id, number, layout, deadline, language)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(mins => $5::int) END, $6) RETURNING id`,
    [a.quizId, a.userId, a.number, JSON.stringify(a.layout), a.timeLimitMinutes, a.language ?? null]);
  return row!.id;
}

// ---- answers ----

export async function deleteAnswer(db: Db, attemptId: number, questionId: number): Promise<void> {
  await db.delete(AttemptAnswer, { attemptId, questionId });
}

export async function saveAnswer(db: Db, attemptId: number, questionId: number, response: Response): Promise<void> {
  await rows(db,
    `INSERT INTO academy_attempt_answers (attempt_id, question_id, response) VALUES ($1, $2, $3)
     ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = EXCLUDED.response, saved_at = now()`,
    [attemptId, questionId, JSON.stringify(response)]);
}

// ---- extra attempts ----

export async function quizForGrant(db: Db, slug: string): Promise<{ id: number; title: string; language: string } | null> {
  return db.findOne(Quiz, { select: { id: true, title: true, language: true }, where: { slug } });
}

export async function isActiveMember(db: Db, userId: number): Promise<boolean> {
  return !!(await one(db, `SELECT id FROM users WHERE id = $1 AND status = 'active'`, [userId]));
}

export async function insertExtraAttempt(db: Db, g: { quizId: number; userId: number; grantedBy: number; reason: string }): Promise<void> {
  await db.insert(ExtraAttempt, { quizId: g.quizId, userId: g.userId, grantedBy: g.grantedBy, reason: g.reason });
}

// ---- account deletion ----

/** Deletes the member's attempts (with their answers) and extra attempts. */
export async function deleteAttemptsOf(db: Db, userId: number): Promise<void> {
  await db.delete(Attempt, { userId });
  await db.delete(ExtraAttempt, { userId });
}
