// Attempts: start, save a page, submit, close when the time ran out (worker and housekeeping), and
// extra attempts granted by facilitators. Each runs in one transaction and uses only its `db`.
// Grading happens here, on the server, exactly once per attempt.
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { addToOutbox } from '../../shared/outbox.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { gradeQuiz } from './grading.js';
import { canManageAcademy, type Actor } from './academy.policy.js';
import { extraAttempts } from './academy.queries.js';
import { buildLayout, CLOSE_ATTEMPT_TOPIC, GRACE_SECONDS, keyOf, pageItems, responsesFromForm, withTranslatedFeedback } from './attempts.model.js';
import * as store from './attempts.store.js';
import { questionTranslations, usableTranslation } from './translations.store.js';
import type { LockedAttempt } from './attempts.store.js';
import { publishQuizPass } from './academy.activity.js';
import { completeCourses } from './certificates.service.js';

/** Grades on what is saved and closes the attempt; a conditional UPDATE makes it happen once. */
async function gradeAndClose(db: Db, a: LockedAttempt, late: boolean): Promise<{ passed: boolean }> {
  const ids = a.layout.map((l) => l.questionId);
  // Taken in a translation: its per-answer feedback (the key stays the original's).
  const translated = a.language ? await questionTranslations(db, ids, a.language) : new Map<number, undefined>();
  const questions = (await store.questionRowsByIds(db, ids, a.language)).map((q) => withTranslatedFeedback(q, translated.get(q.id)));
  const byId = new Map(questions.map((q) => [q.id, q]));
  // Only answers saved by the deadline plus grace count.
  const answers = await store.answersSavedInTime(db, a.id, a.deadline);
  const responseOf = new Map(answers.map((x) => [x.questionId, x.response]));
  const items = a.layout.filter((l) => byId.has(l.questionId));
  const keys = items.map((l) => keyOf(byId.get(l.questionId)!));
  const responses = items.map((l) => responseOf.get(l.questionId));
  const result = gradeQuiz(keys, responses, a.passMark);
  const perQuestion = items.map((l, i) => ({ questionId: l.questionId, ...result.perQuestion[i]!, response: responses[i] ?? null }));
  const closed = await store.closeAttempt(db, a.id, {
    late, score: result.score, max: result.max, percent: result.percent, passed: result.passed, perQuestion,
  });
  if (!closed) throw conflict('academy.attempt.alreadySubmitted');
  if (result.passed) await publishQuizPass(db, a.userId, a.quizId);
  return { passed: result.passed };
}

/** Attempts whose time ran out without a submission are graded on what was saved. */
async function closeOverdue(db: Db, quizId: number, userId: number): Promise<void> {
  for (const id of await store.overdueOpenAttemptIds(db, quizId, userId)) {
    const a = await store.lockAttempt(db, id);
    if (a?.state !== 'open') continue;
    const { passed } = await gradeAndClose(db, a, true);
    if (passed) await completeCourses(db, a.userId, a.quizId);
  }
}

/**
 * The worker's side of a time limit: grades the attempt on the answers saved in time and closes it,
 * as if the learner had come back (late, like a submission after the deadline). Idempotent with
 * the learner's own submission: both lock the row, and a closed attempt is left alone. A row that
 * comes early (the deadline was moved) is put back until the new deadline.
 */
export async function closeExpiredAttempt(ctx: AppContext, attemptId: number): Promise<'closed' | 'notOpen' | 'rescheduled'> {
  return inTransaction(ctx.ds, async (db) => {
    const a = await store.lockAttempt(db, attemptId);
    if (!a || a.state !== 'open' || !a.deadline) return 'notOpen';
    if (!(await store.isOverdue(db, a.id))) {
      const wait = await store.secondsUntilClose(db, a.id);
      await addToOutbox(db, CLOSE_ATTEMPT_TOPIC, { attemptId: a.id }, { key: `academy-attempt:${a.id}`, delaySeconds: wait + 1 });
      return 'rescheduled';
    }
    const { passed } = await gradeAndClose(db, a, true);
    if (passed) await completeCourses(db, a.userId, a.quizId);
    return 'closed';
  });
}

/**
 * Housekeeping's safety net: closes open attempts whose time ran out without a close row (started
 * before rows were scheduled, or a row given up after its retries). Returns how many it closed.
 */
export async function closeOverdueAttempts(ctx: AppContext, limit = 500): Promise<number> {
  const ids = await store.overdueAttemptIds(ctx.ds, limit);
  let closed = 0;
  for (const id of ids) if ((await closeExpiredAttempt(ctx, id)) === 'closed') closed++;
  return closed;
}

export async function attemptsAllowed(db: Db, quizId: number, userId: number, limit: number | null): Promise<number | null> {
  if (limit === null) return null;
  return limit + (await extraAttempts(db, quizId, userId));
}

/**
 * Starts an attempt (or returns the open one). Beyond the limit: 409. `language`: the reader's content
 * language; the attempt shows the quiz's translation into it when there is one that covers the current
 * questions (otherwise the original). Either way it is an attempt at the original quiz.
 */
