// What the layout needs on every page: the signed-in member, the navigation, the current path.
import type { NextFunction, Request, Response } from 'express';
import { hasRole } from './require-role.js';

export const NAV = [
  { href: '/forum', label: 'nav.forum' },
  { href: '/use-cases', label: 'nav.useCases' },
  { href: '/guides', label: 'nav.guides' },
  { href: '/academy', label: 'nav.academy' },
  { href: '/events', label: 'events.nav' },
];
// No "Search" item: the search form sits in the header of every page (and leads to /search with its
// facets); the room went to the events, so the header stays one row at 1280 px.

export function locals(req: Request, res: Response, next: NextFunction): void {
  const u = req.user;
  res.locals.currentUser = u
    ? { id: u.id, name: u.name, handle: u.handle, role: u.role, isFacilitator: hasRole(u, 'facilitator'), isAdmin: hasRole(u, 'admin') }
    : undefined;
  res.locals.currentPath = req.originalUrl;
  res.locals.currentPathEncoded = encodeURIComponent(req.originalUrl);
  res.locals.nav = NAV.map((n) => ({ ...n, current: req.path === n.href || req.path.startsWith(`${n.href}/`) }));
  res.locals.searchQuery = typeof req.query.q === 'string' && req.path.startsWith('/search') ? req.query.q : '';
  next();
}

/** Only local paths are followed after sign-in or a language switch (no open redirects). */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : fallback;
}
