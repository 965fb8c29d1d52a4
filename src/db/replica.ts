// Read replicas (DATABASE_REPLICA_URLS): which reads may go to a streaming replica, and when not.
// A heavy read-only query (a list page, search on PostgreSQL, the dashboard) asks for
// replicaReads(ds) instead of ds; it runs on a replica only inside a request that routeReads()
// allowed to (app.ts: GET/HEAD, and the member has not written in the last seconds). Everywhere
// else — writes, transactions, the worker, CLIs, tests calling a query directly, a data source
// without replicas — it runs on the primary, exactly as ds would.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { Queryable } from './sql.js';

interface ReadRouting {
  replica: boolean;
}

const routing = new AsyncLocalStorage<ReadRouting>();

/** Whether `ds` was created with replicas (createDataSource with replicaUrls). */
export function hasReplicas(ds: DataSource): boolean {
  return ds.options.type === 'postgres' && (ds.driver as PostgresDriver).isReplicated === true;
}

/** Runs `work` (the rest of a request) with replica reads allowed or not. */
export function routeReads<T>(replica: boolean, work: () => T): T {
  return routing.run({ replica }, work);
}

/** Whether a replicaReads() query made now would go to a replica. */
export function readsFromReplica(ds: DataSource): boolean {
  return hasReplicas(ds) && routing.getStore()?.replica === true;
}

/**
 * A Queryable for read-only statements that may lag a second behind the primary: on a replica
 * (picked at random by TypeORM) when readsFromReplica(ds), else on the primary. Never give it a
 * statement that writes: a standby refuses it.
 */
export class ReplicaReads implements Queryable {
  constructor(readonly ds: DataSource) {}

  /** The data source when a read made now runs on the primary (preparedQuery then names it on its pool), else null. */
  onPrimary(): DataSource | null {
    return readsFromReplica(this.ds) ? null : this.ds;
  }

  async query(sql: string, params?: unknown[]) {
    if (!readsFromReplica(this.ds)) return this.ds.query(sql, params);
    const runner = this.ds.createQueryRunner('slave');
    try {
      return await runner.query(sql, params);
    } finally {
      await runner.release();
    }
  }
}

export function replicaReads(ds: DataSource): ReplicaReads {
  return new ReplicaReads(ds);
}
