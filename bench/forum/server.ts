// The app under load, in its own process so its CPU time and memory can be measured alone.
// Started by run.ts with fork(); reports its port, then answers "stats" messages.
import { getHeapStatistics } from 'node:v8';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/db/data-source.js';
import { appContext, entities } from '../../src/composition.js';
import { createLogger } from '../../src/shared/logger.js';

const config = loadConfig();
const ds = createDataSource(config.DATABASE_URL!, { entities, poolMax: 10, applicationName: 'praxis-bench' });
await ds.initialize();
const ctx = appContext(config, ds, createLogger({ level: config.LOG_LEVEL, pretty: false }));
const { app } = createApp(ctx);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
// Peak RSS, sampled every 100 ms (a reading at the end of a run could miss the top).
let peakRss = 0;
setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 100).unref();
process.on('disconnect', () => process.exit(0));
process.on('message', (m: unknown) => {
  if (m === 'reset-peak') {
    process.send?.({ peakRss: Math.max(peakRss, process.memoryUsage.rss()) });
    peakRss = 0;
  }
  if (m === 'stats') {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    process.send?.({ cpu: process.cpuUsage(), rss: memory.rss, peakRss, memory, v8: getHeapStatistics() });
  }
  // Requests whose client went away at the end of a run may still be waiting for the database.
  if (m === 'stop') server.close(() => setTimeout(() => ds.destroy().then(() => process.exit(0)), 1000));
});
