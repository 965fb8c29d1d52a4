// The one helper for hand-written SQL (used by the modules' *.queries.ts and *.store.ts files):
// `Db` is a transaction's manager (entities and SQL), `Queryable` whatever runs a query — the data
// source or a transaction's manager — and rows()/one()/affected() hide how TypeORM's pg driver shapes results: UPDATE and DELETE come back
// as [rows, rowCount], every other statement as the rows.
import type { DataSource, EntityManager } from 'typeorm';

/** A transaction's manager (inTransaction): repositories, the query builder and SQL in one transaction. */
export type Db = EntityManager;

/** The data source or a transaction's manager; inside inTransaction always the transaction's. */
export type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** TypeORM's answer to UPDATE and DELETE: [rows, rowCount]. */
const isRowsAndCount = (result: unknown): result is [unknown[], number] =>
  Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';

/** The rows of a query result, also of UPDATE/DELETE … RETURNING (which TypeORM answers with [rows, count]). */
export function returned<T = Record<string, unknown>>(result: unknown): T[] {
  return (isRowsAndCount(result) ? result[0] : result) as T[];
}

/** Runs `sql` and returns its rows (whatever the statement). */
export async function rows<T = Record<string, unknown>>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  return returned<T>(await db.query(sql, params));
}

/** The first row, or null when there is none. */
export async function one<T = Record<string, unknown>>(db: Queryable, sql: string, params: unknown[] = []): Promise<T | null> {
  return (await rows<T>(db, sql, params))[0] ?? null;
}

/** How many rows an UPDATE or DELETE changed (with or without RETURNING). */
export async function affected(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const result: unknown = await db.query(sql, params);
  if (isRowsAndCount(result)) return result[1];
  return Array.isArray(result) ? result.length : 0;
}
