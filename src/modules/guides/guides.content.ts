// Guides from files: content/guides/<slug>/guide.md (front matter: title, summary, tags, owner,
// reviewIntervalMonths, language, order) plus one Markdown file per chapter (NN-<name>.md with front
// matter `title`, optional `slug`), in file-name order. See docs/guides.md.
// Translations sit side by side: guide.en.md (title, summary) and 01-ziele.en.md next to 01-ziele.md;
// they become the guide's translation into that language (a guide row of its own, reviewed alike).
//
// The sync is idempotent by slug: a content hash of the directory decides whether anything changed;
// a change becomes a revision that goes through review (published at once with --publish); a
// removed directory archives its guide; a malformed file is refused with file, line and reason.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import type { Db } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir, projectRoot } from '../../paths.js';
import { isAppError } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { decodeUtf8, Utf8Error } from '../../shared/utf8.js';
import type { ContentSyncOptions, ContentSyncReport } from '../module.js';
import { RESERVED_CHAPTER_SLUGS, RESERVED_GUIDE_SLUGS, sameContent, sha256, type GuideSnapshot, type SnapshotChapter } from './guides.model.js';
import { archive, lockGuide, proposeRevision, publishRevision, workingSnapshot } from './guides.store.js';
import * as store from './content.store.js';
import * as tstore from './translations.store.js';

export const DEFAULT_GUIDES_ROOT = path.join(contentDir, 'guides');

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface FileError {
  file: string;
  line?: number;
  message: string;
}

class FileProblem extends Error {
  constructor(readonly file: string, readonly line: number | undefined, message: string) {
    super(message);
  }
}

const guideMeta = z.object({
  title: z.string().trim().min(3, 'must be at least 3 characters').max(200),
  summary: z.string().trim().min(1, 'is required').max(1000),
  tags: z.array(z.string().trim().toLowerCase().regex(/^[\p{L}\p{N}-]{1,40}$/u, 'tags are words or-with-hyphens')).max(12).default([]),
  owner: z.string().trim().min(1, 'is required (a member handle)'),
  reviewIntervalMonths: z.number('must be a number of months').int().min(1).max(60).default(12),
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code (one of CONTENT_LANGUAGES)').default('de'),
  order: z.number().int().min(0).max(100000).default(100),
}).strict();

const translationMeta = z.object({
  title: z.string().trim().min(3, 'must be at least 3 characters').max(200),
  summary: z.string().trim().min(1, 'is required').max(1000),
}).strict();

/** `01-ziele.en.md` → language "en" (a translation file); `01-ziele.md` → null. */
const TRANSLATION_FILE = /\.([a-z]{2})\.md$/;
export const translationLanguageOf = (name: string): string | null => TRANSLATION_FILE.exec(name)?.[1] ?? null;

const chapterMeta = z.object({
  title: z.string().trim().min(2, 'must be at least 2 characters').max(200),
  slug: z.string().regex(SLUG, 'must be lowercase words joined by hyphens')
    .refine((s) => !RESERVED_CHAPTER_SLUGS.includes(s), 'is reserved').optional(),
}).strict();

interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Line (1-based) of a front-matter key, for messages. */
  lineOf(key: string | undefined): number;
}

/** Splits `---\nYAML\n---\nbody`, reporting YAML errors with their line in the file. */
export function readFrontMatter(text: string, file: string): FrontMatter {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  if (lines[0]?.trim() !== '---') throw new FileProblem(file, 1, 'front matter missing: the file must start with a line "---"');
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) throw new FileProblem(file, 1, 'front matter not closed: no second line "---"');
  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw new FileProblem(file, (err.linePos?.[0].line ?? 0) + 1, `YAML: ${err.message.split('\n')[0]}`);
  const data = doc.toJS() as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new FileProblem(file, 2, 'front matter must be a set of "key: value" lines');
  return {
    data: data as Record<string, unknown>,
    body: lines.slice(end + 1).join('\n').replace(/^\n+/, ''),
    lineOf(key) {
      if (!key || !isMap(doc.contents)) return 1;
      const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
      const offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      return offset === undefined ? 1 : lineCounter.linePos(offset).line + 1;
    },
  };
}

function check<T>(schema: z.ZodType<T>, fm: FrontMatter, file: string): T {
  const parsed = schema.safeParse(fm.data);
  if (parsed.success) return parsed.data;
  // A misspelt key explains a "missing" one: report it first.
  const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0] === undefined ? undefined : String(issue.path[0]);
  const what = issue.code === 'unrecognized_keys' ? `unknown key "${key}"`
    : fm.data[key ?? ''] === undefined && key ? `"${key}" is required` : `"${key}" ${issue.message}`;
  return (() => { throw new FileProblem(file, fm.lineOf(key), what); })();
}

