// A test context per test file: its own data source on the test database and an app built from
// it. Call `const t = useTestApp()` at the top of a describe; it opens in beforeAll, closes in afterAll.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/modules/module.js';
import { createDataSource } from '../../src/db/data-source.js';
import { appContext, entities } from '../../src/composition.js';
import { createLogger } from '../../src/shared/logger.js';
import { drainOutbox } from '../../src/worker.js';

export interface TestApp {
  ctx: AppContext;
  app: Express;
  /** Runs the worker once over everything due in the outbox. */
  drain(): Promise<number>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    BASE_URL: 'http://praxis.test',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_POST_PER_MINUTE: '100000',
    SIGNIN_IP_MAX_FAILURES: '100000',
    // The request limits are counted in PostgreSQL, which the test files share: each app its own counts.
    RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`,
    // Test administrations look alike (the factory's defaults): a use case published in one test file
    // would tell the members of every other file "a new use case like yours". Tests of it set their own.
    LIKE_MINE_MAX_RECIPIENTS: '0',
    ...overrides,
  });
}

/** Test files start in parallel; an advisory lock lets one of them migrate while the others wait. */
export async function migrateOnce(ds: import('typeorm').DataSource): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(727274)');
    await ds.runMigrations({ transaction: 'each' });
    // The recognition backfill a migration queues replays ALL existing data: in the shared test
    // database that is whatever the files running beside have created (10,000 use cases of the
    // list test …), and the first drain of any file would do it, past that test's timeout. Tests of
    // the backfill run it themselves, limited to their own members.
    await ds.query(`UPDATE outbox SET processed_at = now() WHERE topic = 'recognition.backfill' AND processed_at IS NULL`);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs the worker over everything due, and also waits for rows another test file's drain has
 * claimed (test files share the database and run in parallel): without the wait, a job claimed by
 * the neighbour — say, this test's sign-in code mail — is skipped and the test finds no mail yet.
 * Only drains' leases are waited for (a "dead worker" a test simulates never finishes its rows).
 */
async function drainAll(ctx: AppContext, waitMs = 15_000): Promise<number> {
  const started = new Date();
  const until = Date.now() + waitMs;
  let handled = 0;
  for (;;) {
    handled += await drainOutbox(ctx);
    const [{ leased }] = (await ctx.ds.query(
      `SELECT count(*)::int AS leased FROM outbox
        WHERE processed_at IS NULL AND failed_at IS NULL AND locked_until > now() AND locked_by LIKE 'drain-%'`,
    )) as { leased: number }[];
    if (leased === 0 || Date.now() > until) {
      await reportSlowDrain(ctx, started, handled);
      return handled;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A drain on the shared database also runs other files' jobs: when one takes longer than 10 s, say
 * which jobs were handled meanwhile (by any drain), so a slow test in CI names its cause. Two CI runs
 * had a test wait over 60 s in a drain (recognition privacy, administrations).
 */
async function reportSlowDrain(ctx: AppContext, started: Date, handled: number): Promise<void> {
  const ms = Date.now() - started.getTime();
  if (ms < 10_000) return;
  const topics = (await ctx.ds.query(
    `SELECT topic, count(*)::int AS n FROM outbox WHERE processed_at >= $1 GROUP BY topic ORDER BY n DESC LIMIT 15`, [started],
  )) as { topic: string; n: number }[];
  console.warn(`slow drain: ${ms} ms, ${handled} jobs by this drain; handled meanwhile: ${topics.map((x) => `${x.topic} ×${x.n}`).join(', ') || 'none'}`);
}

export function useTestApp(overrides: Record<string, string> = {}): TestApp {
  const t = {} as TestApp;
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const config = testConfig(overrides);
    const ds = createDataSource(config.DATABASE_URL!, { entities, poolMax: 5 });
    await ds.initialize();
    await migrateOnce(ds);
    t.ctx = appContext(config, ds, createLogger({ level: config.LOG_LEVEL, pretty: false }));
    const handle = createApp(t.ctx);
    t.app = handle.app;
    close = handle.close;
    t.drain = () => drainAll(t.ctx);
  });
  afterAll(async () => {
    close();
    await t.ctx?.ds.destroy();
  });
  return t;
}
