// Shared start-up for the web server, the worker and the CLI scripts: configuration → database
// (embedded when DATABASE_URL is unset) → migrations → (optionally) demo content.
import path from 'node:path';
import { loadConfig, type Config } from './config.js';
import type { AppContext } from './modules/module.js';
import { createDataSource } from './db/data-source.js';
import { migrateUnderLock } from './db/migrate.js';
import { appContext, entities } from './composition.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.js';
import { projectRoot } from './paths.js';
import { createLogger } from './shared/logger.js';

export interface Booted {
  ctx: AppContext;
  embedded?: EmbeddedPostgres;
  /** Closes the database connections, then stops the embedded server. */
  shutdown(): Promise<void>;
}

export async function boot(opts: { name: string; config?: Config; migrate?: boolean; poolMax?: number }): Promise<Booted> {
  const config = opts.config ?? loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, pretty: config.logPretty });
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(projectRoot, config.DATA_DIR, 'pg');
    embedded = await startEmbeddedPostgres({ dataDir, log: (msg) => logger.info(msg) });
    url = embedded.url;
    logger.info({ port: embedded.port, dataDir }, 'embedded PostgreSQL started');
  }
  const ds = createDataSource(url, {
    entities, poolMax: opts.poolMax, idleSeconds: config.DATABASE_IDLE_SECONDS, applicationName: `praxis-${opts.name}`,
    // Replicas only with an external primary (config.ts refuses them without DATABASE_URL).
    replicaUrls: config.DATABASE_URL ? config.replicaUrls : [],
  });
  try {
    await ds.initialize();
    if (opts.migrate !== false) {
      // Under an advisory lock: of processes starting together, one migrates, the others wait.
      const ran = await migrateUnderLock(ds);
      if (ran.length) logger.info({ migrations: ran.map((m) => m.name) }, 'migrations applied');
    }
    if (config.replicaUrls.length && config.DATABASE_URL) logger.info({ replicas: config.replicaUrls.length }, 'read replicas in use for heavy reads');
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  const ctx: AppContext = appContext({ ...config, DATABASE_URL: url }, ds, logger);
  return {
    ctx,
    embedded,
    async shutdown() {
      await ds.destroy().catch((err) => logger.warn({ err }, 'closing the database pool failed'));
      if (embedded) {
        await embedded.stop();
        logger.info('embedded PostgreSQL stopped');
      }
    },
  };
}

/** Demo loaders of different processes or test files would race on the same rows (and deadlock). */
const DEMO_LOCK = 727275;

/**
 * Loads every module's demo content (or only the named modules'), in registry order; each loader
 * is idempotent. An advisory lock lets one caller at a time load, so several web processes
 * starting together, or test files running in parallel, do not deadlock on the same rows.
 */
export async function loadDemo(ctx: AppContext, only?: string[], now = new Date()): Promise<void> {
  await underDemoLock(ctx, async () => {
    for (const m of ctx.modules) {
      if (!m.loadDemo || (only && !only.includes(m.name))) continue;
      await m.loadDemo(ctx, now);
      ctx.logger.debug({ module: m.name }, 'demo content loaded');
    }
  });
}

/**
 * The demo's background activity (each module's loadDemoActivity, in registry order), after
 * loadDemo and the content sync: spread over the 12 months before `now`; the dashboard's hook,
 * last, rebuilds its rollups so the activity shows at once. Idempotent, like loadDemo.
 */
export async function loadDemoActivity(ctx: AppContext, now = new Date()): Promise<void> {
  await underDemoLock(ctx, async () => {
    for (const m of ctx.modules) {
      if (!m.loadDemoActivity) continue;
      await m.loadDemoActivity(ctx, now);
      ctx.logger.debug({ module: m.name }, 'demo activity loaded');
    }
  });
}

async function underDemoLock(ctx: AppContext, load: () => Promise<void>): Promise<void> {
  const runner = ctx.ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [DEMO_LOCK]);
    await load();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [DEMO_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
