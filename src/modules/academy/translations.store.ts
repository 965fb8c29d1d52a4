// Quiz translations: a quiz's title and intro, and its current questions' texts, in another content
// language. The questions keep the original's ids and keys (an attempt in another language is an
// attempt at the original). Outdated when the original's content_hash differs from source_hash.
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';
import type { AcceptedText, Choice, NumericRange } from './grading.js';

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
  return (await readerTranslation(db, quizId, language)).usable;
}

/**
 * What a reader of `language` gets: the usable translation, or, when the quiz has a translation into
 * it that no longer fits its current questions (the original was changed), `revising` — so that the
 * page can say the translation exists but is to be revised, rather than that there is none.
 */
export async function readerTranslation(db: Queryable, quizId: number, language: string): Promise<{ usable: QuizTranslationRow | null; revising: boolean }> {
  const found = await one<QuizTranslationRow & { fits: boolean }>(db,
    `SELECT t.language, t.title, t.intro, t.source_hash IS DISTINCT FROM q.content_hash AS outdated,
            t.question_ids = ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position) AS fits
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id
      WHERE t.quiz_id = $1 AND t.language = $2`,
    [quizId, language]);
  if (!found) return { usable: null, revising: false };
  const { fits, ...usable } = found;
  return fits ? { usable, revising: false } : { usable: null, revising: true };
}

export async function lockTranslation(db: Queryable, quizId: number, language: string): Promise<LockedTranslation | null> {
  return one(db,
    `SELECT content_hash AS "contentHash", source_hash AS "sourceHash", question_ids AS "questionIds"
       FROM academy_quiz_translations WHERE quiz_id = $1 AND language = $2 FOR UPDATE`, [quizId, language]);
}

export async function saveTranslation(
  db: Queryable, quizId: number,
  t: { language: string; title: string; intro: string; contentHash: string; sourceHash: string | null; questionIds: number[]; updatedById: number | null },
): Promise<void> {
  await rows(db,
    `INSERT INTO academy_quiz_translations (quiz_id, language, title, intro, content_hash, source_hash, question_ids, updated_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (quiz_id, language) DO UPDATE SET title = excluded.title, intro = excluded.intro, content_hash = excluded.content_hash,
       source_hash = excluded.source_hash, question_ids = excluded.question_ids, updated_by_id = excluded.updated_by_id, updated_at = now()`,
    [quizId, t.language, t.title, t.intro, t.contentHash, t.sourceHash, t.questionIds, t.updatedById]);
}

/** What the academy editor shows about a quiz's translation: its texts, whether it is outdated or no longer matches, who saved it last and when. */
export interface QuizTranslationState {
  title: string;
  intro: string;
  outdated: boolean;
  /** Its questions are not the quiz's current ones (the original got other questions it could not be matched to). */
  detached: boolean;
  /** The questions its texts were matched to (by position). */
  questionIds: number[];
  updatedAt: Date;
  updatedBy: string | null;
}

export async function quizTranslationState(db: Queryable, quizId: number, language: string): Promise<QuizTranslationState | null> {
  return one(db,
    `SELECT t.title, t.intro, t.source_hash IS DISTINCT FROM q.content_hash AS outdated, t.updated_at AS "updatedAt", u.name AS "updatedBy",
            t.question_ids AS "questionIds",
            t.question_ids <> ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position) AS detached
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id LEFT JOIN users u ON u.id = t.updated_by_id
      WHERE t.quiz_id = $1 AND t.language = $2`, [quizId, language]);
}

export interface TranslationSummary {
  language: string;
  outdated: boolean;
  /** Quizzes: the translation no longer fits the original's current questions (readers get the original). */
  detached?: boolean;
  /** With `detached`: the questions it was matched to (to say why it no longer fits). */
  questionIds?: number[];
  quizId?: number;
}

function bySlug(found: (TranslationSummary & { slug: string })[]): Map<string, TranslationSummary[]> {
  const map = new Map<string, TranslationSummary[]>();
  for (const { slug, ...r } of found) map.set(slug, [...(map.get(slug) ?? []), r]);
  return map;
}

