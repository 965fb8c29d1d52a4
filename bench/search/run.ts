// `npm run bench:search [-- N] [-- --reuse]`: generates N realistic German/English documents
// (default 100,000), builds the PostgreSQL search index in its own tables (bench_search_*; the
// live index is not touched), then reports the build time and the latency p50/p95/p99 of 1–3 word
// queries with facet counts, filters and typo correction, as a member and as a visitor.
// Uses DATABASE_URL (or the embedded database). Not part of npm test.
import { cpus, loadavg } from 'node:os';
import { boot } from '../../src/boot.js';
import { PostgresSearchEngine, progressLine, type SearchQuery } from '../../src/modules/search/index.js';
import { ENGLISH, GERMAN, generator, rng, STATES, typo } from './corpus.js';

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

// Queries: words drawn like real queries (common words often), a fifth with one typo.
const r = rng(7);
const gen = generator(42);
const vocab = [...GERMAN, ...GERMAN, ...ENGLISH].filter((w) => !w.includes('-'));
type Kind = '1 word' | '2 words' | '3 words' | 'typo' | 'filtered' | 'visitor';
const queries: { kind: Kind; query: SearchQuery }[] = [];
for (let i = 0; i < QUERIES + WARMUP; i++) {
  const n = 1 + Math.floor(r() * 3);
  const words = Array.from({ length: n }, () => (r() < 0.15 ? gen.places[Math.floor(r() * 400)] : vocab[Math.floor(vocab.length * r() ** 1.5)]));
  let kind: Kind = n === 1 ? '1 word' : n === 2 ? '2 words' : '3 words';
  const query: SearchQuery = { q: '', audience: 'member' };
  const u = r();
  if (u < 0.2) {
    const j = words.findIndex((w) => w.length >= 6);
    if (j >= 0) {
      words[j] = typo(r, words[j]);
      kind = 'typo';
    }
  } else if (u < 0.35) {
    query.filters = r() < 0.5 ? { type: ['use_case', 'guide_chapter'] } : { state: [STATES[Math.floor(r() * STATES.length)]] };
    kind = 'filtered';
  } else if (u < 0.5) {
    query.audience = 'visitor';
    kind = 'visitor';
  }
  query.q = words.join(' ');
  queries.push({ kind, query });
}

const timings: { kind: Kind; ms: number; total: number }[] = [];
for (const [i, { kind, query }] of queries.entries()) {
  const t0 = performance.now();
  const res = await engine.search(query);
  const ms = performance.now() - t0;
  if (i >= WARMUP) timings.push({ kind, ms, total: res.total });
}
const suggestMs: number[] = [];
for (let i = 0; i < 300; i++) {
  const w = vocab[Math.floor(vocab.length * r() ** 1.5)];
  const t0 = performance.now();
  await engine.suggest(w.slice(0, 3 + Math.floor(r() * 4)), r() < 0.5 ? 'member' : 'visitor');
  suggestMs.push(performance.now() - t0);
}

const pct = (list: number[], p: number) => {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};
const row = (label: string, list: number[]) =>
  `${label.padEnd(12)} ${String(list.length).padStart(6)} ${pct(list, 50).toFixed(1).padStart(8)} ${pct(list, 95).toFixed(1).padStart(8)} ${pct(list, 99).toFixed(1).padStart(8)} ${Math.max(...list).toFixed(1).padStart(8)}`;

const [{ server_version: version }] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
console.log(`\nSearch benchmark — ${N.toLocaleString('en-US')} documents (${size}, lexicon ${lexicon.toLocaleString('en-US')} words), PostgreSQL ${version}`);
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (other processes compete for the CPU when it exceeds the cores)`);
console.log(`cache: ${warmed}`);
console.log(buildSeconds === null ? 'index build: reused' : `index build: ${buildSeconds.toFixed(1)} s (${Math.round(N / buildSeconds).toLocaleString('en-US')} docs/s; of which GIN/trigram indexes, swap and VACUUM ANALYZE ${indexSeconds.toFixed(1)} s)`);
console.log(`\nquery latency in ms (${QUERIES} queries after ${WARMUP} warm-up, one client, facets counted on every query)`);
console.log(`${'kind'.padEnd(12)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`);
console.log(row('all', timings.map((t) => t.ms)));
for (const kind of ['1 word', '2 words', '3 words', 'typo', 'filtered', 'visitor'] as Kind[]) {
  const list = timings.filter((t) => t.kind === kind).map((t) => t.ms);
  if (list.length) console.log(row(kind, list));
}
console.log(row('suggest', suggestMs));
const zero = timings.filter((t) => t.total === 0).length;
console.log(`\nqueries with results: ${timings.length - zero}/${timings.length}; median total ${pct(timings.map((t) => t.total), 50)}`);
await booted.shutdown();
process.exit(0);
