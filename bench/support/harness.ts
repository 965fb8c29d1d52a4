// The benchmark harness (issue 19): measurements that can be repeated and trusted on a shared 2-core box.
// - The server runs as `npm start` runs it — the built dist/src/main.js — with the README's production
//   memory settings (NODE_OPTIONS="--max-old-space-size=96 --max-semi-space-size=8", MALLOC_ARENA_MAX=1;
//   BENCH_NODE_OPTIONS overrides), pinned to CPU 0 with `taskset -c 0` when taskset exists and the
//   machine has ≥ 2 CPUs (BENCH_PIN_SERVER=0: not pinned).
// - The load generator (generator.ts) is its own Node process, pinned to CPU 1 the same way: closed
//   loop with autocannon at N connections (requests/s), open loop at a steady rate with latencies from
//   each request's scheduled send time (p99 at 100 requests/s).
// - Per page: a warm-up, then `runs` × `seconds` closed-loop runs and `runs` × `seconds` open-loop runs;
//   each run records, from /proc and pg_stat_database sampled right before and after it: the server's
//   CPU time (/proc/<pid>/stat) per request, the CPU time of the database's backends serving it, the
//   database's active time per request (pg_stat_database.active_time, PostgreSQL ≥ 14), transactions
//   per request (pg_stat_database.xact_commit + xact_rollback — see statementsNote), the load average,
//   and the CPU used by every other process on the machine (/proc/stat minus server, generator and
//   those backends). A run where the others used more than `disturbedAt` CPUs (default 0.2) is marked
//   disturbed: its figures are reported but say more about the neighbours than about the app.
// - Peak RSS of the server per page: /proc/<pid>/status VmHWM, reset before each page (clear_refs).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { GeneratorJob, GeneratorResult } from './generator.js';
import { benchAppEnv } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** What "statements per request" means here (printed under the tables). */
export const statementsNote = 'statements/req: SQL statements the server sent per request, counted in the server by '
  + 'bench/support/count-statements.ts (preloaded with --import; pg_stat_statements would need shared_preload_libraries, '
  + 'i.e. a restart of the shared PostgreSQL); xacts/req in the run lines: pg_stat_database transactions per request';

/** What the two database columns mean (printed under the tables). */
export const databaseNote = 'DB ms/req: pg_stat_database.active_time per request; PG CPU ms/req: CPU time (/proc) of the PostgreSQL '
  + 'backends serving the app per request, which includes planning that active_time can leave out';

export const hasTaskset = (() => { try { execFileSync('taskset', ['-V'], { stdio: 'ignore' }); return true; } catch { return false; } })();
export const canPin = hasTaskset && os.cpus().length >= 2;
const pinServer = canPin && process.env.BENCH_PIN_SERVER !== '0';
const clockTicks = (() => { try { return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100; } catch { return 100; } })();

export interface HarnessOptions {
  connections: number;
  seconds: number;
  runs: number;
  warmupSeconds: number;
  rate: number;
  disturbedAt: number;
}

export function optionsFromEnv(): HarnessOptions {
  return {
    connections: Number(process.env.BENCH_CONNECTIONS ?? 50),
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    runs: Math.max(1, Number(process.env.BENCH_RUNS ?? 3)),
    warmupSeconds: Number(process.env.BENCH_WARMUP_SECONDS ?? 3),
    rate: Number(process.env.BENCH_RATE ?? 100),
    disturbedAt: Number(process.env.BENCH_DISTURBED_CPU ?? 0.2),
  };
}

// ---------------------------------------------------------------------------------------------- /proc

/** utime + stime of a process in clock ticks (0 when it is gone). */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** Busy clock ticks of the whole machine (all CPUs): user, nice, system, irq, softirq, steal. */
function machineBusyTicks(): number {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = line!.trim().split(/\s+/).slice(1).map(Number);
  return v[0]! + v[1]! + v[2]! + v[5]! + v[6]! + (v[7] ?? 0);
}

function peakRss(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) * 1024 : NaN;
}

function resetPeakRss(pid: number): void {
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5'); } catch { /* older kernels: the peak since start */ }
}

export const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------- server

export interface Server { base: string; pid: number; statements(): Promise<number>; stop(): Promise<void> }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export const serverNodeOptions = process.env.BENCH_NODE_OPTIONS ?? '--max-old-space-size=96 --max-semi-space-size=8';
export const serverMallocArenas = process.env.MALLOC_ARENA_MAX ?? '1';

/**
 * Starts dist/src/main.js (what `npm start` runs after its build) on `databaseUrl` with the production
 * memory settings, behind a pretend TLS proxy, without the worker and with sign-in limits out of the
 * way; resolves once /healthz answers 200. `extra` preloads more instrumentation (bench:tail's
 * trace-requests.js) with its environment.
 */
