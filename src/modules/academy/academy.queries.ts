// Academy reads: raw SQL for the pages. Nothing here returns an answer key to a learner's page;
// the views decide what of a question is shown.
import type { QuizSettings } from './authoring.model.js';
import type { LayoutItem, QuestionRow } from './attempts.model.js';
import type { Outcome, Response } from './grading.js';
import type { AssertionInput } from './badges.js';
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable as Q } from '../../db/sql.js';
import type { RelatedFinder, RelatedItem } from '../module.js';


export interface CourseListRow {
  id: number;
  slug: string;
  title: string;
  summaryHtml: string;
  language: string;
  guideSlugs: string[];
  quizCount: number;
  passedCount: number;
  certificateId: string | null;
}

export async function listCourses(ds: Q, userId: number | null): Promise<CourseListRow[]> {
  return preparedQuery<CourseListRow>(ds, 'academy-courses',
    `SELECT c.id, c.slug, c.title, c.summary_html AS "summaryHtml", c.language, c.guide_slugs AS "guideSlugs",
            (SELECT count(*)::int FROM academy_course_quizzes cq WHERE cq.course_id = c.id) AS "quizCount",
            (SELECT count(*)::int FROM academy_course_quizzes cq
              WHERE cq.course_id = c.id AND EXISTS (SELECT 1 FROM academy_attempts a WHERE a.quiz_id = cq.quiz_id AND a.user_id = $1 AND a.passed)) AS "passedCount",
            (SELECT id FROM academy_certificates ce WHERE ce.course_id = c.id AND ce.user_id = $1) AS "certificateId"
       FROM academy_courses c WHERE c.archived_at IS NULL ORDER BY c.title`,
    [userId ?? 0]);
}

export interface CourseRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  summaryHtml: string;
  language: string;
  guideSlugs: string[];
  source: string;
}

export async function courseBySlug(ds: Q, slug: string): Promise<CourseRow | null> {
  const [row] = await preparedQuery<CourseRow>(ds, 'academy-course-by-slug',
    `SELECT id, slug, title, summary, summary_html AS "summaryHtml", language, guide_slugs AS "guideSlugs", source,
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM academy_courses WHERE slug = $1 AND archived_at IS NULL`, [slug]);
  return row ?? null;
}

export interface CourseQuizRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  passMark: number;
  attempts: number;
  bestPercent: string | null;
  passed: boolean;
  /** A translation into the reader's language exists but no longer fits the quiz's changed questions (readers get the original meanwhile). */
  revising: boolean;
}

/** The member's certificate for the course, if any. */
export async function certificateIdOf(ds: Q, courseId: number, userId: number): Promise<string | null> {
  const [c] = await preparedQuery<{ id: string }>(ds, 'academy-certificate-id', `SELECT id FROM academy_certificates WHERE course_id = $1 AND user_id = $2`, [courseId, userId]);
  return c?.id ?? null;
}

/**
 * The course's quizzes; with a language, a quiz's title in its translation there when readers would
 * take it (it fits the quiz's current questions), and whether one exists that does not fit.
 */
export async function courseQuizzes(ds: Q, courseId: number, userId: number | null, language: string | null = null): Promise<CourseQuizRow[]> {
  return preparedQuery<CourseQuizRow>(ds, 'academy-course-quizzes',
    `SELECT q.id, q.slug, CASE WHEN t.fits THEN t.title ELSE q.title END AS title, CASE WHEN t.fits THEN t.language ELSE q.language END AS language,
            q.pass_mark AS "passMark", coalesce(NOT t.fits, false) AS revising,
            (SELECT count(*)::int FROM academy_attempts a WHERE a.quiz_id = q.id AND a.user_id = $2) AS attempts,
            (SELECT max(percent) FROM academy_attempts a WHERE a.quiz_id = q.id AND a.user_id = $2 AND a.state = 'submitted') AS "bestPercent",
            EXISTS (SELECT 1 FROM academy_attempts a WHERE a.quiz_id = q.id AND a.user_id = $2 AND a.passed) AS passed
       FROM academy_course_quizzes cq JOIN academy_quizzes q ON q.id = cq.quiz_id
       LEFT JOIN LATERAL (
         SELECT t.title, t.language,
                t.question_ids = ARRAY(SELECT x.id FROM academy_questions x WHERE x.quiz_id = q.id AND x.archived_at IS NULL ORDER BY x.position) AS fits
           FROM academy_quiz_translations t WHERE t.quiz_id = q.id AND t.language = $3 AND t.language <> q.language) t ON true
      WHERE cq.course_id = $1 ORDER BY cq.position`, [courseId, userId ?? 0, language]);
}

