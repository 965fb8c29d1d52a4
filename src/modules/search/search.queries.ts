// Reads of the search module other than the engine: the knowledge gaps for the dashboard.
import type { DataSource } from 'typeorm';
import { rows } from '../../db/sql.js';

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
