// Dates in demo content relative to the day it is loaded, so that an announcement is always ahead
// and a "planned" project has not already started: `in 21 days`, `3 days ago`, `today` (also weeks
// and months). In Markdown text they are written in braces: `{in 21 days}` becomes "25. Dezember 2026",
// `{year in 60 days}` the year alone. Demo content is German, so dates are written the German way.

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7 };

/** The date `expr` ("in 21 days", "2 weeks ago", "in 3 months", "today") says, seen from `now`; null if it is not one. */
export function relativeDate(expr: string, now: Date = new Date()): Date | null {
  const s = expr.trim().toLowerCase();
  if (s === 'today') return new Date(now);
  const m = /^(?:in (\d{1,4}) (day|week|month)s?|(\d{1,4}) (day|week|month)s? ago)$/.exec(s);
  if (!m) return null;
  const n = Number(m[1] ?? m[3]) * (m[1] ? 1 : -1);
  const unit = m[2] ?? m[4]!;
  const d = new Date(now);
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCDate(d.getUTCDate() + n * UNIT_DAYS[unit]!);
  return d;
}

/** A YAML date value: a relative expression becomes YYYY-MM-DD; anything else is returned as it was. */
export function resolveDateValue<T>(value: T, now: Date = new Date()): T | string {
  if (typeof value !== 'string') return value;
  const d = relativeDate(value, now);
  return d ? d.toISOString().slice(0, 10) : value;
}

const LONG = new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Berlin' });

/** Replaces `{in 21 days}` (a long German date) and `{year in 21 days}` (its year) in a text. */
export function fillRelativeDates(text: string, now: Date = new Date()): string {
  return text.replace(/\{(year )?((?:in \d{1,4} \w+)|(?:\d{1,4} \w+ ago)|today)\}/g, (whole, year: string | undefined, expr: string) => {
    const d = relativeDate(expr, now);
    if (!d) return whole;
    return year ? String(d.getUTCFullYear()) : LONG.format(d);
  });
}
