// npm run bench:tail — where the slow requests of a light, steady load spend their time (issue 19, item 5:
// p50 about 6 ms but p99 anywhere from 16 to 228 ms at 20 requests/s). Through the honest harness
// (bench/support/harness.ts: the built server pinned to CPU 0 with the production memory settings, the
// load generator pinned to CPU 1), on bench:pages's 1,000-thread database (BENCH_DATABASE_URL overrides;
// nothing is written but what the app writes when serving pages and signing members in).
// Pages: a thread for signed-in members (dash1–dash10, round robin; the thread bench:pages picks) and the
// forum overview for visitors; BENCH_PAGES=thread,forum picks, BENCH_TAIL_PAGES adds others (path@member or
// path@visitor; BENCH_DATABASE_URL=…/praxis_bench_pages_100000 for the large set). Per page: BENCH_WARMUP_SECONDS (3) of warm-up,
// then BENCH_RUNS (3) × BENCH_SECONDS (30) open-loop runs at BENCH_RATE (20) requests/s, every request
// numbered (x-bench-request) and traced on both sides on the same clock: the generator records when each
// was due and when its answer arrived; the server (bench/support/trace-requests.ts, preloaded for this
// benchmark only) when the app saw it and finished it, its time in PostgreSQL, its CPU, and every GC
// pause and event-loop stall. PostgreSQL's checkpoint, autovacuum and WAL counters are read before and
// after each run (db-stats.ts). Per run: latency percentiles, the slowest requests split into parts,
// and the share of slow requests explained by database wait, GC, event-loop stalls or time outside the
// server (attribution.ts). The figures only mean something on a quiet machine: see the DISTURBED marks.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { percentile } from '../forum/paced.js';
import { Monitor, describe, machineLine, measured, optionsFromEnv, runGenerator, startServer, type Run } from '../support/harness.js';
import { signIn } from '../support/session.js';
import { attribute, causes, merge, timing, typical, type Cause, type Interval, type Timing } from './attribution.js';
import { DbStats, describeStats, type Stats } from './db-stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_pages_1000';
const opts = { ...optionsFromEnv(), seconds: Number(process.env.BENCH_SECONDS ?? 30), rate: Number(process.env.BENCH_RATE ?? 20) };
const only = process.env.BENCH_PAGES?.split(',').map((s) => s.trim()).filter(Boolean);
const proxy = { 'x-forwarded-proto': 'https' };
const MEMBERS = 10;
const SLOWEST = 5;

interface GeneratorLine { id: string; due: number; sent: number; end: number; status: number }
interface ServerRequest { type: 'req'; id: string; url: string; start: number; end: number; cpu: number; status: number; statements: number; sum: number; longest: number; db: number; connects: number; connectMs: number }
type ServerLine = ServerRequest
  | { type: 'gc'; start: number; ms: number; kind: string }
  | { type: 'stall'; start: number; end: number; ms: number; cpu: number }
  | { type: 'loop'; end: number; p50: number; p99: number; max: number };

const readLines = <T>(file: string): T[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

// The thread bench:pages measures (read only).
const client = new pg.Client({ connectionString: databaseUrl, application_name: 'praxis-bench-tail' });
await client.connect().catch((e: Error) => { throw new Error(`${databaseUrl}: ${e.message} — generate it with npm run bench:pages (BENCH_THREADS=1000)`); });
const { rows: [thread] } = await client.query(`
  SELECT t.id, t.slug FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
   WHERE c.is_public AND t.removed_at IS NULL AND t.hidden_at IS NULL AND t.slug LIKE 'dash-%'
   ORDER BY abs(t.reply_count - 20), t.id LIMIT 1`);
await client.end();
if (!thread) throw new Error(`${databaseUrl} has no benchmark thread — generate it with npm run bench:pages`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'praxis-tail-'));
const serverTrace = path.join(dir, 'server.jsonl');
const monitor = await Monitor.connect(databaseUrl);
const stats = await DbStats.connect(databaseUrl);
const server = await startServer(databaseUrl, { imports: [path.join(here, '../support/trace-requests.js')], env: { BENCH_TRACE_FILE: serverTrace } });

interface RunSummary { page: string; run: Run; p50: number; p90: number; p99: number; max: number; slow: number; causes: Record<Cause, number> }
const summaries: RunSummary[] = [];

