// Academy writes: quizzes and courses (from files, upload or the editor), attempts (start, save a
// page, submit), extra attempts, certificates and badge assertions. Each runs in one transaction
// and uses only its `db`. Grading happens here, on the server, exactly once per attempt.
import { randomBytes, randomInt } from 'node:crypto';
import { sha256 } from '../../shared/identity.js';
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { addToOutbox } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { hashIdentity, newSalt } from './badges.js';
import { type GiftError, type GiftQuestion, type GiftReadResult, parseGift, ParseError, readGift } from './gift.js';
import { gradeQuiz, responseIsWellFormed, type QuestionKey, type Response } from './grading.js';
import { canManageAcademy, canSeeAttempt, type Actor } from './academy.policy.js';
import { returned } from '../../db/sql.js';

/** Submissions this long after the deadline still count as in time (network, slow clicks). */
export const GRACE_SECONDS = 30;
/** Outbox topic: close a timed attempt once its time (plus grace) has run out. */
export const CLOSE_ATTEMPT_TOPIC = 'academy.attempt.close';

export type FeedbackPolicy = 'after_attempt' | 'after_pass';

export interface QuizSettings {
  slug: string;
  title: string;
  intro: string;
  language: 'de' | 'en';
  passMark: number;
  attemptLimit: number | null;
  timeLimitMinutes: number | null;
  questionsPerPage: number;
  shuffleQuestions: boolean;
  shuffleAnswers: boolean;
  feedbackPolicy: FeedbackPolicy;
}

export interface CourseSettings {
  slug: string;
  title: string;
  summary: string;
  language: 'de' | 'en';
  guideSlugs: string[];
  quizSlugs: string[];
}

export const newChoiceId = () => randomBytes(5).toString('hex');

/** Parses GIFT with random choice ids (so ids never hint at the authored order); all or nothing. */
export function parseQuizSource(source: string): GiftQuestion[] {
  return parseGift(source, { newId: () => newChoiceId() });
}

/** Reads GIFT item by item with random choice ids: the questions, the refused and the skipped items. */
export function readQuizSource(source: string): GiftReadResult {
  return readGift(source, { newId: () => newChoiceId() });
}

/**
 * What a facilitator sends to say "import the valid questions of exactly this text". Line breaks
 * are normalised (browsers send a textarea with CRLF and drop its leading line breaks).
 */
export function giftConfirmToken(source: string): string {
  return sha256(source.replace(/\r\n?/g, '\n').replace(/^\n+/, '')).slice(0, 32);
}

/** The questions without ids or lines: equal signatures mean nothing changed. */
export function questionsSignature(questions: GiftQuestion[]): string {
  const plain = questions.map((q) => ({
    kind: q.kind, title: q.title, text: q.text, points: q.points, explanation: q.explanation, chapterRef: q.chapterRef,
    partialCredit: q.partialCredit, choices: q.choices.map(({ id: _id, ...c }) => c), accepted: q.accepted, ranges: q.ranges,
  }));
  return sha256(JSON.stringify(plain));
}

export interface QuestionRow {
  id: number;
  kind: QuestionKey['kind'];
  points: string | number;
  partialCredit: boolean;
  choices: QuestionKey['choices'];
  accepted: NonNullable<QuestionKey['accepted']>;
  ranges: NonNullable<QuestionKey['ranges']>;
}

export const keyOf = (q: QuestionRow): QuestionKey => ({
  kind: q.kind, points: Number(q.points), partialCredit: q.partialCredit, choices: q.choices, accepted: q.accepted, ranges: q.ranges,
});

const QUESTION_COLUMNS = `id, kind, points, partial_credit AS "partialCredit", choices, accepted, ranges`;

