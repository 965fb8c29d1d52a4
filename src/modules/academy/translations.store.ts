// Quiz translations: a quiz's title and intro, and its current questions' texts, in another content
// language. The questions keep the original's ids and keys (an attempt in another language is an
// attempt at the original). Outdated when the original's content_hash differs from source_hash.
import { one, rows, type Queryable } from '../../db/sql.js';
import type { AcceptedText } from './grading.js';

export interface QuizTranslationRow {
  language: string;
  title: string;
  intro: string;
  outdated: boolean;
}

export interface LockedTranslation {
  contentHash: string;
  sourceHash: string | null;
  questionIds: number[];
}

/**
 * The translation readers can take: it covers the quiz's current questions (matched when it was
 * synced). A translation whose original got other questions it could not be matched to is not offered.
 */
export async function usableTranslation(db: Queryable, quizId: number, language: string): Promise<QuizTranslationRow | null> {
  return one(db,
    `SELECT t.language, t.title, t.intro, t.source_hash IS DISTINCT FROM q.content_hash AS outdated
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id
      WHERE t.quiz_id = $1 AND t.language = $2
        AND t.question_ids = ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position)`,
    [quizId, language]);
}

export async function lockTranslation(db: Queryable, quizId: number, language: string): Promise<LockedTranslation | null> {
  return one(db,
    `SELECT content_hash AS "contentHash", source_hash AS "sourceHash", question_ids AS "questionIds"
       FROM academy_quiz_translations WHERE quiz_id = $1 AND language = $2 FOR UPDATE`, [quizId, language]);
}

export async function saveTranslation(
  db: Queryable, quizId: number, t: { language: string; title: string; intro: string; contentHash: string; sourceHash: string | null; questionIds: number[] },
): Promise<void> {
  await rows(db,
    `INSERT INTO academy_quiz_translations (quiz_id, language, title, intro, content_hash, source_hash, question_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (quiz_id, language) DO UPDATE SET title = excluded.title, intro = excluded.intro, content_hash = excluded.content_hash,
       source_hash = excluded.source_hash, question_ids = excluded.question_ids, updated_at = now()`,
    [quizId, t.language, t.title, t.intro, t.contentHash, t.sourceHash, t.questionIds]);
}

export interface QuestionTexts {
  title: string | null;
  text: string;
  textHtml: string;
  explanation: string;
  explanationHtml: string;
  choices: Record<string, string>;
  accepted: AcceptedText[];
}

export async function saveQuestionTranslation(db: Queryable, questionId: number, language: string, q: QuestionTexts): Promise<void> {
  await rows(db,
    `INSERT INTO academy_question_translations (question_id, language, title, text, text_html, explanation, explanation_html, choices, accepted)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (question_id, language) DO UPDATE SET title = excluded.title, text = excluded.text, text_html = excluded.text_html,
       explanation = excluded.explanation, explanation_html = excluded.explanation_html, choices = excluded.choices, accepted = excluded.accepted`,
    [questionId, language, q.title, q.text, q.textHtml, q.explanation, q.explanationHtml, JSON.stringify(q.choices), JSON.stringify(q.accepted)]);
}

/** The languages a quiz has translations in. */
export async function translationLanguages(db: Queryable, quizId: number): Promise<string[]> {
  return (await rows<{ language: string }>(db, `SELECT language FROM academy_quiz_translations WHERE quiz_id = $1 ORDER BY language`, [quizId])).map((r) => r.language);
}

/** Removes a translation (its file is gone); its question texts go too. Attempts taken in it stay (and show the original's texts). */
export async function deleteTranslation(db: Queryable, quizId: number, language: string): Promise<void> {
  await rows(db, `DELETE FROM academy_question_translations WHERE language = $2 AND question_id IN (SELECT id FROM academy_questions WHERE quiz_id = $1)`, [quizId, language]);
  await rows(db, `DELETE FROM academy_quiz_translations WHERE quiz_id = $1 AND language = $2`, [quizId, language]);
}

export interface TranslatedQuestion extends QuestionTexts {
  questionId: number;
}

export async function questionTranslations(db: Queryable, ids: number[], language: string): Promise<Map<number, TranslatedQuestion>> {
  const found = await rows<TranslatedQuestion>(db,
    `SELECT question_id AS "questionId", title, text, text_html AS "textHtml", explanation, explanation_html AS "explanationHtml", choices, accepted
       FROM academy_question_translations WHERE question_id = ANY($1) AND language = $2`, [ids, language]);
  return new Map(found.map((r) => [r.questionId, r]));
}

// ---- courses: title and summary per language (like use cases) ----

export interface CourseTranslationRow {
  courseId: number;
  language: string;
  title: string;
  summaryHtml: string;
  outdated: boolean;
}

/** The courses' translations into `language`, by course id. */
export async function courseTranslations(db: Queryable, courseIds: number[], language: string): Promise<Map<number, CourseTranslationRow>> {
  const found = await rows<CourseTranslationRow>(db,
    `SELECT t.course_id AS "courseId", t.language, t.title, t.summary_html AS "summaryHtml",
            (t.source_title <> c.title OR t.source_summary <> c.summary) AS outdated
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id
      WHERE t.course_id = ANY($1) AND t.language = $2`, [courseIds, language]);
  return new Map(found.map((r) => [r.courseId, r]));
}

export async function courseTranslationLanguages(db: Queryable, courseId: number): Promise<string[]> {
  return (await rows<{ language: string }>(db, `SELECT language FROM academy_course_translations WHERE course_id = $1 ORDER BY language`, [courseId])).map((r) => r.language);
}

/** From the manifest: written from the course's current title and summary; the same text changes nothing. */
export async function upsertCourseTranslation(
  db: Queryable, courseId: number, t: { language: string; title: string; summary: string; summaryHtml: string },
): Promise<'created' | 'updated' | 'unchanged'> {
  const [row] = await rows<{ inserted: boolean }>(db,
    `INSERT INTO academy_course_translations (course_id, language, title, summary, summary_html, source_title, source_summary)
     SELECT id, $2, $3, $4, $5, title, summary FROM academy_courses WHERE id = $1
     ON CONFLICT (course_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary, summary_html = excluded.summary_html,
       source_title = excluded.source_title, source_summary = excluded.source_summary, updated_at = now()
     WHERE (academy_course_translations.title, academy_course_translations.summary)
       IS DISTINCT FROM (excluded.title, excluded.summary)
     RETURNING (xmax = 0) AS inserted`,
    [courseId, t.language, t.title, t.summary, t.summaryHtml]);
  return row ? (row.inserted ? 'created' : 'updated') : 'unchanged';
}

export async function deleteCourseTranslation(db: Queryable, courseId: number, language: string): Promise<void> {
  await rows(db, `DELETE FROM academy_course_translations WHERE course_id = $1 AND language = $2`, [courseId, language]);
}