function analyse(page: string, index: number, run: Run, generatorTrace: string, prefix: string, before: Stats, after: Stats): void {
  const sent = readLines<GeneratorLine>(generatorTrace);
  const lines = readLines<ServerLine>(serverTrace);
  const seen = new Map(lines.flatMap((l) => (l.type === 'req' && l.id.startsWith(prefix) ? [[l.id, l] as const] : [])));
  const from = Math.min(...sent.map((g) => g.due));
  const to = Math.max(...sent.map((g) => g.end));
  const gcs = lines.flatMap((l) => (l.type === 'gc' && l.start + l.ms >= from && l.start <= to ? [l] : []));
  const stalls = lines.flatMap((l) => (l.type === 'stall' && l.end >= from && l.start <= to ? [l] : []));
  const loops = lines.flatMap((l) => (l.type === 'loop' && l.end >= from && l.end <= to + 1000 ? [l] : []));
  const gcIntervals: Interval[] = gcs.map((g) => ({ start: g.start, end: g.start + g.ms }));
  const gcMerged = merge(gcIntervals);
  const blocked = merge([...gcIntervals, ...stalls]);
  const offCpu = merge(stalls.filter((x) => x.cpu < x.ms / 2));

  const ok = sent.filter((g) => g.status >= 200 && g.status < 300);
  const latencies = ok.map((g) => g.end - g.due).sort((a, b) => a - b);
  const [p50, p90, p99] = [50, 90, 99].map((p) => percentile(latencies, p)) as [number, number, number];
  const max = latencies.at(-1) ?? NaN;
  const traced = ok.flatMap((g) => {
    const s = seen.get(g.id);
    return s ? [{ g, s, t: timing({ due: g.due, start: s.start, end: s.end, received: g.end, db: s.db }, gcMerged, offCpu, blocked) }] : [];
  });
  const usual = typical(traced.map((x) => x.t));
  const slow = traced.filter((x) => x.t.latency >= p99).sort((a, b) => b.t.latency - a.t.latency);
  const count = Object.fromEntries(causes.map((c) => [c, 0])) as Record<Cause, number>;
  for (const x of slow) count[attribute(x.t, usual)]++;
  summaries.push({ page, run, p50, p90, p99, max, slow: slow.length, causes: count });

  const out = (s: string) => console.log(`    ${s}`);
  console.log(`  ${page}: run ${index}: ${describe(run)}`);
  out(`latency from the scheduled send time: p50 ${ms(p50)}, p90 ${ms(p90)}, p99 ${ms(p99)}, max ${ms(max)} ms over ${ok.length} answers `
    + `(${sent.length - ok.length} failed); ${traced.length} traced in the server, ${traced.filter((x) => x.s.connects > 0).length} of them opened a database connection`);
  const kinds = [...new Set(gcs.map((g) => g.kind))].map((k) => `${gcs.filter((g) => g.kind === k).length} ${k}`).join(', ');
  const longestStall = stalls.reduce<(typeof stalls)[number] | undefined>((a, b) => (!a || b.ms > a.ms ? b : a), undefined);
  out(`server: event-loop delay p99 ${ms(Math.max(...loops.map((l) => l.p99)))} ms in the worst second, max ${ms(Math.max(...loops.map((l) => l.max)))} ms; `
    + `${stalls.length} stalls > ${process.env.BENCH_TRACE_STALL_MS ?? 5} ms (${stalls.filter((x) => x.cpu < x.ms / 2).length} with the process mostly off the CPU)` + (longestStall ? ` (longest ${ms(longestStall.ms)} ms, process CPU meanwhile ${ms(longestStall.cpu)} ms)` : '')
    + `; GC ${gcs.length} pauses (${kinds || 'none'}), ${ms(gcs.reduce((a, g) => a + g.ms, 0))} ms in all, longest ${ms(Math.max(0, ...gcs.map((g) => g.ms)))} ms`);
  out(`PostgreSQL during the run: ${describeStats(before, after, stats.timing)}`);
  const parts = (t: Timing) => `before ${ms(t.before)}, server ${ms(t.server)} (DB ${ms(t.db)}), after ${ms(t.after)}`;
  out(`typical request (medians): ${ms(usual.latency)} ms = ${parts(usual)}`);
  out(`${slow.length} requests at or above p99 (${ms(p99)} ms); the slowest ${Math.min(SLOWEST, slow.length)}:`);
  for (const { g, s, t } of slow.slice(0, SLOWEST)) {
    out(`  ${ms(t.latency)} ms = ${parts(t)}; generator late ${ms(g.sent - g.due)}; DB: ${s.statements} statements, sum ${ms(s.sum)}, longest ${ms(s.longest)}${s.connects ? `, ${s.connects} new connection(s) ${ms(s.connectMs)} ms` : ''}; `
      + `process CPU ${ms(s.cpu)}; overlapping: GC ${ms(t.gc)}, stalls ${ms(t.stall)} busy + ${ms(t.offCpu)} off CPU; outside ${ms(t.outside)} → ${attribute(t, usual)}  ${s.url}`);
  }
  if (slow.length) {
    const all = typical(slow.map((x) => x.t));
    out(`all ${slow.length} at or above p99 (medians): server ${ms(all.server)}, DB ${ms(all.db)}, outside the server ${ms(all.outside)} ms; `
      + `a GC pause overlapped ${slow.filter((x) => x.t.gc > 0).length}, `
      + `another event-loop stall ${slow.filter((x) => x.t.stall + x.t.offCpu > 0).length} (with the process off the CPU ${slow.filter((x) => x.t.offCpu > 0).length}), `
      + `a new database connection ${slow.filter((x) => x.s.connects > 0).length}`);
  }
  out(`attribution: of ${slow.length} slow requests (≥ p99), ${count.database} waited mostly on the database, ${count.gc} on GC, `
    + `${count.stall} on an event-loop stall other than GC with the process busy (JavaScript), ${count.offCpu} on a stall with the process off the CPU `
    + `(another process on its core), ${count.outside} `
    + `outside the server (queued before the app saw it or on the way back), ${count.unexplained} unexplained (the app's own work, or several parts at once) — `
    + `a part explains a request when it grew by at least half of the request's excess over the typical one${run.disturbed ? '; DISTURBED run' : ''}`);
}