/** Per quiz (by slug), its translations' languages and whether each is outdated or no longer fits: for the list of quizzes in the editor. */
export async function quizTranslationSummaries(db: Queryable): Promise<Map<string, TranslationSummary[]>> {
  return bySlug(await rows<TranslationSummary & { slug: string }>(db,
    `SELECT q.slug, q.id AS "quizId", t.language, t.source_hash IS DISTINCT FROM q.content_hash AS outdated, t.question_ids AS "questionIds",
            t.question_ids <> ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position) AS detached
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id WHERE q.archived_at IS NULL ORDER BY t.language`));
}


export interface QuestionTexts {
  title: string | null;
  text: string;
  textHtml: string;
  explanation: string;
  explanationHtml: string;
  choices: Record<string, string>;
  accepted: AcceptedText[];
  /** Per-answer feedback by the original's choice id. */
  choiceFeedback: Record<string, string>;
  /** Numeric answers' feedback by the position of the original's answer. */
  rangeFeedback: (string | null)[];
}

export async function saveQuestionTranslation(db: Queryable, questionId: number, language: string, q: QuestionTexts): Promise<void> {
  await rows(db,
    `INSERT INTO academy_question_translations
       (question_id, language, title, text, text_html, explanation, explanation_html, choices, accepted, choice_feedback, range_feedback)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (question_id, language) DO UPDATE SET title = excluded.title, text = excluded.text, text_html = excluded.text_html,
       explanation = excluded.explanation, explanation_html = excluded.explanation_html, choices = excluded.choices, accepted = excluded.accepted,
       choice_feedback = excluded.choice_feedback, range_feedback = excluded.range_feedback`,
    [questionId, language, q.title, q.text, q.textHtml, q.explanation, q.explanationHtml, JSON.stringify(q.choices), JSON.stringify(q.accepted),
      JSON.stringify(q.choiceFeedback), JSON.stringify(q.rangeFeedback)]);
}

/** The translations of a quiz with the questions each was matched to (to re-attach them when the original's questions are replaced). */
export async function quizTranslationsAttached(db: Queryable, quizId: number): Promise<{ language: string; questionIds: number[] }[]> {
  return rows(db, `SELECT language, question_ids AS "questionIds" FROM academy_quiz_translations WHERE quiz_id = $1 ORDER BY language FOR UPDATE`, [quizId]);
}

/** A translation moves to the original's new questions (its source_hash stays: it is outdated until saved again). */
export async function attachTranslation(db: Queryable, quizId: number, language: string, questionIds: number[]): Promise<void> {
  await rows(db, `UPDATE academy_quiz_translations SET question_ids = $3 WHERE quiz_id = $1 AND language = $2`, [quizId, language, questionIds]);
}

export interface QuestionShapeRow {
  id: number;
  kind: string;
  choices: Choice[];
  ranges: NumericRange[];
}

/** The questions with these ids in this order (archived or not): what a translation of them kept. */
export async function questionShapes(db: Queryable, ids: number[]): Promise<QuestionShapeRow[]> {
  return rows(db,
    `SELECT q.id, q.kind, q.choices, q.ranges FROM unnest($1::int[]) WITH ORDINALITY AS x(id, n) JOIN academy_questions q ON q.id = x.id ORDER BY x.n`, [ids]);
}

