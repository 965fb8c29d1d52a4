// Authoring: quizzes and courses from files (the content sync), an upload or the editor, and
// archiving. Each write runs in one transaction and uses only its `db`.
import { sha256 } from '../../shared/identity.js';
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { recordAudit } from '../audit/index.js';
import type { GiftError, GiftQuestion } from './gift.js';
import { canManageAcademy, type Actor } from './academy.policy.js';
import { type CourseSettings, questionsSignature, type QuizSettings, readQuizForm, type UpsertResult } from './authoring.model.js';
import * as store from './authoring.store.js';
import { queueCoursesIndex } from './translations.search.js';
import { reattachQuizTranslations } from './translations.service.js';

async function insertQuestions(db: Db, quizId: number, questions: GiftQuestion[]): Promise<void> {
  let position = 0;
  for (const q of questions) {
    await store.insertQuestion(db, quizId, position++, q, {
      text: renderMarkdown(q.text, 'source'), explanation: q.explanation ? renderMarkdown(q.explanation, 'source') : '',
    });
  }
}

/**
 * Creates or updates a quiz and, when they changed, replaces its questions. Replaced questions are
 * archived, not deleted: attempts keep pointing at the questions they were shown.
 */
export async function upsertQuiz(
  db: Db, s: QuizSettings, questions: GiftQuestion[], source: 'app' | 'file' | 'upload', actorId: number | null,
): Promise<{ id: number; result: UpsertResult }> {
  if (!questions.length) throw invalid('academy.quiz.noQuestions', { source: 'academy.quiz.noQuestions' });
  const hash = sha256(questionsSignature(questions) + JSON.stringify(s));
  const existing = await store.lockQuizBySlug(db, s.slug);
  if (!existing) {
    const id = await store.insertQuiz(db, s, source, hash, actorId);
    await insertQuestions(db, id, questions);
    return { id, result: 'created' };
  }
  if (existing.contentHash === hash && !existing.archivedAt) return { id: existing.id, result: 'unchanged' };
  await store.updateQuiz(db, existing.id, s, source, hash);
  const current = await store.currentQuestionContent(db, existing.id);
  if (questionsSignature(current) !== questionsSignature(questions)) {
    await store.archiveCurrentQuestions(db, existing.id);
    await insertQuestions(db, existing.id, questions);
    // Its translations follow the new questions where they still fit (outdated until saved again).
    await reattachQuizTranslations(db, existing.id);
  }
  // Its courses' documents (and their translations') list the quiz by title.
  await queueCoursesIndex(db, await store.courseIdsOfQuiz(db, existing.id));
  return { id: existing.id, result: 'updated' };
}

export async function upsertCourse(db: Db, c: CourseSettings, source: 'app' | 'file'): Promise<{ id: number; result: UpsertResult }> {
  const quizzes = c.quizSlugs.length ? await store.liveQuizzesBySlug(db, c.quizSlugs) : [];
  const missing = c.quizSlugs.filter((s) => !quizzes.some((q) => q.slug === s));
  if (missing.length) throw invalid('academy.course.unknownQuiz', { quizSlugs: 'academy.course.unknownQuiz' });
  const hash = sha256(JSON.stringify(c));
  const existing = await store.lockCourseBySlug(db, c.slug);
  if (existing && existing.contentHash === hash && !existing.archivedAt) return { id: existing.id, result: 'unchanged' };
  const fields: store.CourseFields = {
    title: c.title, summary: c.summary, summaryHtml: renderMarkdown(c.summary, 'summary'), language: c.language,
    guideSlugs: c.guideSlugs, source, contentHash: hash,
  };
  let id: number;
  if (existing) {
    id = existing.id;
    await store.updateCourse(db, id, fields);
    await store.clearCourseQuizzes(db, id);
  } else {
    id = await store.insertCourse(db, c.slug, fields);
  }
  let position = 0;
  for (const slug of c.quizSlugs) {
    await store.insertCourseQuiz(db, id, quizzes.find((q) => q.slug === slug)!.id, position++);
  }
  await queueCoursesIndex(db, [id]);
  return { id, result: existing ? 'updated' : 'created' };
}

export async function archiveCourse(db: Db, slug: string): Promise<boolean> {
  const archived = await store.archiveCourseBySlug(db, slug);
  await queueCoursesIndex(db, archived);
  return archived.length > 0;
}

/** Archives the quizzes from files that the manifest no longer lists; their slugs. */
export async function archiveUnlistedFileQuizzes(ctx: AppContext, listed: string[]): Promise<string[]> {
  return inTransaction(ctx.ds, (db) => store.archiveUnlistedFileQuizzes(db, listed));
}

export interface SavedQuiz {
  id: number;
  result: UpsertResult;
  /** Questions imported. */
  imported: number;
  /** Items of the text that were not imported (the facilitator confirmed that). */
  refused: GiftError[];
  skipped: GiftError[];
}

export async function saveQuizFromApp(
  ctx: AppContext, actor: Actor, s: QuizSettings, source: string, mode: 'create' | 'edit', kind: 'app' | 'upload', confirm?: string,
): Promise<SavedQuiz> {
  if (!canManageAcademy(actor)) throw forbidden();
  const { questions, refused, skipped } = readQuizForm(source, confirm);
  return inTransaction(ctx.ds, async (db) => {
    const taken = await store.quizSlugTaken(db, s.slug);
    if (mode === 'create' && taken) throw conflict('academy.quiz.slugTaken', { slug: 'academy.quiz.slugTaken' });
    if (mode === 'edit' && !taken) throw notFound();
    const r = await upsertQuiz(db, s, questions, kind, actor.id);
    const details = refused.length || skipped.length
      ? { refusedLines: refused.map((x) => x.line), skippedLines: skipped.map((x) => x.line) } : undefined;
    await recordAudit(db, { actorId: actor.id, action: `academy.quiz.${r.result === 'created' ? 'create' : 'update'}`, subjectType: 'academy_quiz', subjectId: r.id, details });
    return { ...r, imported: questions.length, refused, skipped };
  });
}

export async function saveCourseFromApp(ctx: AppContext, actor: Actor, c: CourseSettings, mode: 'create' | 'edit') {
  if (!canManageAcademy(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const taken = await store.courseSlugTaken(db, c.slug);
    if (mode === 'create' && taken) throw conflict('academy.course.slugTaken', { slug: 'academy.course.slugTaken' });
    if (mode === 'edit' && !taken) throw notFound();
    const r = await upsertCourse(db, c, 'app');
    await recordAudit(db, { actorId: actor.id, action: `academy.course.${mode}`, subjectType: 'academy_course', subjectId: r.id });
    return r;
  });
}
