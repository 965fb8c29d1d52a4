// The JSON API's use-case rows (/api/v1/use-cases): published cases the reader may see (network
// ones only for a read:network token's member), with the list's facet conditions and the
// administration's kind and slug, newest published first, paged by (published_at, id).
import type { DataSource } from 'typeorm';
import { one, rows } from '../../db/sql.js';
import { conditions, type CardRow, type Filter } from './usecases.queries.js';

/** The list card's fields of the case itself, and what the API adds. */
export type ApiCaseRow = Pick<CardRow, 'id' | 'slug' | 'title' | 'summary' | 'language' | 'status' | 'visibility' | 'policyAreas'
  | 'methods' | 'adoptionCount' | 'verified' | 'publishedAt'> & {
  iap2Level: string;
  digitalTool: string | null;
  department: string;
  adminSlug: string;
  adminName: string;
  adminKind: string;
  adminState: string;
  updatedAt: Date;
  /** published_at to the microsecond, for the cursor. */
  cursorAt: string;
};

export type ApiCaseDetailRow = ApiCaseRow & {
  startDate: string | null;
  endDate: string | null;
  format: string | null;
  targetGroups: string[];
  participantCount: number | null;
  budgetBand: string | null;
  staffEffortDays: number | null;
  formalBasis: string | null;
  councilDecision: string;
  narrativeHtml: Record<string, string>;
  version: number;
  derivedFromSlug: string | null;
};

const COLUMNS = `uc.id, uc.slug, uc.title, uc.summary, uc.language, uc.status, uc.visibility, uc.policy_areas AS "policyAreas",
  uc.methods, uc.iap2_level AS "iap2Level", uc.digital_tool AS "digitalTool", uc.department,
  a.slug AS "adminSlug", a.name AS "adminName", a.kind AS "adminKind", a.state AS "adminState",
  (SELECT count(*)::int FROM use_case_adoptions ad WHERE ad.use_case_id = uc.id AND ad.status <> 'stopped') AS "adoptionCount",
  uc.verified_at IS NOT NULL AS verified, uc.published_at AS "publishedAt", greatest(uc.published_at, uc.updated_at) AS "updatedAt",
  to_char(uc.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

const VISIBLE = (member: boolean) => (member ? 'uc.published' : `uc.published AND uc.visibility = 'public'`);

export interface ApiCaseFilter {
  facets: Filter;
  kinds?: string[];
  administration?: string;
}

export async function apiCases(ds: DataSource, f: ApiCaseFilter, member: boolean, limit: number, after: [string, number] | null): Promise<ApiCaseRow[]> {
  const params: unknown[] = [limit];
  const where = [VISIBLE(member), ...Object.values(conditions(f.facets, params))];
  if (f.kinds?.length) { params.push(f.kinds); where.push(`a.kind = ANY($${params.length}::text[])`); }
  if (f.administration) { params.push(f.administration); where.push(`a.slug = $${params.length}`); }
  if (after) { params.push(after[0], after[1]); where.push(`(uc.published_at, uc.id) < ($${params.length - 1}::timestamptz, $${params.length}::int)`); }
  return rows<ApiCaseRow>(ds,
    `SELECT ${COLUMNS} FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE ${where.join(' AND ')} ORDER BY uc.published_at DESC, uc.id DESC LIMIT $1`, params);
}

export const apiCase = (ds: DataSource, slug: string, member: boolean) => one<ApiCaseDetailRow>(ds,
  `SELECT ${COLUMNS}, uc.start_date::text AS "startDate", uc.end_date::text AS "endDate", uc.format, uc.target_groups AS "targetGroups",
          uc.participant_count AS "participantCount", uc.budget_band AS "budgetBand", uc.staff_effort_days AS "staffEffortDays",
          uc.formal_basis AS "formalBasis", uc.council_decision AS "councilDecision", uc.narrative_html AS "narrativeHtml", uc.version,
          (SELECT d.slug FROM use_cases d WHERE d.id = uc.derived_from_id AND ${VISIBLE(member).replaceAll('uc.', 'd.')}) AS "derivedFromSlug"
     FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
    WHERE uc.slug = $1 AND ${VISIBLE(member)}`, [slug]);
