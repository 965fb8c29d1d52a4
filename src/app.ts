// createApp(ctx): the middleware stack and the module routers, without listen(), so tests drive
// it in-process with supertest.
import connectPgSimple from 'connect-pg-simple';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './modules/module.js';
import { poolOf } from './db/data-source.js';
import { migrationsApplied } from './db/migrate.js';
import { RETRY_AFTER_SECONDS } from './db/unavailable.js';
import { loadLimit } from './web/middleware/load-limit.js';
import { installSessionRead, passportFor } from './modules/accounts/index.js';
import { projectRoot, publicDir } from './paths.js';
import { HOUR } from './shared/clock.js';
import { csrf } from './web/middleware/csrf.js';
import { errorHandler } from './web/middleware/error-handler.js';
import { flash } from './web/middleware/flash.js';
import { i18n, memberLanguage } from './web/middleware/i18n.js';
import { guardBody, guardRequestTarget, verifyBodyBytes } from './web/middleware/input-guard.js';
import { locals } from './web/middleware/locals.js';
import { notFound } from './web/middleware/not-found.js';
import { readRouting } from './web/middleware/read-routing.js';
import { stateChangeLimits } from './web/middleware/rate-limit.js';
import { saveSessionBeforeRedirect } from './web/middleware/save-session-before-redirect.js';
import { requestIdFrom } from './web/request-id.js';
import { sendFileFrom } from './web/send-file.js';
import { bySegment } from './web/segment-dispatch.js';
import { sessionCookie } from './web/session-cookie.js';
import { setupViews } from './web/view-engine.js';
import './web/types.js';

export const IDLE_TIMEOUT_MS = 2 * HOUR;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;

/** How often an unchanged session's expiry is written back (the idle timeout's granularity). */
export const SESSION_TOUCH_MS = 60_000;

/**
 * Rolling sessions would write the session row on every page view, and requests of one member
 * would queue on that row. The expiry only needs refreshing now and then: once a minute per
 * session and process is plenty for a two-hour idle timeout.
 */
function throttleTouch(store: session.Store, everyMs: number): void {
  if (!store.touch) return;
  const touch = store.touch.bind(store);
  const last = new Map<string, number>();
  store.touch = (sid, sess, callback) => {
    const now = Date.now();
    if (now - (last.get(sid) ?? 0) < everyMs) return callback?.();
    if (last.size > 100_000) last.clear();
    last.set(sid, now);
    touch(sid, sess, callback);
  };
}

export interface AppHandle {
  app: Express;
  /** Stops timers owned by the app (the session store's pruning). */
  close(): void;
  /**
   * Marks the process as stopping (src/main.ts on SIGTERM): /readyz answers 503 from now on, so the
   * load balancer sends no new requests here, and every answer carries `Connection: close`, so
   * keep-alive connections end after their current request instead of being cut.
   */
  drain(): void;
}

