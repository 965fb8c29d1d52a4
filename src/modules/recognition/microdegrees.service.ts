// Writes for micro-degrees: facilitators define, edit, archive and restore them (audited); the
// worker grants one when a member meets every requirement (checkMicrodegrees, on the
// RECOGNITION_CHECK_TOPIC), as an Open Badges assertion with the evidence, and tells the member.
//
// Existing data: a micro-degree that is created, edited or restored queues a check for every active
// member who holds a fact of a kind it counts (or one of its badges), so it is granted to those
// who already qualify; together with the ledger's backfill (which queues a check per member it
// replays) no state key is needed. Grants stay when a fact is later withdrawn or the requirements
// change (like badges: a facilitator can revoke), and a revoked grant is not given again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { inTransaction, type Db } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { competenceAreas } from '../../shared/competences.js';
import { forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { addToOutbox } from '../../shared/outbox.js';
import { slugify } from '../../shared/slug.js';
import { parseYamlFile, type FileIssue } from '../../shared/yaml-file.js';
import { recordAudit } from '../audit/index.js';
import type { AppContext } from '../module.js';
import { notify } from '../notifications/index.js';
import { evidenceOf, kindsOf, mostNeeded, progressOf, requirementsSchema, type Requirement } from './microdegrees.model.js';
import { hashIdentity, newSalt } from './microdegrees.openbadges.js';
import { canManageMicrodegrees, type Actor } from './microdegrees.policy.js';
import { badgesOf, candidatesFor, courseTitles, factSummaryOf, grantsOf, listMicrodegrees } from './microdegrees.queries.js';
import type { MicrodegreeInput } from './microdegrees.schemas.js';
import * as store from './microdegrees.store.js';
import { RECOGNITION_CHECK_TOPIC } from './recognition.topics.js';

/** Paths of the micro-degree pages that would be shadowed by a micro-degree of that slug. */
const RESERVED = new Set(['manage', 'new']);

async function freeSlug(db: Db, title: string): Promise<string> {
  const base = slugify(title, 70);
  const taken = await store.slugsLike(db, base);
  if (!taken.has(base) && !RESERVED.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The listed courses exist; an unknown one is a message at its row's target field. */
async function checkCourses(db: Db, input: MicrodegreeInput): Promise<void> {
  const slugs = input.requirements.flatMap((r) => (r.type === 'certificates' ? r.courses ?? [] : []));
  const known = await courseTitles(db, [...new Set(slugs)]);
  const fields: Record<string, string> = {};
  input.requirements.forEach((r, i) => {
    if (r.type === 'certificates' && r.courses?.some((c) => !known.has(c))) fields[`target${input.rows[i]}`] = 'recognition.microdegrees.validation.unknownCourse';
  });
  if (Object.keys(fields).length) throw invalid('validation.summary', fields);
}

const valuesOf = (input: Omit<MicrodegreeInput, 'rows'>): store.MicrodegreeValues => ({
  title: input.title,
  language: input.language,
  descriptionSource: input.description,
  descriptionHtml: input.description ? renderMarkdown(input.description, 'description') : '',
  competences: input.competences,
  requirements: input.requirements,
});

/** Queues a check for every active member who could meet the requirements now. Returns how many. */
async function queueChecks(db: Db, requirements: Requirement[]): Promise<number> {
  const { kinds, badges } = kindsOf(requirements);
  const members = await candidatesFor(db, kinds, badges);
  for (const userId of members) await addToOutbox(db, RECOGNITION_CHECK_TOPIC, { userId }, { key: `recognition.check:${userId}` });
  return members.length;
}

export async function createMicrodegree(ctx: AppContext, actor: Actor | undefined, input: MicrodegreeInput): Promise<{ slug: string }> {
  if (!canManageMicrodegrees(actor)) throw forbidden();
  const values = valuesOf(input);
  return inTransaction(ctx.ds, async (db) => {
    await checkCourses(db, input);
    const slug = await freeSlug(db, input.title);
    const id = await store.insertMicrodegree(db, slug, values, actor!.id);
    if (id === null) throw invalid('validation.summary', { title: 'recognition.microdegrees.validation.slugTaken' });
    await recordAudit(db, { actorId: actor!.id, action: 'recognition.microdegree.create', subjectType: 'recognition_microdegree', subjectId: id, details: { title: input.title, slug } });
    await queueChecks(db, input.requirements);
    return { slug };
  });
}

export async function updateMicrodegree(ctx: AppContext, actor: Actor | undefined, slug: string, input: MicrodegreeInput): Promise<void> {
  if (!canManageMicrodegrees(actor)) throw forbidden();
  const values = valuesOf(input);
  await inTransaction(ctx.ds, async (db) => {
    const current = await store.lockMicrodegree(db, slug);
    if (!current) throw notFound();
    await checkCourses(db, input);
    await store.updateMicrodegree(db, current.id, values);
    await recordAudit(db, { actorId: actor!.id, action: 'recognition.microdegree.update', subjectType: 'recognition_microdegree', subjectId: current.id, details: { title: input.title, slug } });
    if (!current.archivedAt) await queueChecks(db, input.requirements);
  });
}

/** Archives (members no longer see it and nobody is granted it) or restores a micro-degree; existing grants stay valid. */
export async function setMicrodegreeArchived(ctx: AppContext, actor: Actor | undefined, slug: string, archived: boolean): Promise<void> {
  if (!canManageMicrodegrees(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const current = await store.lockMicrodegree(db, slug);
    if (!current) throw notFound();
    if (!(await store.setArchived(db, current.id, archived))) return; // already so: nothing to record
    await recordAudit(db, {
      actorId: actor!.id, action: archived ? 'recognition.microdegree.archive' : 'recognition.microdegree.restore',
      subjectType: 'recognition_microdegree', subjectId: current.id, details: { slug },
    });
    if (!archived) await queueChecks(db, current.requirements);
  });
}

/**
 * Grants every active micro-degree the member now meets and does not hold (nor held: a revoked
 * grant is not given again), with the evidence of each requirement, and notifies them. Safe to
 * run twice or concurrently: the assertions' unique key makes the second grant a no-op. Returns
 * the slugs granted.
 */
export async function checkMicrodegrees(db: Db, userId: number): Promise<string[]> {
  const recipient = await store.recipientOf(db, userId);
  if (!recipient) return [];
  const [active, held] = await Promise.all([listMicrodegrees(db, { archived: false }), grantsOf(db, userId)]);
  const open = active.filter((m) => !held.has(m.slug));
  if (!open.length) return [];
  const all = open.flatMap((m) => m.requirements);
  const facts = await factSummaryOf(db, userId, kindsOf(all).kinds, mostNeeded(all));
  const badges = await badgesOf(db, userId);
  const granted: string[] = [];
  for (const m of open) {
    const progress = progressOf(m.requirements, facts, badges);
    if (!progress.complete) continue;
    const salt = newSalt();
    const id = await store.insertGrant(db, { slug: m.slug, userId, evidence: evidenceOf(progress), identityHash: hashIdentity(recipient.email, salt), salt });
    if (!id) continue;
    granted.push(m.slug);
    await notify(db, { userId, kind: 'recognition.microdegree', title: m.title, language: m.language, url: `/recognition/microdegrees/${m.slug}`, subjectType: 'recognition_microdegree', subjectId: m.id });
  }
  return granted;
}

// ---- demo content ----

const demoSchema = z.array(z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters, digits and "-" only').max(80),
  title: z.string().trim().min(3).max(120),
  language: z.enum(['de', 'en']).default('de'),
  competences: z.array(z.string()).min(1, 'at least one competence area'),
  description: z.string().trim().max(20_000).default(''),
  requirements: requirementsSchema,
})).min(1);
export type DemoMicrodegree = z.infer<typeof demoSchema>[number];

export const DEMO_FILE = path.join(contentDir, 'demo', 'microdegrees.yml');

/** Reads and checks the demo micro-degrees (every problem with its line); competence areas must exist. */
export function parseDemoMicrodegrees(file: string, text: string): DemoMicrodegree[] {
  const areas = new Set(competenceAreas().map((a) => a.key));
  return parseYamlFile(file, text, demoSchema, (list, at) => {
    const issues: FileIssue[] = [];
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (seen.has(m.slug)) issues.push({ line: at.lineOf([i, 'slug']), message: `[${i}].slug: "${m.slug}" is used twice` });
      seen.add(m.slug);
      m.competences.forEach((c, j) => {
        if (!areas.has(c)) issues.push({ line: at.lineOf([i, 'competences', j]), message: `[${i}].competences[${j}]: unknown competence area "${c}"` });
      });
    });
    return issues;
  });
}

/** Inserts the demo micro-degrees that are missing (by slug; edits made since are kept) and queues checks for them. Returns the slugs inserted. */
export async function loadDemoInto(db: Db, list: DemoMicrodegree[], createdBy: number | null): Promise<string[]> {
  const inserted: string[] = [];
  for (const m of list) {
    const id = await store.insertMicrodegree(db, m.slug, valuesOf({ ...m }), createdBy);
    if (id === null) continue;
    inserted.push(m.slug);
    await queueChecks(db, m.requirements);
  }
  return inserted;
}

/** The module's loadDemo hook: idempotent, by slug. */
export async function loadDemoMicrodegrees(ctx: AppContext): Promise<void> {
  const list = parseDemoMicrodegrees('content/demo/microdegrees.yml', readFileSync(DEMO_FILE, 'utf8'));
  await inTransaction(ctx.ds, async (db) => {
    const facilitator = await store.userIdByEmail(db, 'facilitator@demo.example');
    await loadDemoInto(db, list, facilitator);
  });
}
