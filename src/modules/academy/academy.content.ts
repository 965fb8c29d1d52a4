// `npm run content:sync` for the academy: content/academy/academy.yml lists the quizzes (settings
// + the .gift file with their questions) and the courses. The valid questions of a .gift file are
// imported; each refused item is reported with file and line (and `content:sync` exits 1), a file
// that cannot be read at all (not UTF-8, no valid question) leaves its quiz as it was. Quizzes and
// courses no longer listed are archived.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { isAppError } from '../../shared/errors.js';
import { translate } from '../../shared/i18n.js';
import { contentDir } from '../../paths.js';
import type { ContentSyncReport } from '../module.js';
import { decodeUtf8, Utf8Error } from '../../shared/utf8.js';
import { archiveCourse, archiveUnlistedFileQuizzes, upsertCourse, upsertQuiz } from './authoring.service.js';
import { readQuizSource } from './authoring.model.js';
import { unlistedFileCourses } from './authoring.store.js';
import { type GiftQuestion, ParseError } from './gift.js';
import {
  removeCourseTranslation, removeQuizTranslation, TranslationMismatch, upsertCourseTranslationFromFile, upsertQuizTranslation,
} from './translations.service.js';
import { courseTranslationLanguages, translationLanguages } from './translations.store.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const manifestSchema = z.object({
  quizzes: z.array(z.object({
    slug: z.string().regex(SLUG),
    file: z.string().regex(/^[\w-]+\.gift$/),
    title: z.string().min(3),
    intro: z.string().default(''),
    language: z.enum(['de', 'en']).default('de'),
    passMark: z.number().int().min(0).max(100).default(70),
    attemptLimit: z.number().int().min(1).nullable().default(null),
    timeLimitMinutes: z.number().int().min(1).nullable().default(null),
    questionsPerPage: z.number().int().min(1).max(50).default(5),
    shuffleQuestions: z.boolean().default(true),
    shuffleAnswers: z.boolean().default(true),
    feedback: z.enum(['after_attempt', 'after_pass']).default('after_attempt'),
    /** Title and intro of the translations in `<file>.<lang>.gift` beside the quiz's file. */
    translations: z.record(z.string().regex(/^[a-z]{2}$/), z.object({
      title: z.string().min(3).max(200),
      intro: z.string().default(''),
    })).default({}),
  })).default([]),
  courses: z.array(z.object({
    slug: z.string().regex(SLUG),
    title: z.string().min(3),
    summary: z.string().default(''),
    language: z.enum(['de', 'en']).default('de'),
    guides: z.array(z.string().regex(SLUG)).default([]),
    quizzes: z.array(z.string().regex(SLUG)).default([]),
    /** Title and summary in other content languages. */
    translations: z.record(z.string().regex(/^[a-z]{2}$/), z.object({
      title: z.string().min(3).max(200),
      summary: z.string().default(''),
    })).default({}),
  })).default([]),
});

export const MANIFEST = 'academy.yml';

