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
  applicationName?: string;
}

export function createDataSource(url: string, opts: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: opts.entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    extra: { max: opts.poolMax ?? 10, application_name: opts.applicationName ?? 'praxis' },
  });
}

export { poolOf } from './pool.js';
