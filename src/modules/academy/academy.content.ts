// `npm run content:sync` for the academy: content/academy/academy.yml lists the quizzes (settings
// + the .gift file with their questions) and the courses. The valid questions of a .gift file are
// imported; each refused item is reported with file and line (and `content:sync` exits 1), a file
// that cannot be read at all (not UTF-8, no valid question) leaves its quiz as it was. Quizzes and
// courses no longer listed are archived.
import { readFileSync, existsSync } from 'node:fs';
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
  })).default([]),
  courses: z.array(z.object({
    slug: z.string().regex(SLUG),
    title: z.string().min(3),
    summary: z.string().default(''),
    language: z.enum(['de', 'en']).default('de'),
    guides: z.array(z.string().regex(SLUG)).default([]),
    quizzes: z.array(z.string().regex(SLUG)).default([]),
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
