// npm run bench:dashboard [-- --regenerate] — the facilitators' dashboard (issue 16) at BENCH_THREADS
// threads, BENCH_REPLIES replies, BENCH_CASES use cases, BENCH_ATTEMPTS quiz attempts and
// BENCH_SEARCHES logged searches (defaults 100,000 / 1,000,000 / 10,000 / 50,000 / 200,000):
// generates the data set once (generate.ts; --regenerate drops the database first), rebuilds the
// rollups (timed), starts the app in a child process (bench/forum/server.ts), signs in as the
// facilitator, and then, from a load generator in a separate process pinned to CPU 1 with taskset
// when available: GET /dashboard?period=12m BENCH_PAGE_REQUESTS times one after the other (default
// 200, after 10 unmeasured), optionally again with BENCH_CONCURRENT closed loops (default 4; 0: skip),
// the same 12 months as a custom period (never kept in a snapshot: every section computed) BENCH_COMPUTED_REQUESTS
// times (default 30), the worker's snapshot recomputation once (timed), and every CSV linked from the page BENCH_CSV_REQUESTS times (default 20, after 2 unmeasured).
// Prints p50/p95/p99/max, counts, the machine (CPUs, load average before and after each phase),
// the PostgreSQL and Node.js versions, and PASS/FAIL against the targets: page p95 ≤ 150 ms, each
// CSV p95 ≤ 300 ms. Exits 0 on FAIL too (the figures are the result).
// Database: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/praxis_bench_dashboard (created if missing).
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, ensureDatabase } from '../support/database.js';
import { startBenchServer } from '../support/server.js';
import { signIn } from '../support/session.js';
import { percentile } from '../forum/paced.js';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { periodFromQuery, rebuildAllRollups, refreshSnapshots } from '../../src/modules/dashboard/index.js';
import { DASHBOARD_FACILITATOR, countRows, generateDashboard } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_dashboard';
const scale = {
  threads: Number(process.env.BENCH_THREADS ?? 100_000),
  replies: Number(process.env.BENCH_REPLIES ?? 1_000_000),
  cases: Number(process.env.BENCH_CASES ?? 10_000),
  attempts: Number(process.env.BENCH_ATTEMPTS ?? 50_000),
  searches: Number(process.env.BENCH_SEARCHES ?? 200_000),
};
const pageRequests = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const csvRequests = Number(process.env.BENCH_CSV_REQUESTS ?? 20);
const concurrent = Number(process.env.BENCH_CONCURRENT ?? 4);
const computedRequests = Number(process.env.BENCH_COMPUTED_REQUESTS ?? 30);
const PAGE_TARGET = 150;
const CSV_TARGET = 300;

const hasTaskset = (() => { try { execFileSync('taskset', ['-V'], { stdio: 'ignore' }); return true; } catch { return false; } })();
const fmt = (n: number) => n.toLocaleString('en');
const ms = (n: number) => Math.round(n * 10) / 10;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

interface Step { url: string; warmup: number; times: number }
interface Measured { url: string; latencies: number[]; bytes: number; errors: number; seconds: number }

