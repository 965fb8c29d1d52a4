// The SQL of the use cases' search documents (usecases.search.ts).
import { rows, type Queryable } from '../../db/sql.js';

/** The published cases among `ids`, with their administration's name, state and size class. */
export async function publishedCaseRows(db: Queryable, ids: number[]): Promise<Record<string, never>[]> {
  return rows(db,
    `SELECT uc.id, uc.slug, uc.title, uc.summary, uc.narrative, uc.policy_areas AS "policyAreas", uc.methods, uc.language,
            uc.visibility, uc.status, uc.created_at AS "createdAt", uc.updated_at AS "updatedAt",
            a.name AS administration, a.state, a.size_class AS "sizeClass"
       FROM use_cases uc JOIN administrations a ON a.id = uc.administration_id
      WHERE uc.id = ANY($1::int[]) AND uc.published`,
    [ids],
  );
}
