// `npm start`: boot, serve, and on SIGINT/SIGTERM drain — /readyz answers 503 and every answer
// closes its connection for SHUTDOWN_DRAIN_MS (the load balancer stops sending requests), then stop
// accepting connections, finish what is in flight (at most 25 s), stop the worker, close the pool,
// then stop the embedded database — nothing is lost, no request fails.
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { boot, loadDemo, loadDemoActivity } from './boot.js';
import { formatReports, syncContent } from './content-sync.js';
import { ConfigError, loadConfig } from './config.js';
import { startWorker, type WorkerHandle } from './worker.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // A signal during start-up is remembered and honoured once the database is up, so the
  // embedded server is never left behind.
  let early: string | undefined;
  const onEarly = (signal: string) => (early = signal);
  process.once('SIGINT', onEarly);
  process.once('SIGTERM', onEarly);
  const booted = await boot({ name: 'web', config });
  if (early) {
    await booted.shutdown();
    process.exit(0);
  }
  const { ctx } = booted;
  if (ctx.config.loadDemo) {
    await loadDemo(ctx);
    const reports = await syncContent(ctx, { publish: true });
    if (Object.keys(reports).length) ctx.logger.info(`content sync:\n${formatReports(reports)}`);
    // Quiz attempts and the like need the synced quizzes; the dashboard's rollups are rebuilt last.
    await loadDemoActivity(ctx);
  }

  const { app, close, drain } = createApp(ctx);
  const worker: WorkerHandle | undefined = ctx.config.RUN_WORKER ? startWorker(ctx) : undefined;
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(ctx.config.PORT, ctx.config.HOST, () => resolve(s));
  });
  server.keepAliveTimeout = 5_000;

  const url = ctx.config.BASE_URL ?? `http://localhost:${ctx.config.PORT}`;
  const lines = [`Praxis is running at ${url}`];
  if (ctx.config.loadDemo) {
    lines.push('Demo log-ins (password: praxis-demo):',
      '  admin@demo.example        (admin)',
      '  facilitator@demo.example  (facilitator)',
      '  member@demo.example       (member)');
  }
  if (!ctx.config.SMTP_URL) lines.push('E-mail is not sent (no SMTP_URL): messages, with their links, are written to this log.');
  console.log(`\n${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      ctx.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, ctx.config.shutdownDrainMs + 25_000);
    force.unref();
    drain();
    if (ctx.config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, ctx.config.shutdownDrainMs));
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await worker?.stop();
    close();
    await booted.shutdown();
    clearTimeout(force);
    process.exit(0);
  };
  process.off('SIGINT', onEarly);
  process.off('SIGTERM', onEarly);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  if (early) void stop(early);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
