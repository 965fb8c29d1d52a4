// Once per test run: a throw-away embedded PostgreSQL, unless TEST_DATABASE_URL is set.
// Jest runs this file outside its module system, so the launcher is imported by its .ts path
// (Node 24 strips the types); migrations run in the first test file that connects (app.ts).
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const { startEmbeddedPostgres } = await import(new URL('../../src/db/embedded.ts', import.meta.url).href);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'praxis-test-pg-'));
  await chmod(dir, 0o755); // the server runs as the postgres user when we are root
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), database: 'praxis_test' });
  (globalThis as Record<string, unknown>).__PRAXIS_TEST_PG__ = { pg, dir };
  process.env.TEST_DATABASE_URL = pg.url;
}
