// Writes for the use-case library. Each runs in one transaction: load (with a row lock) →
// authorise with the policy → write → revision / notifications / search index in the same transaction.
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { EntityManager } from 'typeorm';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { scheduleUseCaseReviewReminder } from './usecases.health.js';
import type { CoreInput, DetailsInput, NarrativeInput } from './usecases.schemas.js';
import { usecasesPolicy as policy, type UcActor, type UcSubject } from './usecases.policy.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';
import type { Queryable } from '../../db/sql.js';

/** The descriptive fields of a use case, as read from the database (stored row and export alike). */
export interface UseCaseFields {
  department: string;
  departmentOther: string;
  status: string;
  policyAreas: string[];
  iap2Level: string;
  methods: string[];
  startDate: string | null;
  endDate: string | null;
  formalBasis: string | null;
  councilDecision: string;
  digitalTool: string | null;
  format: string | null;
  targetGroups: string[];
  participantCount: number | null;
  budgetBand: string | null;
  staffEffortDays: number | null;
}

export interface CaseRow extends UcSubject, UseCaseFields {
  id: number;
  slug: string;
  title: string;
  summary: string;
  narrative: Record<string, string>;
  narrativeHtml: Record<string, string>;
  ownerId: number | null;
  nextReviewAt: string | null;
  language: string;
  version: number;
  derivedFromId: number | null;
}

export const CASE_COLUMNS = `uc.id, uc.slug, uc.title, uc.summary, uc.administration_id AS "administrationId", uc.department,
  uc.department_other AS "departmentOther", uc.status, uc.policy_areas AS "policyAreas", uc.iap2_level AS "iap2Level", uc.methods,
  uc.start_date::text AS "startDate", uc.end_date::text AS "endDate", uc.formal_basis AS "formalBasis",
  uc.council_decision AS "councilDecision", uc.digital_tool AS "digitalTool", uc.format, uc.target_groups AS "targetGroups",
  uc.participant_count AS "participantCount", uc.budget_band AS "budgetBand", uc.staff_effort_days AS "staffEffortDays",
  uc.narrative, uc.narrative_html AS "narrativeHtml", uc.owner_id AS "ownerId", uc.created_by_id AS "createdById",
  uc.next_review_at::text AS "nextReviewAt", uc.language, uc.visibility, uc.published, uc.version,
  uc.derived_from_id AS "derivedFromId",
  coalesce(array(SELECT e.user_id FROM use_case_editors e WHERE e.use_case_id = uc.id), '{}') AS "editorIds"`;


export async function loadCase(db: Queryable, slug: string, lock = false): Promise<CaseRow | null> {
  if (lock) await db.query(`SELECT id FROM use_cases WHERE slug = $1 FOR UPDATE`, [slug]);
  const rows = await db.query(`SELECT ${CASE_COLUMNS} FROM use_cases uc WHERE uc.slug = $1`, [slug]);
  return rows[0] ?? null;
}

async function editable(db: EntityManager, actor: UcActor | undefined, slug: string): Promise<CaseRow> {
  const uc = await loadCase(db, slug, true);
  if (!uc || !policy.canView(actor, uc)) throw notFound();
  if (!policy.canEdit(actor, uc)) throw forbidden();
  return uc;
}

const SNAPSHOT_FIELDS = [
  'title', 'summary', 'administrationId', 'department', 'departmentOther', 'status', 'policyAreas', 'iap2Level', 'methods',
  'startDate', 'endDate', 'formalBasis', 'councilDecision', 'digitalTool', 'format', 'targetGroups', 'participantCount',
  'budgetBand', 'staffEffortDays', 'language', 'visibility', 'nextReviewAt',
] as const;

export function snapshotOf(uc: CaseRow): Record<string, unknown> {
  return { ...Object.fromEntries(SNAPSHOT_FIELDS.map((f) => [f, uc[f]])), narrative: uc.narrative };
}

/** The snapshot as readable text, one field per line and each narrative section under its heading. */
export function snapshotText(s: Record<string, unknown>): string {
  const lines = SNAPSHOT_FIELDS.map((f) => `${f}: ${Array.isArray(s[f]) ? (s[f] as unknown[]).join(', ') : (s[f] ?? '')}`);
  const narrative = (s.narrative ?? {}) as Record<string, string>;
  for (const sec of NARRATIVE_SECTIONS) lines.push('', `## ${sec}`, ...(narrative[sec] ?? '').split('\n'));
  return `${lines.join('\n')}\n`;
}