function runLoad(plan: Step[], cookie: string, concurrency = 1): Promise<Measured[]> {
  const script = path.join(here, 'load.js');
  const [cmd, args] = hasTaskset && os.cpus().length > 1 ? ['taskset', ['-c', '1', process.execPath, script]] : [process.execPath, [script]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args as string[], {
      env: { ...process.env, LOAD_PLAN: JSON.stringify(plan), LOAD_COOKIE: cookie, LOAD_CONCURRENCY: String(concurrency) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

const figures = (m: Measured) => ({
  requests: m.latencies.length, errors: m.errors,
  'p50 ms': ms(percentile(m.latencies, 50)), 'p95 ms': ms(percentile(m.latencies, 95)),
  'p99 ms': ms(percentile(m.latencies, 99)), 'max ms': ms(m.latencies.at(-1) ?? NaN), KB: Math.round(m.bytes / 1024),
});

// The database: dropped with --regenerate, created when missing, migrated, generated once per scale.
if (process.argv.includes('--regenerate')) await dropDatabase(url);
await ensureDatabase(url);
const ds = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-generate' });
await ds.initialize();
await ds.runMigrations({ transaction: 'each' });
console.log(`generating ${fmt(scale.threads)} threads, ${fmt(scale.replies)} replies, ${fmt(scale.cases)} use cases, `
  + `${fmt(scale.attempts)} quiz attempts, ${fmt(scale.searches)} logged searches …`);
const gen = await generateDashboard(ds, scale);
console.log(gen.generated ? `generated in ${gen.seconds.toFixed(1)} s` : 'already generated (--regenerate to start again)');
let rebuildSeconds: number | null = null;
if (process.env.BENCH_SKIP_REBUILD !== '1') {
  const t0 = Date.now();
  const days = await rebuildAllRollups(ds);
  rebuildSeconds = (Date.now() - t0) / 1000;
  console.log(`rollups rebuilt (${days?.from} to ${days?.to}) in ${rebuildSeconds.toFixed(1)} s`);
}
const counts = await countRows(ds);
const [{ server_version: pgVersion }] = await ds.query(`SHOW server_version`);
await ds.destroy();
console.table(counts);

const server = await startBenchServer(url);
const base = server.base;
const cookie = await signIn(base, { 'x-forwarded-proto': 'https' }, DASHBOARD_FACILITATOR);
const page = `${base}/dashboard?period=12m`;
const check = await fetch(page, { headers: { 'x-forwarded-proto': 'https', cookie } });
const html = await check.text();
if (check.status !== 200) throw new Error(`GET /dashboard?period=12m answered ${check.status}`);
const sections = [...html.matchAll(/<section[^>]*\sid="dash-([a-z-]+)"/g)].map((m) => m[1]);
const csvs = [...new Set([...html.matchAll(/href="(\/dashboard\/[^"?]+\.csv(?:\?[^"]*)?)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')))];
console.log(`GET /dashboard?period=12m as ${DASHBOARD_FACILITATOR}: ${check.status}, ${(html.length / 1024).toFixed(0)} KB, `
  + `${sections.length} sections (${sections.join(', ')}), ${csvs.length} CSV links`);

const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
const loads: Record<string, string> = {};
loads['page, before'] = load();
const [seq] = await runLoad([{ url: page, warmup: 10, times: pageRequests }], cookie);
loads['page, after'] = load();
let par: Measured | undefined;
if (concurrent > 1) {
  [par] = await runLoad([{ url: page, warmup: 4, times: pageRequests }], cookie, concurrent);
  loads[`page ×${concurrent}, after`] = load();
}
// The same 12 months as a custom period: never kept in a snapshot, so every request computes every
// section — what the first view after a rollup refresh would cost without the worker's recomputation.
const p12 = periodFromQuery({ period: '12m' });
const [computed] = await runLoad([{ url: `${base}/dashboard?period=custom&from=${p12.from}&to=${p12.to}`, warmup: 2, times: computedRequests }], cookie);
loads['computed, after'] = load();
// The worker's recomputation after a refresh, for what was read (here: the 12 months in German).
const sds = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-snapshots' });
await sds.initialize();
const s0 = performance.now();
const periods = await refreshSnapshots(sds);
const snapshotSeconds = (performance.now() - s0) / 1000;
await sds.destroy();
loads['CSVs, before'] = load();
const csvResults = await runLoad(csvs.map((c) => ({ url: `${base}${c}`, warmup: 2, times: csvRequests })), cookie);
loads['CSVs, after'] = load();
server.stop();

const pageP95 = percentile(seq!.latencies, 95);
const csvP95 = csvResults.map((r) => ({ name: new URL(r.url).pathname.replace('/dashboard/', ''), p95: percentile(r.latencies, 95), r }));
const worstCsv = csvP95.reduce((a, b) => (b.p95 > a.p95 ? b : a), csvP95[0] ?? { name: '–', p95: 0, r: undefined as unknown as Measured });
const pagePass = pageP95 <= PAGE_TARGET && seq!.errors === 0;
const csvPass = csvResults.every((r) => r.errors === 0) && csvP95.every((c) => c.p95 <= CSV_TARGET);

console.log(`\nfacilitators' dashboard, period 12m: ${fmt(counts.forum_threads!)} threads, ${fmt(counts.forum_replies!)} replies, `
  + `${fmt(counts.use_cases!)} use cases, ${fmt(counts.academy_attempts!)} quiz attempts, ${fmt(counts.search_log!)} logged searches`);
console.log(`machine: ${machine}; Node.js ${process.version}; PostgreSQL ${pgVersion}; rollup rebuild ${rebuildSeconds === null ? 'skipped' : `${rebuildSeconds.toFixed(1)} s`}`);
console.log(`load generator: separate process, ${hasTaskset && os.cpus().length > 1 ? 'pinned to CPU 1 (taskset -c 1)' : 'not pinned'}; `
  + `the app and PostgreSQL share the machine with it`);
console.log(`snapshots: the page reads each section's figures from a snapshot (kept until the next rollup refresh); `
  + `the worker's recomputation after a refresh took ${snapshotSeconds.toFixed(2)} s for ${periods} period(s) read`);
console.log('load average (1, 5, 15 min):');
for (const [k, v] of Object.entries(loads)) console.log(`  ${k.padEnd(20)} ${v}`);
const table: Record<string, ReturnType<typeof figures>> = { [`page, sequential`]: figures(seq!) };
if (par) table[`page, ${concurrent} concurrent`] = figures(par);
table['page, computed (custom 12 months)'] = figures(computed!);
for (const c of csvP95) table[c.name] = figures(c.r);
console.table(table);
console.log(`target: page p95 ≤ ${PAGE_TARGET} ms (sequential): ${ms(pageP95)} ms → ${pagePass ? 'PASS' : 'FAIL'}`);
console.log(`target: each CSV p95 ≤ ${CSV_TARGET} ms: slowest ${worstCsv.name} ${ms(worstCsv.p95)} ms, `
  + `max of all CSV requests ${ms(Math.max(...csvResults.map((r) => r.latencies.at(-1) ?? 0)))} ms → ${csvPass ? 'PASS' : 'FAIL'}`);
console.log(pagePass && csvPass ? 'RESULT: PASS' : 'RESULT: FAIL (see above)');
