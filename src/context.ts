// What every module receives: configuration, the database, the logger.
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { Logger } from './shared/logger.js';

export interface AppContext {
  config: Config;
  ds: DataSource;
  logger: Logger;
}
