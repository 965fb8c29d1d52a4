// `npm run dashboard:rebuild`: recomputes the dashboard's daily rollups (dashboard_daily) from the
// raw tables for the whole history (idempotent; the worker keeps today and yesterday fresh).
import { boot } from '../boot.js';
import { rebuildAllRollups } from '../modules/dashboard/index.js';

const booted = await boot({ name: 'dashboard-rebuild' });
let code = 0;
try {
  const started = Date.now();
  const done = await rebuildAllRollups(booted.ctx.ds);
  console.log(done
    ? `Dashboard rollups rebuilt for ${done.from} to ${done.to} in ${((Date.now() - started) / 1000).toFixed(1)} s.`
    : 'Nothing to roll up: the database has no activity yet.');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 1;
} finally {
  await booted.shutdown();
}
process.exit(code);
