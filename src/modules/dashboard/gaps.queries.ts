// SQL of the dashboard's "gaps" section (read only): the top queries from the daily rollups
// (metrics search_zero, search_hit, search_opened; dim = the query), so a year of searches is not
// scanned on every view; the figures that cannot be summed per day (members among the searchers,
// the median number of results) come from the search module's log, for those ten queries only.
import type { Queryable } from '../../db/sql.js';

export interface UnfoundRow { query: string; searches: number; days: number; before: number }

/** The queries searched most often without results from `from` to `to`, with their searches in the previous period. */
export async function topUnfound(ds: Queryable, from: string, to: string, prevFrom: string, prevTo: string, limit: number): Promise<UnfoundRow[]> {
  return ds.query(
    `SELECT dim AS query,
            sum(value) FILTER (WHERE day BETWEEN $1 AND $2)::int AS searches,
            count(*) FILTER (WHERE day BETWEEN $1 AND $2)::int AS days,
            coalesce(sum(value) FILTER (WHERE day BETWEEN $3 AND $4), 0)::int AS before
       FROM dashboard_daily
      WHERE metric = 'search_zero' AND (day BETWEEN $1 AND $2 OR day BETWEEN $3 AND $4)
      GROUP BY dim HAVING count(*) FILTER (WHERE day BETWEEN $1 AND $2) > 0
      ORDER BY searches DESC, dim LIMIT $5`, [from, to, prevFrom, prevTo, limit]);
}

export interface UnopenedRow { query: string; searches: number; days: number }

/** The queries searched most often with results from `from` to `to` where no search opened a result. */
export async function topUnopened(ds: Queryable, from: string, to: string, limit: number): Promise<UnopenedRow[]> {
  return ds.query(
    `SELECT dim AS query,
            sum(value) FILTER (WHERE metric = 'search_hit')::int AS searches,
            count(*) FILTER (WHERE metric = 'search_hit')::int AS days
       FROM dashboard_daily
      WHERE metric IN ('search_hit', 'search_opened') AND day BETWEEN $1 AND $2
      GROUP BY dim HAVING count(*) FILTER (WHERE metric = 'search_opened') = 0
      ORDER BY searches DESC, dim LIMIT $3`, [from, to, limit]);
}