/** A quiz's settings as stored, with its id, origin and number of current questions. */
export interface QuizRow extends QuizSettings {
  id: number;
  source: string;
  questionCount: number;
}

export async function quizBySlug(ds: Q, slug: string): Promise<QuizRow | null> {
  return one<QuizRow>(ds,
    `SELECT id, slug, title, intro, language, pass_mark AS "passMark", attempt_limit AS "attemptLimit",
            time_limit_minutes AS "timeLimitMinutes", questions_per_page AS "questionsPerPage",
            shuffle_questions AS "shuffleQuestions", shuffle_answers AS "shuffleAnswers", feedback_policy AS "feedbackPolicy", source,
            (SELECT count(*)::int FROM academy_questions WHERE quiz_id = academy_quizzes.id AND archived_at IS NULL) AS "questionCount"
       FROM academy_quizzes WHERE slug = $1 AND archived_at IS NULL`, [slug]);
}

export async function coursesOfQuiz(ds: Q, quizId: number): Promise<{ slug: string; title: string; language: string }[]> {
  return rows(ds,
    `SELECT c.slug, c.title, c.language FROM academy_courses c JOIN academy_course_quizzes cq ON cq.course_id = c.id
      WHERE cq.quiz_id = $1 AND c.archived_at IS NULL ORDER BY c.title`, [quizId]);
}

export interface AttemptSummaryRow {
  id: number;
  number: number;
  state: 'open' | 'submitted';
  startedAt: Date;
  submittedAt: Date | null;
  deadline: Date | null;
  percent: string | null;
  passed: boolean | null;
  late: boolean;
}

export async function attemptsOf(ds: Q, quizId: number, userId: number): Promise<AttemptSummaryRow[]> {
  return rows<AttemptSummaryRow>(ds,
    `SELECT id, number, state, started_at AS "startedAt", submitted_at AS "submittedAt", deadline, percent, passed, late
       FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2 ORDER BY number DESC`, [quizId, userId]);
}

export async function extraAttempts(ds: Q, quizId: number, userId: number): Promise<number> {
  const counted = await one<{ n: number }>(ds, `SELECT count(*)::int AS n FROM academy_extra_attempts WHERE quiz_id = $1 AND user_id = $2`, [quizId, userId]);
  return counted!.n;
}

export interface AttemptRow {
  id: number;
  quizId: number;
  userId: number;
  userName: string;
  number: number;
  state: 'open' | 'submitted';
  layout: LayoutItem[];
  startedAt: Date;
  deadline: Date | null;
  submittedAt: Date | null;
  late: boolean;
  score: string | null;
  maxScore: string | null;
  percent: string | null;
  passed: boolean | null;
  result: { questionId: number; score: number; max: number; outcome: Outcome; feedback?: string; response: Response | null }[] | null;
  quizSlug: string;
  quizTitle: string;
  /** The language of the quiz's title and texts as this attempt shows them (a translation's when taken in one). */
  quizLanguage: string;
  /** The translation the attempt was taken in, or null (the original). */
  language: string | null;
  passMark: number;
  questionsPerPage: number;
  feedbackPolicy: 'after_attempt' | 'after_pass';
  overdue: boolean;
  secondsLeft: number | null;
}

export async function attemptById(ds: Q, id: number, graceSeconds: number): Promise<AttemptRow | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return one<AttemptRow>(ds,
    `SELECT a.id, a.quiz_id AS "quizId", a.user_id AS "userId", u.name AS "userName", a.number, a.state, a.layout,
            a.started_at AS "startedAt", a.deadline, a.submitted_at AS "submittedAt", a.late, a.score, a.max_score AS "maxScore",
            a.percent, a.passed, a.result, q.slug AS "quizSlug", coalesce(t.title, q.title) AS "quizTitle",
            coalesce(t.language, q.language) AS "quizLanguage", t.language, q.pass_mark AS "passMark",
            q.questions_per_page AS "questionsPerPage", q.feedback_policy AS "feedbackPolicy",
            (a.deadline IS NOT NULL AND now() > a.deadline + make_interval(secs => $2)) AS overdue,
            CASE WHEN a.deadline IS NULL THEN NULL ELSE greatest(0, floor(extract(epoch FROM a.deadline - now())))::int END AS "secondsLeft"
       FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id JOIN users u ON u.id = a.user_id
       LEFT JOIN academy_quiz_translations t ON t.quiz_id = a.quiz_id AND t.language = a.language
      WHERE a.id = $1`, [id, graceSeconds]);
}

