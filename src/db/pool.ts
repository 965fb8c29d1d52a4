// The one adapter between TypeORM and the pg Pool it opens: the session store and the named
// statements of the hottest reads share that pool instead of opening a second one. TypeORM's
// PostgresDriver declares the pool as its public `master` property (typeorm/driver/postgres/
// PostgresDriver.d.ts: "Pool for master database"); nothing else in the code reaches into TypeORM.
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** The pg Pool behind an initialised PostgreSQL data source. */
export function poolOf(ds: DataSource): Pool {
  if (ds.options.type !== 'postgres') throw new Error(`poolOf needs a PostgreSQL data source, not ${ds.options.type}`);
  const pool = (ds.driver as PostgresDriver).master as Pool | undefined;
  if (!pool) throw new Error('poolOf: the data source is not initialised');
  return pool;
}