export interface ParsedGuide {
  slug: string;
  hash: string;
  owner: string;
  ownerLine: number;
  snapshot: Omit<GuideSnapshot, 'ownerId'>;
  /** Chapter file name → the chapter's uid (a translation file finds its original chapter by name). */
  chapterUids: Record<string, string>;
}

export interface ParsedTranslation {
  language: string;
  hash: string;
  snapshot: Omit<GuideSnapshot, 'ownerId'>;
}

/** One chapter file; `uid` given for a translation (its original chapter's), else derived from the slug. */
function parseChapter(name: string, text: string, file: string, before: SnapshotChapter[], uid: string | null): SnapshotChapter {
  const cfm = readFrontMatter(text, file);
  const cm = check(chapterMeta, cfm, file);
  const chapterSlug = cm.slug ?? name.replace(/(\.[a-z]{2})?\.md$/, '').replace(/^\d+[-_]/, '').toLowerCase();
  if (!SLUG.test(chapterSlug) || RESERVED_CHAPTER_SLUGS.includes(chapterSlug)) {
    throw new FileProblem(file, undefined, `chapter slug "${chapterSlug}" from the file name is not usable; set "slug:" in the front matter`);
  }
  if (before.some((c) => c.slug === chapterSlug)) throw new FileProblem(file, cfm.lineOf('slug'), `chapter slug "${chapterSlug}" is used twice`);
  let html: string;
  try {
    html = renderMarkdown(cfm.body, 'body');
  } catch (err) {
    const bodyLine = text.split('\n').findIndex((l, i) => i > 0 && l.trim() === '---') + 2;
    throw new FileProblem(file, bodyLine, `Markdown refused: ${isAppError(err) ? err.message : 'cannot be rendered'}`);
  }
  return { uid: uid ?? `file:${chapterSlug}`, slug: chapterSlug, title: cm.title, source: cfm.body, html, sourceUrl: null, sourceTitle: null };
}

/**
 * The translations in a guide directory: guide.<lang>.md (title, summary) and <chapter>.<lang>.md
 * beside each chapter file. Chapters without a translation file are left out (readers get the
 * original chapter there). Languages must be content languages (CONTENT_LANGUAGES).
 */
export function parseGuideTranslations(dir: string, label: string, original: ParsedGuide, languages: readonly string[]): ParsedTranslation[] {
  const names = readdirSync(dir).filter((n) => translationLanguageOf(n)).sort();
  const byLanguage = new Map<string, string[]>();
  for (const n of names) byLanguage.set(translationLanguageOf(n)!, [...(byLanguage.get(translationLanguageOf(n)!) ?? []), n]);
  const out: ParsedTranslation[] = [];
  for (const [language, files] of byLanguage) {
    const guideFile = `${label}/guide.${language}.md`;
    if (!languages.includes(language)) throw new FileProblem(`${label}/${files[0]}`, undefined, `"${language}" is not a content language (CONTENT_LANGUAGES: ${languages.join(', ')})`);
    if (language === original.snapshot.language) throw new FileProblem(`${label}/${files[0]}`, undefined, `the guide is written in "${language}" already`);
    if (!files.includes(`guide.${language}.md`)) throw new FileProblem(guideFile, undefined, 'missing: a translation needs its guide file with title and summary');
    const texts = files.map((n) => [n, readText(path.join(dir, n), `${label}/${n}`)] as const);
    const fm = readFrontMatter(texts.find(([n]) => n === `guide.${language}.md`)![1], guideFile);
    const meta = check(translationMeta, fm, guideFile);
    const chapters: SnapshotChapter[] = [];
    // In the original's order, whatever the translated file names say.
    for (const [originalName, uid] of Object.entries(original.chapterUids)) {
      const name = originalName.replace(/\.md$/, `.${language}.md`);
      const text = texts.find(([n]) => n === name)?.[1];
      if (text !== undefined) chapters.push(parseChapter(name, text, `${label}/${name}`, chapters, uid));
    }
    const stray = files.find((n) => n !== `guide.${language}.md` && !(n.replace(`.${language}.md`, '.md') in original.chapterUids));
    if (stray) throw new FileProblem(`${label}/${stray}`, undefined, `no original chapter "${stray.replace(`.${language}.md`, '.md')}" beside it`);
    out.push({ language, hash: sha256(JSON.stringify(texts)), snapshot: { ...original.snapshot, title: meta.title, summary: meta.summary, language, chapters } });
  }
  return out;
}

