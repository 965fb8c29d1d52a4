// "A result was opened": a page of a searchable area (forum, use cases, guides, academy, groups,
// events) requested with this site's results page (/search?q=…) as its Referer marks that search in
// the log as opened. Result URLs stay as they are and no script is needed; the results page sends
// its address to same-origin pages only (Referrer-Policy: same-origin on /search; every other page
// keeps no-referrer). Limits: a browser or extension that strips the Referer counts as "not opened";
// a second result opened from the same list marks nothing more (one search, one opening).
import type { Request, RequestHandler } from 'express';
import type { AppContext } from '../module.js';
import { recordOpened } from './search.service.js';

/** Paths a search result links to (see the modules' search sources); never /search itself, never an area's index. */
const RESULT_PAGE = /^\/(?:forum|use-cases|guides|academy|groups|events)\/[^/]/;

/** The query of the results page the request came from (same origin, /search?q=…), or null. */
export function refererSearch(req: Request, baseUrl: string): string | null {
  const referer = req.get('referer');
  if (!referer) return null;
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return null;
  }
  const sameOrigin = url.origin === new URL(baseUrl).origin || url.host === req.get('host');
  if (!sameOrigin || url.pathname !== '/search') return null;
  return url.searchParams.get('q')?.trim() || null;
}

/** The pageLocals hook: marks the search opened before the page's own router runs; never fails the page. */
export function searchOpenedMarker(ctx: AppContext): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'GET' || !RESULT_PAGE.test(req.path)) return next();
    const q = refererSearch(req, ctx.config.baseUrl);
    if (!q) return next();
    recordOpened(ctx.ds, q, req.user?.id ?? null).then(
      () => next(),
      (err: unknown) => {
        ctx.logger.warn({ err }, 'marking a search as opened failed');
        next();
      },
    );
  };
}
