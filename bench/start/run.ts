// npm run bench:start — the member start page ("Mein Praxis", GET / signed in) at BENCH_THREADS
// threads, BENCH_REPLIES replies and BENCH_CASES use cases (defaults 100,000 / 1,000,000 / 10,000):
// seeds (bench/start/seed.ts), starts the app in a child process (bench/forum/server.ts), signs in
// as the member with follows and an administration, then runs the load generator (load.ts) in a
// separate process, pinned to CPU 1 with taskset when available, and prints p50/p95/p99 and
// requests/s with the machine's CPU count and load average. Target: p95 ≤ 30 ms.
// Database: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/praxis_bench_start (created if missing).
import { execFileSync, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase } from '../support/database.js';
import { startBenchServer } from '../support/server.js';
import { signIn } from '../support/session.js';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { START_MEMBER, seedStart } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_start';
const threads = Number(process.env.BENCH_THREADS ?? 100_000);
const replies = Number(process.env.BENCH_REPLIES ?? 1_000_000);
const cases = Number(process.env.BENCH_CASES ?? 10_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 4);

const hasTaskset = (() => { try { execFileSync('taskset', ['-V'], { stdio: 'ignore' }); return true; } catch { return false; } })();

function runLoad(env: Record<string, string>): Promise<Record<string, number>> {
  const script = path.join(here, 'load.js');
  const [cmd, args] = hasTaskset && os.cpus().length > 1 ? ['taskset', ['-c', '1', process.execPath, script]] : [process.execPath, [script]];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args as string[], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

await ensureDatabase(url);
const ds = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-seed' });
await ds.initialize();
await ds.runMigrations({ transaction: 'each' });
console.log(`seeding ${threads.toLocaleString('en')} threads, ${replies.toLocaleString('en')} replies, ${cases.toLocaleString('en')} use cases …`);
const seed = await seedStart(ds, threads, replies, cases);
console.log(seed.seeded ? `seeded in ${seed.seconds.toFixed(1)} s` : 'already seeded', `(${seed.threads} threads, ${seed.replies} replies, ${seed.cases} use cases)`);
await ds.destroy();

const server = await startBenchServer(url);
const base = server.base;
const cookie = await signIn(base, { 'x-forwarded-proto': 'https' }, START_MEMBER);
const check = await fetch(`${base}/`, { headers: { 'x-forwarded-proto': 'https', cookie } });
const html = await check.text();
const blocks = [...html.matchAll(/<section class="[^"]*start-block[^"]*" id="start-([a-z-]+)"/g)].map((m) => m[1]);
const items = (html.match(/<li>/g) ?? []).length;
console.log(`GET / as ${START_MEMBER}: ${check.status}, ${blocks.length} blocks (${blocks.join(', ')}), ${items} items, ${(html.length / 1024).toFixed(0)} KB`);
if (check.status !== 200 || !html.includes('start-forum-unanswered')) throw new Error('the start page did not load');

const env = { LOAD_URL: `${base}/`, LOAD_COOKIE: cookie, LOAD_CONNECTIONS: String(connections) };
await runLoad({ ...env, LOAD_SECONDS: '3' }); // warm-up
const loadBefore = os.loadavg();
const result = await runLoad({ ...env, LOAD_SECONDS: String(seconds) });
const loadAfter = os.loadavg();
console.log(`\nmember start page GET /, ${connections} connections, ${seconds} s, load generator ${hasTaskset ? 'pinned to CPU 1 (taskset -c 1)' : 'not pinned (no taskset)'}, separate process`);
console.log(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
console.table({ 'GET / (member)': { 'req/s': result.requestsPerSecond, 'p50 ms': result.p50, 'p95 ms': result.p95, 'p99 ms': result.p99, 'max ms': result.max, errors: (result.errors ?? 0) + (result.non2xx ?? 0) } });
console.log(`target (issue 15): p95 ≤ 30 ms: ${result.p95! <= 30 ? 'met' : 'NOT met'}`);
server.stop();