/** The quiz's current questions, in order, with what a translation must keep. */
export async function currentQuestionShapes(db: Queryable, quizId: number): Promise<QuestionShapeRow[]> {
  return rows(db, `SELECT id, kind, choices, ranges FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

/**
 * The languages a quiz has translations in; `fromFiles`: only those last written by the content sync
 * (a translation saved in the academy editor has no file to be removed with).
 */
export async function translationLanguages(db: Queryable, quizId: number, o: { fromFiles?: boolean } = {}): Promise<string[]> {
  return (await rows<{ language: string }>(db,
    `SELECT language FROM academy_quiz_translations WHERE quiz_id = $1 ${o.fromFiles ? 'AND updated_by_id IS NULL' : ''} ORDER BY language`, [quizId]))
    .map((r) => r.language);
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
    `SELECT question_id AS "questionId", title, text, text_html AS "textHtml", explanation, explanation_html AS "explanationHtml", choices, accepted,
            choice_feedback AS "choiceFeedback", range_feedback AS "rangeFeedback"
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
  const found = await preparedQuery<CourseTranslationRow>(db, 'academy-course-translations',
    `SELECT t.course_id AS "courseId", t.language, t.title, t.summary_html AS "summaryHtml",
            (t.source_title <> c.title OR t.source_summary <> c.summary) AS outdated
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id
      WHERE t.course_id = ANY($1) AND t.language = $2`, [courseIds, language]);
  return new Map(found.map((r) => [r.courseId, r]));
}

/** The languages a course has translations in; `fromFiles`: only those last written from the manifest. */
export async function courseTranslationLanguages(db: Queryable, courseId: number, o: { fromFiles?: boolean } = {}): Promise<string[]> {
  return (await rows<{ language: string }>(db,
    `SELECT language FROM academy_course_translations WHERE course_id = $1 ${o.fromFiles ? 'AND updated_by_id IS NULL' : ''} ORDER BY language`, [courseId]))
    .map((r) => r.language);
}

/** What the academy editor shows about a course's translation. */
export interface CourseTranslationState {
  title: string;
  summary: string;
  outdated: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

export async function courseTranslationState(db: Queryable, courseId: number, language: string): Promise<CourseTranslationState | null> {
  return one(db,
    `SELECT t.title, t.summary, (t.source_title <> c.title OR t.source_summary <> c.summary) AS outdated, t.updated_at AS "updatedAt", u.name AS "updatedBy"
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id LEFT JOIN users u ON u.id = t.updated_by_id
      WHERE t.course_id = $1 AND t.language = $2`, [courseId, language]);
}

/** Per course (by slug), its translations' languages and whether each is outdated. */
export async function courseTranslationSummaries(db: Queryable): Promise<Map<string, TranslationSummary[]>> {
  return bySlug(await rows<TranslationSummary & { slug: string }>(db,
    `SELECT c.slug, t.language, (t.source_title <> c.title OR t.source_summary <> c.summary) AS outdated
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id WHERE c.archived_at IS NULL ORDER BY t.language`));
}

/**
 * From the academy editor: written from the course's current title and summary (saving says so, so
 * an outdated translation becomes current even with the same text), and who saved it.
 */
export async function saveCourseTranslation(
  db: Queryable, courseId: number, t: { language: string; title: string; summary: string; summaryHtml: string; updatedById: number },
): Promise<'created' | 'updated'> {
  const [row] = await rows<{ inserted: boolean }>(db,
    `INSERT INTO academy_course_translations (course_id, language, title, summary, summary_html, source_title, source_summary, updated_by_id)
     SELECT id, $2, $3, $4, $5, title, summary, $6 FROM academy_courses WHERE id = $1
     ON CONFLICT (course_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary, summary_html = excluded.summary_html,
       source_title = excluded.source_title, source_summary = excluded.source_summary, updated_by_id = excluded.updated_by_id, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [courseId, t.language, t.title, t.summary, t.summaryHtml, t.updatedById]);
  return row?.inserted ? 'created' : 'updated';
}

/** From the manifest: written from the course's current title and summary; the same text changes nothing. */
export async function upsertCourseTranslation(
  db: Queryable, courseId: number, t: { language: string; title: string; summary: string; summaryHtml: string },
): Promise<'created' | 'updated' | 'unchanged'> {
  const [row] = await rows<{ inserted: boolean }>(db,
    `INSERT INTO academy_course_translations (course_id, language, title, summary, summary_html, source_title, source_summary)
     SELECT id, $2, $3, $4, $5, title, summary FROM academy_courses WHERE id = $1
     ON CONFLICT (course_id, language) DO UPDATE SET title = excluded.title, summary = excluded.summary, summary_html = excluded.summary_html,
       source_title = excluded.source_title, source_summary = excluded.source_summary, updated_by_id = NULL, updated_at = now()
     WHERE (academy_course_translations.title, academy_course_translations.summary)
       IS DISTINCT FROM (excluded.title, excluded.summary)
     RETURNING (xmax = 0) AS inserted`,
    [courseId, t.language, t.title, t.summary, t.summaryHtml]);
  return row ? (row.inserted ? 'created' : 'updated') : 'unchanged';
}

export async function deleteCourseTranslation(db: Queryable, courseId: number, language: string): Promise<void> {
  await rows(db, `DELETE FROM academy_course_translations WHERE course_id = $1 AND language = $2`, [courseId, language]);
}

// ---- search: a course's translation as a document in its language ----

/**
 * The search key of a course translation: course id × 1000 + the language's two letters as a number
 * (0–675). The search index keys documents by type and integer id, and a translation's key is the
 * pair (course, language); this keeps it a reversible integer without a column of its own.
 */
export const courseTranslationKey = (courseId: number, language: string) =>
  courseId * 1000 + (language.charCodeAt(0) - 97) * 26 + (language.charCodeAt(1) - 97);

export function courseTranslationOfKey(key: number): { courseId: number; language: string } | null {
  const code = key % 1000;
  if (!Number.isSafeInteger(key) || key < 1000 || code > 675) return null;
  return { courseId: Math.floor(key / 1000), language: String.fromCharCode(97 + Math.floor(code / 26), 97 + (code % 26)) };
}

const KEY_SQL = `(t.course_id * 1000 + (ascii(substr(t.language, 1, 1)) - 97) * 26 + ascii(substr(t.language, 2, 1)) - 97)`;

export interface CourseTranslationSearchRow {
  courseId: number;
  language: string;
  slug: string;
  title: string;
  summary: string;
  guideSlugs: string[];
  /** The course's quizzes by title in this language where they have a translation. */
  quizzes: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The translations among `pairs` that readers can find: of courses not archived, and not still the
 * original's text (like a guide translation's chapter that is still a copy).
 */
export async function courseTranslationsForSearch(db: Queryable, pairs: { courseId: number; language: string }[]): Promise<CourseTranslationSearchRow[]> {
  if (!pairs.length) return [];
  return rows<CourseTranslationSearchRow>(db,
    `SELECT t.course_id AS "courseId", t.language, c.slug, t.title, t.summary, c.guide_slugs AS "guideSlugs", t.created_at AS "createdAt",
            greatest(t.updated_at, c.updated_at) AS "updatedAt",
            coalesce((SELECT string_agg(coalesce(qt.title, q.title), ' · ' ORDER BY cq.position)
                        FROM academy_course_quizzes cq JOIN academy_quizzes q ON q.id = cq.quiz_id
                        LEFT JOIN academy_quiz_translations qt ON qt.quiz_id = q.id AND qt.language = t.language
                         -- only a translation readers would take (it fits the quiz's current questions)
                         AND qt.question_ids = ARRAY(SELECT x.id FROM academy_questions x WHERE x.quiz_id = q.id AND x.archived_at IS NULL ORDER BY x.position)
                       WHERE cq.course_id = c.id), '') AS quizzes
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id
      WHERE (t.course_id, t.language) IN (SELECT * FROM unnest($1::int[], $2::text[]))
        AND c.archived_at IS NULL AND NOT (t.title = c.title AND t.summary = c.summary)`,
    [pairs.map((p) => p.courseId), pairs.map((p) => p.language)]);
}

/** For `npm run search:reindex`: the keys of every course translation, ascending, after `after`. */
export async function courseTranslationKeys(db: Queryable, after: number, limit: number): Promise<number[]> {
  return (await rows<{ key: number }>(db,
    `SELECT key FROM (SELECT ${KEY_SQL} AS key FROM academy_course_translations t) k WHERE key > $1 ORDER BY key LIMIT $2`, [after, limit]))
    .map((r) => Number(r.key));
}

/** The keys of a course's translations (to re-read their documents when the course changes). */
export async function courseTranslationKeysOf(db: Queryable, courseIds: number[]): Promise<number[]> {
  if (!courseIds.length) return [];
  return (await rows<{ key: number }>(db, `SELECT ${KEY_SQL} AS key FROM academy_course_translations t WHERE t.course_id = ANY($1)`, [courseIds]))
    .map((r) => Number(r.key));
}
