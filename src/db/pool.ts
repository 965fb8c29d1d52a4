// The pg Pool behind a TypeORM data source (kept apart from data-source.ts, which imports every
// module: module code can use it without an import cycle).
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** The pg Pool behind the data source, shared with the session store and named statements. */
export function poolOf(ds: DataSource): Pool {
  return (ds.driver as unknown as { master: Pool }).master;
}
