// Quiz and course translations, from content files (`<quiz>.<lang>.gift` beside `<quiz>.gift`,
// `translations.<lang>` in academy.yml) and from the academy editor. A quiz translation is matched
// to the original's current questions by position, each with the same kind and the same choices (in
// the same order, with the same weights or positions), so the original's key grades an attempt
// taken in the translation. Idempotent: the same file and the same original questions change nothing.
import { sha256 } from '../../shared/identity.js';
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { AppError, forbidden, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { recordAudit } from '../audit/index.js';
import { ParseError, type GiftError, type GiftQuestion } from './gift.js';
import { canManageAcademy, type Actor } from './academy.policy.js';
import { parseQuizSource, questionsSignature, type UpsertResult } from './authoring.model.js';
import * as authoring from './authoring.store.js';
import * as store from './translations.store.js';
import { structureMismatch, type QuestionShape } from './translations.model.js';
import { queueCourseTranslationIndex } from './translations.search.js';

/**
 * A translation that does not fit its original. `message` says it in English (the sync report);
 * `key` and `vars` are the same for the academy editor (i18n), `line` where in the GIFT text.
 */
export class TranslationMismatch extends Error {
  constructor(message: string, readonly line: number | undefined, readonly key: string, readonly vars: Record<string, string | number> = {}) { super(message); }
}

function checkMatches(original: QuestionShape[], translated: GiftQuestion[]): void {
  const m = structureMismatch(original, translated);
  if (m) throw new TranslationMismatch(m.message, m.line, m.key, m.vars);
}

/**
 * Creates or updates the quiz's translation into `language`. `source_hash` (what the translation was
 * written from) becomes the original's current hash when the translation's own text changed, or when
 * it is saved in the academy editor (`by`: saving there says "written from the current original");
 * when only the original changed, the translation is re-attached to its questions and stays outdated.
 */
export async function upsertQuizTranslation(
  db: Db, quizId: number, language: string, header: { title: string; intro: string }, questions: GiftQuestion[], by: number | null = null,
): Promise<UpsertResult> {
  const original = await store.currentQuestionShapes(db, quizId);
  checkMatches(original, questions);
  const hash = sha256(questionsSignature(questions) + JSON.stringify(header));
  const questionIds = original.map((q) => q.id);
  const existing = await store.lockTranslation(db, quizId, language);
  const sameQuestions = existing !== null && existing.questionIds.length === questionIds.length && existing.questionIds.every((id, i) => id === questionIds[i]);
  const currentHash = await authoring.quizContentHash(db, quizId);
  const confirmsCurrent = by !== null && existing?.sourceHash !== currentHash;
  if (existing && existing.contentHash === hash && sameQuestions && !confirmsCurrent) return 'unchanged';
  const sourceHash = existing && existing.contentHash === hash && by === null ? existing.sourceHash : currentHash;
  await store.saveTranslation(db, quizId, { language, ...header, contentHash: hash, sourceHash, questionIds, updatedById: by });
  for (const [i, t] of questions.entries()) {
    const o = original[i]!;
    await store.saveQuestionTranslation(db, o.id, language, {
      title: t.title, text: t.text, textHtml: renderMarkdown(t.text, 'source'),
      explanation: t.explanation, explanationHtml: t.explanation ? renderMarkdown(t.explanation, 'source') : '',
      choices: Object.fromEntries(o.choices.map((c, j) => [c.id, t.choices[j]!.text])),
      accepted: t.accepted,
      choiceFeedback: Object.fromEntries(o.choices.flatMap((c, j) => (t.choices[j]!.feedback ? [[c.id, t.choices[j]!.feedback!]] : []))),
      rangeFeedback: (o.ranges ?? []).map((_r, j) => t.ranges[j]?.feedback ?? null),
    });
  }
  // The quiz's courses list it by its translated title in their translations' documents.
  for (const courseId of await authoring.courseIdsOfQuiz(db, quizId)) await queueCourseTranslationIndex(db, courseId, language);
  return existing ? 'updated' : 'created';
}

/**
 * After the original's questions were replaced (edited in the app, uploaded or synced): each
 * translation whose questions have the same structure as the new ones moves to them — texts and
 * feedback by position and by choice order — and stays outdated (its source_hash is the old
 * original's) until it is saved again. One that no longer fits stays with the questions it was
 * written for: readers get the original, and the editor says why (see structureMismatch).
 */
export async function reattachQuizTranslations(db: Db, quizId: number): Promise<void> {
  const current = await store.currentQuestionShapes(db, quizId);
  const ids = current.map((q) => q.id);
  for (const t of await store.quizTranslationsAttached(db, quizId)) {
    if (t.questionIds.length === ids.length && t.questionIds.every((id, i) => id === ids[i])) continue;
    const old = await store.questionShapes(db, t.questionIds);
    if (old.length !== t.questionIds.length || structureMismatch(old, current)) continue;
    const texts = await store.questionTranslations(db, t.questionIds, t.language);
    for (const [i, o] of old.entries()) {
      const x = texts.get(o.id);
      if (!x) continue;
      const n = current[i]!;
      // Choice j of the old question is choice j of the new one (same order and credit).
      const byChoice = (m: Record<string, string>) =>
        Object.fromEntries(o.choices.flatMap((c, j) => (m[c.id] !== undefined ? [[n.choices[j]!.id, m[c.id]!]] : [])));
      await store.saveQuestionTranslation(db, n.id, t.language, {
        title: x.title, text: x.text, textHtml: x.textHtml, explanation: x.explanation, explanationHtml: x.explanationHtml,
        choices: byChoice(x.choices), accepted: x.accepted, choiceFeedback: byChoice(x.choiceFeedback), rangeFeedback: x.rangeFeedback,
      });
    }
    await store.attachTranslation(db, quizId, t.language, ids);
  }
}

/** Removes a quiz's translation (its file is gone); its courses' documents in that language show the original title again. */
export async function removeQuizTranslation(db: Db, quizId: number, language: string): Promise<void> {
  await store.deleteTranslation(db, quizId, language);
  for (const courseId of await authoring.courseIdsOfQuiz(db, quizId)) await queueCourseTranslationIndex(db, courseId, language);
}

/** A course translation from the manifest (the same text changes nothing). */
export async function upsertCourseTranslationFromFile(
  db: Db, courseId: number, t: { language: string; title: string; summary: string },
): Promise<UpsertResult> {
  const result = await store.upsertCourseTranslation(db, courseId, { ...t, summaryHtml: renderMarkdown(t.summary, 'summary') });
  if (result !== 'unchanged') await queueCourseTranslationIndex(db, courseId, t.language);
  return result;
}

export async function removeCourseTranslation(db: Db, courseId: number, language: string): Promise<void> {
  await store.deleteCourseTranslation(db, courseId, language);
  await queueCourseTranslationIndex(db, courseId, language);
}

// ---- the academy editor ----

/** Where the text of a refused translation goes wrong, for the form: an i18n key with its values, and the GIFT line when known. */
export interface TranslationProblem {
  line?: number;
  key: string;
  vars?: Record<string, string | number>;
}

/** A translation refused with its reasons (422: the form is shown again with them and the text kept). */
export class TranslationRefused extends AppError {
  constructor(readonly problems: TranslationProblem[]) {
    super(422, 'invalid', 'academy.translation.refused', { source: 'academy.translation.refused' });
  }
}

/** A language the original may be translated into: another of the deployment's content languages. */
function checkLanguage(ctx: AppContext, original: string, language: string): void {
  if (!ctx.config.CONTENT_LANGUAGES.includes(language) || language === original) throw notFound();
}

/**
 * Saves a quiz's translation from the academy editor: the GIFT text is read all or nothing (a
 * translation leaves no question out) and matched to the original with the sync's rules. Facilitators
 * edit quizzes directly (no second review), and so their translations: the audit log records each save.
 */
export async function saveQuizTranslationFromApp(
  ctx: AppContext, actor: Actor, slug: string, language: string, input: { title: string; intro: string; source: string },
): Promise<UpsertResult> {
  if (!canManageAcademy(actor)) throw forbidden();
  let questions: GiftQuestion[];
  try {
    questions = parseQuizSource(input.source);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    throw new TranslationRefused(e.errors.map((x: GiftError) => ({ line: x.line, key: x.message })));
  }
  return inTransaction(ctx.ds, async (db) => {
    const quiz = await authoring.lockQuizBySlug(db, slug);
    if (!quiz || quiz.archivedAt) throw notFound();
    checkLanguage(ctx, quiz.language, language);
    let result: UpsertResult;
    try {
      result = await upsertQuizTranslation(db, quiz.id, language, { title: input.title, intro: input.intro }, questions, actor.id);
    } catch (e) {
      if (e instanceof TranslationMismatch) throw new TranslationRefused([{ line: e.line, key: e.key, vars: e.vars }]);
      throw e;
    }
    if (result !== 'unchanged') {
      await recordAudit(db, { actorId: actor.id, action: 'academy.quiz.translate', subjectType: 'academy_quiz', subjectId: quiz.id, details: { language } });
    }
    return result;
  });
}

/** Saves a course's title and summary in another content language from the academy editor (directly, like the course; audited). */
export async function saveCourseTranslationFromApp(
  ctx: AppContext, actor: Actor, slug: string, language: string, input: { title: string; summary: string },
): Promise<'created' | 'updated'> {
  if (!canManageAcademy(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const course = await authoring.lockCourseBySlug(db, slug);
    if (!course || course.archivedAt) throw notFound();
    checkLanguage(ctx, course.language, language);
    const result = await store.saveCourseTranslation(db, course.id, {
      language, title: input.title, summary: input.summary, summaryHtml: renderMarkdown(input.summary, 'summary'), updatedById: actor.id,
    });
    await queueCourseTranslationIndex(db, course.id, language);
    await recordAudit(db, { actorId: actor.id, action: 'academy.course.translate', subjectType: 'academy_course', subjectId: course.id, details: { language } });
    return result;
  });
}