/** After every change: a revision when the case is published, followers told, search index queued. */
async function afterChange(db: EntityManager, actor: UcActor, id: number, what: 'updated' | 'published'): Promise<void> {
  const [uc] = (await db.query(`SELECT ${CASE_COLUMNS} FROM use_cases uc WHERE uc.id = $1`, [id])) as CaseRow[];
  if (uc!.published) {
    const snapshot = snapshotOf(uc!);
    const [prev] = await db.query(`SELECT snapshot, version FROM use_case_revisions WHERE use_case_id = $1 ORDER BY version DESC LIMIT 1`, [id]);
    const before = prev ? snapshotText(prev.snapshot) : '';
    const after = snapshotText(snapshot);
    if (before !== after) {
      const version = (prev?.version ?? 0) + 1;
      const diff = createTwoFilesPatch(`v${version - 1}`, `v${version}`, before, after, '', '', { context: 2 });
      await db.query(
        `INSERT INTO use_case_revisions (use_case_id, version, author_id, snapshot, diff) VALUES ($1, $2, $3, $4, $5)`,
        [id, version, actor.id, JSON.stringify(snapshot), diff],
      );
      await db.query(`UPDATE use_cases SET version = $2 WHERE id = $1`, [id, version]);
      await notifyFollowers(db, id, actor.id, what === 'published' ? 'usecase.published' : 'usecase.updated', uc!.title, `/use-cases/${uc!.slug}`);
    }
  }
  await queueSearchIndex(db, 'use_case', id);
}

export async function notifyFollowers(
  db: EntityManager, useCaseId: number, actorId: number, kind: string, title: string, url: string, vars?: Record<string, string | number>,
): Promise<void> {
  const followers: { userId: number; language: string }[] = await db.query(
    `SELECT f.user_id AS "userId", uc.language FROM use_case_follows f JOIN use_cases uc ON uc.id = f.use_case_id WHERE f.use_case_id = $1`, [useCaseId]);
  for (const f of followers) {
    await notify(db, { userId: f.userId, kind, title, language: f.language, url, actorId, subjectType: 'use_case', subjectId: useCaseId, vars });
  }
}

async function uniqueSlug(db: EntityManager, title: string): Promise<string> {
  const base = slugify(title, 70);
  const taken: { slug: string }[] = await db.query(`SELECT slug FROM use_cases WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`]);
  const set = new Set(taken.map((t) => t.slug));
  if (!set.has(base)) return base;
  for (let n = 2; ; n++) if (!set.has(`${base}-${n}`)) return `${base}-${n}`;
}

function targetAdministration(actor: UcActor | undefined, input: CoreInput): number {
  if (!actor) throw forbidden();
  const administrationId = policy.isFacilitator(actor) && input.administrationId ? input.administrationId : actor.administrationId;
  if (administrationId === null) throw invalid('usecases.validation.noAdministration', { administrationId: 'usecases.validation.noAdministration' });
  if (!policy.canCreateFor(actor, administrationId)) throw forbidden();
  return administrationId;
}

/** Step 1 of a new case: the core, saved as a draft. Returns the slug. */
export async function createUseCase(
  ctx: AppContext,
  actor: UcActor | undefined,
  input: CoreInput,
  extra: { derivedFromId?: number; narrative?: Record<string, string> } = {},
): Promise<string> {
  return inTransaction(ctx.ds, (db) => insertUseCase(db, actor, input, extra));
}