/** A content file as text; invalid UTF-8 is refused with its line rather than silently replaced. */
function readText(file: string, label: string): string {
  try {
    return decodeUtf8(readFileSync(file));
  } catch (err) {
    if (err instanceof Utf8Error) throw new FileProblem(label, err.line, err.utf16 ? 'the file is UTF-16; save it as UTF-8' : 'not valid UTF-8 (first invalid byte in this line); save it as UTF-8');
    throw err;
  }
}

/** Reads one guide directory. Throws FileProblem for the first malformed file. */
export function parseGuideDir(dir: string, label: string): ParsedGuide {
  const slug = path.basename(dir);
  if (!SLUG.test(slug) || RESERVED_GUIDE_SLUGS.includes(slug)) throw new FileProblem(label, undefined, 'the directory name is the slug: lowercase words joined by hyphens');
  const names = readdirSync(dir).filter((n) => n.endsWith('.md') && !translationLanguageOf(n)).sort();
  if (!names.includes('guide.md')) throw new FileProblem(`${label}/guide.md`, undefined, 'missing: every guide directory needs a guide.md');
  const texts = names.map((n) => [n, readText(path.join(dir, n), `${label}/${n}`)] as const);
  const hash = sha256(JSON.stringify(texts));
  const guideFile = `${label}/guide.md`;
  const fm = readFrontMatter(texts.find(([n]) => n === 'guide.md')![1], guideFile);
  const meta = check(guideMeta, fm, guideFile);
  const chapters: SnapshotChapter[] = [];
  const files: Record<string, string> = {};
  for (const [name, text] of texts) {
    if (name === 'guide.md') continue;
    const chapter = parseChapter(name, text, `${label}/${name}`, chapters, null);
    files[name] = chapter.uid;
    chapters.push(chapter);
  }
  return {
    slug, hash, owner: meta.owner.replace(/^@/, ''), ownerLine: fm.lineOf('owner'), chapterUids: files,
    snapshot: { title: meta.title, summary: meta.summary, tags: [...new Set(meta.tags)], reviewIntervalMonths: meta.reviewIntervalMonths,
      language: meta.language, sortOrder: meta.order, chapters },
  };
}

const rootKey = (root: string) => {
  const rel = path.relative(projectRoot, root);
  return rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(root) : rel.split(path.sep).join('/');
};

/** `npm run content:sync` and boot: imports every guide directory under `root`. */
export async function syncGuides(ctx: AppContext, opts: ContentSyncOptions, root = DEFAULT_GUIDES_ROOT): Promise<ContentSyncReport> {
  const report: ContentSyncReport = { created: [], updated: [], unchanged: [], archived: [], errors: [] };
  let dirs: string[] = [];
  try {
    dirs = readdirSync(root).filter((n) => !n.startsWith('.') && statSync(path.join(root, n)).isDirectory()).sort();
  } catch {
    return report; // no content directory: nothing to sync (and nothing to archive)
  }
  const key = rootKey(root);
  const base = path.basename(root);
  for (const dir of dirs) {
    const label = `${base}/${dir}`;
    try {
      const parsed = parseGuideDir(path.join(root, dir), label);
      if (!ctx.config.CONTENT_LANGUAGES.includes(parsed.snapshot.language)) {
        throw new FileProblem(`${label}/guide.md`, undefined, `"language: ${parsed.snapshot.language}" is not a content language (CONTENT_LANGUAGES: ${ctx.config.CONTENT_LANGUAGES.join(', ')})`);
      }
      const translations = parseGuideTranslations(path.join(root, dir), label, parsed, ctx.config.CONTENT_LANGUAGES);
      const outcomes = await inTransaction(ctx.ds, async (db) => {
        const done: [keyof typeof report & ('created' | 'updated' | 'unchanged'), string][] = [[await applyGuide(db, parsed, key, opts, label), parsed.slug]];
        for (const t of translations) done.push(await applyTranslation(db, parsed, t, key, opts, label));
        await archiveDroppedTranslations(db, parsed.slug, translations.map((t) => t.language), report.archived);
        return done;
      });
      for (const [outcome, slug] of outcomes) report[outcome].push(slug);
    } catch (err) {
      if (err instanceof FileProblem) report.errors.push({ file: err.file, line: err.line, message: err.message });
      else throw err;
    }
  }
  await inTransaction(ctx.ds, async (db) => {
    const gone = await store.lockGoneFileGuides(db, key, dirs);
    for (const g of gone) {
      await archive(db, await lockGuide(db, { id: g.id }));
      await store.setSourceHash(db, g.id, null);
      report.archived.push(g.slug);
    }
  });
  return report;
}

