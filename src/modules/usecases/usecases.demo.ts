// Demo use cases from content/usecases/*.md: YAML front matter for the structured fields,
// adoptions and comments; the body holds the narrative under "## <heading>" per section.
// Idempotent: cases are upserted by slug, adoptions by administration, comments added once.
// A new case is published `publishedDaysAgo` before the load; its adoptions and comments follow at
// times drawn from a seed per case, so the dashboard shows publications and adoptions over the year.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { MARKDOWN_MAX_CHARS, renderMarkdown } from '../../shared/markdown.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { loadCase } from './case.queries.js';
import * as store from './demo.store.js';
import { upsertTranslation } from './translations.store.js';
import { snapshotOf, snapshotText } from './usecases.service.js';
import { coreSchema, detailsSchema } from './usecases.schemas.js';
import { ADOPTION_STATUSES, NARRATIVE_SECTIONS, type NarrativeSection } from './usecases.taxonomy.js';
import { fillRelativeDates, resolveDateValue } from '../../shared/relative-dates.js';
import { seededRandom } from '../../shared/seeded-random.js';

/** Section headings accepted in the files (German or English). */
export const HEADINGS: Record<string, NarrativeSection> = {
  ausgangslage: 'situation', situation: 'situation',
  ziel: 'goal', ziele: 'goal', goal: 'goal',
  vorgehen: 'process', ablauf: 'process', process: 'process',
  beteiligte: 'involved', 'wer war beteiligt': 'involved', 'who was involved': 'involved',
  'ergebnisse und wirkung': 'results', 'results and impact': 'results',
  'was gut funktioniert hat': 'worked', 'what worked': 'worked',
  'was nicht funktioniert hat': 'notWorked', 'what did not work': 'notWorked',
  übertragbarkeit: 'transferability', transferability: 'transferability',
  links: 'links', 'weiterführende links': 'links',
};

export interface ParsedCaseFile {
  meta: Record<string, unknown>;
  narrative: Partial<Record<NarrativeSection, string>>;
}

export function parseCaseFile(text: string): ParsedCaseFile {
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/);
  if (!m) throw new Error('missing YAML front matter');
  const meta = parse(m[1]!) as Record<string, unknown>;
  const narrative: Partial<Record<NarrativeSection, string>> = {};
  let current: NarrativeSection | null = null;
  for (const line of m[2]!.split('\n')) {
    const h = line.match(/^##\s+(.+?)\s*$/);
    if (h) {
      const key = HEADINGS[h[1]!.toLowerCase()];
      if (!key) throw new Error(`unknown section heading "${h[1]}"`);
      current = key;
      narrative[key] = '';
      continue;
    }
    if (current) narrative[current] += `${line}\n`;
  }
  for (const k of Object.keys(narrative) as NarrativeSection[]) narrative[k] = narrative[k]!.trim();
  return { meta, narrative };
}

/** YAML reads 2023-01-15 as a Date; the schemas expect the form's strings. `in 60 days` is relative to today. */
const str = (v: unknown) => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(resolveDateValue(v)));
const comment = z.object({ by: z.string(), body: z.string(), replies: z.array(z.object({ by: z.string(), body: z.string() })).default([]) });
const extraSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  administration: z.string(),
  author: z.string(),
  editors: z.array(z.string()).default([]),
  contacts: z.array(z.string()).default([]),
  published: z.boolean().default(true),
  /** Published this many days before the demo is loaded (0: now). */
  publishedDaysAgo: z.number().int().min(0).max(3650).default(0),
  verifiedBy: z.string().optional(),
  adoptions: z.array(z.object({ administration: z.string(), status: z.enum(ADOPTION_STATUSES), note: z.string().default(''), by: z.string() })).default([]),
  comments: z.array(comment).default([]),
  /**
   * Title, summary and narrative sections in other content languages:
   * `translations: { en: { title: …, summary: …, sections: { goal: …, results: … } } }` (section keys as in
   * NARRATIVE_SECTIONS, Markdown; a section left out is shown in the original; one the original lacks is an error).
   */
  translations: z.record(z.string().regex(/^[a-z]{2}$/), z.object({
    title: z.string().trim().min(3).max(200),
    summary: z.string().trim().max(300),
    sections: z.partialRecord(z.enum(NARRATIVE_SECTIONS), z.string().trim().min(1).max(MARKDOWN_MAX_CHARS)).default({}),
  }).strict()).default({}),
});

const DAY_MS = 86_400_000;

