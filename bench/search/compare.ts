// `node dist/bench/search/compare.js OTHER_DIST [N]`: this build's PostgreSQL search engine against
// another build's (OTHER_DIST: the dist folder of an earlier commit, e.g. a `git worktree` built with
// `tsc -p tsconfig.build.json`), query by query in one process, on the tables bench:search left
// (run it first with the same N). Each of bench:search's queries goes to both engines, which one
// first alternating, so that the machine's drift in speed — a third between minutes on these
// shared machines — falls on both alike; two runs of bench:search minutes apart cannot show a
// change smaller than that. Prints both builds' latencies per kind, the sums, and how many first
// pages differ (the same hits in the same order is expected unless the change is meant to rank).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { boot } from '../../src/boot.js';
import { PostgresSearchEngine, type SearchQuery, type SearchResult } from '../../src/modules/search/index.js';
import { benchWorkload, KINDS, latencyHeader, latencyRow, type Kind } from './queries.js';

const [otherDist, count] = process.argv.slice(2);
const otherIndex = resolve(otherDist ?? '', 'src/modules/search/index.js');
if (!otherDist || !existsSync(otherIndex)) {
  console.error('usage: node dist/bench/search/compare.js OTHER_DIST [N]   (OTHER_DIST/src/modules/search/index.js must exist)');
  process.exit(2);
}
const QUERIES = Number(count ?? process.env.BENCH_QUERIES ?? 1000);
const WARMUP = 100;

type Engine = { search(q: SearchQuery): Promise<SearchResult> };
const other = (await import(pathToFileURL(otherIndex).href)) as { PostgresSearchEngine: new (ds: unknown, opts: object) => Engine };
const booted = await boot({ name: 'bench-search-compare', poolMax: 6 });
const { ds } = booted.ctx;
const tables = { documents: 'bench_search_docs', lexicon: 'bench_search_lex' };
const engines: [string, Engine][] = [
  ['other', new other.PostgresSearchEngine(ds, tables)],
  ['this', new PostgresSearchEngine(ds, tables)],
];

const { queries } = benchWorkload(QUERIES + WARMUP);
const timings = engines.map(() => [] as { kind: Kind; ms: number }[]);
let differing = 0;
for (const [i, { kind, query }] of queries.entries()) {
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  const results: SearchResult[] = [];
  for (const e of order) {
    const t0 = performance.now();
    results[e] = await engines[e]![1].search(query);
    if (i >= WARMUP) timings[e]!.push({ kind, ms: performance.now() - t0 });
  }
  const page = (r: SearchResult) => r.hits.map((h) => h.id).join(',');
  if (i >= WARMUP && page(results[0]!) !== page(results[1]!)) differing++;
}

console.log(`\n${QUERIES} queries after ${WARMUP} warm-up, each to both builds (order alternating), one client; other = ${otherDist}`);
console.log(`${latencyHeader(16)}   (ms)`);
for (const kind of ['all', ...KINDS] as const) {
  for (const [e, [name]] of engines.entries()) {
    const list = timings[e]!.filter((t) => kind === 'all' || t.kind === kind).map((t) => t.ms);
    console.log(latencyRow(`${kind} ${name}`, list, 16));
  }
}
for (const [e, [name]] of engines.entries()) console.log(`sum ${name}: ${(timings[e]!.reduce((a, t) => a + t.ms, 0) / 1000).toFixed(2)} s`);
console.log(`first pages that differ: ${differing}/${QUERIES}`);
await booted.shutdown();
process.exit(0);
