// Preloaded into the benchmarked server (harness.ts adds `--import` of this file to NODE_OPTIONS):
// counts every SQL statement the app sends — each call of pg's Client#query, which TypeORM, the pool
// and the named statements of src/db/prepared.ts all go through — and writes "<sequence> <count>" to
// BENCH_STATEMENT_FILE when the harness asks with SIGUSR2, before and after a run. (It wrote every 100 ms
// before: in a CPU profile of 3,000 thread pages those synchronous writes took 1.4 s, about 0.5 ms per
// page charged to the server's CPU.) pg_stat_statements would count the same on the
// database side, but it needs shared_preload_libraries (a server restart), which a shared
// PostgreSQL cannot be asked for. Costs one increment per statement; the app itself is unchanged.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.BENCH_STATEMENT_FILE;
if (file) {
  // pg as the server resolves it (BENCH_SERVER_MAIN may be another build with its own node_modules).
  const require = createRequire(process.argv[1] ?? import.meta.url);
  const pg = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  let sequence = 0;
  process.on('SIGUSR2', () => {
    // Written beside and renamed: the harness never reads a half-written file.
    writeFileSync(`${file}.new`, `${++sequence} ${count}`);
    renameSync(`${file}.new`, file);
  });
}
