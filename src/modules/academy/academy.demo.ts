// The demo learners (content/demo/members.yml, role member): over the 12 months before the load,
// after they registered, they try the quizzes imported from content/academy — each of them a first
// quiz within a month of joining (or of the year's start), others any time, some learners keener
// than others, so some go through a whole course. Some pass at once, some need another attempt, a
// few leave an untimed quiz unfinished; a member who passed every quiz of a course holds its
// certificate from the day of the last pass. Everything is drawn from a seed per member
// (src/shared/seeded-random.ts) and graded by grading.ts, so the figures are the same on every load;
// a member who already attempted a quiz (demo or real) gets nothing more there.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { hashIdentity, newSalt } from '../../shared/open-badges.js';
import { seededRandom, type SeededRandom } from '../../shared/seeded-random.js';
import { keyOf, type LayoutItem, type QuestionRow } from './attempts.model.js';
import { currentQuestionRows } from './attempts.store.js';
import { gradeQuiz, type QuestionKey, type Response } from './grading.js';
import * as store from './demo.store.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The response a learner gives to a question, right or wrong. */
export function demoResponse(key: QuestionKey, right: boolean): Response {
  const byWeight = [...key.choices].sort((a, b) => b.weight - a.weight);
  switch (key.kind) {
    case 'single':
    case 'truefalse': {
      const wrong = key.choices.find((c) => c.weight <= 0) ?? byWeight.at(-1);
      return { choiceIds: [(right ? byWeight[0] : wrong)?.id ?? ''] };
    }
    case 'multiple': {
      const good = key.choices.filter((c) => c.weight > 0).map((c) => c.id);
      const bad = key.choices.filter((c) => c.weight <= 0).map((c) => c.id);
      return { choiceIds: right ? good : [...good.slice(0, 1), ...bad.slice(0, 1)] };
    }
    case 'ordering': {
      const order = [...key.choices].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => c.id);
      return { choiceIds: right ? order : [...order].reverse() };
    }
    case 'short': {
      const accepted = key.accepted?.find((a) => a.weight === 100 && !a.text.includes('*'));
      return { text: right && accepted ? accepted.text : 'weiß ich nicht' };
    }
    case 'numeric': {
      const range = key.ranges?.find((r) => r.weight === 100 && !r.any);
      return { text: right && range ? String((range.min + range.max) / 2) : '-99999' };
    }
  }
}

/** The order the attempt shows: as stored; an ordering question's items the wrong way round. */
function demoLayout(questions: QuestionRow[]): LayoutItem[] {
  return questions.map((q) => {
    const ids = q.choices.map((c) => c.id);
    if (q.kind !== 'ordering') return { questionId: q.id, choiceIds: ids };
    return { questionId: q.id, choiceIds: [...q.choices].sort((a, b) => (b.position ?? 0) - (a.position ?? 0)).map((c) => c.id) };
  });
}

interface Learner { id: number; handle: string; joinedAt: Date }

/** One learner's attempts at one quiz (none when they do not try it or registered too late). */
function planAttempts(
  rng: SeededRandom, learner: Learner, quiz: store.DemoQuiz, questions: QuestionRow[],
  learnerKind: { keen: number; skill: number; first: boolean }, now: Date,
): store.DemoAttempt[] {
  const { keen, skill, first } = learnerKind;
  // Everyone tries at least one quiz, soon after joining (the welcome page points there).
  const takes = rng.chance(keen) || first;
  const startShare = rng.next();
  const from = Math.max(learner.joinedAt.getTime() + DAY_MS, now.getTime() - 360 * DAY_MS);
  const to = now.getTime() - 2 * 60 * MINUTE_MS;
  if (!takes || from >= to || !questions.length) return [];
  const keys = questions.map(keyOf);
  const layout = demoLayout(questions);
  const attempts: store.DemoAttempt[] = [];
  let at = from + startShare * (first ? Math.min(30 * DAY_MS, to - from) : to - from);
  for (let number = 1; number <= (quiz.attemptLimit ?? 3); number++) {
    const startedAt = new Date(at);
    const deadline = quiz.timeLimitMinutes ? new Date(at + quiz.timeLimitMinutes * MINUTE_MS) : null;
    if (!quiz.timeLimitMinutes && number === 1 && rng.chance(0.12)) {
      // Started, looked at the first page and left it for later.
      attempts.push({ quizId: quiz.id, userId: learner.id, number, layout, state: 'open', startedAt, deadline, submittedAt: null,
        score: null, maxScore: null, percent: null, passed: null, result: null, answers: [] });
      break;
    }
    // Each further attempt goes a little better.
    const responses = keys.map((k) => demoResponse(k, rng.chance(Math.min(0.97, skill + 0.12 * (number - 1)))));
    const graded = gradeQuiz(keys, responses, quiz.passMark);
    const minutes = rng.int(4, Math.min(quiz.timeLimitMinutes ?? 30, 25));
    attempts.push({
      quizId: quiz.id, userId: learner.id, number, layout, state: 'submitted', startedAt, deadline,
      submittedAt: new Date(at + minutes * MINUTE_MS), score: graded.score, maxScore: graded.max, percent: graded.percent, passed: graded.passed,
      result: questions.map((q, i) => ({ questionId: q.id, ...graded.perQuestion[i]!, response: responses[i] })),
      answers: questions.map((q, i) => ({ questionId: q.id, response: responses[i]! })),
    });
    if (graded.passed || !rng.chance(0.75)) break;
    at += rng.int(1, 14) * DAY_MS + rng.int(0, 8 * 60) * MINUTE_MS;
    if (at > to) break;
  }
  return attempts;
}

export async function loadDemoAcademy(ctx: AppContext, now: Date): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const quizzes = await store.fileQuizzes(db);
    if (!quizzes.length) return;
    const questions = new Map<number, QuestionRow[]>();
    for (const q of quizzes) questions.set(q.id, await currentQuestionRows(db, q.id));
    const attempted = await store.attemptedPairs(db);
    const attempts: store.DemoAttempt[] = [];
    for (const learner of await store.demoLearners(db)) {
      const rng = seededRandom(`academy:${learner.handle}`);
      // How likely this learner tries a quiz (the keen ones try them all and earn certificates), and
      // the share of questions they get right at the first attempt.
      const learnerKind = { keen: 0.15 + rng.next() * 0.8, skill: 0.55 + rng.next() * 0.4, first: true };
      for (const quiz of quizzes) {
        // Planned whether or not it is inserted, so a skipped quiz does not change the next one's draws.
        const planned = planAttempts(rng, learner, quiz, questions.get(quiz.id)!, learnerKind, now);
        if (planned.length) learnerKind.first = false;
        if (!attempted.has(`${quiz.id}:${learner.id}`)) attempts.push(...planned);
      }
    }
    await store.insertDemoAttempts(db, attempts);
    const learners = [...new Set(attempts.map((a) => a.userId))];
    const certificates = learners.length ? await store.insertEarnedCertificates(db, learners) : [];
    await store.insertDemoAssertions(db, certificates.map((c) => {
      const salt = newSalt();
      return { certificateId: c.id, courseId: c.courseId, userId: c.userId, identityHash: hashIdentity(c.email, salt), salt, issuedOn: c.issuedAt };
    }));
  });
}