export async function startServer(databaseUrl: string, extra: { imports?: string[]; env?: Record<string, string> } = {}): Promise<Server> {
  const port = await freePort();
  // BENCH_SERVER_MAIN: another build's dist/src/main.js, to compare builds on the same machine and database.
  const main = process.env.BENCH_SERVER_MAIN ?? path.join(here, '../../src/main.js');
  const statementFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-bench-')), 'statements');
  const [cmd, args] = pinServer ? ['taskset', ['-c', '0', process.execPath, main]] : [process.execPath, [main]];
  const child: ChildProcess = spawn(cmd, args as string[], {
    env: {
      ...process.env, ...extra.env,
      NODE_OPTIONS: [serverNodeOptions, ...[path.join(here, 'count-statements.js'), ...(extra.imports ?? [])].map((f) => `--import ${f}`)].join(' '),
      BENCH_STATEMENT_FILE: statementFile, MALLOC_ARENA_MAX: serverMallocArenas, ...benchAppEnv,
      DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOAD_DEMO: 'false', RATE_LIMIT_POST_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const killOnExit = () => child.kill();
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch { /* not listening yet */ }
    if (i > 600) throw new Error('server did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, pid: child.pid!,
    /** The server's statement count so far: asked with SIGUSR2 (bench/support/count-statements.ts), NaN when it does not answer. */
    async statements() {
      const read = () => { try { return readFileSync(statementFile, 'utf8').split(' ').map(Number); } catch { return [0, NaN]; } };
      const [asked] = read();
      child.kill('SIGUSR2');
      for (let i = 0; i < 200; i++) {
        const [sequence, count] = read();
        if (sequence === asked + 1 && Number.isFinite(count)) return count;
        await new Promise((r) => setTimeout(r, 10));
      }
      return NaN;
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      process.off('exit', killOnExit);
    },
  };
}

// ---------------------------------------------------------------------------------------------- generator

export function runGenerator(job: GeneratorJob): Promise<GeneratorResult & { cpuTicks: number }> {
  const script = path.join(here, 'generator.js');
  const [cmd, args] = canPin ? ['taskset', ['-c', '1', process.execPath, script]] : [process.execPath, [script]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args as string[], { env: { ...process.env, GENERATOR: JSON.stringify(job) }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as GeneratorResult;
      // The generator reports its own CPU time (process.cpuUsage at its end).
      resolve({ ...result, cpuTicks: (result.cpuMs * clockTicks) / 1000 });
    });
  });
}

// ---------------------------------------------------------------------------------------------- measuring

/** Reads pg_stat_database and pg_stat_activity of the benchmark's database over a connection to `postgres`. */
export class Monitor {
  private constructor(private client: pg.Client, readonly database: string, readonly version: string) {}

  static async connect(databaseUrl: string): Promise<Monitor> {
    const u = new URL(databaseUrl);
    const database = u.pathname.slice(1);
    u.pathname = '/postgres';
    const client = new pg.Client({ connectionString: u.toString(), application_name: 'praxis-bench-monitor' });
    await client.connect();
    const { rows } = await client.query(`SHOW server_version`);
    return new Monitor(client, database, rows[0].server_version);
  }

  async sample(): Promise<{ xacts: number; activeMs: number; backends: Map<number, number> }> {
    const { rows: [db] } = await this.client.query(
      `SELECT xact_commit + xact_rollback AS xacts, active_time AS active FROM pg_stat_database WHERE datname = $1`, [this.database]);
    const { rows } = await this.client.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [this.database]);
    return {
      xacts: Number(db.xacts), activeMs: Number(db.active),
      backends: new Map(rows.map((r: { pid: number }) => [r.pid, processTicks(r.pid)])),
    };
  }

  close(): Promise<void> { return this.client.end(); }
}

export interface Run {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Open loop: what failed (`status 503`, `ECONNRESET`), counted. */
  failures?: Record<string, number>;
  /** Server CPU ms per request. */
  cpuMs: number;
  /** CPU ms per request of the PostgreSQL backends serving the app. */
  pgCpuMs: number;
  /** pg_stat_database.active_time per request (ms). */
  dbMs: number;
  /** SQL statements per request (the server's own count, see statementsNote). */
  statements: number;
  /** Transactions per request (pg_stat_database). */
  xacts: number;
  /** CPUs used by all other processes during the run (1.0 = one whole core). */
  otherCpu: number;
  loadBefore: string;
  loadAfter: string;
  disturbed: boolean;
  worstSendDelay?: number;
}

export interface Page { name: string; url: string; headers: Record<string, string>[] }
export interface PageResult { page: Page; closed: Run[]; open: Run[]; peakRss: number }

// PostgreSQL backends report their statistics when they go idle, at most once a second; the statement
// database figures are sampled that long after the load stops.
const settle = () => new Promise((r) => setTimeout(r, 1100));