/** The insert itself, inside the caller's transaction (also used to derive a case from an adoption). */
export async function insertUseCase(
  db: EntityManager,
  actor: UcActor | undefined,
  input: CoreInput,
  extra: { derivedFromId?: number; narrative?: Record<string, string> } = {},
): Promise<string> {
  const administrationId = targetAdministration(actor, input);
  {
    const [adm] = await db.query(`SELECT id FROM administrations WHERE id = $1`, [administrationId]);
    if (!adm) throw invalid('validation.summary', { administrationId: 'validation.invalid' });
    const narrative = extra.narrative ?? {};
    const html = Object.fromEntries(Object.entries(narrative).map(([k, v]) => [k, renderMarkdown(v, k)]));
    const insert = (slug: string) => db.query(
      `INSERT INTO use_cases (slug, title, summary, administration_id, department, department_other, status, policy_areas,
                              iap2_level, methods, owner_id, created_by_id, derived_from_id, narrative, narrative_html)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14) ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [slug, input.title, input.summary, administrationId, input.department, input.departmentOther, input.status,
        input.policyAreas, input.iap2Level, input.methods, actor!.id, extra.derivedFromId ?? null,
        JSON.stringify(narrative), JSON.stringify(html)],
    ) as Promise<{ id: number }[]>;
    let slug = await uniqueSlug(db, input.title);
    let [row] = await insert(slug);
    if (!row) {
      // Someone took the same slug a moment ago (same title at the same time): add a random suffix.
      slug = `${slug}-${randomBytes(3).toString('hex')}`;
      [row] = await insert(slug);
      if (!row) throw conflict('usecases.form.tryAgain');
    }
    await db.query(`INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [row.id, actor!.id]);
    await queueSearchIndex(db, 'use_case', row.id);
    return slug;
  }
}

export async function updateCore(ctx: AppContext, actor: UcActor | undefined, slug: string, input: CoreInput): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    // Only facilitators move a case to another administration.
    const administrationId = policy.isFacilitator(actor) && input.administrationId ? input.administrationId : uc.administrationId;
    await db.query(
      `UPDATE use_cases SET title = $2, summary = $3, administration_id = $4, department = $5, department_other = $6, status = $7,
              policy_areas = $8, iap2_level = $9, methods = $10, updated_at = now() WHERE id = $1`,
      [uc.id, input.title, input.summary, administrationId, input.department, input.departmentOther, input.status,
        input.policyAreas, input.iap2Level, input.methods],
    );
    await afterChange(db, actor!, uc.id, 'updated');
    return uc.slug;
  });
}

export async function updateDetails(ctx: AppContext, actor: UcActor | undefined, slug: string, d: DetailsInput): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    if (d.visibility === 'public' && uc.published && !policy.canPublish(actor, uc)) throw forbidden();
    // The owner is one of the case's editors (the author or an added editor).
    const ownerId = d.ownerId ?? uc.ownerId;
    if (d.ownerId !== null && d.ownerId !== uc.createdById && !uc.editorIds.includes(d.ownerId)) {
      throw invalid('validation.summary', { ownerId: 'usecases.validation.owner' });
    }
    await db.query(
      `UPDATE use_cases SET start_date = $2, end_date = $3, formal_basis = $4, council_decision = $5, digital_tool = $6, format = $7,
              target_groups = $8, participant_count = $9, budget_band = $10, staff_effort_days = $11, language = $12,
              visibility = $13, next_review_at = $14, owner_id = $15, updated_at = now() WHERE id = $1`,
      [uc.id, d.startDate, d.endDate, d.formalBasis, d.councilDecision, d.digitalTool, d.format, d.targetGroups,
        d.participantCount, d.budgetBand, d.staffEffortDays, d.language, d.visibility, d.nextReviewAt, ownerId],
    );
    if (d.nextReviewAt !== uc.nextReviewAt) await scheduleUseCaseReviewReminder(db, uc.id);
    await afterChange(db, actor!, uc.id, 'updated');
    return uc.slug;
  });
}

export async function updateNarrative(ctx: AppContext, actor: UcActor | undefined, slug: string, n: NarrativeInput): Promise<string> {
  const source = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, n[s].replace(/\r\n/g, '\n').trim()]));
  // Rendered before the transaction: a Markdown problem is a 422 on its field.
  const html = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, source[s] ? renderMarkdown(source[s], s) : '']));
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    await db.query(`UPDATE use_cases SET narrative = $2, narrative_html = $3, updated_at = now() WHERE id = $1`,
      [uc.id, JSON.stringify(source), JSON.stringify(html)]);
    await afterChange(db, actor!, uc.id, 'updated');
    return uc.slug;
  });
}

