// Reads of the search module other than the engine: the knowledge gaps for the dashboard, and the
// reference of "like mine".
import type { DataSource } from 'typeorm';
import { rows, type Queryable } from '../../db/sql.js';
import { referenceOf, SIZE_CLASS_POPULATION, type SimilarityRef } from '../administrations/index.js';
import type { SearchQueryInput } from './search.schemas.js';

export interface KnowledgeGap {
  query: string;
  searches: number;
  days: number;
}

/** The most frequent zero-result queries of the last `days` days. */
export async function knowledgeGaps(ds: DataSource, opts: { days?: number; limit?: number } = {}): Promise<KnowledgeGap[]> {
  return rows(ds,
    `SELECT query, sum(count)::int AS searches, count(DISTINCT day)::int AS days
       FROM search_zero_results WHERE day > current_date - $1::int
      GROUP BY query ORDER BY searches DESC, query LIMIT $2`,
    [opts.days ?? 28, opts.limit ?? 20],
  );
}

/**
 * The reference of "like mine" (sort=similar): a size class and/or Land from the query string
 * (a municipality of the class's representative size), else the reader's own administration.
 */
export async function likeReference(ds: Queryable, input: SearchQueryInput, administrationId: number | null | undefined): Promise<SimilarityRef | null> {
  if (input.like_size || input.like_state) {
    return { kind: 'municipality', population: input.like_size ? SIZE_CLASS_POPULATION[input.like_size]! : null, state: input.like_state ?? '' };
  }
  return referenceOf(ds, administrationId);
}
