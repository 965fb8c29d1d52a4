// npm run bench:forum — seeds a forum with BENCH_THREADS threads and BENCH_REPLIES replies (defaults
// 100,000 / 1,000,000) and measures the thread page with 50 replies through the benchmark harness
// (bench/support/harness.ts): the server as `npm start` runs it with the production memory settings,
// the load generator in its own process pinned to the other core, warm-up, then BENCH_RUNS (3) ×
// BENCH_SECONDS (10) per measurement with the median and the spread: requests/s at BENCH_CONNECTIONS (50)
// for signed-in members (one member per connection) and for visitors, p99 at a steady BENCH_RATE (150)
// requests/s (open loop, from each request's scheduled send time); server CPU, database time and SQL
// statements per request, peak RSS; load and other processes' CPU per run, disturbed runs marked.
// Database: BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/praxis_bench_forum (created if missing).
import { ensureDatabase } from '../support/database.js';
import { Monitor, machineLine, measurePage, optionsFromEnv, showSpread, spread, startServer, databaseNote, statementsNote, type PageResult } from '../support/harness.js';
import { signIn } from '../support/session.js';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { benchEmail, seedForum } from './seed.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_forum';
const threads = Number(process.env.BENCH_THREADS ?? 100_000);
const replies = Number(process.env.BENCH_REPLIES ?? 1_000_000);
const opts = { ...optionsFromEnv(), rate: Number(process.env.BENCH_RATE ?? 150) };

await ensureDatabase(url);
const ds = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-seed' });
await ds.initialize();
await ds.runMigrations({ transaction: 'each' });
console.log(`seeding ${threads.toLocaleString('en')} threads and ${replies.toLocaleString('en')} replies …`);
const seed = await seedForum(ds, threads, replies);
console.log(seed.seeded ? `seeded in ${seed.seconds.toFixed(1)} s` : 'already seeded', `(${seed.threads} threads, ${seed.replies} replies)`);
await ds.destroy();

const monitor = await Monitor.connect(url);
const server = await startServer(url);
const proxy = { 'x-forwarded-proto': 'https' };
let member: PageResult;
let visitor: PageResult;
try {
  // One member per connection, as in real use (sessions are rows; one shared session would serialise on its row).
  const sessions: Record<string, string>[] = [];
  for (let i = 0; i < opts.connections; i += 10) {
    const batch = Array.from({ length: Math.min(10, opts.connections - i) }, (_, j) => signIn(server.base, proxy, benchEmail(i + j + 1)));
    sessions.push(...(await Promise.all(batch)).map((cookie) => ({ ...proxy, cookie })));
  }
  const target = `${server.base}${seed.threadUrl}`;
  const check = await fetch(target, { headers: sessions[0] });
  const html = await check.text();
  console.log(`page ${seed.threadUrl}: ${check.status}, ${(html.match(/class="forum-reply/g) ?? []).length} replies shown, ${(html.length / 1024).toFixed(0)} KB`);
  if (check.status !== 200) throw new Error('thread page did not load');
  member = await measurePage(server, monitor, opts, { name: 'thread page (member)', url: target, headers: sessions });
  visitor = await measurePage(server, monitor, opts, { name: 'thread page (visitor)', url: target, headers: [proxy] });
} finally {
  await server.stop();
  await monitor.close();
}

const row = (r: PageResult) => ({
  [`req/s @${opts.connections}`]: showSpread(spread(r.closed.map((x) => x.rps))),
  [`p99 ms @${opts.connections}`]: showSpread(spread(r.closed.map((x) => x.p99))),
  [`p99 ms @${opts.rate}/s`]: showSpread(spread(r.open.map((x) => x.p99)), 1),
  'CPU ms/req': showSpread(spread(r.closed.map((x) => x.cpuMs)), 2),
  'DB ms/req': showSpread(spread(r.closed.map((x) => x.dbMs)), 2),
  'PG CPU ms/req': showSpread(spread(r.closed.map((x) => x.pgCpuMs)), 2),
  'stmt/req': showSpread(spread(r.open.map((x) => x.statements)), 1),
  'peak RSS MB': (r.peakRss / 1024 / 1024).toFixed(0),
  disturbed: `${[...r.closed, ...r.open].filter((x) => x.disturbed).length}/${r.closed.length + r.open.length}`,
});
console.log(`\nforum thread page, 50 replies: ${seed.threads.toLocaleString('en')} threads, ${seed.replies.toLocaleString('en')} replies`);
console.log(`machine: ${machineLine(monitor.version)}`);
console.log(`${opts.warmupSeconds} s warm-up, ${opts.runs} × ${opts.seconds} s per measurement; median (min–max) over the runs`);
console.table({ 'signed-in member': row(member), visitor: row(visitor) });
console.log(`${databaseNote}; ${statementsNote}`);
console.log(`disturbed: other processes used more than ${opts.disturbedAt} of a CPU during the run — re-run on a quiet machine`);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`targets (issue 3), in every run: ≥ 450 req/s at ${opts.connections} connections: ${verdict(member.closed.every((x) => x.rps >= 450))}; `
  + `p99 ≤ 50 ms at a steady ${opts.rate} req/s: ${verdict(member.open.every((x) => x.p99 <= 50 && x.errors === 0))}; `
  + `peak RSS ≤ 150 MB: ${verdict(Math.max(member.peakRss, visitor.peakRss) <= 150 * 1024 * 1024)}`);
