// /api/v1: the resources every module declares (PraxisModule.api), read-only. A request passes:
// CORS preflight → reader (token) → rate limit → refused token (401) → checked query (400) →
// loader (404 for what the reader may not see) → answer checked against its schema → ETag/304.
// Every error below /api/v1 is problem+json, from this router's own handlers.
import { createHash } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext, ApiEntry, ApiResource } from '../module.js';
import { isAppError } from '../../shared/errors.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../../db/unavailable.js';
import { encodeCursor } from './api.cursor.js';
import { apiLimits } from './api.limits.js';
import { detailEnvelope, expressPath, listEnvelope, openApiDocument } from './api.openapi.js';
import { sendProblem } from './api.problem.js';
import { parseListQuery } from './api.query.js';
import { apiState, resolveReader } from './api.reader.js';

export const API_PREFIX = '/api/v1';
const EXPOSED = 'ETag, Link, RateLimit, RateLimit-Policy, WWW-Authenticate';
/** Public answers may be cached for a minute; conditional requests make a re-check cheap. */
const PUBLIC_MAX_AGE = 60;

const etagOf = (body: string) => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Sends `body` as JSON with a weak ETag (304 when If-None-Match matches), caching and CORS by who may read it. */
function sendJson(req: Request, res: Response, body: unknown, networkOnly: boolean): void {
  const text = JSON.stringify(body);
  const withToken = apiState(res).tokenId !== null;
  res.set({
    ETag: etagOf(text),
    'Cache-Control': withToken || networkOnly ? 'private, no-cache' : `public, max-age=${PUBLIC_MAX_AGE}`,
  });
  // Network-only content is never readable from another site's script.
  if (networkOnly) res.removeHeader('Access-Control-Allow-Origin');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json; charset=utf-8').send(text);
}

export function apiRouter(ctx: AppContext): Router {
  const resources: ApiResource[] = ctx.modules.flatMap((m) => m.api?.(ctx) ?? []);
  const site = ctx.config.baseUrl.replace(/\/$/, '');
  const base = `${site}${API_PREFIX}`;
  const document = openApiDocument(resources, {
    serverUrl: base,
    tokenPerMinute: ctx.config.RATE_LIMIT_API_TOKEN_PER_MINUTE,
    ipPerMinute: ctx.config.RATE_LIMIT_API_IP_PER_MINUTE,
  });

  // Full paths on one router (not a router mounted at the prefix), so the app's route listings
  // (the fuzz test, the layout crawl) see the API's routes as they are.
  const api = Router();
  const at = (path: string) => `${API_PREFIX}${path}`;
  api.use(API_PREFIX, (req, res, next) => {
    res.set('Vary', 'Authorization, Accept-Language');
    res.set('Access-Control-Allow-Origin', '*');
    res.set('Access-Control-Expose-Headers', EXPOSED);
    if (req.method !== 'OPTIONS') return next();
    res.set({
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, If-None-Match',
      'Access-Control-Max-Age': '86400',
    });
    res.status(204).end();
  });
  api.use(API_PREFIX, resolveReader(ctx));
  api.use(API_PREFIX, apiLimits(ctx));
  api.use(API_PREFIX, (req, res, next) => {
    if (apiState(res).refused) return sendProblem(req, res, 401, req.t('api.errors.token'));
    next();
  });

  api.get(at('/openapi.json'), (req, res) => sendJson(req, res, document, false));
  // The API's front door: someone who opens /api/v1 in a browser finds where to go next.
  const index = {
    openapi: `${base}/openapi.json`,
    resources: resources.filter((r) => !r.path.includes('{')).map((r) => ({ name: r.tag, url: `${base}${r.path}` })),
  };
  api.get(API_PREFIX, (req, res) => sendJson(req, res, index, false));

  for (const r of resources) {
    const list = listEnvelope(r.item);
    const detail = detailEnvelope(r.detailSchema);
    api.get(at(expressPath(r.path)), async (req, res) => {
      const parsed = parseListQuery(req, r);
      if (!parsed.ok) return sendProblem(req, res, 400, req.t('api.errors.badRequest'), parsed.errors);
      const { filters, limit, after } = parsed.query;
      const params = req.params as Record<string, string>;
      // One more than the page, to know whether there is a next one.
      const rows = await r.list(ctx.ds, { params, filters, reader: apiState(res).reader, limit: limit + 1, after });
      if (!rows) return sendProblem(req, res, 404, req.t('api.errors.notFound'));
      const page = rows.slice(0, limit);
      const self = new URL(`${site}${req.path}`);
      for (const [k, v] of Object.entries(req.query)) for (const x of Array.isArray(v) ? v : [v]) self.searchParams.append(k, String(x));
      let next: string | null = null;
      if (rows.length > limit) {
        const n = new URL(self);
        n.searchParams.set('cursor', encodeCursor(r.path, page[page.length - 1]!.key));
        next = n.toString();
        res.set('Link', `<${next}>; rel="next"`);
      }
      const body = list.parse({ data: page.map((p) => p.entry.data), links: { self: self.toString(), next } });
      sendJson(req, res, body, page.some((p) => p.entry.networkOnly));
    });
    api.get(at(expressPath(r.detailPath)), async (req, res) => {
      const entry: ApiEntry | null = await r.detail(ctx.ds, { params: req.params as Record<string, string>, reader: apiState(res).reader });
      if (!entry) return sendProblem(req, res, 404, req.t('api.errors.notFound'));
      sendJson(req, res, detail.parse({ data: entry.data }), entry.networkOnly);
    });
  }

  api.all(at('{/*rest}'), (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') return sendProblem(req, res, 404, req.t('api.errors.noRoute'));
    res.set('Allow', 'GET, HEAD, OPTIONS');
    sendProblem(req, res, 405, req.t('api.errors.method'));
  });
  api.use(API_PREFIX, (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (isAppError(err) && err.status < 500) return sendProblem(req, res, err.status, req.t(err.message, err.vars));
    if (isDatabaseUnavailable(err)) {
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      return sendProblem(req, res, 503, req.t('api.errors.unavailable'));
    }
    req.log?.error({ err }, 'api: unhandled error');
    sendProblem(req, res, 500, req.t('api.errors.server'));
  });

  return api;
}
