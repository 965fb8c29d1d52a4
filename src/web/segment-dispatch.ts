// Express tries every layer of every module router, in order, for each request: about 260 layers, so
// the start page (`/`, near the end) and the search page went through some 200 route patterns first,
// and the router yields to the event loop (setImmediate) after every hundred layers it passes. The
// walk cost 250–390 µs of a request that reached no route (measured through all module routers).
// `bySegment` puts in front of a module's router the set of first path segments its routes and
// prefixes can match, and lets a request past the router at once when its first segment is not
// among them. A router whose paths cannot be read that way (a middleware for every path, a
// parameter, wildcard or pattern as first segment) is always entered, as before.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';

interface LayerLike {
  route?: unknown;
  rawPath?: unknown;
  /** A `use` without a path (or with '/'): it sees every request. */
  slash?: boolean;
  handle?: unknown;
}

/** Characters with a meaning in an Express 5 (path-to-regexp 8) path, or that make a segment unusual. */
const PATTERN = /[:*{}()[\]?+!\\;,@$]/;

/** A path's first segment, lower-cased (module routers match case-insensitively), or null when it is a pattern. */
function firstSegmentOf(path: unknown): string[] | null {
  if (typeof path === 'string') {
    if (!path.startsWith('/')) return null;
    const segment = path.slice(1).split('/', 1)[0]!;
    return PATTERN.test(segment) ? null : [segment.toLowerCase()];
  }
  if (Array.isArray(path)) {
    const all: string[] = [];
    for (const p of path.flat(Infinity)) {
      const s = firstSegmentOf(p);
      if (!s) return null;
      all.push(...s);
    }
    return all;
  }
  return null; // a RegExp
}

const stackOf = (handle: unknown): LayerLike[] | null => {
  const stack = (handle as { stack?: unknown } | undefined)?.stack;
  return typeof handle === 'function' && Array.isArray(stack) ? (stack as LayerLike[]) : null;
};

/** The first segments any request this router handles can have, or null when any request may reach a handler. */
export function routerSegments(router: Router): Set<string> | null {
  const stack = stackOf(router);
  if (!stack) return null;
  const found = new Set<string>();
  for (const layer of stack) {
    let segments: Iterable<string> | null;
    if (layer.route) segments = firstSegmentOf(layer.rawPath);
    else if (layer.slash) {
      // `router.use(otherRouter)`: what the inner router handles; any other middleware sees everything.
      const inner = stackOf(layer.handle);
      segments = inner ? routerSegments(layer.handle as Router) : null;
    } else segments = firstSegmentOf(layer.rawPath);
    if (!segments) return null;
    for (const s of segments) found.add(s);
  }
  return found;
}

/** The request path's first segment, as `routerSegments` records them. */
export function requestSegment(path: string): string {
  const end = path.indexOf('/', 1);
  return (end === -1 ? path.slice(1) : path.slice(1, end)).toLowerCase();
}

/**
 * `router`, entered only by requests whose first path segment one of its routes or prefixes has.
 * The segments are read at the first request, when every route is registered.
 */
export function bySegment(router: Router): RequestHandler & { stack: unknown[] } {
  let segments: Set<string> | null | undefined;
  const dispatch = function segmentDispatch(req: Request, res: Response, next: NextFunction) {
    if (segments === undefined) segments = routerSegments(router);
    if (segments && !segments.has(requestSegment(req.path))) return next();
    return router(req, res, next);
  };
  // The router's own layers, as on a router: whatever reads the app's routes from Express
  // (app.router.stack and the stacks inside it: the route catalogue of the tests) still finds them.
  return Object.assign(dispatch, { stack: router.stack as unknown[] });
}