export async function loadDemoUseCases(ctx: AppContext, now = new Date()): Promise<void> {
  const dir = path.join(contentDir, 'usecases');
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  await inTransaction(ctx.ds, async (db) => {
    const userId = async (handle: string) => {
      const id = await store.memberIdByHandle(db, handle);
      if (!id) throw new Error(`unknown member "${handle}"`);
      return id;
    };
    const admId = async (slug: string) => {
      const id = await store.administrationIdBySlug(db, slug);
      if (!id) throw new Error(`unknown administration "${slug}"`);
      return id;
    };
    for (const file of files) {
      try {
        const { meta, narrative } = parseCaseFile(fillRelativeDates(readFileSync(path.join(dir, file), 'utf8'), now));
        const x = extraSchema.parse(meta);
        const rng = seededRandom(`usecases:${x.slug}`);
        const publishedAt = new Date(now.getTime() - x.publishedDaysAgo * DAY_MS);
        /** A time after publication, within `maxDays` (never in the future). */
        const later = (maxDays: number) => new Date(Math.min(now.getTime() - 60_000, publishedAt.getTime() + rng.int(1, maxDays * 24) * 3_600_000));
        const core = coreSchema.parse({ ...meta, administrationId: '' });
        const d = detailsSchema.parse({
          ...Object.fromEntries(['startDate', 'endDate', 'formalBasis', 'councilDecision', 'digitalTool', 'format', 'participantCount', 'budgetBand', 'staffEffortDays', 'language', 'visibility', 'nextReviewAt'].map((k) => [k, meta[k] === undefined ? undefined : str(meta[k])])),
          targetGroups: meta.targetGroups ?? [],
        });
        const source = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, narrative[s] ?? '']));
        const html = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, source[s] ? renderMarkdown(source[s]) : '']));
        const author = await userId(x.author);
        const verifier = x.verifiedBy ? await userId(x.verifiedBy) : null;
        const row = await store.upsertDemoCase(db, {
          slug: x.slug, administrationId: await admId(x.administration), core, details: d, source, html,
          authorId: author, published: x.published, verifierId: verifier,
        });
        const id = row.id;
        if (row.created) await store.dateDemoCase(db, id, publishedAt);
        for (const h of x.editors) await store.addDemoEditor(db, id, await userId(h));
        for (const h of x.contacts) await store.addDemoContact(db, id, await userId(h));
        await store.followDemoCase(db, id, author);
        for (const a of x.adoptions) {
          // Adoptions come within the first months after publication.
          const at = later(Math.max(1, Math.min(120, x.publishedDaysAgo)));
          await store.upsertDemoAdoption(db, id, await admId(a.administration), a.status, a.note, await userId(a.by), at);
        }
        if (row.created) {
          for (const c of x.comments) {
            const at = later(Math.max(1, Math.min(30, x.publishedDaysAgo)));
            const top = await store.insertDemoComment(db, id, await userId(c.by), c.body, renderMarkdown(c.body), at);
            for (const rep of c.replies) {
              const replyAt = new Date(Math.min(now.getTime() - 30_000, at.getTime() + rng.int(1, 48) * 3_600_000));
              await store.insertDemoCommentReply(db, id, top, await userId(rep.by), rep.body, renderMarkdown(rep.body), replyAt);
            }
          }
          const uc = await loadCase(db, x.slug);
          if (uc?.published) await store.insertFirstRevision(db, id, author, snapshotOf(uc), snapshotText(snapshotOf(uc)), publishedAt);
        }
        for (const [language, t] of Object.entries(x.translations)) {
          if (!ctx.config.CONTENT_LANGUAGES.includes(language)) throw new Error(`translation "${language}" is not a content language (CONTENT_LANGUAGES)`);
          const missing = Object.keys(t.sections).find((sec) => !source[sec]);
          if (missing) throw new Error(`translations.${language}.sections.${missing}: the original has no such section`);
          const sections = t.sections as Record<string, string>;
          await upsertTranslation(db, id, {
            language, title: t.title, summary: t.summary, narrative: sections,
            narrativeHtml: Object.fromEntries(Object.entries(sections).map(([sec, text]) => [sec, renderMarkdown(text, sec)])),
          });
        }
        await queueSearchIndex(db, 'use_case', id);
      } catch (err) {
        const detail = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
        throw new Error(`content/usecases/${file}: ${detail}`, { cause: err });
      }
    }
    // Derived-from links between demo cases (front matter "derivedFrom: <slug>"; every slug was checked above).
    for (const file of files) {
      const { meta } = parseCaseFile(readFileSync(path.join(dir, file), 'utf8'));
      if (typeof meta.derivedFrom !== 'string') continue;
      await store.linkDerivedCase(db, meta.slug as string, meta.derivedFrom);
    }
  });
}
