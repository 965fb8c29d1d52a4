// Reads of one use case: the row the services and the case's forms work on (loadCase), and the
// choices its forms offer. The list pages, exports and the case page's extras are in usecases.queries.ts.
import { preparedQuery } from '../../db/prepared.js';
import { one, rows, type Queryable } from '../../db/sql.js';
import { usecasesPolicy, type UcActor, type UcSubject } from './usecases.policy.js';

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

/** The case by slug, or null (see lockCase in usecases.store.ts for a write). */
export async function loadCase(db: Queryable, slug: string): Promise<CaseRow | null> {
  const [row] = await preparedQuery<CaseRow>(db, 'usecases-case-by-slug', `SELECT ${CASE_COLUMNS} FROM use_cases uc WHERE uc.slug = $1`, [slug]);
  return row ?? null;
}

/** The case by id (it exists: the caller holds it). */
export async function caseById(db: Queryable, id: number): Promise<CaseRow> {
  return (await one<CaseRow>(db, `SELECT ${CASE_COLUMNS} FROM use_cases uc WHERE uc.id = $1`, [id]))!;
}

/** Facilitators pick the case's administration from all of them. */
export async function administrationChoices(db: Queryable): Promise<{ id: number; name: string }[]> {
  return rows(db, `SELECT id, name FROM administrations ORDER BY name`);
}

/** The members among `ids` (the owner is one of the case's editors), by name. */
export async function ownerChoices(db: Queryable, ids: number[]): Promise<{ id: number; name: string }[]> {
  return rows(db, `SELECT id, name FROM users WHERE id = ANY($1::int[]) ORDER BY name`, [ids]);
}

/** The member's own live comment on the case, for its edit form; null otherwise. */
export async function ownCommentToEdit(db: Queryable, slug: string, id: number, authorId: number): Promise<{ id: number; body: string } | null> {
  return one(db,
    `SELECT c.id, c.body_source AS body FROM use_case_comments c JOIN use_cases uc ON uc.id = c.use_case_id
      WHERE c.id = $1 AND uc.slug = $2 AND c.author_id = $3 AND c.deleted_at IS NULL`, [id, slug, authorId]);
}

/** The case's attachment to send, or null. */
export async function findAttachment(db: Queryable, useCaseId: number, id: number): Promise<{ key: string; filename: string; contentType: string } | null> {
  return one(db,
    `SELECT storage_key AS "key", filename, content_type AS "contentType" FROM use_case_attachments WHERE id = $1 AND use_case_id = $2`, [id, useCaseId]);
}

export interface UseCaseLink {
  id: number;
  slug: string;
  title: string;
  language: string;
  url: string;
}

/**
 * Use cases by id or by slug that the actor may see (for links from other modules, e.g. an event's
 * outcomes); unknown and hidden ones are left out, the order is the ids'/slugs' order.
 */
export async function visibleUseCases(db: Queryable, actor: UcActor | undefined, ref: { ids: number[] } | { slugs: string[] }): Promise<UseCaseLink[]> {
  const byIds = 'ids' in ref;
  const keys: (number | string)[] = byIds ? ref.ids : ref.slugs;
  if (!keys.length) return [];
  const found = await rows<CaseRow>(db,
    `SELECT ${CASE_COLUMNS} FROM use_cases uc WHERE ${byIds ? 'uc.id = ANY($1::int[])' : 'uc.slug = ANY($1::text[])'}`, [keys]);
  const visible = new Map(found.filter((uc) => usecasesPolicy.canView(actor, uc)).map((uc) => [byIds ? uc.id : uc.slug, uc]));
  return keys.flatMap((k) => {
    const uc = visible.get(k);
    return uc ? [{ id: uc.id, slug: uc.slug, title: uc.title, language: uc.language, url: `/use-cases/${uc.slug}` }] : [];
  });
}
