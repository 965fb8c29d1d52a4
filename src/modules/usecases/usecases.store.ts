// Writes for the use-case library (and the reads that belong to a write: row locks, the slug
// check, the last revision, the followers to tell). Every function takes the transaction's `db`.
import type { QueryDeepPartialEntity } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { loadCase, type CaseRow } from './case.queries.js';
import { UseCaseContact, UseCaseEditor, UseCaseFollow } from './use-case-member.entity.js';
import { UseCaseRevision } from './use-case-revision.entity.js';
import { UseCase } from './use-case.entity.js';
import type { CoreInput, DetailsInput } from './usecases.schemas.js';

/** Locks the case's row for a write, then reads it; null when there is no such case. */
export async function lockCase(db: Db, slug: string): Promise<CaseRow | null> {
  await rows(db, `SELECT id FROM use_cases WHERE slug = $1 FOR UPDATE`, [slug]);
  return loadCase(db, slug);
}

/** Slugs already taken by `base` or `base-…`. */
export async function slugsLike(db: Db, base: string): Promise<string[]> {
  return (await rows<{ slug: string }>(db, `SELECT slug FROM use_cases WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`])).map((t) => t.slug);
}

export async function administrationExists(db: Db, administrationId: number): Promise<boolean> {
  return !!(await one(db, `SELECT id FROM administrations WHERE id = $1`, [administrationId]));
}

/** Inserts a draft case; null when the slug was taken meanwhile. */
export async function insertCase(
  db: Db,
  c: { slug: string; input: CoreInput; administrationId: number; authorId: number; derivedFromId: number | null;
    narrative: Record<string, string>; narrativeHtml: Record<string, string> },
): Promise<{ id: number } | null> {
  const { input } = c;
  return one<{ id: number }>(db,
    `INSERT INTO use_cases (slug, title, summary, administration_id, department, department_other, status, policy_areas,
                            iap2_level, methods, owner_id, created_by_id, derived_from_id, narrative, narrative_html)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13, $14) ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [c.slug, input.title, input.summary, c.administrationId, input.department, input.departmentOther, input.status,
      input.policyAreas, input.iap2Level, input.methods, c.authorId, c.derivedFromId,
      JSON.stringify(c.narrative), JSON.stringify(c.narrativeHtml)]);
}

export async function caseIdBySlug(db: Db, slug: string): Promise<number> {
  return (await db.findOne(UseCase, { select: { id: true }, where: { slug } }))!.id;
}

export async function updateCaseCore(db: Db, id: number, administrationId: number, input: CoreInput): Promise<void> {
  await db.update(UseCase, { id }, {
    title: input.title, summary: input.summary, administrationId, department: input.department, departmentOther: input.departmentOther,
    status: input.status, policyAreas: input.policyAreas, iap2Level: input.iap2Level, methods: input.methods, updatedAt: () => 'now()',
  });
}

export async function updateCaseDetails(db: Db, id: number, d: DetailsInput, ownerId: number | null): Promise<void> {
  await db.update(UseCase, { id }, {
    startDate: d.startDate, endDate: d.endDate, formalBasis: d.formalBasis, councilDecision: d.councilDecision, digitalTool: d.digitalTool,
    format: d.format, targetGroups: d.targetGroups, participantCount: d.participantCount, budgetBand: d.budgetBand,
    staffEffortDays: d.staffEffortDays, language: d.language, visibility: d.visibility, nextReviewAt: d.nextReviewAt, ownerId,
    updatedAt: () => 'now()',
  });
}

export async function updateCaseNarrative(db: Db, id: number, source: Record<string, string>, html: Record<string, string>): Promise<void> {
  await db.update(UseCase, { id }, { narrative: source, narrativeHtml: html, updatedAt: () => 'now()' });
}

/** Publishing sets the first publication date and, when none is set, a review date a year ahead. */
export async function setCasePublished(db: Db, id: number, publish: boolean): Promise<void> {
  await affected(db,
    `UPDATE use_cases SET published = $2, published_at = CASE WHEN $2 THEN coalesce(published_at, now()) ELSE published_at END,
            next_review_at = CASE WHEN $2 THEN coalesce(next_review_at, (now() + interval '1 year')::date) ELSE next_review_at END,
            updated_at = now() WHERE id = $1`,
    [id, publish],
  );
}

/** Verified now; the next review on the given date or a year ahead. */
export async function markCaseVerified(db: Db, id: number, verifierId: number, nextReviewAt: string | null): Promise<void> {
  await affected(db,
    `UPDATE use_cases SET verified_by_id = $2, verified_at = now(),
            next_review_at = coalesce($3::date, (now() + interval '1 year')::date) WHERE id = $1`,
    [id, verifierId, nextReviewAt]);
}

export async function touchCase(db: Db, id: number): Promise<void> {
  await db.update(UseCase, { id }, { updatedAt: () => 'now()' });
}

// ---- revisions ----

export async function latestRevision(db: Db, useCaseId: number): Promise<{ snapshot: Record<string, unknown>; version: number } | null> {
  return db.findOne(UseCaseRevision, { select: { snapshot: true, version: true }, where: { useCaseId }, order: { version: 'DESC' } });
}

/** Records revision `version` and makes it the case's version. */
export async function insertRevision(
  db: Db, useCaseId: number, r: { version: number; authorId: number; snapshot: Record<string, unknown>; diff: string },
): Promise<void> {
  // (a jsonb Record<string, unknown> does not fit TypeORM's deep-partial type)
  await db.insert(UseCaseRevision, { useCaseId, version: r.version, authorId: r.authorId, snapshot: r.snapshot, diff: r.diff } as QueryDeepPartialEntity<UseCaseRevision>);
  // SQL: the entity's update would also set updated_at (a new revision does not).
  await affected(db, `UPDATE use_cases SET version = $2 WHERE id = $1`, [useCaseId, r.version]);
}

// ---- people: followers, editors, contacts ----

export async function followersOf(db: Db, useCaseId: number): Promise<{ userId: number; language: string }[]> {
  return rows(db,
    `SELECT f.user_id AS "userId", uc.language FROM use_case_follows f JOIN use_cases uc ON uc.id = f.use_case_id WHERE f.use_case_id = $1`, [useCaseId]);
}

export async function addFollow(db: Db, useCaseId: number, userId: number): Promise<void> {
  await rows(db, `INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [useCaseId, userId]);
}

