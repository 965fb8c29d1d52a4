// Database ids and counts from text (path segments, form fields): decimal digits only, within
// PostgreSQL's integer (int4) column, so an id beyond it is "not found" or a field message,
// never a database error. Every route and schema reads ids through these.
import { z } from 'zod';

/** The largest value of an int4 column (serial ids, counts). */
export const INT4_MAX = 2_147_483_647;

/** `v` as an id (1 … INT4_MAX, digits only, surrounding blanks allowed), or null. */
export function parseId(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= INT4_MAX ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= INT4_MAX ? n : null;
}

/** A required id field of a form (a hidden input or a select); anything else gets `message`. */
export const idField = (message = 'validation.required') =>
  z.unknown().transform((v, c) => {
    const n = parseId(v);
    if (n === null) {
      c.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

/** An optional id field: empty or missing is null; anything else must be an id. */
export const optionalIdField = (message = 'validation.invalid') =>
  z.unknown().transform((v, c) => {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const n = parseId(v);
    if (n === null) {
      c.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });
