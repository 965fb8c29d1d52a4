// Autodiscovery: on a page that has a feed, <link rel="alternate"> for its RSS and Atom versions in
// the layout's <head> (res.locals.feedLinks). Only the modules' alternate() functions run: no query.
import type { RequestHandler } from 'express';
import type { AppContext } from '../module.js';

export interface FeedLink {
  type: string;
  href: string;
  title: string;
}

export function feedLinks(ctx: AppContext): RequestHandler {
  const sources = ctx.modules.flatMap((m) => m.feeds ?? []).filter((s) => s.alternate);
  return (req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/feeds/')) return next();
    const links: FeedLink[] = [];
    for (const s of sources) {
      const found = s.alternate!(req.path, req.query);
      if (!found) continue;
      const [path, query] = found.feedPath.split('?');
      const title = req.t(found.title);
      links.push(
        { type: 'application/rss+xml', href: `/feeds/${path}.rss${query ? `?${query}` : ''}`, title: `${title} (RSS)` },
        { type: 'application/atom+xml', href: `/feeds/${path}.atom${query ? `?${query}` : ''}`, title: `${title} (Atom)` },
      );
    }
    if (links.length) res.locals.feedLinks = links;
    next();
  };
}
