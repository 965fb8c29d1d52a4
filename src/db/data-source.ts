// The TypeORM data source: explicit entity and migration lists, snake_case names, never synchronize.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { modules } from '../modules/registry.js';
import { SnakeNamingStrategy } from './naming.js';

export const entities = modules.flatMap((m) => m.entities ?? []);

export function createDataSource(url: string, opts: { poolMax?: number; applicationName?: string } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
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