async function insertQuestions(db: Db, quizId: number, questions: GiftQuestion[]): Promise<void> {
  let position = 0;
  for (const q of questions) {
    await db.query(
      `INSERT INTO academy_questions (quiz_id, position, kind, title, text, text_html, points, explanation, explanation_html,
                                      chapter_ref, partial_credit, choices, accepted, ranges)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [quizId, position++, q.kind, q.title, q.text, renderMarkdown(q.text, 'source'), q.points, q.explanation,
        q.explanation ? renderMarkdown(q.explanation, 'source') : '', q.chapterRef, q.partialCredit,
        JSON.stringify(q.choices), JSON.stringify(q.accepted), JSON.stringify(q.ranges)],
    );
  }
}

export type UpsertResult = 'created' | 'updated' | 'unchanged';

/**
 * Creates or updates a quiz and, when they changed, replaces its questions. Replaced questions are
 * archived, not deleted: attempts keep pointing at the questions they were shown.
 */
export async function upsertQuiz(
  db: Db, s: QuizSettings, questions: GiftQuestion[], source: 'app' | 'file' | 'upload', actorId: number | null,
): Promise<{ id: number; result: UpsertResult }> {
  if (!questions.length) throw invalid('academy.quiz.noQuestions', { source: 'academy.quiz.noQuestions' });
  const hash = sha256(questionsSignature(questions) + JSON.stringify(s));
  const [existing] = await db.query(`SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt" FROM academy_quizzes WHERE slug = $1 FOR UPDATE`, [s.slug]);
  const values = [s.title, s.intro, s.language, s.passMark, s.attemptLimit, s.timeLimitMinutes, s.questionsPerPage,
    s.shuffleQuestions, s.shuffleAnswers, s.feedbackPolicy, source, hash];
  if (!existing) {
    const [row] = await db.query(
      `INSERT INTO academy_quizzes (title, intro, language, pass_mark, attempt_limit, time_limit_minutes, questions_per_page,
                                    shuffle_questions, shuffle_answers, feedback_policy, source, content_hash, slug, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`, [...values, s.slug, actorId]);
    await insertQuestions(db, row.id, questions);
    return { id: row.id, result: 'created' };
  }
  if (existing.contentHash === hash && !existing.archivedAt) return { id: existing.id, result: 'unchanged' };
  await db.query(
    `UPDATE academy_quizzes SET title = $1, intro = $2, language = $3, pass_mark = $4, attempt_limit = $5, time_limit_minutes = $6,
            questions_per_page = $7, shuffle_questions = $8, shuffle_answers = $9, feedback_policy = $10, source = $11,
            content_hash = $12, archived_at = NULL, updated_at = now() WHERE id = $13`, [...values, existing.id]);
  const current = await db.query(
    `SELECT kind, title, text, points::float AS points, explanation, chapter_ref AS "chapterRef", partial_credit AS "partialCredit",
            choices, accepted, ranges FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [existing.id]);
  if (questionsSignature(current) !== questionsSignature(questions)) {
    await db.query(`UPDATE academy_questions SET archived_at = now() WHERE quiz_id = $1 AND archived_at IS NULL`, [existing.id]);
    await insertQuestions(db, existing.id, questions);
  }
  for (const c of await db.query(`SELECT course_id FROM academy_course_quizzes WHERE quiz_id = $1`, [existing.id])) {
    await queueSearchIndex(db, 'course', c.course_id);
  }
  return { id: existing.id, result: 'updated' };
}

export async function upsertCourse(db: Db, c: CourseSettings, source: 'app' | 'file'): Promise<{ id: number; result: UpsertResult }> {
  const quizzes: { id: number; slug: string }[] = c.quizSlugs.length
    ? await db.query(`SELECT id, slug FROM academy_quizzes WHERE slug = ANY($1) AND archived_at IS NULL`, [c.quizSlugs])
    : [];
  const missing = c.quizSlugs.filter((s) => !quizzes.some((q) => q.slug === s));
  if (missing.length) throw invalid('academy.course.unknownQuiz', { quizSlugs: 'academy.course.unknownQuiz' });
  const hash = sha256(JSON.stringify(c));
  const [existing] = await db.query(`SELECT id, content_hash AS "contentHash", archived_at AS "archivedAt" FROM academy_courses WHERE slug = $1 FOR UPDATE`, [c.slug]);
  if (existing && existing.contentHash === hash && !existing.archivedAt) return { id: existing.id, result: 'unchanged' };
  const values = [c.title, c.summary, renderMarkdown(c.summary, 'summary'), c.language, c.guideSlugs, source, hash];
  let id: number;
  if (existing) {
    id = existing.id;
    await db.query(`UPDATE academy_courses SET title = $1, summary = $2, summary_html = $3, language = $4, guide_slugs = $5, source = $6,
                    content_hash = $7, archived_at = NULL, updated_at = now() WHERE id = $8`, [...values, id]);
    await db.query(`DELETE FROM academy_course_quizzes WHERE course_id = $1`, [id]);
  } else {
    [{ id }] = await db.query(`INSERT INTO academy_courses (title, summary, summary_html, language, guide_slugs, source, content_hash, slug)
                              VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [...values, c.slug]);
  }
  let position = 0;
  for (const slug of c.quizSlugs) {
    await db.query(`INSERT INTO academy_course_quizzes (course_id, quiz_id, position) VALUES ($1, $2, $3)`,
      [id, quizzes.find((q) => q.slug === slug)!.id, position++]);
  }
  await queueSearchIndex(db, 'course', id);
  return { id, result: existing ? 'updated' : 'created' };
}

export async function archiveCourse(db: Db, slug: string): Promise<boolean> {
  const rows = await db.query(`UPDATE academy_courses SET archived_at = now() WHERE slug = $1 AND archived_at IS NULL RETURNING id`, [slug]);
  const archived = returned<{ id: number }>(rows);
  for (const r of archived) await queueSearchIndex(db, 'course', r.id);
  return archived.length > 0;
}

/**
 * Reads the GIFT text of the form. Any refused item makes it a 422 (the form lists them), unless
 * the facilitator confirmed importing the valid questions of exactly this text (`confirm`).
 */
function readForForm(source: string, confirm: string | undefined): GiftReadResult {
  let read: GiftReadResult;
  try {
    read = readQuizSource(source);
  } catch (e) {
    if (e instanceof ParseError) throw invalid('academy.gift.refused', { source: 'academy.gift.refused' });
    throw e;
  }
  if (!read.refused.length) return read;
  if (confirm && confirm !== giftConfirmToken(source)) throw invalid('academy.gift.confirmStale', { source: 'academy.gift.confirmStale' });
  if (!confirm || !read.questions.length) throw invalid('academy.gift.refused', { source: 'academy.gift.refused' });
  return read;
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
  const { questions, refused, skipped } = readForForm(source, confirm);
  return inTransaction(ctx.ds, async (db) => {
    const [taken] = await db.query(`SELECT 1 FROM academy_quizzes WHERE slug = $1`, [s.slug]);
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
    const [taken] = await db.query(`SELECT 1 FROM academy_courses WHERE slug = $1`, [c.slug]);
    if (mode === 'create' && taken) throw conflict('academy.course.slugTaken', { slug: 'academy.course.slugTaken' });
    if (mode === 'edit' && !taken) throw notFound();
    const r = await upsertCourse(db, c, 'app');
    await recordAudit(db, { actorId: actor.id, action: `academy.course.${mode}`, subjectType: 'academy_course', subjectId: r.id });
    return r;
  });
}

// ---- attempts ----

export interface LayoutItem {
  questionId: number;
  /** Display order of the choices for this attempt (for ordering: the starting order). */
  choiceIds: string[];
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function buildLayout(questions: QuestionRow[], shuffleQuestions: boolean, shuffleAnswers: boolean): LayoutItem[] {
  const ordered = shuffleQuestions ? shuffle(questions) : questions;
  return ordered.map((q) => {
    let ids = q.choices.map((c) => c.id);
    if (q.kind === 'ordering') {
      // Never show the items in the right order: that would give the answer away.
      const right = [...q.choices].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => c.id);
      do ids = shuffle(ids); while (ids.length > 1 && ids.every((id, i) => id === right[i]));
    } else if (q.kind !== 'truefalse' && shuffleAnswers) {
      ids = shuffle(ids);
    }
    return { questionId: q.id, choiceIds: ids };
  });
}

interface AttemptRow {
  id: number;
  quizId: number;
  userId: number;
  state: 'open' | 'submitted';
  layout: LayoutItem[];
  deadline: Date | null;
  passMark: number;
  questionsPerPage: number;
}

const ATTEMPT_FOR_UPDATE = `
  SELECT a.id, a.quiz_id AS "quizId", a.user_id AS "userId", a.state, a.layout, a.deadline,
         q.pass_mark AS "passMark", q.questions_per_page AS "questionsPerPage"
    FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id
   WHERE a.id = $1 FOR UPDATE OF a`;

/** True when the deadline plus grace has passed (by the database clock). */
async function overdue(db: Db, attemptId: number): Promise<boolean> {
  const [row] = await db.query(
    `SELECT deadline IS NOT NULL AND now() > deadline + make_interval(secs => $2) AS overdue FROM academy_attempts WHERE id = $1`,
    [attemptId, GRACE_SECONDS]);
  return !!row?.overdue;
}

/** Grades on what is saved and closes the attempt; a conditional UPDATE makes it happen once. */
async function gradeAndClose(db: Db, a: AttemptRow, late: boolean): Promise<{ passed: boolean }> {
  const questions: QuestionRow[] = await db.query(`SELECT ${QUESTION_COLUMNS} FROM academy_questions WHERE id = ANY($1)`, [a.layout.map((l) => l.questionId)]);
  const byId = new Map(questions.map((q) => [q.id, q]));
  // Only answers saved by the deadline plus grace count.
  const answers: { questionId: number; response: Response }[] = await db.query(
    `SELECT question_id AS "questionId", response FROM academy_attempt_answers
      WHERE attempt_id = $1 AND ($2::timestamptz IS NULL OR saved_at <= $2::timestamptz + make_interval(secs => $3))`,
    [a.id, a.deadline, GRACE_SECONDS]);
  const responseOf = new Map(answers.map((x) => [x.questionId, x.response]));
  const items = a.layout.filter((l) => byId.has(l.questionId));
  const keys = items.map((l) => keyOf(byId.get(l.questionId)!));
  const responses = items.map((l) => responseOf.get(l.questionId));
  const result = gradeQuiz(keys, responses, a.passMark);
  const perQuestion = items.map((l, i) => ({ questionId: l.questionId, ...result.perQuestion[i]!, response: responses[i] ?? null }));
  const updated = await db.query(
    `UPDATE academy_attempts SET state = 'submitted', submitted_at = now(), late = $2, score = $3, max_score = $4, percent = $5,
            passed = $6, result = $7 WHERE id = $1 AND state = 'open' RETURNING id`,
    [a.id, late, result.score, result.max, result.percent, result.passed, JSON.stringify(perQuestion)]);
  const rows = Array.isArray(updated[0]) ? updated[0] : updated;
  if (!rows.length) throw conflict('academy.attempt.alreadySubmitted');
  return { passed: result.passed };
}

/** Attempts whose time ran out without a submission are graded on what was saved. */
async function closeOverdue(db: Db, quizId: number, userId: number): Promise<void> {
  const ids = await db.query(
    `SELECT id FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2 AND state = 'open'
        AND deadline IS NOT NULL AND now() > deadline + make_interval(secs => $3)`, [quizId, userId, GRACE_SECONDS]);
  for (const { id } of ids) {
    const [a] = await db.query(ATTEMPT_FOR_UPDATE, [id]);
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
    const [a]: AttemptRow[] = await db.query(ATTEMPT_FOR_UPDATE, [attemptId]);
    if (!a || a.state !== 'open' || !a.deadline) return 'notOpen';
    if (!(await overdue(db, a.id))) {
      const [{ wait }] = await db.query(
        `SELECT greatest(0, ceil(extract(epoch FROM deadline + make_interval(secs => $2) - now())))::int AS wait FROM academy_attempts WHERE id = $1`,
        [a.id, GRACE_SECONDS]);
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
  const rows: { id: number }[] = await ctx.ds.query(
    `SELECT id FROM academy_attempts WHERE state = 'open' AND deadline IS NOT NULL AND now() > deadline + make_interval(secs => $1)
      ORDER BY deadline LIMIT $2`, [GRACE_SECONDS, limit]);
  let closed = 0;
  for (const { id } of rows) if ((await closeExpiredAttempt(ctx, id)) === 'closed') closed++;
  return closed;
}

export async function attemptsAllowed(db: Db, quizId: number, userId: number, limit: number | null): Promise<number | null> {
  if (limit === null) return null;
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM academy_extra_attempts WHERE quiz_id = $1 AND user_id = $2`, [quizId, userId]);
  return limit + n;
}

/** Starts an attempt (or returns the open one). Beyond the limit: 409. */
export async function startAttempt(ctx: AppContext, actor: Actor, quizSlug: string): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const [quiz] = await db.query(
      `SELECT id, attempt_limit AS "attemptLimit", time_limit_minutes AS "timeLimitMinutes", shuffle_questions AS "shuffleQuestions",
              shuffle_answers AS "shuffleAnswers" FROM academy_quizzes WHERE slug = $1 AND archived_at IS NULL`, [quizSlug]);
    if (!quiz) throw notFound();
    // One start at a time per member and quiz, so two tabs cannot both slip under the limit.
    await db.query(`SELECT pg_advisory_xact_lock($1, $2)`, [quiz.id, actor.id]);
    await closeOverdue(db, quiz.id, actor.id);
    const [open] = await db.query(`SELECT id FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2 AND state = 'open'`, [quiz.id, actor.id]);
    if (open) return open.id;
    const [{ used, last }] = await db.query(
      `SELECT count(*)::int AS used, coalesce(max(number), 0) AS last FROM academy_attempts WHERE quiz_id = $1 AND user_id = $2`, [quiz.id, actor.id]);
    const allowed = await attemptsAllowed(db, quiz.id, actor.id, quiz.attemptLimit);
    if (allowed !== null && used >= allowed) throw conflict('academy.attempt.limitReached');
    const questions: QuestionRow[] = await db.query(
      `SELECT ${QUESTION_COLUMNS} FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NULL ORDER BY position`, [quiz.id]);
    if (!questions.length) throw conflict('academy.quiz.noQuestions');
    const layout = buildLayout(questions, quiz.shuffleQuestions, quiz.shuffleAnswers);
    const [row] = await db.query(
      `INSERT INTO academy_attempts (quiz_id, user_id, number, layout, deadline)
       VALUES ($1, $2, $3, $4, CASE WHEN $5::int IS NULL THEN NULL ELSE now() + make_interval(mins => $5::int) END) RETURNING id`,
      [quiz.id, actor.id, last + 1, JSON.stringify(layout), quiz.timeLimitMinutes]);
    // A timed attempt closes itself when the time is up, whether or not the learner comes back:
    // a delayed outbox row, due just after the deadline plus grace (see closeExpiredAttempt).
    if (quiz.timeLimitMinutes !== null) {
      await addToOutbox(db, CLOSE_ATTEMPT_TOPIC, { attemptId: row.id }, {
        key: `academy-attempt:${row.id}`, delaySeconds: quiz.timeLimitMinutes * 60 + GRACE_SECONDS + 1,
      });
    }
    return row.id;
  });
}

export const pageCount = (layout: LayoutItem[], perPage: number) => Math.max(1, Math.ceil(layout.length / perPage));
export const pageItems = (layout: LayoutItem[], perPage: number, page: number) => layout.slice((page - 1) * perPage, page * perPage);

const asList = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * Reads the responses of one page from the form. Unknown questions or choice ids are refused (422):
 * nothing is saved. An incomplete ordering is skipped (reported back) rather than guessed.
 */
export function responsesFromForm(
  fields: Record<string, unknown>, items: LayoutItem[], keys: Map<number, QuestionKey>,
): { responses: Map<number, Response | null>; incomplete: number[] } {
  const onPage = new Set(items.map((i) => i.questionId));
  for (const name of Object.keys(fields)) {
    const m = /^q(\d+)(?:-|$)/.exec(name);
    if (m && !onPage.has(Number(m[1]))) throw invalid('academy.attempt.tampered');
  }
  const responses = new Map<number, Response | null>();
  const incomplete: number[] = [];
  for (const item of items) {
    const key = keys.get(item.questionId)!;
    const name = `q${item.questionId}`;
    let r: Response | null;
    if (key.kind === 'short' || key.kind === 'numeric') {
      const list = asList(fields[name]);
      if (list.length > 1) throw invalid('academy.attempt.tampered');
      const text = (list[0] ?? '').slice(0, 500);
      r = text.trim() ? { text } : null;
    } else if (key.kind === 'ordering') {
      const positions = item.choiceIds.map((id) => asList(fields[`${name}-${id}`])[0] ?? '');
      const extra = Object.keys(fields).filter((f) => f.startsWith(`${name}-`) && !item.choiceIds.includes(f.slice(name.length + 1)));
      if (extra.length) throw invalid('academy.attempt.tampered');
      if (positions.every((p) => p === '')) r = null;
      else {
        const nums = positions.map(Number);
        const n = item.choiceIds.length;
        if (!nums.every((x) => Number.isInteger(x) && x >= 1 && x <= n) || new Set(nums).size !== n) {
          incomplete.push(item.questionId);
          continue;
        }
        r = { choiceIds: item.choiceIds.map((id, i) => ({ id, p: nums[i]! })).sort((a, b) => a.p - b.p).map((x) => x.id) };
      }
    } else {
      const ids = asList(fields[name]);
      r = ids.length ? { choiceIds: ids } : null;
    }
    if (r && !responseIsWellFormed(key, r)) throw invalid('academy.attempt.tampered');
    responses.set(item.questionId, r);
  }
  return { responses, incomplete };
}

/**
 * Locks the member's own attempt. Null when the time ran out and the attempt was closed for it (by
 * the worker, before the learner came back): the caller answers as it does for a late request.
 * Otherwise an attempt that is no longer open is a second submission (409).
 */
async function lockOwnOpenAttempt(db: Db, actor: Actor, attemptId: number): Promise<AttemptRow | null> {
  const [a]: AttemptRow[] = await db.query(ATTEMPT_FOR_UPDATE, [attemptId]);
  if (!a || a.userId !== actor.id) throw notFound();
  if (a.state !== 'open') {
    if (await overdue(db, a.id)) return null;
    throw conflict('academy.attempt.alreadySubmitted');
  }
  return a;
}

async function storePage(db: Db, a: AttemptRow, page: number, fields: Record<string, unknown>): Promise<number[]> {
  const items = pageItems(a.layout, a.questionsPerPage, page);
  if (!items.length) throw notFound();
  const questions: QuestionRow[] = await db.query(`SELECT ${QUESTION_COLUMNS} FROM academy_questions WHERE id = ANY($1)`, [items.map((i) => i.questionId)]);
  const keys = new Map(questions.map((q) => [q.id, keyOf(q)]));
  const { responses, incomplete } = responsesFromForm(fields, items, keys);
  for (const [questionId, r] of responses) {
    if (r === null) await db.query(`DELETE FROM academy_attempt_answers WHERE attempt_id = $1 AND question_id = $2`, [a.id, questionId]);
    else {
      await db.query(
        `INSERT INTO academy_attempt_answers (attempt_id, question_id, response) VALUES ($1, $2, $3)
         ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = EXCLUDED.response, saved_at = now()`,
        [a.id, questionId, JSON.stringify(r)]);
    }
  }
  return incomplete;
}

export type SaveOutcome = { kind: 'saved'; incomplete: number[] } | { kind: 'timeUp' };

/** Saves one page's answers. After the deadline (plus grace) nothing is saved and the attempt is closed. */
export async function saveAnswers(ctx: AppContext, actor: Actor, attemptId: number, page: number, fields: Record<string, unknown>): Promise<SaveOutcome> {
  return inTransaction(ctx.ds, async (db) => {
    const a = await lockOwnOpenAttempt(db, actor, attemptId);
    if (!a) return { kind: 'timeUp' as const };
    if (await overdue(db, a.id)) {
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
    if (!a) {
      const [{ passed }] = await db.query(`SELECT coalesce(passed, false) AS passed FROM academy_attempts WHERE id = $1`, [attemptId]);
      return { late: true, passed };
    }
    const late = await overdue(db, a.id);
    if (!late && last) await storePage(db, a, last.page, last.fields);
    const { passed } = await gradeAndClose(db, a, late);
    if (passed) await completeCourses(db, a.userId, a.quizId);
    return { late, passed };
  });
}

/** Issues the certificate and badge assertion of every course this pass completes (idempotent). */
async function completeCourses(db: Db, userId: number, quizId: number): Promise<void> {
  const courses = await db.query(
    `SELECT c.id, c.slug, c.title, c.language FROM academy_courses c JOIN academy_course_quizzes cq ON cq.course_id = c.id
      WHERE cq.quiz_id = $1 AND c.archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM academy_course_quizzes cq2
                         WHERE cq2.course_id = c.id
                           AND NOT EXISTS (SELECT 1 FROM academy_attempts a WHERE a.quiz_id = cq2.quiz_id AND a.user_id = $2 AND a.passed))`,
    [quizId, userId]);
  if (!courses.length) return;
  const [user] = await db.query(`SELECT name, email FROM users WHERE id = $1`, [userId]);
  for (const c of courses) {
    const inserted = await db.query(
      `INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, $3)
       ON CONFLICT (course_id, user_id) DO NOTHING RETURNING id`, [c.id, userId, user.name]);
    const rows = Array.isArray(inserted[0]) ? inserted[0] : inserted;
    if (!rows.length) continue;
    const salt = newSalt();
    await db.query(
      `INSERT INTO academy_badge_assertions (certificate_id, course_id, user_id, identity_hash, salt) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`, [rows[0].id, c.id, userId, hashIdentity(user.email, salt), salt]);
    await notify(db, { userId, kind: 'academy.certificate', title: c.title, language: c.language, url: `/academy/certificates/${rows[0].id}`, subjectType: 'academy_course', subjectId: c.id });
  }
}

// ---- facilitators ----

export async function grantExtraAttempt(ctx: AppContext, actor: Actor, quizSlug: string, userId: number, reason: string): Promise<void> {
  if (!canManageAcademy(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const [quiz] = await db.query(`SELECT id, title, language FROM academy_quizzes WHERE slug = $1`, [quizSlug]);
    const [user] = await db.query(`SELECT id FROM users WHERE id = $1 AND status = 'active'`, [userId]);
    if (!quiz || !user) throw notFound();
    await db.query(`INSERT INTO academy_extra_attempts (quiz_id, user_id, granted_by, reason) VALUES ($1, $2, $3, $4)`, [quiz.id, userId, actor.id, reason]);
    await recordAudit(db, { actorId: actor.id, action: 'academy.attempt.grant', subjectType: 'user', subjectId: userId, reason, details: { quiz: quiz.title } });
    // People read the quiz's title, not its slug.
    await notify(db, { userId, kind: 'academy.extraAttempt', title: quiz.title, language: quiz.language, url: `/academy/quizzes/${quizSlug}`, actorId: actor.id, subjectType: 'academy_quiz', subjectId: quiz.id });
  });
}

export async function revokeAssertion(ctx: AppContext, actor: Actor, assertionId: string, reason: string): Promise<void> {
  if (!canManageAcademy(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const rows = await db.query(
      `UPDATE academy_badge_assertions SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
        WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [assertionId, actor.id, reason]);
    if (!returned(rows).length) {
      const [exists] = await db.query(`SELECT 1 FROM academy_badge_assertions WHERE id = $1`, [assertionId]);
      if (!exists) throw notFound();
      throw conflict('academy.badge.alreadyRevoked');
    }
    await recordAudit(db, { actorId: actor.id, action: 'academy.badge.revoke', subjectType: 'academy_badge_assertion', subjectId: assertionId, reason });
  });
}

export { canSeeAttempt };
