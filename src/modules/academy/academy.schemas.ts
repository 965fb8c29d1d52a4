// Forms of the academy (messages are i18n keys).
import { z } from 'zod';
import { MAX_GIFT_BYTES } from './gift.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const slug = z.string().trim().toLowerCase().min(2, 'academy.form.slugInvalid').max(80, 'validation.tooLong').regex(SLUG, 'academy.form.slugInvalid');
const checkbox = z.preprocess((v) => v === '1' || v === 'on' || v === 'true' || v === true, z.boolean());
const optionalInt = (min: number, max: number, msg: string) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? null : Number(v)), z.number(msg).int(msg).min(min, msg).max(max, msg).nullable());
const int = (min: number, max: number, msg: string) => z.preprocess((v) => Number(v), z.number(msg).int(msg).min(min, msg).max(max, msg));
const slugList = z.preprocess(
  // Each slug once: a repeated one ("quiz-a, quiz-a") would be a second row for the same pair.
  (v) => [...new Set(String(v ?? '').split(/[\s,]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))],
  z.array(z.string().regex(SLUG, 'academy.form.slugListInvalid')).max(50, 'validation.tooLong'),
);

export const quizSchema = z.object({
  slug,
  title: z.string().trim().min(3, 'academy.form.titleRequired').max(200, 'validation.tooLong'),
  intro: z.string().trim().max(5000, 'validation.tooLong').default(''),
  language: z.enum(['de', 'en'], 'validation.invalid').default('de'),
  passMark: int(0, 100, 'academy.form.passMarkInvalid'),
  attemptLimit: optionalInt(1, 100, 'academy.form.attemptLimitInvalid'),
  timeLimitMinutes: optionalInt(1, 600, 'academy.form.timeLimitInvalid'),
  questionsPerPage: int(1, 50, 'academy.form.perPageInvalid'),
  shuffleQuestions: checkbox,
  shuffleAnswers: checkbox,
  feedbackPolicy: z.enum(['after_attempt', 'after_pass'], 'validation.invalid'),
  source: z.string().min(1, 'academy.form.sourceRequired').max(MAX_GIFT_BYTES, 'validation.tooLong'),
  upload: checkbox.optional(),
  /** Set by the button "import the N valid questions": confirms leaving out the refused items of this text. */
  confirm: z.string().trim().max(64, 'validation.tooLong').optional(),
});
export type QuizInput = z.infer<typeof quizSchema>;

export const courseSchema = z.object({
  slug,
  title: z.string().trim().min(3, 'academy.form.titleRequired').max(200, 'validation.tooLong'),
  summary: z.string().trim().max(5000, 'validation.tooLong').default(''),
  language: z.enum(['de', 'en'], 'validation.invalid').default('de'),
  guideSlugs: slugList,
  quizSlugs: slugList,
});
export type CourseInput = z.infer<typeof courseSchema>;

export const grantSchema = z.object({
  handle: z.string().trim().toLowerCase().min(2, 'academy.stats.handleRequired').max(30, 'validation.tooLong'),
  reason: z.string().trim().max(500, 'validation.tooLong').default(''),
});

export const revokeSchema = z.object({
  reason: z.string().trim().min(3, 'academy.badge.reasonRequired').max(500, 'validation.tooLong'),
});

/** A quiz's translation in the academy editor: title, intro and the translated GIFT text (typed, pasted or uploaded). */
export const quizTranslationSchema = z.object({
  title: z.string().trim().min(3, 'academy.form.titleRequired').max(200, 'validation.tooLong'),
  intro: z.string().trim().max(5000, 'validation.tooLong').default(''),
  source: z.string().min(1, 'academy.form.sourceRequired').max(MAX_GIFT_BYTES, 'validation.tooLong'),
  upload: checkbox.optional(),
});

/** A course's title and summary in another content language. */
export const courseTranslationSchema = z.object({
  title: z.string().trim().min(3, 'academy.form.titleRequired').max(200, 'validation.tooLong'),
  summary: z.string().trim().max(5000, 'validation.tooLong').default(''),
});
