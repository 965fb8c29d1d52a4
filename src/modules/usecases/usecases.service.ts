// Writes for the use-case library. Each runs in one transaction: load (with a row lock) →
// authorise with the policy → write → revision / notifications / search index in the same transaction.
import { randomBytes } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { trackUseCaseActivity } from './usecases.activity.js';
import { scheduleUseCaseReviewReminder } from './usecases.health.js';
import { queueUseCaseAnnouncement } from './usecases.announce.js';
import type { CoreInput, DetailsInput, NarrativeInput } from './usecases.schemas.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { NARRATIVE_SECTIONS } from './usecases.taxonomy.js';
import type { Db } from '../../db/sql.js';
import { caseById, loadCase, type CaseRow } from './case.queries.js';
import * as store from './usecases.store.js';

async function editable(db: Db, actor: UcActor | undefined, slug: string): Promise<CaseRow> {
  const uc = await store.lockCase(db, slug);
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
async function afterChange(db: Db, actor: UcActor, id: number, what: 'updated' | 'published'): Promise<void> {
  const uc = await caseById(db, id);
  if (uc.published) {
    const snapshot = snapshotOf(uc);
    const prev = await store.latestRevision(db, id);
    const before = prev ? snapshotText(prev.snapshot) : '';
    const after = snapshotText(snapshot);
    if (before !== after) {
      const version = (prev?.version ?? 0) + 1;
      const diff = createTwoFilesPatch(`v${version - 1}`, `v${version}`, before, after, '', '', { context: 2 });
      await store.insertRevision(db, id, { version, authorId: actor.id, snapshot, diff });
      await notifyFollowers(db, id, actor.id, what === 'published' ? 'usecase.published' : 'usecase.updated', uc.title, `/use-cases/${uc.slug}`);
    }
  }
  await queueSearchIndex(db, 'use_case', id);
}

export async function notifyFollowers(
  db: Db, useCaseId: number, actorId: number, kind: string, title: string, url: string, vars?: Record<string, string | number>,
): Promise<void> {
  for (const f of await store.followersOf(db, useCaseId)) {
    await notify(db, { userId: f.userId, kind, title, language: f.language, url, actorId, subjectType: 'use_case', subjectId: useCaseId, vars });
  }
}

/** Addresses of the library's own pages (/use-cases/<name>): a case titled "Topics" gets "topics-2". */
const RESERVED_SLUGS = ['new', 'review', 'flags', 'mine', 'topics', 'translations'];

async function uniqueSlug(db: Db, title: string): Promise<string> {
  const base = slugify(title, 70);
  const set = new Set([...await store.slugsLike(db, base), ...RESERVED_SLUGS]);
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
  db: Db,
  actor: UcActor | undefined,
  input: CoreInput,
  extra: { derivedFromId?: number; narrative?: Record<string, string> } = {},
): Promise<string> {
  const administrationId = targetAdministration(actor, input);
  {
    if (!(await store.administrationExists(db, administrationId))) throw invalid('validation.summary', { administrationId: 'validation.invalid' });
    const narrative = extra.narrative ?? {};
    const html = Object.fromEntries(Object.entries(narrative).map(([k, v]) => [k, renderMarkdown(v, k)]));
    const insert = (slug: string) => store.insertCase(db, {
      slug, input, administrationId, authorId: actor!.id, derivedFromId: extra.derivedFromId ?? null, narrative, narrativeHtml: html,
    });
    let slug = await uniqueSlug(db, input.title);
    let row = await insert(slug);
    if (!row) {
      // Someone took the same slug a moment ago (same title at the same time): add a random suffix.
      slug = `${slug}-${randomBytes(3).toString('hex')}`;
      row = await insert(slug);
      if (!row) throw conflict('usecases.form.tryAgain');
    }
    await store.addFollow(db, row.id, actor!.id);
    await queueSearchIndex(db, 'use_case', row.id);
    return slug;
  }
}

export async function updateCore(ctx: AppContext, actor: UcActor | undefined, slug: string, input: CoreInput): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    // Only facilitators move a case to another administration.
    const administrationId = policy.isFacilitator(actor) && input.administrationId ? input.administrationId : uc.administrationId;
    // Moved to another administration: an adoption may now be its own (or no longer).
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id });
    await store.updateCaseCore(db, uc.id, administrationId, input);
    await publishActivity();
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
    await store.updateCaseDetails(db, uc.id, d, ownerId);
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
    await store.updateCaseNarrative(db, uc.id, source, html);
    await afterChange(db, actor!, uc.id, 'updated');
    return uc.slug;
  });
}

export async function setPublished(ctx: AppContext, actor: UcActor | undefined, slug: string, publish: boolean): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    if (!policy.canPublish(actor, uc)) throw forbidden();
    if (uc.published === publish) return uc.slug;
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id });
    await store.setCasePublished(db, uc.id, publish);
    await publishActivity();
    if (publish) {
      await scheduleUseCaseReviewReminder(db, uc.id);
      await queueUseCaseAnnouncement(db, uc.id);
    }
    await afterChange(db, actor!, uc.id, publish ? 'published' : 'updated');
    return uc.slug;
  });
}

export async function addEditor(ctx: AppContext, actor: UcActor | undefined, slug: string, handle: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    const u = await store.activeMemberByHandle(db, handle);
    if (!u) throw invalid('validation.summary', { editor: 'usecases.validation.unknownMember' });
    if (!policy.canAddEditor(actor, uc, u)) throw invalid('validation.summary', { editor: 'usecases.validation.editorOtherAdministration' });
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id });
    await store.insertEditor(db, uc.id, u.id, actor!.id);
    await publishActivity();
    await notify(db, { userId: u.id, kind: 'usecase.editorAdded', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}`, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
  });
}

export async function removeEditor(ctx: AppContext, actor: UcActor | undefined, slug: string, userId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id });
    await store.deleteEditor(db, uc.id, userId);
    await publishActivity();
  });
}

/** Editors name contact members; a contact is shown only once that member has opted in. */
export async function addContact(ctx: AppContext, actor: UcActor | undefined, slug: string, handle: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const uc = await editable(db, actor, slug);
    const u = await store.activeMemberByHandle(db, handle);
    if (!u) throw invalid('validation.summary', { contact: 'usecases.validation.unknownMember' });
    // Adding oneself is the opt-in.
    await store.insertContact(db, uc.id, u.id, actor!.id);
    await notify(db, { userId: u.id, kind: 'usecase.contactRequested', title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}#contacts`, actorId: actor!.id, subjectType: 'use_case', subjectId: uc.id });
    await afterChange(db, actor!, uc.id, 'updated');
  });
}

export async function setContactOptIn(ctx: AppContext, actor: UcActor | undefined, slug: string, optIn: boolean): Promise<void> {
  if (!actor) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const uc = await store.lockCase(db, slug);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    if (!(await store.setContactEntry(db, uc.id, actor.id, optIn))) throw notFound();
    await queueSearchIndex(db, 'use_case', uc.id);
  });
}

export async function verify(ctx: AppContext, actor: UcActor | undefined, slug: string, nextReviewAt: string | null): Promise<void> {
  if (!policy.canVerify(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const uc = await store.lockCase(db, slug);
    if (!uc) throw notFound();
    if (!uc.published) throw conflict('usecases.verify.notPublished');
    const publishActivity = await trackUseCaseActivity(db, { useCaseId: uc.id });
    await store.markCaseVerified(db, uc.id, actor!.id, nextReviewAt);
    await publishActivity();
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
    if (follow) await store.addFollow(db, uc.id, actor!.id);
    else await store.removeFollow(db, uc.id, actor!.id);
  });
}
