// node dist/bench/dashboard/sections.js — each dashboard section's load and each CSV timed on its
// own (sequentially, in-process, no HTTP), at BENCH_PERIOD (default 12m) on the benchmark database
// (BENCH_DATABASE_URL, as run.ts; generate it with npm run bench:dashboard first). BENCH_SECTION_RUNS
// times each (default 10, after 2 unmeasured); prints p50/p95/max per section and CSV, and the load
// average before and after: where the page's time goes.
import os from 'node:os';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { loadCatalogues, translate } from '../../src/shared/i18n.js';
import { periodFromQuery, SECTIONS, type SectionContext } from '../../src/modules/dashboard/index.js';
import { percentile } from '../forum/paced.js';

const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praxis_bench_dashboard';
const runs = Number(process.env.BENCH_SECTION_RUNS ?? 10);
const ds = createDataSource(url, { entities, poolMax: 10, applicationName: 'praxis-bench-sections' });
await ds.initialize();
loadCatalogues();
const period = periodFromQuery({ period: process.env.BENCH_PERIOD ?? '12m' });
const c: SectionContext = { ds, period, lang: 'de', t: (k, v) => translate('de', k, v) };
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

async function timed(fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { 'p50 ms': r(percentile(ts, 50)), 'p95 ms': r(percentile(ts, 95)), 'max ms': r(ts.at(-1)!) };
}

console.log(`period ${period.kind}: ${period.from} … ${period.to} (previous ${period.prevFrom} … ${period.prevTo}); load average before ${load()}`);
const table: Record<string, unknown> = {};
for (const s of [...SECTIONS].sort((a, b) => a.order - b.order)) table[`${s.key} (load)`] = await timed(() => s.load(c));
table['all sections, parallel'] = await timed(() => Promise.all(SECTIONS.map((s) => s.load(c))));
for (const s of SECTIONS) for (const [name, fn] of Object.entries(s.csv ?? {})) table[`${s.key}/${name}.csv`] = await timed(() => fn(c));
console.table(table);
console.log(`load average after ${load()}`);
await ds.destroy();