export async function removeFollow(db: Db, useCaseId: number, userId: number): Promise<void> {
  await db.delete(UseCaseFollow, { useCaseId, userId });
}

/** An active member by handle (with the administration for the editor rule), or null. */
export async function activeMemberByHandle(db: Db, handle: string): Promise<{ id: number; administrationId: number | null } | null> {
  return one(db, `SELECT id, administration_id AS "administrationId" FROM users WHERE handle = $1 AND status = 'active'`, [handle]);
}

export async function insertEditor(db: Db, useCaseId: number, userId: number, addedById: number): Promise<void> {
  await rows(db, `INSERT INTO use_case_editors (use_case_id, user_id, added_by_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [useCaseId, userId, addedById]);
}

export async function deleteEditor(db: Db, useCaseId: number, userId: number): Promise<void> {
  await db.delete(UseCaseEditor, { useCaseId, userId });
}

/** Names a contact; a member adding themself has opted in. */
export async function insertContact(db: Db, useCaseId: number, userId: number, addedById: number): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_contacts (use_case_id, user_id, opted_in_at) VALUES ($1, $2, CASE WHEN $2::int = $3::int THEN now() END) ON CONFLICT DO NOTHING`,
    [useCaseId, userId, addedById]);
}

/** Opts the member in as a contact (or removes the entry); false when they were not named. */
export async function setContactEntry(db: Db, useCaseId: number, userId: number, optIn: boolean): Promise<boolean> {
  if (!optIn) return ((await db.delete(UseCaseContact, { useCaseId, userId })).affected ?? 0) > 0;
  return (await affected(db,
    `UPDATE use_case_contacts SET opted_in_at = coalesce(opted_in_at, now()) WHERE use_case_id = $1 AND user_id = $2 RETURNING user_id`,
    [useCaseId, userId])) > 0;
}
