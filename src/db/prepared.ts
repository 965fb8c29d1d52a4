// Named statements for the hottest reads (every page view runs them): PostgreSQL parses and plans
// a named statement once per connection instead of on every request. Inside a transaction (an
// EntityManager with its own query runner) the statement runs as a plain query on that runner.
// A replicaReads() Queryable names it too while its reads go to the primary (always, without
// replicas); on a replica it runs as a plain query.
import { DataSource } from 'typeorm';
import { poolOf } from './pool.js';
import { ReplicaReads } from './replica.js';
import type { Queryable } from './sql.js';

/**
 * Runs `text` as the named statement `name` when `db` is the data source itself (or replicaReads()
 * reading the primary). A name must always go with the same text: PostgreSQL keeps the first text
 * it saw under a name per connection (tests/db/prepared-names.test.ts checks the call sites).
 */
export async function preparedQuery<T = Record<string, unknown>>(db: Queryable, name: string, text: string, values: unknown[]): Promise<T[]> {
  const ds = db instanceof DataSource ? db : db instanceof ReplicaReads ? db.onPrimary() : null;
  if (ds) {
    // Through the data source's logger like every TypeORM query, so query logging and the tests'
    // statement counts (tests/support/db.ts statementsOf) see named statements too.
    ds.logger.logQuery(text, values);
    const result = await poolOf(ds).query({ name, text, values });
    return result.rows as T[];
  }
  return (await db.query(text, values)) as T[];
}