async function applyGuide(db: Db, parsed: ParsedGuide, root: string, opts: ContentSyncOptions, label: string): Promise<'created' | 'updated' | 'unchanged'> {
  // Several app processes may sync at boot at the same time: one guide, one writer.
  await store.lockGuideSync(db, parsed.slug);
  const ownerId = await store.memberIdByHandle(db, parsed.owner);
  if (!ownerId) throw new FileProblem(`${label}/guide.md`, parsed.ownerLine, `owner "${parsed.owner}" is not a member handle`);
  const snapshot: GuideSnapshot = { ...parsed.snapshot, ownerId };
  const existing = await store.guideOrigin(db, parsed.slug);
  const message = 'Aus Datei importiert';
  if (!existing) {
    const guide = await lockGuide(db, { id: await store.insertFileGuide(db, parsed.slug, snapshot, ownerId, parsed.hash, root) });
    const rev = await proposeRevision(db, guide, snapshot, { authorId: null, message, origin: 'file', quiet: opts.publish });
    if (opts.publish) await publishRevision(db, guide, rev, null);
    return 'created';
  }
  if (existing.source !== 'file' || existing.sourceRoot !== root) {
    throw new FileProblem(`${label}/guide.md`, undefined, `slug "${parsed.slug}" belongs to a guide edited in the app or imported from another directory`);
  }
  const guide = await lockGuide(db, { id: existing.id });
  if (guide.sourceHash === parsed.hash) return 'unchanged';
  await store.setSourceHash(db, guide.id, parsed.hash);
  // An archived guide whose directory came back is proposed again, even with the same content.
  if (guide.status !== 'archived' && sameContent(await workingSnapshot(db, guide), snapshot)) {
    if (opts.publish && guide.draftRevisionId) await publishRevision(db, guide, guide.draftRevisionId, null);
    return 'unchanged';
  }
  const rev = await proposeRevision(db, guide, snapshot, { authorId: null, message: 'Aus Datei aktualisiert', origin: 'file', quiet: opts.publish });
  if (opts.publish) await publishRevision(db, guide, rev, null);
  return 'updated';
}

/** A translation from files: a guide row linked to its original, slug "<original>-<lang>", proposed and reviewed like any change. */
async function applyTranslation(db: Db, original: ParsedGuide, t: ParsedTranslation, root: string, opts: ContentSyncOptions, label: string): Promise<['created' | 'updated' | 'unchanged', string]> {
  const slug = `${original.slug}-${t.language}`;
  const parent = await lockGuide(db, { slug: original.slug });
  const snapshot: GuideSnapshot = { ...t.snapshot, ownerId: parent.ownerId };
  const existing = await store.guideOrigin(db, slug);
  const message = `Übersetzung (${t.language}) aus Datei`;
  if (!existing) {
    const id = await tstore.insertTranslation(db, { slug, originalId: parent.id, language: t.language, snapshot, source: 'file', sourceHash: t.hash, sourceRoot: root });
    const guide = await lockGuide(db, { id });
    const rev = await proposeRevision(db, guide, snapshot, { authorId: null, message, origin: 'file', quiet: opts.publish });
    if (opts.publish) await publishRevision(db, guide, rev, null);
    return ['created', slug];
  }
  const guide = await lockGuide(db, { id: existing.id });
  if (existing.source !== 'file' || existing.sourceRoot !== root || guide.translationOfId !== parent.id || guide.language !== t.language) {
    throw new FileProblem(`${label}/guide.${t.language}.md`, undefined, `slug "${slug}" belongs to another guide`);
  }
  if (guide.sourceHash === t.hash && guide.status !== 'archived') return ['unchanged', slug];
  await store.setSourceHash(db, guide.id, t.hash);
  if (guide.status !== 'archived' && sameContent(await workingSnapshot(db, guide), snapshot)) {
    if (opts.publish && guide.draftRevisionId) await publishRevision(db, guide, guide.draftRevisionId, null);
    return ['unchanged', slug];
  }
  const rev = await proposeRevision(db, guide, snapshot, { authorId: null, message, origin: 'file', quiet: opts.publish });
  if (opts.publish) await publishRevision(db, guide, rev, null);
  return ['updated', slug];
}

/** A translation whose files are gone is archived (its history stays), like a guide whose directory is gone. */
async function archiveDroppedTranslations(db: Db, originalSlug: string, languages: string[], archived: string[]): Promise<void> {
  for (const g of await store.lockGoneFileTranslations(db, originalSlug, languages)) {
    await archive(db, await lockGuide(db, { id: g.id }));
    await store.setSourceHash(db, g.id, null);
    archived.push(g.slug);
  }
}
