// npm run bench:forum — seeds a forum with BENCH_THREADS threads and BENCH_REPLIES replies (defaults
// 100,000 / 1,000,000), starts the app in a child process, signs in as a member and loads a thread
// page with 50 replies with autocannon: requests/s at 50 connections, p50/p99 latency; then p99 at
// a steady 150 requests/s (open loop, paced.ts); server CPU ms per request and server RSS.
// Database: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/praxis_bench_forum (created if missing).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ensureDatabase } from '../support/database.js';
import { signIn } from '../support/session.js';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { paced } from './paced.js';
import { benchEmail, seedForum } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_forum';
const threads = Number(process.env.BENCH_THREADS ?? 100_000);
const replies = Number(process.env.BENCH_REPLIES ?? 1_000_000);
const duration = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Stats = { cpu: NodeJS.CpuUsage; rss: number; peakRss: number; memory: NodeJS.MemoryUsage };
function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as Stats));
    child.send('stats');
  });
}

function load(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

await ensureDatabase(url);
const ds = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-seed' });
await ds.initialize();
await ds.runMigrations({ transaction: 'each' });
console.log(`seeding ${threads.toLocaleString('en')} threads and ${replies.toLocaleString('en')} replies …`);
const seed = await seedForum(ds, threads, replies);
console.log(seed.seeded ? `seeded in ${seed.seconds.toFixed(1)} s` : 'already seeded', `(${seed.threads} threads, ${seed.replies} replies)`);
await ds.destroy();

// Memory settings as recommended for production (docs/forum.md, Dockerfile): V8 otherwise grows the
// heap lazily under load, and glibc keeps one malloc arena per thread.
const execArgv = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=64 --max-semi-space-size=2').split(' ').filter(Boolean);
const mallocArenas = process.env.MALLOC_ARENA_MAX ?? '1';
const child = fork(path.join(here, 'server.js'), {
  execArgv,
  env: {
    ...process.env, MALLOC_ARENA_MAX: mallocArenas, NODE_ENV: 'production', DATABASE_URL: url, LOG_LEVEL: 'warn', TRUST_PROXY: 'true',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000', RATE_LIMIT_POST_PER_MINUTE: '100000', SIGNIN_IP_MAX_FAILURES: '100000',
    BASE_URL: 'https://praxis.bench', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', RUN_WORKER: 'false',
  },
});
process.on('exit', () => child.kill());
const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
const base = `http://127.0.0.1:${port}`;
// Production sets Secure cookies; the proxy header makes the plain-HTTP benchmark count as HTTPS.
const proxy = { 'x-forwarded-proto': 'https' };
// One member per connection, as in real use (sessions are rows; one shared session would serialise on its row).
const cookies: string[] = [];
for (let i = 0; i < connections; i += 10) {
  cookies.push(...await Promise.all(Array.from({ length: Math.min(10, connections - i) }, (_, j) => signIn(base, proxy, benchEmail(i + j + 1)))));
}
const cookie = cookies[0]!;
// Signing in hashes passwords (argon2id, 64 MiB each while it runs): its memory peak is reported on
// its own, and the page-load peak is measured from here on.
const signInPeak = await new Promise<number>((resolve) => {
  child.once('message', (m) => resolve((m as { peakRss: number }).peakRss));
  child.send('reset-peak');
});
const target = `${base}${seed.threadUrl}`;
const check = await fetch(target, { headers: { ...proxy, cookie } });
const html = await check.text();
const shown = (html.match(/class="forum-reply/g) ?? []).length;
console.log(`page ${seed.threadUrl}: ${check.status}, ${shown} replies shown, ${(html.length / 1024).toFixed(0)} KB`);
if (check.status !== 200) throw new Error('thread page did not load');

let next = 0;
const signedInClients = (client: { setHeaders(h: Record<string, string>): void }) => {
  client.setHeaders({ ...proxy, cookie: cookies[next++ % cookies.length]! });
};
const base1 = { url: target, connections, duration, setupClient: signedInClients };
await load({ ...base1, duration: 3 }); // warm-up
const before = await ask(child);
const full = await load(base1);
const after = await ask(child);
const steady = await paced({ url: target, rate: 150, seconds: duration, headers: () => ({ ...proxy, cookie: cookies[next++ % cookies.length]! }) });
const visitors = await load({ url: target, headers: proxy, connections, duration });
const end = await ask(child);
const cpuMs = ((after.cpu.user - before.cpu.user) + (after.cpu.system - before.cpu.system)) / 1000;
const requests = full.requests.total;

console.log(`\nforum thread page, 50 replies, signed-in member (server flags: ${execArgv.join(' ') || 'none'}, MALLOC_ARENA_MAX=${mallocArenas})`);
console.table({
  [`${connections} connections`]: { 'req/s': Math.round(full.requests.average), 'p50 ms': full.latency.p50, 'p99 ms': full.latency.p99, errors: full.errors + full.non2xx },
  'steady 150 req/s': { 'req/s': Math.round(steady.requestsPerSecond), 'p50 ms': steady.p50, 'p99 ms': steady.p99, errors: steady.errors + steady.non2xx },
  [`visitors, ${connections} conn.`]: { 'req/s': Math.round(visitors.requests.average), 'p50 ms': visitors.latency.p50, 'p99 ms': visitors.latency.p99, errors: visitors.errors + visitors.non2xx },
});
console.log(`steady 150 req/s: open loop, latency from each request's scheduled start; p90 ${steady.p90} ms, max ${steady.max} ms, generator at worst ${steady.worstSendDelay} ms late`);
console.log(`server CPU per request: ${(cpuMs / requests).toFixed(2)} ms (${requests} requests)`);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(`server RSS: peak ${mb(end.peakRss)} while loading pages (sampled every 100 ms), ${mb(after.rss)} after the ${connections}-connection run, ${mb(end.rss)} at the end; ` +
  `peak ${mb(signInPeak)} from start-up through the ${connections} sign-ins`);
console.log(`server heap: ${mb(end.memory.heapUsed)} used of ${mb(end.memory.heapTotal)}, external ${mb(end.memory.external)}`);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`targets (issue 3): ≥ 450 req/s at 50 connections: ${verdict(full.requests.average >= 450)}; ` +
  `p99 ≤ 50 ms at a steady 150 req/s: ${verdict(steady.p99 <= 50)}; peak RSS ≤ 150 MB: ${verdict(end.peakRss <= 150 * 1024 * 1024)}`);
child.send('stop');
