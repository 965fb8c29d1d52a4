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

export interface UnfoundSearch {
  query: string;
  searches: number;
  /** Distinct members among the searchers (visitors, and everyone after 30 days, are not known). */
  searchers: number;
  /** Berlin days on which it was searched. */
  days: number;
  /** Searches for it in the previous period. */
  before: number;
}

/**
 * The queries searched most often without any result in `now` (most first, then by query), with the
 * number of searches for them in `before`. Bounded by the period (index on `at`) and `limit`.
 */
export async function searchesWithoutResults(ds: Queryable, now: DayRange, before: DayRange, limit = 10): Promise<UnfoundSearch[]> {
  return rows(ds,
    `SELECT query,
            count(*) FILTER (WHERE ${range(1, 2)})::int AS searches,
            count(DISTINCT user_id) FILTER (WHERE ${range(1, 2)})::int AS searchers,
            count(DISTINCT (at AT TIME ZONE 'Europe/Berlin')::date) FILTER (WHERE ${range(1, 2)})::int AS days,
            count(*) FILTER (WHERE ${range(3, 4)})::int AS before
       FROM search_log
      WHERE results = 0 AND ((${range(1, 2)}) OR (${range(3, 4)}))
      GROUP BY query HAVING count(*) FILTER (WHERE ${range(1, 2)}) > 0
      ORDER BY searches DESC, query LIMIT $5`,
    [now.from, now.to, before.from, before.to, limit],
  );
}

export interface UnopenedSearch {
  query: string;
  searches: number;
  /** The median number of results of those searches (the lower middle for an even count). */
  results: number;
  days: number;
}

/**
 * The queries searched most often in `period` that found results, none of which was opened from any
 * of those searches (most first, then by query).
 */
export async function searchesNotOpened(ds: Queryable, period: DayRange, limit = 10): Promise<UnopenedSearch[]> {
  return rows(ds,
    `SELECT query, count(*)::int AS searches,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY results)::int AS results,
            count(DISTINCT (at AT TIME ZONE 'Europe/Berlin')::date)::int AS days
       FROM search_log
      WHERE results > 0 AND ${range(1, 2)}
      GROUP BY query HAVING count(opened_at) = 0
      ORDER BY searches DESC, query LIMIT $3`,
    [period.from, period.to, limit],
  );
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
