// Reads of the search module other than the engine: the knowledge gaps for the dashboard (from the
// zero-result day counts, and from the search log: aggregates only, never who searched), the member's
// own logged searches for the privacy download, and the reference of "like mine".
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

/** Berlin days, inclusive, as a half-open timestamptz range: `at >= start AND at < end`. */
const range = (from: number, to: number) =>
  `at >= ($${from}::date)::timestamp AT TIME ZONE 'Europe/Berlin' AND at < ($${to}::date + 1)::timestamp AT TIME ZONE 'Europe/Berlin'`;

export interface DayRange {
  /** First and last Berlin day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
}

/**
 * For each of `queries` (a top list, so a few), the distinct members among those who searched it
 * without results in `period` (visitors, and everyone after 30 days, are not known). Uses the
 * unopened-search index: a search without results is never opened.
 */
export async function searchersWithoutResults(ds: Queryable, queries: string[], period: DayRange): Promise<Map<string, number>> {
  const found = await rows<{ query: string; searchers: number }>(ds,
    `SELECT query, count(DISTINCT user_id)::int AS searchers FROM search_log
      WHERE query = ANY($3) AND opened_at IS NULL AND results = 0 AND ${range(1, 2)}
      GROUP BY query`,
    [period.from, period.to, queries],
  );
  return new Map(found.map((r) => [r.query, r.searchers]));
}

/**
 * For each of `queries` (a top list of searches nobody opened a result of), the median number of
 * results of its unopened searches in `period` (the lower middle for an even count).
 */
export async function medianResultsUnopened(ds: Queryable, queries: string[], period: DayRange): Promise<Map<string, number>> {
  const found = await rows<{ query: string; results: number }>(ds,
    `SELECT query, percentile_disc(0.5) WITHIN GROUP (ORDER BY results)::int AS results FROM search_log
      WHERE query = ANY($3) AND opened_at IS NULL AND results > 0 AND ${range(1, 2)}
      GROUP BY query`,
    [period.from, period.to, queries],
  );
  return new Map(found.map((r) => [r.query, r.results]));
}

/** The member's own logged searches (the last 30 days': older ones no longer name them), newest first. */
export async function searchesOfMember(ds: Queryable, userId: number): Promise<{ at: Date; query: string; results: number; openedAt: Date | null }[]> {
  return rows(ds,
    `SELECT at, query, results, opened_at AS "openedAt" FROM search_log WHERE user_id = $1 ORDER BY at DESC, id DESC`,
    [userId],
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