export async function startAttempt(ctx: AppContext, actor: Actor, quizSlug: string, language: string | null = null): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const quiz = await store.quizToStart(db, quizSlug);
    if (!quiz) throw notFound();
    // One start at a time per member and quiz, so two tabs cannot both slip under the limit.
    await store.lockStarts(db, quiz.id, actor.id);
    await closeOverdue(db, quiz.id, actor.id);
    const open = await store.openAttemptId(db, quiz.id, actor.id);
    if (open !== null) return open;
    const { used, last } = await store.attemptsUsed(db, quiz.id, actor.id);
    const allowed = await attemptsAllowed(db, quiz.id, actor.id, quiz.attemptLimit);
    if (allowed !== null && used >= allowed) throw conflict('academy.attempt.limitReached');
    const questions = await store.currentQuestionRows(db, quiz.id);
    if (!questions.length) throw conflict('academy.quiz.noQuestions');
    const layout = buildLayout(questions, quiz.shuffleQuestions, quiz.shuffleAnswers);
    const translated = language ? await usableTranslation(db, quiz.id, language) : null;
    const id = await store.insertAttempt(db, {
      quizId: quiz.id, userId: actor.id, number: last + 1, layout, timeLimitMinutes: quiz.timeLimitMinutes, language: translated?.language ?? null,
    });
    // A timed attempt closes itself when the time is up, whether or not the learner comes back:
    // a delayed outbox row, due just after the deadline plus grace (see closeExpiredAttempt).
    if (quiz.timeLimitMinutes !== null) {
      await addToOutbox(db, CLOSE_ATTEMPT_TOPIC, { attemptId: id }, {
        key: `academy-attempt:${id}`, delaySeconds: quiz.timeLimitMinutes * 60 + GRACE_SECONDS + 1,
      });
    }
    return id;
  });
}

/**
 * Locks the member's own attempt. Null when the time ran out and the attempt was closed for it (by
 * the worker, before the learner came back): the caller answers as it does for a late request.
 * Otherwise an attempt that is no longer open is a second submission (409).
 */
async function lockOwnOpenAttempt(db: Db, actor: Actor, attemptId: number): Promise<LockedAttempt | null> {
  const a = await store.lockAttempt(db, attemptId);
  if (!a || a.userId !== actor.id) throw notFound();
  if (a.state !== 'open') {
    if (await store.isOverdue(db, a.id)) return null;
    throw conflict('academy.attempt.alreadySubmitted');
  }
  return a;
}

async function storePage(db: Db, a: LockedAttempt, page: number, fields: Record<string, unknown>): Promise<number[]> {
  const items = pageItems(a.layout, a.questionsPerPage, page);
  if (!items.length) throw notFound();
  const questions = await store.questionRowsByIds(db, items.map((i) => i.questionId));
  const keys = new Map(questions.map((q) => [q.id, keyOf(q)]));
  const { responses, incomplete } = responsesFromForm(fields, items, keys);
  for (const [questionId, r] of responses) {
    if (r === null) await store.deleteAnswer(db, a.id, questionId);
    else await store.saveAnswer(db, a.id, questionId, r);
  }
  return incomplete;
}

export type SaveOutcome = { kind: 'saved'; incomplete: number[] } | { kind: 'timeUp' };

/** Saves one page's answers. After the deadline (plus grace) nothing is saved and the attempt is closed. */
export async function saveAnswers(ctx: AppContext, actor: Actor, attemptId: number, page: number, fields: Record<string, unknown>): Promise<SaveOutcome> {
  return inTransaction(ctx.ds, async (db) => {
    const a = await lockOwnOpenAttempt(db, actor, attemptId);
    if (!a) return { kind: 'timeUp' as const };
    if (await store.isOverdue(db, a.id)) {
      const { passed } = await gradeAndClose(db, a, true);
      if (passed) await completeCourses(db, a.userId, a.quizId);
      return { kind: 'timeUp' as const };
    }
    return { kind: 'saved' as const, incomplete: await storePage(db, a, page, fields) };
  });
}

/**
 * Submits an attempt: the row lock plus the conditional UPDATE grade it exactly once; a second or
 * concurrent submission gets 409. Late: the answers sent with it are ignored, the saved ones count.
 */
export async function submitAttempt(
  ctx: AppContext, actor: Actor, attemptId: number, last?: { page: number; fields: Record<string, unknown> },
): Promise<{ late: boolean; passed: boolean }> {
  return inTransaction(ctx.ds, async (db) => {
    const a = await lockOwnOpenAttempt(db, actor, attemptId);
    if (!a) return { late: true, passed: await store.attemptPassed(db, attemptId) };
    const late = await store.isOverdue(db, a.id);
    if (!late && last) await storePage(db, a, last.page, last.fields);
    const { passed } = await gradeAndClose(db, a, late);
    if (passed) await completeCourses(db, a.userId, a.quizId);
    return { late, passed };
  });
}

// ---- facilitators ----

export async function grantExtraAttempt(ctx: AppContext, actor: Actor, quizSlug: string, userId: number, reason: string): Promise<void> {
  if (!canManageAcademy(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const quiz = await store.quizForGrant(db, quizSlug);
    const active = await store.isActiveMember(db, userId);
    if (!quiz || !active) throw notFound();
    await store.insertExtraAttempt(db, { quizId: quiz.id, userId, grantedBy: actor.id, reason });
    await recordAudit(db, { actorId: actor.id, action: 'academy.attempt.grant', subjectType: 'user', subjectId: userId, reason, details: { quiz: quiz.title } });
    // People read the quiz's title, not its slug.
    await notify(db, { userId, kind: 'academy.extraAttempt', title: quiz.title, language: quiz.language, url: `/academy/quizzes/${quizSlug}`, actorId: actor.id, subjectType: 'academy_quiz', subjectId: quiz.id });
  });
}
