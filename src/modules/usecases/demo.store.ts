// The SQL of the demo use cases (usecases.demo.ts). Every function takes the loading transaction's `db`.
import type { QueryDeepPartialEntity } from 'typeorm';
import { affected, one, rows, type Db } from '../../db/sql.js';
import { UseCaseComment } from './use-case-comment.entity.js';
import { UseCaseRevision } from './use-case-revision.entity.js';
import type { CoreInput, DetailsInput } from './usecases.schemas.js';

export async function memberIdByHandle(db: Db, handle: string): Promise<number | null> {
  return (await one<{ id: number }>(db, `SELECT id FROM users WHERE handle = $1`, [handle]))?.id ?? null;
}

export async function administrationIdBySlug(db: Db, slug: string): Promise<number | null> {
  return (await one<{ id: number }>(db, `SELECT id FROM administrations WHERE slug = $1`, [slug]))?.id ?? null;
}

export interface DemoCase {
  slug: string;
  administrationId: number;
  core: CoreInput;
  details: DetailsInput;
  source: Record<string, string>;
  html: Record<string, string>;
  authorId: number;
  published: boolean;
  verifierId: number | null;
}

/**
 * Inserts the case, or brings the one with this slug up to the file (owner, author, verification and
 * first publication stay); created: the case is new.
 */
export async function upsertDemoCase(db: Db, c: DemoCase): Promise<{ id: number; created: boolean }> {
  const { core, details: d } = c;
  const row = await one<{ id: number; created: boolean }>(db,
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
    [c.slug, core.title, core.summary, c.administrationId, core.department, core.departmentOther, core.status,
      core.policyAreas, core.iap2Level, core.methods, d.startDate, d.endDate, d.formalBasis, d.councilDecision, d.digitalTool,
      d.format, d.targetGroups, d.participantCount, d.budgetBand, d.staffEffortDays, d.language, d.visibility, d.nextReviewAt,
      JSON.stringify(c.source), JSON.stringify(c.html), c.authorId, c.published, c.verifierId],
  );
  return row!;
}

/**
 * Dates a new demo case: written three days before `publishedAt`, published then (if it is), verified
 * two days later (if it is; never in the future).
 */
export async function dateDemoCase(db: Db, useCaseId: number, publishedAt: Date): Promise<void> {
  await affected(db,
    `UPDATE use_cases SET created_at = $2::timestamptz - interval '3 days', updated_at = $2,
            published_at = CASE WHEN published THEN $2::timestamptz END,
            verified_at = CASE WHEN verified_by_id IS NOT NULL THEN least(now(), $2::timestamptz + interval '2 days') END
      WHERE id = $1`, [useCaseId, publishedAt]);
}

export async function addDemoEditor(db: Db, useCaseId: number, userId: number): Promise<void> {
  await rows(db, `INSERT INTO use_case_editors (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [useCaseId, userId]);
}

/** The member is a contact person of the case (opted in now). */
export async function addDemoContact(db: Db, useCaseId: number, userId: number): Promise<void> {
  await rows(db, `INSERT INTO use_case_contacts (use_case_id, user_id, opted_in_at) VALUES ($1, $2, now()) ON CONFLICT DO NOTHING`, [useCaseId, userId]);
}

export async function followDemoCase(db: Db, useCaseId: number, userId: number): Promise<void> {
  await rows(db, `INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [useCaseId, userId]);
}

/** Inserts the administration's adoption (declared at `at`), or updates its status and note. */
export async function upsertDemoAdoption(
  db: Db, useCaseId: number, administrationId: number, status: string, note: string, declaredById: number, at: Date,
): Promise<void> {
  await rows(db,
    `INSERT INTO use_case_adoptions (use_case_id, administration_id, status, note, declared_by_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (use_case_id, administration_id) DO UPDATE SET status = EXCLUDED.status, note = EXCLUDED.note`,
    [useCaseId, administrationId, status, note, declaredById, at]);
}

/** Inserts a top-level comment; returns its id. */
export async function insertDemoComment(db: Db, useCaseId: number, authorId: number, bodySource: string, bodyHtml: string, createdAt: Date): Promise<number> {
  const res = await db.insert(UseCaseComment, { useCaseId, authorId, bodySource, bodyHtml, createdAt });
  return res.identifiers[0]!.id as number;
}

/** Inserts an answer to the comment `parentId`. */
export async function insertDemoCommentReply(
  db: Db, useCaseId: number, parentId: number, authorId: number, bodySource: string, bodyHtml: string, createdAt: Date,
): Promise<void> {
  await db.insert(UseCaseComment, { useCaseId, parentId, authorId, bodySource, bodyHtml, createdAt });
}

/** The first published version of a new demo case. */
export async function insertFirstRevision(db: Db, useCaseId: number, authorId: number, snapshot: unknown, diff: string, createdAt: Date): Promise<void> {
  // (a jsonb snapshot does not fit TypeORM's deep-partial type)
  await db.insert(UseCaseRevision, { useCaseId, version: 1, authorId, snapshot, diff, createdAt } as QueryDeepPartialEntity<UseCaseRevision>);
}

/** The case `slug` is derived from the case `fromSlug`; an adoption of the original by the same administration points to it. */
export async function linkDerivedCase(db: Db, slug: string, fromSlug: string): Promise<void> {
  await affected(db, `UPDATE use_cases SET derived_from_id = (SELECT id FROM use_cases WHERE slug = $2) WHERE slug = $1`, [slug, fromSlug]);
  await affected(db,
    `UPDATE use_case_adoptions ad SET derived_use_case_id = d.id FROM use_cases d
      WHERE d.slug = $1 AND ad.use_case_id = d.derived_from_id AND ad.administration_id = d.administration_id`, [slug]);
}
