// `npm run search:reindex [-- --engine postgres|meilisearch]`: rebuilds the search index from the
// database through every module's search sources, with a progress bar and throughput, into a new
// index that is swapped in atomically (searches keep working meanwhile). With --engine, builds the
// index of the other engine (e.g. before switching to Meilisearch by setting MEILI_URL).
// `--replay-since <outbox id>` only queues again the changes after that id (after a switch).
import { boot } from '../boot.js';
import { MeiliSearchEngine, PostgresSearchEngine, progressLine, registeredIdListers, registeredSources, reindex, replaySince, searchEngine } from '../modules/search/index.js';

const flag = process.argv.indexOf('--engine');
const wanted = flag >= 0 ? process.argv[flag + 1] : undefined;
if (wanted && wanted !== 'postgres' && wanted !== 'meilisearch') {
  console.error('--engine must be "postgres" or "meilisearch"');
  process.exit(2);
}

const replayFlag = process.argv.indexOf('--replay-since');
const replayFrom = replayFlag >= 0 ? Number(process.argv[replayFlag + 1]) : undefined;
if (replayFrom !== undefined && !Number.isSafeInteger(replayFrom)) {
  console.error('--replay-since needs an outbox id');
  process.exit(2);
}

const booted = await boot({ name: 'search-reindex' });
const { ctx } = booted;
let code = 0;
try {
  if (replayFrom !== undefined) {
    console.log(`${await replaySince(ctx.ds, replayFrom)} changes after outbox id ${replayFrom} queued again.`);
    await booted.shutdown();
    process.exit(0);
  }
  let engine = searchEngine(ctx);
  if (wanted === 'postgres') engine = new PostgresSearchEngine(ctx.ds, { languages: ctx.config.CONTENT_LANGUAGES });
  if (wanted === 'meilisearch') {
    if (!ctx.config.MEILI_URL) throw new Error('--engine meilisearch needs MEILI_URL (and MEILI_MASTER_KEY)');
    engine = new MeiliSearchEngine({ host: ctx.config.MEILI_URL, apiKey: ctx.config.MEILI_MASTER_KEY, languages: ctx.config.CONTENT_LANGUAGES });
  }
  const tty = process.stderr.isTTY;
  let lastPercent = -1;
  console.error(`Rebuilding the ${engine.name} search index …`);
  const report = await reindex(ctx.ds, engine, registeredSources(ctx.modules), registeredIdListers(ctx.modules), {
    onProgress: (p) => {
      const percent = p.total ? Math.floor((p.done / p.total) * 100) : 100;
      if (tty) process.stderr.write(`\r${progressLine(p)}`);
      else if (percent >= lastPercent + 10 || p.done === p.total) {
        lastPercent = percent;
        process.stderr.write(`${progressLine(p)}\n`);
      }
    },
  });
  if (tty) process.stderr.write('\n');
  const seconds = report.elapsedMs / 1000;
  console.log(
    `Indexed ${report.indexed} of ${report.total} documents in ${seconds.toFixed(1)} s ` +
      `(${Math.round(report.indexed / Math.max(seconds, 0.001))} docs/s); swapped in; ${report.requeued} changes made meanwhile queued again ` +
      `(started from outbox id ${report.since}: after switching engines, run with --replay-since ${report.since}).`,
  );
  if (report.skippedTypes.length) console.log(`Not rebuilt (their module lists no ids): ${report.skippedTypes.join(', ')}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  code = 1;
} finally {
  await booted.shutdown();
}
process.exit(code);