export interface FullQuestionRow extends QuestionRow {
  title: string | null;
  text: string;
  textHtml: string;
  explanation?: string;
  explanationHtml: string;
  chapterRef: string | null;
  position: number;
}

/**
 * The questions with their texts; with a language, in the quiz translation's texts where the question
 * has one (choice texts and accepted answers too; ids, weights and ranges stay the original's).
 */
export async function questionsByIds(ds: Q, ids: number[], language: string | null = null): Promise<Map<number, FullQuestionRow>> {
  const questions = await rows<FullQuestionRow & { choiceTexts: Record<string, string> | null; acceptedTexts: FullQuestionRow['accepted'] | null }>(ds,
    `SELECT q.id, q.kind, q.points, q.partial_credit AS "partialCredit", q.choices, q.accepted, q.ranges,
            CASE WHEN x.question_id IS NULL THEN q.title ELSE x.title END AS title, coalesce(x.text, q.text) AS text,
            coalesce(x.text_html, q.text_html) AS "textHtml", coalesce(x.explanation_html, q.explanation_html) AS "explanationHtml",
            q.chapter_ref AS "chapterRef", q.position, x.choices AS "choiceTexts", x.accepted AS "acceptedTexts"
       FROM academy_questions q LEFT JOIN academy_question_translations x ON x.question_id = q.id AND x.language = $2
      WHERE q.id = ANY($1)`, [ids, language]);
  return new Map(questions.map(({ choiceTexts, acceptedTexts, ...r }) => [r.id, {
    ...r,
    choices: choiceTexts ? r.choices.map((c) => ({ ...c, text: choiceTexts[c.id] ?? c.text })) : r.choices,
    accepted: acceptedTexts?.length ? acceptedTexts : r.accepted,
  }]));
}

