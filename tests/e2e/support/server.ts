// The real app, in-process, on a loopback port: the same context as tests/support/app.ts, with
// BASE_URL pointing at the port it listens on, so the links in queued e-mails can be followed.
import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../src/app.js';
import { loadDemo } from '../../../src/boot.js';
import type { AppContext } from '../../../src/modules/module.js';
import { createDataSource } from '../../../src/db/data-source.js';
import { appContext, entities } from '../../../src/composition.js';
import { createLogger } from '../../../src/shared/logger.js';
import { drainOutbox } from '../../../src/worker.js';
import { migrateOnce, testConfig } from '../../support/app.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface E2EServer {
  /** e.g. http://127.0.0.1:41234 — no trailing slash. */
  baseUrl: string;
  ctx: AppContext;
  /** The Express app being served (e.g. to list its routes). */
  app: Express;
  /** Runs the worker once over everything due in the outbox (what `npm start` does in the background). */
  drain(): Promise<number>;
  /** Every e-mail queued for `to`, oldest first, read from the outbox table after the worker has run once. */
  mailsTo(to: string): Promise<Mail[]>;
  close(): Promise<void>;
}

export async function startServer(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<E2EServer> {
  const server: Server = createServer();
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const config = testConfig({ BASE_URL: baseUrl, ...opts.env });
  const ds = createDataSource(config.DATABASE_URL!, { entities, poolMax: 5 });
  await ds.initialize();
  await migrateOnce(ds);
  const ctx: AppContext = appContext(config, ds, createLogger({ level: config.LOG_LEVEL, pretty: false }));
  if (opts.demo) await loadDemo(ctx);
  const { app, close } = createApp(ctx);
  server.on('request', app);

  return {
    baseUrl,
    ctx,
    app,
    drain: () => drainOutbox(ctx),
    async mailsTo(to) {
      // Some e-mails are composed by the worker (registration, password reset): let it run first.
      await drainOutbox(ctx);
      const rows: { payload: Mail }[] = await ds.query(
        `SELECT payload FROM outbox WHERE topic = 'mail.send' AND payload->>'to' = $1 ORDER BY id`, [to]);
      return rows.map((r) => r.payload);
    },
    async close() {
      close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ds.destroy();
    },
  };
}

/** The first link in `text` to `path` (e.g. "/register/confirm"), as an absolute URL. */
export function linkTo(text: string, path: string): string {
  const m = text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === path);
  if (!m) throw new Error(`no link to ${path} in:\n${text}`);
  return m;
}