export async function syncAcademy(ctx: AppContext, dir = path.join(contentDir, 'academy')): Promise<ContentSyncReport> {
  const report: ContentSyncReport = { created: [], updated: [], unchanged: [], archived: [], errors: [] };
  const manifestPath = path.join(dir, MANIFEST);
  if (!existsSync(manifestPath)) return report;
  let manifest: z.infer<typeof manifestSchema>;
  try {
    const parsed = manifestSchema.safeParse(parseYaml(decodeUtf8(readFileSync(manifestPath))));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report.errors.push({ file: MANIFEST, message: `${issue.path.join('.')}: ${issue.message}` });
      return report;
    }
    manifest = parsed.data;
  } catch (e) {
    const line = e instanceof Utf8Error ? e.line : (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    report.errors.push({ file: MANIFEST, line, message: (e as Error).message });
    return report;
  }

  for (const q of manifest.quizzes) {
    const file = path.join(dir, q.file);
    let questions: GiftQuestion[];
    try {
      const read = readQuizSource(decodeUtf8(readFileSync(file)));
      questions = read.questions;
      for (const err of read.refused) report.errors.push({ file: q.file, line: err.line, message: translate('en', err.message) });
      for (const s of read.skipped) (report.notices ??= []).push({ file: q.file, line: s.line, message: translate('en', s.message) });
    } catch (e) {
      if (e instanceof ParseError) for (const err of e.errors) report.errors.push({ file: q.file, line: err.line, message: translate('en', err.message) });
      else if (e instanceof Utf8Error) report.errors.push({ file: q.file, line: e.line, message: translate('en', e.utf16 ? 'academy.gift.error.utf16' : 'academy.gift.error.notUtf8') });
      else report.errors.push({ file: q.file, message: (e as Error).message });
      continue;
    }
    if (!questions.length) continue;
    try {
      const r = await inTransaction(ctx.ds, (db) => upsertQuiz(db, {
        slug: q.slug, title: q.title, intro: q.intro, language: q.language, passMark: q.passMark, attemptLimit: q.attemptLimit,
        timeLimitMinutes: q.timeLimitMinutes, questionsPerPage: q.questionsPerPage, shuffleQuestions: q.shuffleQuestions,
        shuffleAnswers: q.shuffleAnswers, feedbackPolicy: q.feedback,
      }, questions, 'file', null));
      report[r.result].push(`quiz ${q.slug}`);
      await syncQuizTranslations(ctx, dir, q, r.id, report);
    } catch (e) {
      report.errors.push({ file: q.file, message: isAppError(e) ? translate('en', e.message) : (e as Error).message });
    }
  }
  for (const c of manifest.courses) {
    try {
      const r = await inTransaction(ctx.ds, (db) => upsertCourse(db, {
        slug: c.slug, title: c.title, summary: c.summary, language: c.language, guideSlugs: c.guides, quizSlugs: c.quizzes,
      }, 'file'));
      report[r.result].push(`course ${c.slug}`);
      await syncCourseTranslations(ctx, c, r.id, report);
    } catch (e) {
      report.errors.push({ file: MANIFEST, message: `${c.slug}: ${isAppError(e) ? translate('en', e.message) : (e as Error).message}` });
    }
  }
  // Courses that came from files and are no longer listed are archived (their certificates stay).
  const listed = manifest.courses.map((c) => c.slug);
  for (const slug of await unlistedFileCourses(ctx.ds, listed)) {
    if (await inTransaction(ctx.ds, (db) => archiveCourse(db, slug))) report.archived.push(`course ${slug}`);
  }
  const listedQuizzes = manifest.quizzes.map((q) => q.slug);
  for (const slug of await archiveUnlistedFileQuizzes(ctx, listedQuizzes)) report.archived.push(`quiz ${slug}`);
  return report;
}

type ManifestQuiz = z.infer<typeof manifestSchema>['quizzes'][number];

/** Reads a .gift file for the sync: its questions, or null with the problems reported. */
function readGiftFile(dir: string, file: string, report: ContentSyncReport): GiftQuestion[] | null {
  try {
    const read = readQuizSource(decodeUtf8(readFileSync(path.join(dir, file))));
    for (const err of read.refused) report.errors.push({ file, line: err.line, message: translate('en', err.message) });
    for (const s of read.skipped) (report.notices ??= []).push({ file, line: s.line, message: translate('en', s.message) });
    return read.refused.length ? null : read.questions;
  } catch (e) {
    if (e instanceof ParseError) for (const err of e.errors) report.errors.push({ file, line: err.line, message: translate('en', err.message) });
    else if (e instanceof Utf8Error) report.errors.push({ file, line: e.line, message: translate('en', e.utf16 ? 'academy.gift.error.utf16' : 'academy.gift.error.notUtf8') });
    else report.errors.push({ file, message: (e as Error).message });
    return null;
  }
}

