// Writes of quizzes and courses (and the reads that belong to them: rows locked for an upsert, the
// current questions compared before replacing them). Every function takes the transaction's `db`.
import { IsNull } from 'typeorm';
import { one, rows, type Db, type Queryable } from '../../db/sql.js';
import { Course, CourseQuiz } from './course.entity.js';
import { Question, Quiz } from './quiz.entity.js';
import type { GiftQuestion } from './gift.js';
import type { QuizSettings } from './authoring.model.js';

/** What an upsert needs of an existing quiz or course. */
export interface LockedContent {
  id: number;
  contentHash: string;
  archivedAt: Date | null;
  language: string;
}

// ---- quizzes ----

export async function quizSlugTaken(db: Db, slug: string): Promise<boolean> {
  return db.existsBy(Quiz, { slug });
}

/** The quiz with this slug (archived or not), locked for the upsert. */
export async function lockQuizBySlug(db: Db, slug: string): Promise<LockedContent | null> {
  return one<LockedContent>(db, `SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt", language FROM academy_quizzes WHERE slug = $1 FOR UPDATE`, [slug]);
}

const quizValues = (s: QuizSettings, source: string, hash: string) => ({
  title: s.title, intro: s.intro, language: s.language, passMark: s.passMark, attemptLimit: s.attemptLimit,
  timeLimitMinutes: s.timeLimitMinutes, questionsPerPage: s.questionsPerPage, shuffleQuestions: s.shuffleQuestions,
  shuffleAnswers: s.shuffleAnswers, feedbackPolicy: s.feedbackPolicy, source: source as Quiz['source'], contentHash: hash,
});

export async function insertQuiz(db: Db, s: QuizSettings, source: string, hash: string, actorId: number | null): Promise<number> {
  const { identifiers } = await db.insert(Quiz, { ...quizValues(s, source, hash), slug: s.slug, createdBy: actorId });
  return identifiers[0]!.id as number;
}

/** New settings for a quiz; an archived quiz comes back. */
export async function updateQuiz(db: Db, id: number, s: QuizSettings, source: string, hash: string): Promise<void> {
  await db.update(Quiz, { id }, { ...quizValues(s, source, hash), archivedAt: null, updatedAt: () => 'now()' });
}

/** The quiz's current questions as authored (for the signature that tells whether they changed). */
export async function currentQuestionContent(db: Db, quizId: number): Promise<GiftQuestion[]> {
  return rows<GiftQuestion>(db,
    `SELECT kind, title, text, points::float AS points, explanation, chapter_ref AS "chapterRef", partial_credit AS "partialCredit",
            choices, accepted, ranges FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

/** Retires the quiz's current questions: attempts keep pointing at the questions they were shown. */
export async function archiveCurrentQuestions(db: Db, quizId: number): Promise<void> {
  await db.update(Question, { quizId, archivedAt: IsNull() }, { archivedAt: () => 'now()' });
}

export async function insertQuestion(
  db: Db, quizId: number, position: number, q: GiftQuestion, html: { text: string; explanation: string },
): Promise<void> {
  await db.insert(Question, {
    quizId, position, kind: q.kind, title: q.title, text: q.text, textHtml: html.text, points: String(q.points), explanation: q.explanation,
    explanationHtml: html.explanation, chapterRef: q.chapterRef, partialCredit: q.partialCredit, choices: q.choices, accepted: q.accepted,
    ranges: q.ranges,
  });
}

/** The courses that include the quiz (their search documents list its title). */
export async function courseIdsOfQuiz(db: Db, quizId: number): Promise<number[]> {
  return (await db.find(CourseQuiz, { select: { courseId: true }, where: { quizId } })).map((c) => c.courseId);
}

/** Archives the quizzes from files that the manifest no longer lists; their slugs. */
export async function archiveUnlistedFileQuizzes(db: Db, listed: string[]): Promise<string[]> {
  const archived = await rows<{ slug: string }>(db,
    `UPDATE academy_quizzes SET archived_at = now() WHERE source = 'file' AND archived_at IS NULL AND NOT (slug = ANY($1)) RETURNING slug`, [listed]);
  return archived.map((q) => q.slug);
}

// ---- courses ----

export async function courseSlugTaken(db: Db, slug: string): Promise<boolean> {
  return db.existsBy(Course, { slug });
}

/** The quizzes (not archived) among these slugs, for a course's list. */
export async function liveQuizzesBySlug(db: Db, slugs: string[]): Promise<{ id: number; slug: string }[]> {
  return rows(db, `SELECT id, slug FROM academy_quizzes WHERE slug = ANY($1) AND archived_at IS NULL`, [slugs]);
}

/** The course with this slug (archived or not), locked for the upsert. */
export async function lockCourseBySlug(db: Db, slug: string): Promise<LockedContent | null> {
  return one<LockedContent>(db, `SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt", language FROM academy_courses WHERE slug = $1 FOR UPDATE`, [slug]);
}

export interface CourseFields {
  title: string;
  summary: string;
  summaryHtml: string;
  language: string;
  guideSlugs: string[];
  source: string;
  contentHash: string;
}

const courseValues = (c: CourseFields) => ({
  title: c.title, summary: c.summary, summaryHtml: c.summaryHtml, language: c.language as Course['language'], guideSlugs: c.guideSlugs,
  source: c.source as Course['source'], contentHash: c.contentHash,
});

/** New fields for a course; an archived course comes back. */
export async function updateCourse(db: Db, id: number, c: CourseFields): Promise<void> {
  await db.update(Course, { id }, { ...courseValues(c), archivedAt: null, updatedAt: () => 'now()' });
}

export async function insertCourse(db: Db, slug: string, c: CourseFields): Promise<number> {
  const { identifiers } = await db.insert(Course, { ...courseValues(c), slug });
  return identifiers[0]!.id as number;
}

export async function clearCourseQuizzes(db: Db, courseId: number): Promise<void> {
  await db.delete(CourseQuiz, { courseId });
}

export async function insertCourseQuiz(db: Db, courseId: number, quizId: number, position: number): Promise<void> {
  await db.insert(CourseQuiz, { courseId, quizId, position });
}

/** Archives the course (unless it already is); the ids archived. */
export async function archiveCourseBySlug(db: Db, slug: string): Promise<number[]> {
  const archived = await rows<{ id: number }>(db, `UPDATE academy_courses SET archived_at = now() WHERE slug = $1 AND archived_at IS NULL RETURNING id`, [slug]);
  return archived.map((r) => r.id);
}

/** Courses from files that the manifest no longer lists (the sync archives them one by one). */
export async function unlistedFileCourses(ds: Queryable, listed: string[]): Promise<string[]> {
  const stale = await rows<{ slug: string }>(ds,
    `SELECT slug FROM academy_courses WHERE source = 'file' AND archived_at IS NULL AND NOT (slug = ANY($1))`, [listed]);
  return stale.map((s) => s.slug);
}

// ---- translations (see translations.service.ts) ----

export async function quizContentHash(db: Db, quizId: number): Promise<string | null> {
  return (await one<{ h: string | null }>(db, `SELECT content_hash AS h FROM academy_quizzes WHERE id = $1`, [quizId]))?.h ?? null;
}
