// Demo use cases from content/usecases/*.md: YAML front matter for the structured fields,
// adoptions and comments; the body holds the narrative under "## <heading>" per section.
// Idempotent: cases are upserted by slug, adoptions by administration, comments added once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { loadCase } from './case.queries.js';
import { snapshotOf, snapshotText } from './usecases.service.js';
import { coreSchema, detailsSchema } from './usecases.schemas.js';
import { ADOPTION_STATUSES, NARRATIVE_SECTIONS, type NarrativeSection } from './usecases.taxonomy.js';
import { fillRelativeDates, resolveDateValue } from '../../shared/relative-dates.js';

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
  verifiedBy: z.string().optional(),
  adoptions: z.array(z.object({ administration: z.string(), status: z.enum(ADOPTION_STATUSES), note: z.string().default(''), by: z.string() })).default([]),
  comments: z.array(comment).default([]),
});

export async function loadDemoUseCases(ctx: AppContext): Promise<void> {
  const dir = path.join(contentDir, 'usecases');
  if (!existsSync(dir)) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  await inTransaction(ctx.ds, async (db) => {
    const userId = async (handle: string) => {
      const [u] = await db.query(`SELECT id FROM users WHERE handle = $1`, [handle]);
      if (!u) throw new Error(`unknown member "${handle}"`);
      return u.id as number;
    };
    const admId = async (slug: string) => {
      const [a] = await db.query(`SELECT id FROM administrations WHERE slug = $1`, [slug]);
      if (!a) throw new Error(`unknown administration "${slug}"`);
      return a.id as number;
    };
    for (const file of files) {
      try {
        const { meta, narrative } = parseCaseFile(fillRelativeDates(readFileSync(path.join(dir, file), 'utf8')));
        const x = extraSchema.parse(meta);
        const core = coreSchema.parse({ ...meta, administrationId: '' });
        const d = detailsSchema.parse({
          ...Object.fromEntries(['startDate', 'endDate', 'formalBasis', 'councilDecision', 'digitalTool', 'format', 'participantCount', 'budgetBand', 'staffEffortDays', 'language', 'visibility', 'nextReviewAt'].map((k) => [k, meta[k] === undefined ? undefined : str(meta[k])])),
          targetGroups: meta.targetGroups ?? [],
        });
        const source = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, narrative[s] ?? '']));
        const html = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, source[s] ? renderMarkdown(source[s]) : '']));
        const author = await userId(x.author);
        const verifier = x.verifiedBy ? await userId(x.verifiedBy) : null;
        const [row] = await db.query(
          `INSERT INTO use_cases (slug, title, summary, administration_id, department, department_other, status, policy_areas, iap2_level, methods,
                                  start_date, end_date, formal_basis, council_decision, digital_tool, format, target_groups, participant_count,
                                  budget_band, staff_effort_days, language, visibility, next_review_at, narrative, narrative_html,
                                  owner_id, created_by_id, published, published_at, verified_by_id, verified_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
                   coalesce($23::date, (now() + interval '1 year')::date), $24, $25, $26, $26, $27,
                   CASE WHEN $27 THEN now() END, $28, CASE WHEN $28::int IS NULL THEN NULL ELSE now() END)
           ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, summary = EXCLUDED.summary, administration_id = EXCLUDED.administration_id,
             department = EXCLUDED.department, department_other = EXCLUDED.department_other, status = EXCLUDED.status,
             policy_areas = EXCLUDED.policy_areas, iap2_level = EXCLUDED.iap2_level, methods = EXCLUDED.methods,
             start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, formal_basis = EXCLUDED.formal_basis,
             council_decision = EXCLUDED.council_decision, digital_tool = EXCLUDED.digital_tool, format = EXCLUDED.format,
             target_groups = EXCLUDED.target_groups, participant_count = EXCLUDED.participant_count, budget_band = EXCLUDED.budget_band,
             staff_effort_days = EXCLUDED.staff_effort_days, language = EXCLUDED.language, visibility = EXCLUDED.visibility,
             narrative = EXCLUDED.narrative, narrative_html = EXCLUDED.narrative_html, published = EXCLUDED.published,
             published_at = coalesce(use_cases.published_at, EXCLUDED.published_at)
           RETURNING id, (xmax = 0) AS created`,
          [x.slug, core.title, core.summary, await admId(x.administration), core.department, core.departmentOther, core.status,
            core.policyAreas, core.iap2Level, core.methods, d.startDate, d.endDate, d.formalBasis, d.councilDecision, d.digitalTool,
            d.format, d.targetGroups, d.participantCount, d.budgetBand, d.staffEffortDays, d.language, d.visibility, d.nextReviewAt,
            JSON.stringify(source), JSON.stringify(html), author, x.published, verifier],
        );
        const id = row.id as number;
        for (const h of x.editors) await db.query(`INSERT INTO use_case_editors (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, await userId(h)]);
        for (const h of x.contacts) await db.query(`INSERT INTO use_case_contacts (use_case_id, user_id, opted_in_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [id, await userId(h)]);
        await db.query(`INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, author]);
        for (const a of x.adoptions) {
          await db.query(
            `INSERT INTO use_case_adoptions (use_case_id, administration_id, status, note, declared_by_id) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (use_case_id, administration_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note`,
            [id, await admId(a.administration), a.status, a.note, await userId(a.by)]);
        }
        if (row.created) {
          for (const c of x.comments) {
            const [top] = await db.query(
              `INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, $3, $4) RETURNING id`,
              [id, await userId(c.by), c.body, renderMarkdown(c.body)]);
            for (const rep of c.replies) {
              await db.query(`INSERT INTO use_case_comments (use_case_id, parent_id, author_id, body_source, body_html) VALUES ($1, $2, $3, $4, $5)`,
                [id, top.id, await userId(rep.by), rep.body, renderMarkdown(rep.body)]);
            }
          }
          const uc = await loadCase(db, x.slug);
          if (uc?.published) {
            await db.query(`INSERT INTO use_case_revisions (use_case_id, version, author_id, snapshot, diff) VALUES ($1, 1, $2, $3, $4)`,
              [id, author, JSON.stringify(snapshotOf(uc)), snapshotText(snapshotOf(uc))]);
          }
        }
        await queueSearchIndex(db, 'use_case', id);
      } catch (err) {
        const detail = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
        throw new Error(`content/usecases/${file}: ${detail}`, { cause: err });
      }
    }
    // Derived-from links between demo cases (front matter "derivedFrom: <slug>").
    for (const file of files) {
      const { meta } = parseCaseFile(readFileSync(path.join(dir, file), 'utf8'));
      if (typeof meta.derivedFrom !== 'string') continue;
      await db.query(
        `UPDATE use_cases SET derived_from_id = (SELECT id FROM use_cases WHERE slug = $2) WHERE slug = $1`, [meta.slug, meta.derivedFrom]);
      await db.query(
        `UPDATE use_case_adoptions ad SET derived_use_case_id = d.id FROM use_cases d
          WHERE d.slug = $1 AND ad.use_case_id = d.derived_from_id AND ad.administration_id = d.administration_id`, [meta.slug]);
    }
  });
}