export function createApp(ctx: AppContext): AppHandle {
  const { config } = ctx;
  const app = express();
  app.disable('x-powered-by');
  let draining = false;
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  setupViews(app, { cache: config.NODE_ENV !== 'development' });

  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = requestIdFrom(req.headers['x-request-id']);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/assets/') || req.url?.startsWith('/css/') || req.url === '/healthz' || req.url === '/readyz' || false },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      // A feed address may carry a personal access token (?token=): never in the log.
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url?.replace(/([?&]token=)[^&]*/g, '$1[redacted]') }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: config.isProduction,
      crossOriginEmbedderPolicy: false,
      // No page is meant to be framed: the same answer as frame-ancestors 'none' for older browsers.
      frameguard: { action: 'deny' },
    }),
  );

  // The language (cookie or browser) and the check of path and query come before anything else and
  // before the session is read: a refused request or a database outage is answered in the
  // visitor's language without a query.
  app.use(i18n);
  app.use(guardRequestTarget);

  // Served from a root, so only the part below it is checked for dot-files (the checkout itself may
  // lie under a dot directory); dot-files below it are never served.
  const staticOpts = { maxAge: config.isProduction ? '7d' : 0, index: false as const, dotfiles: 'ignore' as const };
  app.use('/assets/kern', express.static(path.join(projectRoot, 'node_modules', '@kern-ux', 'native', 'dist'), staticOpts));
  // Mounted per top-level entry, so a page request does not look for a file on disk first.
  for (const entry of readdirSync(publicDir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) app.use(`/${entry.name}`, express.static(path.join(publicDir, entry.name), staticOpts));
    else app.get(`/${entry.name}`, (_req, res) => sendFileFrom(res, publicDir, entry.name, { maxAge: staticOpts.maxAge }));
  }

  // At most MAX_ACTIVE_REQUESTS pages in progress; the rest wait in order or get 503 (load-limit.ts).
  // After the static files (cheap, no database), before anything that reads the body or the database;
  // the health checks answer regardless.
  app.use(loadLimit({
    maxActive: config.MAX_ACTIVE_REQUESTS, maxQueued: config.REQUEST_QUEUE_MAX, maxWaitMs: config.REQUEST_QUEUE_MS,
    retryAfterSeconds: RETRY_AFTER_SECONDS, exempt: (req) => req.path === '/healthz' || req.path === '/readyz',
  }));
  app.use(express.urlencoded({ extended: false, limit: '300kb', parameterLimit: 500, verify: verifyBodyBytes }));
  app.use(express.json({ limit: '300kb', verify: verifyBodyBytes }));
  app.use(guardBody);

  // The health check answers before the session is read, so a cookie makes no difference: 503 with
  // Retry-After for everyone while the database is away, 200 again as soon as it is back.
  app.get('/healthz', async (_req, res) => {
    try {
      await ctx.ds.query('SELECT 1');
      res.json({ status: 'ok', database: 'up' });
    } catch {
      res.status(503).setHeader('Retry-After', String(RETRY_AFTER_SECONDS)).json({ status: 'unavailable', database: 'down' });
    }
  });
  // Readiness, for load balancers and orchestrators: 200 only while this process should be sent
  // requests — the database answers, every migration of this build is applied, and the process is
  // not stopping. Once the migrations were found applied they are not read again.
  let migrated = false;
  app.get('/readyz', async (_req, res) => {
    const answer = (status: number, body: Record<string, string>) => {
      res.setHeader('Cache-Control', 'no-store');
      if (status !== 200) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(status).json(body);
    };
    if (draining) return answer(503, { status: 'draining' });
    try {
      if (migrated) await ctx.ds.query('SELECT 1');
      else migrated = await migrationsApplied(ctx.ds);
    } catch {
      return answer(503, { status: 'unavailable', database: 'down' });
    }
    if (!migrated) return answer(503, { status: 'unavailable', database: 'up', migrations: 'pending' });
    answer(200, { status: 'ready', database: 'up', migrations: 'applied' });
  });

  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool: poolOf(ctx.ds),
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: config.NODE_ENV === 'test' ? false : 15 * 60,
  });
  throttleTouch(store, SESSION_TOUCH_MS);
  installSessionRead(store, poolOf(ctx.ds), ctx.modules);
  app.use(
    session({
      name: sessionCookie(config).name,
      secret: config.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { ...sessionCookie(config).options, maxAge: IDLE_TIMEOUT_MS },
    }),
  );
  app.use(saveSessionBeforeRedirect);
  const passport = passportFor(ctx);
  app.use(passport.initialize());
  app.use(passport.session());
  // Absolute timeout: 12 hours after sign-in, whatever the activity. The old session is replaced
  // by a fresh, empty one (not just destroyed), so the rest of this request can still use it.
  app.use((req, _res, next) => {
    if (req.user && req.session.signedInAt && Date.now() - req.session.signedInAt > ABSOLUTE_TIMEOUT_MS) {
      return req.session.regenerate((err) => {
        req.user = undefined;
        next(err);
      });
    }
    next();
  });
  app.use(memberLanguage);
  app.use(flash);
  app.use(csrf);
  app.use(locals);
  app.use(stateChangeLimits(ctx));
  app.use(readRouting(ctx.ds, config.REPLICA_STICKY_SECONDS));

  for (const m of ctx.modules) if (m.pageLocals) app.use(m.pageLocals(ctx));
  for (const m of ctx.modules) if (m.router) app.use(bySegment(m.router(ctx)));

  app.use(notFound);
  app.use(errorHandler);
  return { app, close: () => store.close(), drain: () => void (draining = true) };
}
