// The worker: applies outbox rows (e-mail, later search indexing, notifications, badges …).
// `npm start` runs it inside the web process; `npm run worker` runs it alone. Several workers
// may run at once: rows are claimed with FOR UPDATE SKIP LOCKED.
import { hostname } from 'node:os';
import pg from 'pg';
import type { AppContext } from './modules/module.js';
import { processOutbox, pruneOutbox, type OutboxHandlers } from './shared/outbox.js';

export function outboxHandlers(ctx: AppContext): OutboxHandlers {
  return Object.assign({}, ...ctx.modules.map((m) => m.outboxHandlers?.(ctx) ?? {}));
}

/** Runs every module's housekeeping (the worker does it about once an hour). Returns rows removed. */
export async function runHousekeeping(ctx: AppContext): Promise<number> {
  let removed = 0;
  for (const m of ctx.modules) {
    if (!m.housekeeping) continue;
    removed += await m.housekeeping(ctx).catch((err: unknown) => {
      ctx.logger.warn({ err, module: m.name }, 'housekeeping failed');
      return 0;
    });
  }
  return removed;
}

/** Runs every module's once-a-minute work (e.g. queueing due digests) for the time `now`. */
export async function runMinuteTasks(ctx: AppContext, now: Date = new Date()): Promise<void> {
  for (const m of ctx.modules) {
    if (!m.everyMinute) continue;
    await m.everyMinute(ctx, now).catch((err: unknown) => ctx.logger.warn({ err, module: m.name }, 'minute task failed'));
  }
}

/** Applies everything due now (used by tests and by the loop). */
export async function drainOutbox(ctx: AppContext, workerId = `drain-${process.pid}`): Promise<number> {
  return processOutbox(ctx.ds, outboxHandlers(ctx), {
    workerId,
    maxBatches: 1000,
    onError: (topic, err) => ctx.logger.warn({ err, topic }, 'outbox handler failed; will retry'),
  });
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

export function startWorker(ctx: AppContext, opts: { pollMs?: number } = {}): WorkerHandle {
  const workerId = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const handlers = outboxHandlers(ctx);
  const pollMs = opts.pollMs ?? 1000;
  let stopping = false;
  let wake: (() => void) | undefined;
  let running: Promise<void> = Promise.resolve();

  // LISTEN for new rows so work starts at once; polling covers retries and missed notifications.
  const listener = new pg.Client({ connectionString: ctx.config.DATABASE_URL ?? (ctx.ds.options as { url: string }).url });
  listener.on('notification', () => wake?.());
  listener.on('error', (err) => ctx.logger.warn({ err }, 'outbox listener error'));
  listener.connect().then(() => listener.query('LISTEN outbox')).catch((err) => ctx.logger.warn({ err }, 'outbox LISTEN failed; polling only'));

  // Handled rows are pruned after OUTBOX_KEEP_DAYS, checked at most once an hour, together with
  // the modules' housekeeping (e.g. expired sign-in throttle rows).
  let prunedAt = 0;
  let minuteAt = 0;
  const loop = async () => {
    while (!stopping) {
      if (Date.now() - minuteAt >= 60_000) {
        minuteAt = Date.now();
        await runMinuteTasks(ctx);
      }
      if (Date.now() - prunedAt > 3_600_000) {
        prunedAt = Date.now();
        await pruneOutbox(ctx.ds, ctx.config.OUTBOX_KEEP_DAYS)
          .then((n) => n && ctx.logger.info({ rows: n }, 'outbox pruned'))
          .catch((err) => ctx.logger.warn({ err }, 'outbox pruning failed'));
        await runHousekeeping(ctx).then((n) => n && ctx.logger.info({ rows: n }, 'housekeeping done'));
      }
      try {
        await processOutbox(ctx.ds, handlers, {
          workerId,
          leaseSeconds: ctx.config.OUTBOX_LEASE_SECONDS,
          onError: (topic, err) => ctx.logger.warn({ err, topic }, 'outbox handler failed; will retry'),
        });
      } catch (err) {
        ctx.logger.error({ err }, 'worker loop error');
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  running = loop();
  ctx.logger.info({ workerId, topics: Object.keys(handlers) }, 'worker started');

  return {
    async stop() {
      stopping = true;
      wake?.();
      await running;
      await listener.end().catch(() => undefined);
    },
  };
}
