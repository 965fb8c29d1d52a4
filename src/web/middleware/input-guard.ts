// Text the database cannot store, or that arrived damaged, is refused once for every route, before
// the session is read and before any handler or query sees it: NUL (PostgreSQL refuses U+0000),
// invalid UTF-8 and bad percent-encoding (decoders would silently turn them into U+FFFD), and
// UTF-16 surrogates without their partner. Checked: every path segment, the query string, and
// every form field (urlencoded and JSON here; multipart text fields in upload.ts). The answer is
// 400 with a translated message; nothing runs, nothing is stored.
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../shared/errors.js';
import { firstInvalidUtf8 } from '../../shared/utf8.js';

/** The message key for a refused request (errors.badText in the locale files). */
export const BAD_TEXT = 'errors.badText';

export const badText = () => new AppError(400, 'bad_text', BAD_TEXT);

/** NUL, or a surrogate half without its partner (String.prototype.isWellFormed, spelt out for ES2023). */
const UNSTORABLE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !UNSTORABLE.test(s);
}

/** Strict decoding of one percent-encoded component (`+` is a space in forms and queries); null when damaged. */
function decodeComponent(raw: string, plusIsSpace: boolean): string | null {
  try {
    const s = decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
    return isStorableText(s) ? s : null;
  } catch {
    return null; // bad percent-encoding, or bytes that are not UTF-8 (lone surrogates included)
  }
}

/** An application/x-www-form-urlencoded text (a query string or a form body) that decodes cleanly. */
export function isCleanFormEncoding(raw: string): boolean {
  if (!raw) return true;
  for (const pair of raw.split('&')) {
    for (const part of pair.split('=')) if (decodeComponent(part, true) === null) return false;
  }
  return true;
}

/** The first string (key or value, at any depth) that cannot be stored, as its path; undefined when all are fine. */
export function unstorableField(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : at || '_form';
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = unstorableField(v, at || String(i));
      if (bad) return bad;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return '_form';
      const bad = unstorableField(v, at ? `${at}.${k}` : k);
      if (bad) return bad;
    }
  }
  return undefined;
}

/** Path segments and the query string; runs first, before the session and the body are read. */
export function guardRequestTarget(req: Request, _res: Response, next: NextFunction): void {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const pathPart = q < 0 ? url : url.slice(0, q);
  for (const segment of pathPart.split('/')) {
    if (segment && decodeComponent(segment, false) === null) return next(badText());
  }
  if (q >= 0 && !isCleanFormEncoding(url.slice(q + 1))) return next(badText());
  next();
}

/**
 * body-parser's verify hook for urlencoded and JSON bodies: the raw bytes must be UTF-8, and a
 * form's percent-encoding must decode to UTF-8 (the parser itself would replace damaged bytes).
 */
export function verifyBodyBytes(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  if (firstInvalidUtf8(buf) >= 0) throw badText();
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') && !isCleanFormEncoding(buf.toString('utf8'))) throw badText();
}

/** The parsed body (NUL and lone surrogates arrive as JSON escapes too). */
export function guardBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.body && unstorableField(req.body) !== undefined) return next(badText());
  next();
}
