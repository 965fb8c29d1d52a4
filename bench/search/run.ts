// `npm run bench:search [-- N] [-- --reuse]`: generates N realistic German/English documents
// (default 100,000), builds the PostgreSQL search index in its own tables (bench_search_*; the
// live index is not touched), then reports the build time and the latency p50/p95/p99 of 1–3 word
// queries with facet counts, filters and typo correction, as a member and as a visitor.
// Uses DATABASE_URL (or the embedded database). Not part of npm test.
import { cpus, loadavg } from 'node:os';
import { boot } from '../../src/boot.js';
import { PostgresSearchEngine, progressLine } from '../../src/modules/search/index.js';
import { generator } from './corpus.js';
import { percentile } from '../forum/paced.js';
import { benchWorkload, KINDS, latencyHeader, latencyRow, type Kind } from './queries.js';

const args = process.argv.slice(2);
const N = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const reuse = args.includes('--reuse');
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const WARMUP = 100;
const BATCH = 2000;

const booted = await boot({ name: 'bench-search', poolMax: 6 });
const { ds } = booted.ctx;
const tuning = {
  ...(process.env.BENCH_TITLE_CANDIDATES ? { titleCandidates: Number(process.env.BENCH_TITLE_CANDIDATES) } : {}),
  ...(process.env.BENCH_CANDIDATES ? { candidates: Number(process.env.BENCH_CANDIDATES) } : {}),
};
const engine = new PostgresSearchEngine(ds, { documents: 'bench_search_docs', lexicon: 'bench_search_lex', ...tuning });

const count = async () => {
  const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM bench_search_docs`).catch(() => [{ n: -1 }])) as { n: number }[];
  return n;
};

let buildSeconds: number | null = null;
let indexSeconds = 0;
if (!reuse || (await count()) !== N) {
  await ds.query(`DROP TABLE IF EXISTS bench_search_docs`);
  await ds.query(`DROP TABLE IF EXISTS bench_search_lex`);
  await engine.setup();
  // The same path as `npm run search:reindex`: bulk load into new tables, indexes, swap.
  const rebuild = await engine.startRebuild();
  const gen = generator(42);
  const started = Date.now();
  for (let i = 0; i < N; i += BATCH) {
    await rebuild.index(gen.batch(i, Math.min(BATCH, N - i)));
    const done = Math.min(N, i + BATCH);
    if (process.stderr.isTTY) process.stderr.write(`\r${progressLine({ done, total: N, type: null, elapsedMs: Date.now() - started })}`);
    else if (done % (BATCH * 25) === 0 || done === N) process.stderr.write(`${progressLine({ done, total: N, type: null, elapsedMs: Date.now() - started })}\n`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const loaded = Date.now();
  await rebuild.swap();
  await ds.query(`VACUUM ANALYZE bench_search_docs`);
  await ds.query(`VACUUM ANALYZE bench_search_lex`);
  indexSeconds = (Date.now() - loaded) / 1000;
  buildSeconds = (Date.now() - started) / 1000;
}

// Warm cache: a search index in use stays in memory, but this machine's kernel reclaims page cache
// that has not been touched for a while (DAMON), and a cold page costs a disk read. The tables and
// their indexes are read once (pg_prewarm, into shared buffers as far as they fit, otherwise into
// the OS cache) so that the figures describe the steady state, not the disk.
let warmed: string;
try {
  await ds.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
  const rels = (await ds.query(
    `SELECT c.oid::regclass::text AS rel, pg_relation_size(c.oid) AS bytes FROM pg_class c
      WHERE c.oid IN ('bench_search_docs'::regclass, 'bench_search_lex'::regclass)
         OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE oid = 'bench_search_docs'::regclass)
         OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid IN ('bench_search_docs'::regclass, 'bench_search_lex'::regclass))`,
  )) as { rel: string; bytes: string }[];
  const [{ buffers }] = (await ds.query(`SELECT setting::bigint * 8192 AS buffers FROM pg_settings WHERE name = 'shared_buffers'`)) as { buffers: string }[];
  let inBuffers = 0;
  let total = 0;
  for (const { rel, bytes } of rels.sort((a, b) => Number(a.bytes) - Number(b.bytes))) {
    const fits = inBuffers + Number(bytes) < Number(buffers) * 0.8;
    await ds.query(`SELECT pg_prewarm($1::regclass, $2)`, [rel, fits ? 'buffer' : 'read']);
    if (fits) inBuffers += Number(bytes);
    total += Number(bytes);
  }
  warmed = `prewarmed ${Math.round(total / 1048576)} MB of tables (with TOAST) and indexes (${Math.round(inBuffers / 1048576)} MB into shared buffers of ${Math.round(Number(buffers) / 1048576)} MB)`;
} catch (err) {
  warmed = `not prewarmed (${(err as Error).message})`;
}

const [{ lexicon }] = (await ds.query(`SELECT count(*)::int AS lexicon FROM bench_search_lex`)) as { lexicon: number }[];
const [{ size }] = (await ds.query(`SELECT pg_size_pretty(pg_total_relation_size('bench_search_docs')) AS size`)) as { size: string }[];

const { queries, prefixes } = benchWorkload(QUERIES + WARMUP);

const timings: { kind: Kind; ms: number; total: number }[] = [];
for (const [i, { kind, query }] of queries.entries()) {
  const t0 = performance.now();
  const res = await engine.search(query);
  const ms = performance.now() - t0;
  if (i >= WARMUP) timings.push({ kind, ms, total: res.total });
}
const suggestMs: number[] = [];
for (const { prefix, audience } of prefixes) {
  const t0 = performance.now();
  await engine.suggest(prefix, audience);
  suggestMs.push(performance.now() - t0);
}

const [{ server_version: version }] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
console.log(`\nSearch benchmark — ${N.toLocaleString('en-US')} documents (${size}, lexicon ${lexicon.toLocaleString('en-US')} words), PostgreSQL ${version}`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (other processes compete for the CPU when it exceeds the cores)`);
console.log(`cache: ${warmed}`);
console.log(buildSeconds === null ? 'index build: reused' : `index build: ${buildSeconds.toFixed(1)} s (${Math.round(N / buildSeconds).toLocaleString('en-US')} docs/s; of which GIN/trigram indexes, swap and VACUUM ANALYZE ${indexSeconds.toFixed(1)} s)`);
console.log(`\nquery latency in ms (${QUERIES} queries after ${WARMUP} warm-up, one client, facets counted on every query)`);
console.log(latencyHeader());
console.log(latencyRow('all', timings.map((t) => t.ms)));
for (const kind of KINDS) {
  const list = timings.filter((t) => t.kind === kind).map((t) => t.ms);
  if (list.length) console.log(latencyRow(kind, list));
}
console.log(latencyRow('suggest', suggestMs));
const zero = timings.filter((t) => t.total === 0).length;
console.log(`\nqueries with results: ${timings.length - zero}/${timings.length}; median total ${percentile(timings.map((t) => t.total).sort((a, b) => a - b), 50)}`);
await booted.shutdown();
process.exit(0);
