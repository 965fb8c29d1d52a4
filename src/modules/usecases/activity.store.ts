// What the use cases' activity facts are read from (usecases.activity.ts builds the events): the
// published cases with their authors (who created the case and its editors), and the adoptions by
// other administrations that declared it implemented. For one case, or (null) for all of them.
import { rows, type Queryable } from '../../db/sql.js';

export interface PublishedCaseRow {
  id: number;
  slug: string;
  title: string;
  authorIds: number[];
  /** Methods, digital tool, target groups and budget band: what files the case under competence areas. */
  keys: string[];
  publishedAt: Date;
  verifiedAt: Date | null;
  verifiedById: number | null;
}

export async function publishedCases(db: Queryable, useCaseId: number | null): Promise<PublishedCaseRow[]> {
  return rows(db,
    `SELECT uc.id, uc.slug, uc.title, uc.published_at AS "publishedAt", uc.verified_at AS "verifiedAt", uc.verified_by_id AS "verifiedById",
            ARRAY(SELECT uc.created_by_id WHERE uc.created_by_id IS NOT NULL
                  UNION SELECT e.user_id FROM use_case_editors e WHERE e.use_case_id = uc.id) AS "authorIds",
            uc.methods || uc.target_groups || array_remove(ARRAY[uc.digital_tool, uc.budget_band], NULL) AS keys
       FROM use_cases uc WHERE uc.published AND ($1::int IS NULL OR uc.id = $1)`,
    [useCaseId]);
}

export interface ImplementedRow {
  useCaseId: number;
  administrationId: number;
  declaredById: number | null;
  at: Date;
}

/** Adoptions of published cases declared 'implemented' by an administration other than the case's own (optionally only that one's). */
export async function implementedAdoptions(db: Queryable, useCaseId: number | null, administrationId: number | null = null): Promise<ImplementedRow[]> {
  return rows(db,
    `SELECT a.use_case_id AS "useCaseId", a.administration_id AS "administrationId", a.declared_by_id AS "declaredById", a.updated_at AS at
       FROM use_case_adoptions a JOIN use_cases uc ON uc.id = a.use_case_id
      WHERE a.status = 'implemented' AND a.administration_id <> uc.administration_id AND uc.published
        AND ($1::int IS NULL OR uc.id = $1) AND ($2::int IS NULL OR a.administration_id = $2)`,
    [useCaseId, administrationId]);
}