export async function setPublished(ctx: AppContext, actor: UcActor | undefined, slug: string, publish: boolean): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    if (!policy.canPublish(actor, uc)) throw forbidden();
    if (uc.published === publish) return uc.slug;
    await db.query(
      `UPDATE use_cases SET published = $2, published_at = CASE WHEN $2 THEN coalesce(published_at, now()) ELSE published_at END,
              next_review_at = CASE WHEN $2 THEN coalesce(next_review_at, (now() + interval '1 year')::date) ELSE next_review_at END,
              updated_at = now() WHERE id = $1`,
      [uc.id, publish],
    );
    if (publish) await scheduleUseCaseReviewReminder(db, uc.id);
    await afterChange(db, actor!, uc.id, publish ? 'published' : 'updated');
    return uc.slug;
  });
}

export async function addEditor(ctx: AppContext, actor: UcActor | undefined, slug: string, handle: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    const [u] = await db.query(`SELECT id, administration_id AS "administrationId" FROM users WHERE handle = $1 AND status = 'active'`, [handle]);
    if (!u) throw invalid('validation.summary', { editor: 'usecases.validation.unknownMember' });
    if (!policy.canAddEditor(actor, uc, u)) throw invalid('validation.summary', { editor: 'usecases.validation.editorOtherAdministration' });
    await db.query(`INSERT INTO use_case_editors (use_case_id, user_id, added_by_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [uc.id, u.id, actor!.id]);
    await notify(db, { userId: u.id, kind: 'usecase.editorAdded', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}`, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
  });
}

export async function removeEditor(ctx: AppContext, actor: UcActor | undefined, slug: string, userId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    await db.query(`DELETE FROM use_case_editors WHERE use_case_id = $1 AND user_id = $2`, [uc.id, userId]);
  });
}

/** Editors name contact members; a contact is shown only once that member has opted in. */
export async function addContact(ctx: AppContext, actor: UcActor | undefined, slug: string, handle: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    const [u] = await db.query(`SELECT id FROM users WHERE handle = $1 AND status = 'active'`, [handle]);
    if (!u) throw invalid('validation.summary', { contact: 'usecases.validation.unknownMember' });
    // Adding oneself is the opt-in.
    await db.query(
      `INSERT INTO use_case_contacts (use_case_id, user_id, opted_in_at) VALUES ($1, $2, CASE WHEN $2::int = $3::int THEN now() END) ON CONFLICT DO NOTHING`,
      [uc.id, u.id, actor!.id]);
    await notify(db, { userId: u.id, kind: 'usecase.contactRequested', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}#contacts`, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
    await afterChange(db, actor!, uc.id, 'updated');
  });
}

export async function setContactOptIn(ctx: AppContext, actor: UcActor | undefined, slug: string, optIn: boolean): Promise<void> {
  if (!actor) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug, true);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    const res = await db.query(
      optIn
        ? `UPDATE use_case_contacts SET opted_in_at = coalesce(opted_in_at, now()) WHERE use_case_id = $1 AND user_id = $2 RETURNING user_id`
        : `DELETE FROM use_case_contacts WHERE use_case_id = $1 AND user_id = $2 RETURNING user_id`,
      [uc.id, actor.id]);
    if (!(res[0] as unknown[]).length) throw notFound();
    await queueSearchIndex(db, 'use_case', uc.id);
  });
}

export async function verify(ctx: AppContext, actor: UcActor | undefined, slug: string, nextReviewAt: string | null): Promise<void> {
  if (!policy.canVerify(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug, true);
    if (!uc) throw notFound();
    if (!uc.published) throw conflict('usecases.verify.notPublished');
    await db.query(
      `UPDATE use_cases SET verified_by_id = $2, verified_at = now(),
              next_review_at = coalesce($3::date, (now() + interval '1 year')::date) WHERE id = $1`,
      [uc.id, actor!.id, nextReviewAt]);
    await scheduleUseCaseReviewReminder(db, uc.id);
    await recordAudit(db, { actorId: actor!.id, action: 'use_case.verified', subjectType: 'use_case', subjectId: uc.id });
    await notifyFollowers(db, uc.id, actor!.id, 'usecase.verified', uc.title, `/use-cases/${uc.slug}`);
    await queueSearchIndex(db, 'use_case', uc.id);
  });
}

export async function setFollow(ctx: AppContext, actor: UcActor | undefined, slug: string, follow: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await loadCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!policy.canFollow(actor, uc)) throw forbidden();
    await db.query(
      follow
        ? `INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`
        : `DELETE FROM use_case_follows WHERE use_case_id = $1 AND user_id = $2`,
      [uc.id, actor!.id]);
  });
}
