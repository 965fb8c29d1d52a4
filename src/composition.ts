// The composition root's shared part: the entry points (main, worker, CLIs) and the test and
// benchmark harnesses take the module list from the registry here and pass down what each part
// needs — the entities to the data source, the module list (whose hooks the modules collect:
// profile sections, admin links, search sources, related items …) in the AppContext. Nothing
// under src/modules or src/db imports the registry.
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { AppContext } from './modules/module.js';
import { modules } from './modules/registry.js';
import type { Logger } from './shared/logger.js';
import { OutboxRow } from './shared/outbox.entity.js';
import { RateLimitHit } from './shared/rate-limit.entity.js';

export { modules };

/**
 * Every table's entity, for createDataSource: the outbox and the shared rate-limit counts (src/shared,
 * no module owns them) and every module's.
 */
export const entities = [OutboxRow, RateLimitHit, ...modules.flatMap((m) => m.entities ?? [])];

/** The context every module receives. */
export function appContext(config: Config, ds: DataSource, logger: Logger): AppContext {
  return { config, ds, logger, modules };
}
