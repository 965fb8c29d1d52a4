// Migrating under a PostgreSQL advisory lock: several processes starting at the same moment on one
// database (two web processes, a rolling deploy, parallel test files) would otherwise both find a
// migration pending and run it twice. One takes the lock and migrates; the others wait for it, then
// find nothing left to do. The lock is held by one connection of the pool (so the pool needs two),
// and ends with that connection should the process die.
import type { DataSource, Migration } from 'typeorm';

/** The advisory lock's key, the same one the test support takes (tests/support/app.ts migrateOnce). */
export const MIGRATION_LOCK = 727274;

export async function migrateUnderLock(ds: DataSource): Promise<Migration[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Whether every migration this build knows has been applied (readiness: /readyz). Reads the
 * migrations table only; a missing table (an empty database) counts as not applied.
 */
export async function migrationsApplied(ds: DataSource): Promise<boolean> {
  const [{ exists }] = (await ds.query(`SELECT to_regclass('migrations') IS NOT NULL AS exists`)) as { exists: boolean }[];
  if (!exists) return false;
  const applied = new Set(((await ds.query(`SELECT name FROM migrations`)) as { name: string }[]).map((r) => r.name));
  return ds.migrations.every((m) => m.name !== undefined && applied.has(m.name));
}
