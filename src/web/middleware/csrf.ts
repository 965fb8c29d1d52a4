// Synchroniser-token CSRF protection: one random token per session, sent back in a hidden
// `_csrf` field (or the `x-csrf-token` header for scripts, or `?_csrf=` for multipart uploads,
// whose body is parsed later). Any state-changing request without it gets 403 and changes nothing.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one exemption: a notification e-mail's one-click unsubscribe (RFC 8058). The mail client
 * POSTs `List-Unsubscribe=One-Click` without cookie or token; the signed token in the address
 * (one member, one group) is the authorisation, and the action only ever turns e-mails off.
 */
const TOKEN_AUTHORISED = /^\/notifications\/unsubscribe\/[^/]+$/;

/**
 * The read-only JSON API: it never changes state and never reads the session (bearer tokens only),
 * so a writing method there gets its own 405 with `Allow` from the API router rather than 403.
 */
const READ_ONLY_API = /^\/api\/v1(?:\/|$)/;

export function csrfToken(req: Request): string {
  if (!req.session) return ''; // the session was just ended (account deleted): no form can be sent
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

/**
 * The address of a multipart form (its body is parsed after the CSRF check, so the token travels in
 * `?_csrf=`), as a function the template calls only where it renders the form: the token starts a
 * session, and a reader who never sees the form must not get one (a visitor's view of a use case
 * stored a session row per page view while its editors' upload address was computed eagerly).
 */
export function multipartAction(req: Request, path: string): () => string {
  return () => `${path}?_csrf=${encodeURIComponent(csrfToken(req))}`;
}

function sameToken(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function csrf(req: Request, res: Response, next: NextFunction): void {
  // Lazily created: the token (and so a session) exists only once a page with a form asks for it.
  // A function, not a getter: res.render copies res.locals, which would call a getter on every page
  // (a session row for every visitor, and a crash after the session was destroyed); Handlebars calls
  // the function only where {{@root.csrfToken}} is rendered.
  res.locals.csrfToken = () => csrfToken(req);
  if (SAFE.has(req.method)) return next();
  if (req.method === 'POST' && TOKEN_AUTHORISED.test(req.path)) return next();
  if (READ_ONLY_API.test(req.path)) return next();
  const sent =
    (typeof req.body?._csrf === 'string' && req.body._csrf) ||
    req.get('x-csrf-token') ||
    (typeof req.query._csrf === 'string' && req.query._csrf) ||
    '';
  const expected = req.session?.csrfToken;
  if (!expected || !sent || !sameToken(String(sent), expected)) {
    return next(new AppError(403, 'csrf', 'errors.csrf'));
  }
  next();
}