/**
 * `<quiz>.<lang>.gift` beside `<quiz>.gift` is the quiz in another content language (title and
 * intro from the manifest's `translations.<lang>`). A translation with a refused item, or that does
 * not match the original's questions, is reported and left as it was; a removed file removes its
 * translation.
 */
async function syncQuizTranslations(ctx: AppContext, dir: string, q: ManifestQuiz, quizId: number, report: ContentSyncReport): Promise<void> {
  const base = q.file.replace(/\.gift$/, '');
  const pattern = new RegExp(`^${base}\\.([a-z]{2})\\.gift$`); // base is [\w-]+ (the manifest's file)
  const found = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const m = pattern.exec(name);
    if (m) found.set(m[1]!, name);
  }
  for (const [language, file] of found) {
    const label = `quiz ${q.slug} (${language})`;
    if (!ctx.config.CONTENT_LANGUAGES.includes(language)) {
      report.errors.push({ file, message: `"${language}" is not a content language (CONTENT_LANGUAGES: ${ctx.config.CONTENT_LANGUAGES.join(', ')})` });
      continue;
    }
    if (language === q.language) {
      report.errors.push({ file, message: `the quiz is already in "${language}" (language in ${MANIFEST})` });
      continue;
    }
    const header = q.translations[language];
    if (!header) {
      report.errors.push({ file, message: `no title for it: add translations.${language}.title under the quiz "${q.slug}" in ${MANIFEST}` });
      continue;
    }
    const questions = readGiftFile(dir, file, report);
    if (!questions?.length) continue;
    try {
      const result = await inTransaction(ctx.ds, (db) => upsertQuizTranslation(db, quizId, language, header, questions));
      report[result].push(label);
    } catch (e) {
      if (e instanceof TranslationMismatch) report.errors.push({ file, line: e.line, message: e.message });
      else report.errors.push({ file, message: isAppError(e) ? translate('en', e.message) : (e as Error).message });
    }
  }
  // A translation saved in the academy editor without a file stays (it has no file to be removed with).
  for (const language of await translationLanguages(ctx.ds, quizId, { fromFiles: true })) {
    if (found.has(language)) continue;
    await inTransaction(ctx.ds, (db) => removeQuizTranslation(db, quizId, language));
    report.archived.push(`quiz ${q.slug} (${language})`);
  }
  for (const language of Object.keys(q.translations)) {
    if (!found.has(language)) report.errors.push({ file: MANIFEST, message: `${q.slug}: translations.${language} without a file ${base}.${language}.gift` });
  }
}

/**
 * A course's `translations.<lang>` (title, summary) in the manifest; a language no longer listed
 * loses its translation. Outdated when the original's title or summary changes after it.
 */
async function syncCourseTranslations(
  ctx: AppContext, c: z.infer<typeof manifestSchema>['courses'][number], courseId: number, report: ContentSyncReport,
): Promise<void> {
  for (const [language, t] of Object.entries(c.translations)) {
    if (!ctx.config.CONTENT_LANGUAGES.includes(language) || language === c.language) {
      report.errors.push({ file: MANIFEST, message: `${c.slug}: translations.${language}: not another content language (CONTENT_LANGUAGES: ${ctx.config.CONTENT_LANGUAGES.join(', ')})` });
      continue;
    }
    const result = await inTransaction(ctx.ds, (db) => upsertCourseTranslationFromFile(db, courseId, { language, title: t.title, summary: t.summary }));
    report[result].push(`course ${c.slug} (${language})`);
  }
  for (const language of await courseTranslationLanguages(ctx.ds, courseId, { fromFiles: true })) {
    if (language in c.translations) continue;
    await inTransaction(ctx.ds, (db) => removeCourseTranslation(db, courseId, language));
    report.archived.push(`course ${c.slug} (${language})`);
  }
}