try {
  const members: Record<string, string>[] = [];
  for (let i = 1; i <= MEMBERS; i++) members.push({ ...proxy, cookie: await signIn(server.base, proxy, `dash${i}@bench.example`) });
  const pages = [
    { key: 'thread', name: 'a thread (member)', path: `/forum/threads/${thread.id}-${thread.slug}`, headers: members },
    { key: 'forum', name: 'forum overview (visitor)', path: '/forum', headers: [proxy] },
  ].filter((p) => !only || only.includes(p.key));
  // BENCH_TAIL_PAGES=/use-cases?topic=youth@member,/guides@visitor: further pages, as the members above
  // (round robin) or a visitor; BENCH_PAGES=none leaves out the two above.
  for (const [i, spec] of (process.env.BENCH_TAIL_PAGES ?? '').split(',').filter(Boolean).entries()) {
    const at = spec.lastIndexOf('@');
    const [p, role] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, 'visitor'];
    if (role !== 'member' && role !== 'visitor') throw new Error(`BENCH_TAIL_PAGES: ${spec}: the role is member or visitor`);
    pages.push({ key: `page${i + 1}`, name: `${p} (${role})`, path: p, headers: role === 'member' ? members : [proxy] });
  }
  for (const page of pages) {
    const url = `${server.base}${page.path}`;
    const check = await fetch(url, { headers: page.headers[0], redirect: 'manual' });
    await check.text();
    if (check.status !== 200) throw new Error(`${page.name} ${page.path}: HTTP ${check.status}`);
    console.log(`\n${page.name} ${page.path}`);
    if (opts.warmupSeconds > 0) await runGenerator({ mode: 'closed', url, seconds: opts.warmupSeconds, connections: opts.connections, headers: page.headers });
    for (let i = 1; i <= opts.runs; i++) {
      const generatorTrace = path.join(dir, `${page.key}-${i}.jsonl`);
      const prefix = `${page.key}-${i}-`;
      const before = await stats.sample();
      const run = await measured(server, monitor, opts, { mode: 'open', url, seconds: opts.seconds, rate: opts.rate, headers: page.headers, trace: { file: generatorTrace, prefix } });
      const after = await stats.sample();
      analyse(page.name, i, run, generatorTrace, prefix, before, after);
    }
  }
} finally {
  await server.stop();
  await stats.close();
  await monitor.close();
}

console.log(`\nbench:tail — ${opts.runs} × ${opts.seconds} s open loop at ${opts.rate} req/s per page after ${opts.warmupSeconds} s of warm-up; database ${new URL(databaseUrl).pathname.slice(1)}; traces in ${dir}`);
console.log(`machine: ${machineLine(monitor.version)}`);
console.table(summaries.map((x) => ({
  page: x.page, p50: ms(x.p50), p90: ms(x.p90), p99: ms(x.p99), max: ms(x.max), slow: x.slow,
  ...Object.fromEntries(causes.map((c) => [c, x.causes[c]])),
  others: `${x.run.otherCpu.toFixed(2)} CPU${x.run.disturbed ? ' DISTURBED' : ''}`, load: `${x.run.loadBefore} → ${x.run.loadAfter}`,
})));
console.log(`before/after: queueing ahead of the app and the way back; DB: time with a statement in flight; others: CPU used by other processes `
  + `(more than ${opts.disturbedAt} of a CPU: DISTURBED — the figures describe the neighbours; re-run on a quiet machine)`);
