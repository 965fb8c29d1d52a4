// Preloaded into the benchmarked server (harness.ts adds `--import` of this file to NODE_OPTIONS):
// counts every SQL statement the app sends — each call of pg's Client#query, which TypeORM, the pool
// and the named statements of src/db/prepared.ts all go through — and writes the running count to
// BENCH_STATEMENT_FILE every 100 ms when it changed. pg_stat_statements would count the same on the
// database side, but it needs shared_preload_libraries (a server restart), which a shared
// PostgreSQL cannot be asked for. Costs one increment per statement; the app itself is unchanged.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.BENCH_STATEMENT_FILE;
if (file) {
  const require = createRequire(import.meta.url);
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = pg.Client.prototype.query;
  let count = 0;
  let written = -1;
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  const write = () => {
    if (count !== written) writeFileSync(file, String(count));
    written = count;
  };
  write();
  setInterval(write, 100).unref();
}
