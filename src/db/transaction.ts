// inTransaction(ds, db => …): every write happens inside one, and every query in it uses `db`.
import type { DataSource } from 'typeorm';
import type { Db } from './sql.js';

export type { Db };

export async function inTransaction<T>(ds: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  return ds.transaction(work);
}
