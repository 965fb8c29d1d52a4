// Writes of the demo's searches (search.demo.ts).
import type { Queryable } from '../../db/sql.js';

export interface DemoSearch { at: Date; query: string; results: number; openedAt: Date | null }

/** Whether the log already holds any of these queries (the demo was loaded). */
export async function anySearchFor(db: Queryable, queries: string[]): Promise<boolean> {
  const found = await db.query(`SELECT 1 FROM search_log WHERE query = ANY($1::text[]) LIMIT 1`, [queries]);
  return found.length > 0;
}

/** The searches in one statement, without a member (as after 30 days). */
export async function insertSearches(db: Queryable, list: DemoSearch[]): Promise<void> {
  await db.query(
    `INSERT INTO search_log (at, query, results, user_id, opened_at)
     SELECT a, q, r, NULL, o FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::timestamptz[]) AS s(a, q, r, o)`,
    [list.map((s) => s.at), list.map((s) => s.query), list.map((s) => s.results), list.map((s) => s.openedAt)]);
}
