// The TypeORM data source: explicit entity and migration lists, snake_case names, never synchronize.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from './naming.js';

export interface DataSourceOptions {
  /** Every table's entity class (the composition root collects them from the modules). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  poolMax?: number;
  /** Seconds an idle pooled connection stays open (0: until the pool closes); pg's own default is 10. */
  idleSeconds?: number;
  applicationName?: string;
  /**
   * Streaming replicas (DATABASE_REPLICA_URLS): with any, TypeORM's replication is on. Its default
   * for reads stays the primary ('master'): only the reads that ask for a replica through
   * replicaReads() (src/db/replica.ts) go to one, so no find() or query builder read silently
   * lags behind a write.
   */
  replicaUrls?: string[];
}

export function createDataSource(url: string, opts: DataSourceOptions): DataSource {
  const applicationName = opts.applicationName ?? 'praxis';
  const pool = { max: opts.poolMax ?? 10, idleTimeoutMillis: (opts.idleSeconds ?? 10) * 1000 };
  const common = {
    type: 'postgres' as const,
    entities: opts.entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
  };
  if (!opts.replicaUrls?.length) {
    return new DataSource({ ...common, url, extra: { ...pool, application_name: applicationName } });
  }
  // Each replica gets a pool of the same size; the connections name themselves "<name>-replica"
  // (pg_stat_activity.application_name on the standby).
  return new DataSource({
    ...common,
    extra: pool,
    replication: {
      master: { url, applicationName },
      slaves: opts.replicaUrls.map((replica) => ({ url: replica, applicationName: `${applicationName}-replica` })),
      defaultMode: 'master',
    },
  });
}

export { poolOf } from './pool.js';