export async function currentQuestions(ds: Q, quizId: number): Promise<FullQuestionRow[]> {
  return rows<FullQuestionRow>(ds,
    `SELECT id, kind, points, partial_credit AS "partialCredit", choices, accepted, ranges, title, text, text_html AS "textHtml",
            explanation, explanation_html AS "explanationHtml", chapter_ref AS "chapterRef", position
       FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quizId]);
}

export async function savedAnswers(ds: Q, attemptId: number): Promise<Map<number, Response>> {
  const answers = await rows<{ questionId: number; response: Response }>(ds,
    `SELECT question_id AS "questionId", response FROM academy_attempt_answers WHERE attempt_id = $1`, [attemptId]);
  return new Map(answers.map((r) => [r.questionId, r.response]));
}

export async function hasPassed(ds: Q, quizId: number, userId: number): Promise<boolean> {
  const r = await one<{ p: boolean }>(ds, `SELECT EXISTS (SELECT 1 FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2 AND passed) AS p`, [quizId, userId]);
  return r!.p;
}

// ---- certificates and badges ----

export interface CertificateRow {
  id: string;
  userId: number;
  recipientName: string;
  issuedAt: Date;
  courseSlug: string;
  courseTitle: string;
  courseLanguage: string;
  courseSummary: string;
  guideSlugs: string[];
  assertionId: string | null;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export async function certificateById(ds: Q, id: string): Promise<CertificateRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return one<CertificateRow>(ds,
    `SELECT ce.id, ce.user_id AS "userId", ce.recipient_name AS "recipientName", ce.issued_at AS "issuedAt",
            c.slug AS "courseSlug", c.title AS "courseTitle", c.language AS "courseLanguage", c.summary AS "courseSummary", c.guide_slugs AS "guideSlugs",
            b.id AS "assertionId", b.revoked_at AS "revokedAt", b.revocation_reason AS "revocationReason"
       FROM academy_certificates ce JOIN academy_courses c ON c.id = ce.course_id
       LEFT JOIN academy_badge_assertions b ON b.certificate_id = ce.id
      WHERE ce.id = $1`, [id]);
}

export async function assertionById(ds: Q, id: string): Promise<AssertionInput | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return one<AssertionInput>(ds,
    `SELECT b.id, b.certificate_id AS "certificateId", b.identity_hash AS "identityHash", b.salt, b.issued_on AS "issuedOn",
            b.revoked_at AS "revokedAt", b.revocation_reason AS "revocationReason", c.slug AS "courseSlug"
       FROM academy_badge_assertions b JOIN academy_courses c ON c.id = b.course_id WHERE b.id = $1`, [id]);
}

/** The member's badge assertions that are not revoked, oldest first (the Kompetenzpass download). */
export async function assertionsOfUser(ds: Q, userId: number): Promise<AssertionInput[]> {
  return rows<AssertionInput>(ds,
    `SELECT b.id, b.certificate_id AS "certificateId", b.identity_hash AS "identityHash", b.salt, b.issued_on AS "issuedOn",
            b.revoked_at AS "revokedAt", b.revocation_reason AS "revocationReason", c.slug AS "courseSlug"
       FROM academy_badge_assertions b JOIN academy_courses c ON c.id = b.course_id
      WHERE b.user_id = $1 AND b.revoked_at IS NULL ORDER BY b.issued_on, b.id`, [userId]);
}

export async function courseForBadge(ds: Q, slug: string): Promise<{ slug: string; title: string; summary: string; guideSlugs: string[] } | null> {
  return one(ds, `SELECT slug, title, summary, guide_slugs AS "guideSlugs" FROM academy_courses WHERE slug = $1`, [slug]);
}

// ---- facilitators ----

export interface QuizListRow {
  slug: string;
  title: string;
  language: string;
  source: string;
  passMark: number;
  questionCount: number;
  attemptCount: number;
}

export async function allQuizzes(ds: Q): Promise<QuizListRow[]> {
  return rows<QuizListRow>(ds,
    `SELECT q.slug, q.title, q.language, q.source, q.pass_mark AS "passMark",
            (SELECT count(*)::int FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL) AS "questionCount",
            (SELECT count(*)::int FROM academy_attempts WHERE quiz_id = q.id AND state = 'submitted') AS "attemptCount"
       FROM academy_quizzes q WHERE q.archived_at IS NULL ORDER BY q.title`);
}

export async function allCourses(ds: Q): Promise<{ slug: string; title: string; language: string; source: string; certificateCount: number }[]> {
  return rows(ds,
    `SELECT c.slug, c.title, c.language, c.source, (SELECT count(*)::int FROM academy_certificates WHERE course_id = c.id) AS "certificateCount"
       FROM academy_courses c WHERE c.archived_at IS NULL ORDER BY c.title`);
}

export async function courseQuizSlugs(ds: Q, courseId: number): Promise<string[]> {
  const quizzes = await rows<{ slug: string }>(ds,
    `SELECT q.slug FROM academy_course_quizzes cq JOIN academy_quizzes q ON q.id = cq.quiz_id WHERE cq.course_id = $1 ORDER BY cq.position`, [courseId]);
  return quizzes.map((r) => r.slug);
}

export interface QuizAttemptRow {
  id: number;
  userId: number;
  userName: string;
  userHandle: string;
  number: number;
  state: 'open' | 'submitted';
  submittedAt: Date | null;
  percent: string | null;
  passed: boolean | null;
  late: boolean;
}

export async function quizAttempts(ds: Q, quizId: number, limit = 200): Promise<QuizAttemptRow[]> {
  return rows<QuizAttemptRow>(ds,
    `SELECT a.id, a.user_id AS "userId", u.name AS "userName", u.handle AS "userHandle", a.number, a.state,
            a.submitted_at AS "submittedAt", a.percent, a.passed, a.late
       FROM academy_attempts a JOIN users u ON u.id = a.user_id
      WHERE a.quiz_id = $1 ORDER BY a.id DESC LIMIT $2`, [quizId, limit]);
}

export async function submittedResults(ds: Q, quizId: number, limit = 5000): Promise<{ passed: boolean; result: NonNullable<AttemptRow['result']> }[]> {
  return rows(ds,
    `SELECT passed, result FROM academy_attempts WHERE quiz_id = $1 AND state = 'submitted' ORDER BY id DESC LIMIT $2`, [quizId, limit]);
}

export interface FailedChapterRow {
  chapterRef: string;
  guideSlug: string;
  chapterSlug: string;
  answered: number;
  failed: number;
  failedShare: number;
}

/** Chapters whose questions are answered wrong most often (share of non-correct answers), optionally for one guide. */
export async function failedChapters(ds: Q, guideSlug?: string, limit = 20): Promise<FailedChapterRow[]> {
  return rows<FailedChapterRow>(ds,
    `SELECT q.chapter_ref AS "chapterRef", split_part(q.chapter_ref, '/', 1) AS "guideSlug", split_part(q.chapter_ref, '/', 2) AS "chapterSlug",
            count(*)::int AS answered, count(*) FILTER (WHERE r->>'outcome' <> 'correct')::int AS failed,
            round(100.0 * count(*) FILTER (WHERE r->>'outcome' <> 'correct') / count(*), 1)::float AS "failedShare"
       FROM academy_attempts a CROSS JOIN LATERAL jsonb_array_elements(a.result) r
       JOIN academy_questions q ON q.id = (r->>'questionId')::int
      WHERE a.state = 'submitted' AND q.chapter_ref IS NOT NULL AND ($1::text IS NULL OR split_part(q.chapter_ref, '/', 1) = $1)
      GROUP BY q.chapter_ref
     HAVING count(*) FILTER (WHERE r->>'outcome' <> 'correct') > 0
      ORDER BY "failedShare" DESC, failed DESC, q.chapter_ref LIMIT $2`, [guideSlug ?? null, limit]);
}

export async function userByHandle(ds: Q, handle: string): Promise<{ id: number; name: string; handle: string } | null> {
  return one(ds, `SELECT id, name, handle FROM users WHERE handle = $1 AND status = 'active'`, [handle]);
}

/** A member's attempt on the facilitators' member page, with its quiz. */
export interface MemberAttemptRow extends Omit<AttemptSummaryRow, 'deadline'> {
  quizSlug: string;
  quizTitle: string;
  quizLanguage: string;
}

export async function memberAttempts(ds: Q, userId: number): Promise<MemberAttemptRow[]> {
  return rows<MemberAttemptRow>(ds,
    `SELECT a.id, a.number, a.state, a.started_at AS "startedAt", a.submitted_at AS "submittedAt", a.percent, a.passed, a.late,
            q.slug AS "quizSlug", q.title AS "quizTitle", q.language AS "quizLanguage"
       FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id WHERE a.user_id = $1 ORDER BY a.id DESC LIMIT 500`, [userId]);
}

export async function memberCertificates(
  ds: Q, userId: number,
): Promise<{ id: string; issuedAt: Date; courseTitle: string; courseLanguage: string; revokedAt: Date | null }[]> {
  return preparedQuery(ds, 'academy-member-certificates',
    `SELECT ce.id, ce.issued_at AS "issuedAt", c.title AS "courseTitle", c.language AS "courseLanguage", b.revoked_at AS "revokedAt"
       FROM academy_certificates ce JOIN academy_courses c ON c.id = ce.course_id
       LEFT JOIN academy_badge_assertions b ON b.certificate_id = ce.id WHERE ce.user_id = $1 ORDER BY ce.issued_at DESC`, [userId]);
}

/** Guides with chapters cited by quiz questions, for the chapter statistics' filter. */
export async function citedGuides(ds: Q): Promise<{ slug: string; title: string }[]> {
  return rows(ds,
    `SELECT g.slug, g.title FROM guides g
      WHERE EXISTS (SELECT 1 FROM academy_questions q WHERE split_part(q.chapter_ref, '/', 1) = g.slug)
      ORDER BY g.title`);
}

// ---- for other modules' pages and the search index ----

/** "Passend dazu" on a guide page: courses that include the guide (five at most). */
export const relatedCourses: RelatedFinder = async (ds, guide) =>
  rows<RelatedItem>(ds,
    `SELECT 'course' AS kind, title, language, '/academy/courses/' || slug AS url FROM academy_courses
      WHERE archived_at IS NULL AND $1 = ANY(guide_slugs) ORDER BY title LIMIT 5`, [guide.slug]);

/** "Passend dazu" on a guide page: quizzes with questions that test one of its chapters (five at most). */
export const relatedQuizzes: RelatedFinder = async (ds, guide) =>
  rows<RelatedItem>(ds,
    `SELECT 'quiz' AS kind, q.title, q.language, '/academy/quizzes/' || q.slug AS url FROM academy_quizzes q
      WHERE q.archived_at IS NULL AND EXISTS (
        SELECT 1 FROM academy_questions x WHERE x.quiz_id = q.id AND x.archived_at IS NULL AND split_part(x.chapter_ref, '/', 1) = $1)
      ORDER BY q.title LIMIT 5`, [guide.slug]);

export interface CourseSearchRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  language: 'de' | 'en';
  guideSlugs: string[];
  createdAt: Date;
  updatedAt: Date;
  /** The titles of its quizzes, in order, joined by " · ". */
  quizzes: string;
}

/** The courses (not archived) among these ids, with what their search documents hold. */
export async function coursesForSearch(ds: Q, ids: number[]): Promise<CourseSearchRow[]> {
  return rows<CourseSearchRow>(ds,
    `SELECT c.id, c.slug, c.title, c.summary, c.language, c.guide_slugs AS "guideSlugs", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            coalesce((SELECT string_agg(q.title, ' · ' ORDER BY cq.position) FROM academy_course_quizzes cq
                        JOIN academy_quizzes q ON q.id = cq.quiz_id WHERE cq.course_id = c.id), '') AS quizzes
       FROM academy_courses c WHERE c.id = ANY($1) AND c.archived_at IS NULL`, [ids]);
}

// ---- privacy ----

/** Everything the academy holds about a member, for their privacy download. */
export async function personalData(ds: Q, userId: number): Promise<Record<string, unknown>> {
  return {
    attempts: await rows(ds,
      `SELECT q.slug AS quiz, a.number, a.state, a.started_at AS "startedAt", a.deadline, a.submitted_at AS "submittedAt",
              a.late, a.score, a.max_score AS "maxScore", a.percent, a.passed, a.result,
              coalesce((SELECT json_agg(json_build_object('questionId', x.question_id, 'response', x.response, 'savedAt', x.saved_at)
                                        ORDER BY x.question_id)
                          FROM academy_attempt_answers x WHERE x.attempt_id = a.id), '[]') AS answers
         FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id WHERE a.user_id = $1 ORDER BY a.id`, [userId]),
    extraAttempts: await rows(ds,
      `SELECT q.slug AS quiz, e.reason, e.created_at AS "createdAt" FROM academy_extra_attempts e
         JOIN academy_quizzes q ON q.id = e.quiz_id WHERE e.user_id = $1 ORDER BY e.id`, [userId]),
    certificates: await rows(ds,
      `SELECT ce.id, c.slug AS course, ce.recipient_name AS "recipientName", ce.issued_at AS "issuedAt"
         FROM academy_certificates ce JOIN academy_courses c ON c.id = ce.course_id WHERE ce.user_id = $1 ORDER BY ce.issued_at`, [userId]),
    badges: await rows(ds,
      `SELECT b.id, c.slug AS course, b.identity_hash AS "recipientIdentity", b.salt, b.issued_on AS "issuedOn",
              b.revoked_at AS "revokedAt", b.revocation_reason AS "revocationReason"
         FROM academy_badge_assertions b JOIN academy_courses c ON c.id = b.course_id WHERE b.user_id = $1 ORDER BY b.issued_on`, [userId]),
    // What the member did as a facilitator (the other members are not named).
    quizzesCreated: await rows(ds, `SELECT slug, title, created_at AS "createdAt" FROM academy_quizzes WHERE created_by = $1 ORDER BY id`, [userId]),
    // Translations the member saved last in the academy editor.
    quizTranslationsSaved: await rows(ds,
      `SELECT q.slug AS quiz, t.language, t.title, t.updated_at AS "updatedAt" FROM academy_quiz_translations t
         JOIN academy_quizzes q ON q.id = t.quiz_id WHERE t.updated_by_id = $1 ORDER BY q.slug, t.language`, [userId]),
    courseTranslationsSaved: await rows(ds,
      `SELECT c.slug AS course, t.language, t.title, t.updated_at AS "updatedAt" FROM academy_course_translations t
         JOIN academy_courses c ON c.id = t.course_id WHERE t.updated_by_id = $1 ORDER BY c.slug, t.language`, [userId]),
    extraAttemptsGranted: await rows(ds,
      `SELECT q.slug AS quiz, e.reason, e.created_at AS "createdAt" FROM academy_extra_attempts e
         JOIN academy_quizzes q ON q.id = e.quiz_id WHERE e.granted_by = $1 ORDER BY e.id`, [userId]),
    badgesRevoked: await rows(ds,
      `SELECT b.id, b.revocation_reason AS "reason", b.revoked_at AS "revokedAt" FROM academy_badge_assertions b
        WHERE b.revoked_by = $1 ORDER BY b.revoked_at`, [userId]),
  };
}