/** One measured run of `job`, with the samples described at the top of this file. */
export async function measured(server: Server, monitor: Monitor, opts: HarnessOptions, job: GeneratorJob): Promise<Run> {
  await settle();
  const loadBefore = loadAverage();
  const before = await monitor.sample();
  const statements0 = await server.statements();
  const t0 = performance.now();
  const busy0 = machineBusyTicks();
  const server0 = processTicks(server.pid);
  const result = await runGenerator(job);
  const server1 = processTicks(server.pid);
  const busy1 = machineBusyTicks();
  const seconds = (performance.now() - t0) / 1000;
  const loadAfter = loadAverage();
  await settle();
  const after = await monitor.sample();
  const statements1 = await server.statements();
  let backendTicks = 0;
  for (const [pid, ticks] of after.backends) backendTicks += Math.max(0, ticks - (before.backends.get(pid) ?? 0));
  const toMs = (ticks: number) => (ticks * 1000) / clockTicks;
  const n = Math.max(1, result.requests);
  const other = Math.max(0, (busy1 - busy0) - (server1 - server0) - result.cpuTicks - backendTicks);
  const otherCpu = toMs(other) / 1000 / seconds;
  return {
    requests: result.requests, rps: result.rps, p50: result.p50, p99: result.p99, errors: result.errors, failures: result.failures,
    cpuMs: toMs(server1 - server0) / n, pgCpuMs: toMs(backendTicks) / n,
    dbMs: (after.activeMs - before.activeMs) / n, statements: (statements1 - statements0) / n, xacts: (after.xacts - before.xacts) / n,
    otherCpu, loadBefore, loadAfter, disturbed: otherCpu > opts.disturbedAt,
    worstSendDelay: result.worstSendDelay,
  };
}

/**
 * One page: warm-up (closed loop, unmeasured), `runs` closed-loop runs at `connections` connections,
 * then `runs` open-loop runs at `rate` requests/s.
 */
export async function measurePage(server: Server, monitor: Monitor, opts: HarnessOptions, page: Page, log = (s: string) => console.log(s)): Promise<PageResult> {
  resetPeakRss(server.pid);
  if (opts.warmupSeconds > 0) await runGenerator({ mode: 'closed', url: page.url, seconds: opts.warmupSeconds, connections: opts.connections, headers: page.headers });
  const closed: Run[] = [];
  for (let i = 0; i < opts.runs; i++) {
    closed.push(await measured(server, monitor, opts, { mode: 'closed', url: page.url, seconds: opts.seconds, connections: opts.connections, headers: page.headers }));
    log(`  ${page.name}: closed run ${i + 1}: ${describe(closed.at(-1)!)}`);
  }
  const open: Run[] = [];
  for (let i = 0; i < opts.runs; i++) {
    open.push(await measured(server, monitor, opts, { mode: 'open', url: page.url, seconds: opts.seconds, rate: opts.rate, headers: page.headers }));
    log(`  ${page.name}: open run ${i + 1} at ${opts.rate}/s: ${describe(open.at(-1)!)}`);
  }
  return { page, closed, open, peakRss: peakRss(server.pid) };
}

const one = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : NaN);

export function describe(r: Run): string {
  return `${Math.round(r.rps)} req/s, p50 ${one(r.p50)} ms, p99 ${one(r.p99)} ms, errors ${r.errors}${r.errors && r.failures ? ` (${Object.entries(r.failures).map(([k, n]) => `${k} ×${n}`).join(', ')})` : ''}, CPU ${r.cpuMs.toFixed(2)} ms/req, `
    + `DB ${r.dbMs.toFixed(2)} ms/req (backends' CPU ${r.pgCpuMs.toFixed(2)}), ${r.statements.toFixed(1)} stmt/req (${r.xacts.toFixed(1)} xacts), `
    + `others ${r.otherCpu.toFixed(2)} CPU, load ${r.loadBefore} → ${r.loadAfter}${r.disturbed ? ' DISTURBED' : ''}`
    + (r.worstSendDelay !== undefined ? `, generator ≤ ${one(r.worstSendDelay)} ms late` : '');
}

export interface Spread { median: number; min: number; max: number }

export function spread(values: number[]): Spread {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, min: NaN, max: NaN };
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s.at(-1)! };
}

/** "median (min–max)" with `digits` decimals. */
export function showSpread(sp: Spread, digits = 0): string {
  const f = (n: number) => n.toFixed(digits);
  return sp.min === sp.max ? f(sp.median) : `${f(sp.median)} (${f(sp.min)}–${f(sp.max)})`;
}

export function machineLine(pgVersion: string): string {
  return `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; Node.js ${process.version}; PostgreSQL ${pgVersion}; `
    + `server: ${process.env.BENCH_SERVER_MAIN ?? 'dist/src/main.js'}, NODE_OPTIONS="${serverNodeOptions}", MALLOC_ARENA_MAX=${serverMallocArenas}, ${pinServer ? 'pinned to CPU 0' : 'not pinned'}; `
    + `load generator: separate process, ${canPin ? 'pinned to CPU 1' : 'not pinned'}; PostgreSQL not pinned`;
}
