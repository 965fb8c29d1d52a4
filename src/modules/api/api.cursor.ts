// Cursors of /api/v1 lists: the sort key of the page's last item (keyset pagination, so an item
// added meanwhile never shifts a page), bound to the list it came from, as opaque base64url JSON.
// A cursor is checked like any input: a forged or foreign one is a 400, never a 500.
import type { ZodType } from 'zod';
import type { ApiCursorKey } from '../module.js';

const VERSION = 1;

export function encodeCursor(list: string, key: ApiCursorKey): string {
  return Buffer.from(JSON.stringify({ v: VERSION, l: list, k: key }), 'utf8').toString('base64url');
}

/** The key in `cursor` if it is one of `list`'s cursors and its key passes `schema`; else null. */
export function decodeCursor(list: string, cursor: string, schema: ZodType<ApiCursorKey>): ApiCursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { v, l, k } = parsed as Record<string, unknown>;
  if (v !== VERSION || l !== list) return null;
  const key = schema.safeParse(k);
  return key.success ? key.data : null;
}
