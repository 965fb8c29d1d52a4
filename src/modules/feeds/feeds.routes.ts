// /feeds/<path>.rss and .atom for every feed a module declares (PraxisModule.feeds). The reader is a
// visitor unless the request presents a personal access token with read:network; the session
// cookie is never looked at, so a feed address pasted into a reader shows the same as in a browser.
import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { AppContext, FeedReader, FeedSource } from '../module.js';
import { isAppError } from '../../shared/errors.js';
import { presentedToken, resolveAccessToken } from '../tokens/index.js';
import { atom, rss, type FeedDocument } from './feeds.xml.js';

/** At most this many items per feed. */
export const FEED_LIMIT = 50;
/** Feed readers poll; five minutes old is fresh enough, and conditional requests make a re-check cheap. */
const MAX_AGE_SECONDS = 300;
/** The date in every tag: URI (RFC 4151): the day the naming authority held the host. Never change it. */
const TAG_DATE = '2025';

const FORMATS = {
  rss: { type: 'application/rss+xml', write: rss },
  atom: { type: 'application/atom+xml', write: atom },
} as const;
type Format = keyof typeof FORMATS;

/** The reader of this request, or 'refused' for a token that is malformed, unknown, revoked or expired. */
async function readerOf(ctx: AppContext, req: Request): Promise<FeedReader | 'refused'> {
  const presented = presentedToken(req);
  if (presented === undefined) return { member: null };
  const result = await resolveAccessToken(ctx.ds, presented);
  if (!result.ok) return 'refused';
  const { member, scopes } = result.token;
  return { member: scopes.includes('read:network') ? { id: member.id, role: member.role } : null };
}

function refuse(res: Response, status: number, title: string, detail: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
  res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

/** The query without the token, in a fixed order: part of the feed's id and its self link. */
function keptQuery(req: Request): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query)) {
    if (k === 'token') continue;
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') q.append(k, x);
  }
  q.sort();
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function feedsRouter(ctx: AppContext): Router {
  const r = Router();
  const base = ctx.config.baseUrl.replace(/\/$/, '');
  const host = new URL(base).hostname;
  const tag = (key: string) => `tag:${host},${TAG_DATE}:${key}`;
  const sources: FeedSource[] = ctx.modules.flatMap((m) => m.feeds ?? []);

  const serve = (source: FeedSource, format: Format) => async (req: Request, res: Response) => {
    res.set('Vary', 'Accept-Language, Cookie, Authorization');
    const reader = await readerOf(ctx, req);
    if (reader === 'refused') return refuse(res, 401, 'Unauthorized', req.t('feeds.errors.token'));
    let content;
    try {
      content = await source.load(ctx.ds, { params: req.params as Record<string, string>, query: req.query, lang: req.lang, reader, limit: FEED_LIMIT });
    } catch (e) {
      if (isAppError(e) && e.status < 500) return refuse(res, e.status, 'Bad Request', req.t(e.message, e.vars));
      throw e;
    }
    if (!content) return refuse(res, 404, 'Not Found', req.t('feeds.errors.notFound'));
    const feedPath = `${req.path.replace(/\.(rss|atom)$/, '')}`;
    const items = content.items.slice(0, FEED_LIMIT);
    // An empty feed is dated at the epoch rather than "now", so its ETag stays the same between polls.
    const updated = items.reduce((d, i) => (i.updated > d ? i.updated : d), new Date(0));
    const doc: FeedDocument = {
      title: `${content.title} · Praxis`,
      pageUrl: `${base}${content.pagePath}`,
      selfUrl: `${base}${req.path}${keptQuery(req)}`,
      id: tag(`feed${feedPath.replace(/^\/feeds/, '')}${keptQuery(req)}`),
      language: req.lang,
      updated,
      items: items.map((i) => ({ ...i, guid: tag(i.key), url: `${base}${i.path}` })),
    };
    const body = FORMATS[format].write(doc);
    res.set({
      'Cache-Control': `${presentedToken(req) === undefined ? 'public' : 'private'}, max-age=${MAX_AGE_SECONDS}`,
      ETag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`,
      'Last-Modified': updated.toUTCString(),
    });
    if (req.fresh) return res.status(304).end();
    res.type(`${FORMATS[format].type}; charset=utf-8`).send(body);
  };

  for (const source of sources) {
    for (const format of Object.keys(FORMATS) as Format[]) r.get(`/feeds/${source.path}.${format}`, serve(source, format));
  }
  return r;
}
