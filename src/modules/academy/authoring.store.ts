// Writes of quizzes and courses (and the reads that belong to them: rows locked for an upsert, the
// current questions compared before replacing them). Every function takes the transaction's `db`.
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';
import type { GiftQuestion } from './gift.js';
import type { QuizSettings } from './authoring.model.js';

/** What an upsert needs of an existing quiz or course. */
export interface LockedContent {
  id: number;
  contentHash: string;
  archivedAt: Date | null;
}

// ---- quizzes ----

export async function quizSlugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM academy_quizzes WHERE slug = $1`, [slug]));
}

/** The quiz with this slug (archived or not), locked for the upsert. */
export async function lockQuizBySlug(db: Db, slug: string): Promise<LockedContent | null> {
  return one<LockedContent>(db, `SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt" FROM academy_quizzes WHERE slug = $1 FOR UPDATE`, [slug]);
}

const quizValues = (s: QuizSettings, source: string, hash: string) => [s.title, s.intro, s.language, s.passMark, s.attemptLimit,
  s.timeLimitMinutes, s.questionsPerPage, s.shuffleQuestions, s.shuffleAnswers, s.feedbackPolicy, source, hash];

export async function insertQuiz(db: Db, s: QuizSettings, source: string, hash: string, actorId: number | null): Promise<number> {
  const [row] = await rows<{ id: number }>(db,
    `INSERT INTO academy_quizzes (title, intro, language, pass_mark, attempt_limit, time_limit_minutes, questions_per_page,
                                  shuffle_questions, shuffle_answers, feedback_policy, source, content_hash, slug, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`, [...quizValues(s, source, hash), s.slug, actorId]);
  return row!.id;
}

/** New settings for a quiz; an archived quiz comes back. */
export async function updateQuiz(db: Db, id: number, s: QuizSettings, source: string, hash: string): Promise<void> {
  await affected(db,
    `UPDATE academy_quizzes SET title = $1, intro = $2, language = $3, pass_mark = $4, attempt_limit = $5, time_limit_minutes = $6,
            questions_per_page = $7, shuffle_questions = $8, shuffle_answers = $9, feedback_policy = $10, source = $11,
            content_hash = $12, archived_at = NULL, updated_at = now() WHERE id = $13`, [...quizValues(s, source, hash), id]);
}

/** The quiz's current questions as authored (for the signature that tells whether they changed). */
export async function currentQuestionContent(db: Db, quizId: number): Promise<GiftQuestion[]> {
  return rows<GiftQuestion>(db,
    `SELECT kind, title, text, points::float AS points, explanation, chapter_ref AS "chapterRef", partial_credit AS "partialCredit",
            choices, accepted, ranges FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

/** Retires the quiz's current questions: attempts keep pointing at the questions they were shown. */
export async function archiveCurrentQuestions(db: Db, quizId: number): Promise<void> {
  await affected(db, `UPDATE academy_questions SET archived_at = now() WHERE quiz_id = $1 AND archived_at IS NULL`, [quizId]);
}

export async function insertQuestion(
  db: Db, quizId: number, position: number, q: GiftQuestion, html: { text: string; explanation: string },
): Promise<void> {
  await rows(db,
    `INSERT INTO academy_questions (quiz_id, position, kind, title, text, text_html, points, explanation, explanation_html,
                                    chapter_ref, partial_credit, choices, accepted, ranges)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [quizId, position, q.kind, q.title, q.text, html.text, q.points, q.explanation, html.explanation, q.chapterRef, q.partialCredit,
      JSON.stringify(q.choices), JSON.stringify(q.accepted), JSON.stringify(q.ranges)],
  );
}

/** The courses that include the quiz (their search documents list its title). */
export async function courseIdsOfQuiz(db: Db, quizId: number): Promise<number[]> {
  return (await rows<{ course_id: number }>(db, `SELECT course_id FROM academy_course_quizzes WHERE quiz_id = $1`, [quizId])).map((c) => c.course_id);
}

/** Archives the quizzes from files that the manifest no longer lists; their slugs. */
export async function archiveUnlistedFileQuizzes(db: Db, listed: string[]): Promise<string[]> {
  const archived = await rows<{ slug: string }>(db,
    `UPDATE academy_quizzes SET archived_at = now() WHERE source = 'file' AND archived_at IS NULL AND NOT (slug = ANY($1)) RETURNING slug`, [listed]);
  return archived.map((q) => q.slug);
}

// ---- courses ----

export async function courseSlugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM academy_courses WHERE slug = $1`, [slug]));
}

/** The quizzes (not archived) among these slugs, for a course's list. */
export async function liveQuizzesBySlug(db: Db, slugs: string[]): Promise<{ id: number; slug: string }[]> {
  return rows(db, `SELECT id, slug FROM academy_quizzes WHERE slug = ANY($1) AND archived_at IS NULL`, [slugs]);
}

/** The course with this slug (archived or not), locked for the upsert. */
export async function lockCourseBySlug(db: Db, slug: string): Promise<LockedContent | null> {
  return one<LockedContent>(db, `SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt" FROM academy_courses WHERE slug = $1 FOR UPDATE`, [slug]);
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

const courseValues = (c: CourseFields) => [c.title, c.summary, c.summaryHtml, c.language, c.guideSlugs, c.source, c.contentHash];

/** New fields for a course; an archived course comes back. */
export async function updateCourse(db: Db, id: number, c: CourseFields): Promise<void> {
  await affected(db, `UPDATE academy_courses SET title = $1, summary = $2, summary_html = $3, language = $4, guide_slugs = $5, source = $6,
                  content_hash = $7, archived_at = NULL, updated_at = now() WHERE id = $8`, [...courseValues(c), id]);
}

export async function insertCourse(db: Db, slug: string, c: CourseFields): Promise<number> {
  const [row] = await rows<{ id: number }>(db, `INSERT INTO academy_courses (title, summary, summary_html, language, guide_slugs, source, content_hash, slug)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [...courseValues(c), slug]);
  return row!.id;
}

export async function clearCourseQuizzes(db: Db, courseId: number): Promise<void> {
  await affected(db, `DELETE FROM academy_course_quizzes WHERE course_id = $1`, [courseId]);
}

export async function insertCourseQuiz(db: Db, courseId: number, quizId: number, position: number): Promise<void> {
  await rows(db, `INSERT INTO academy_course_quizzes (course_id, quiz_id, position) VALUES ($1, $2, $3)`, [courseId, quizId, position]);
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
