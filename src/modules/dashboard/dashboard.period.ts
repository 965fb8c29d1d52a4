// The dashboard's period: last 30 days, 90 days, 12 months, a calendar year, or custom dates, as
// whole days in Europe/Berlin; and the previous period of the same length for the comparison.
export const PERIOD_KINDS = ['30d', '90d', '12m', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First and last day, inclusive, as YYYY-MM-DD (Berlin calendar days). */
  from: string;
  to: string;
  /** The previous period of the same number of days, ending the day before `from`. */
  prevFrom: string;
  prevTo: string;
  days: number;
  /** The year for kind 'year'. */
  year?: number;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
const parseDay = (s: string) => new Date(`${s}T00:00:00Z`);
const addDays = (s: string, n: number) => iso(new Date(parseDay(s).getTime() + n * DAY));

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today's date in Berlin (YYYY-MM-DD). */
export function berlinToday(now = new Date()): string {
  return BERLIN_DAY.format(now);
}

const MONTH_LABELS = {
  de: new Intl.DateTimeFormat('de-DE', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
// A day that does not exist (2026-13-01) parses to an invalid date: checked before toISOString throws.
const validDay = (s: unknown): s is string => typeof s === 'string' && DATE_RE.test(s) && !Number.isNaN(parseDay(s).getTime()) && iso(parseDay(s)) === s;

/**
 * The period from the query string (`period`, `year`, `from`, `to`); anything unknown or invalid
 * falls back to the last 90 days (never an error: the picker is a plain GET form). A custom range is
 * capped at 3 years and may not end after today.
 */
export function periodFromQuery(q: Record<string, unknown>, now = new Date()): Period {
  const today = berlinToday(now);
  const kind = (PERIOD_KINDS as readonly string[]).includes(String(q.period)) ? (String(q.period) as PeriodKind) : '90d';
  let from: string;
  let to = today;
  let year: number | undefined;
  if (kind === '30d') from = addDays(today, -29);
  else if (kind === '12m') from = addDays(today, -364);
  else if (kind === 'year') {
    const thisYear = Number(today.slice(0, 4));
    const y = Number(q.year);
    year = Number.isInteger(y) && y >= 2000 && y <= thisYear ? y : thisYear;
    from = `${year}-01-01`;
    to = year === thisYear ? today : `${year}-12-31`;
  } else if (kind === 'custom' && validDay(q.from) && validDay(q.to) && q.from <= q.to && q.to <= today
    && parseDay(q.to).getTime() - parseDay(q.from).getTime() <= 3 * 366 * DAY) {
    from = q.from;
    to = q.to;
  } else {
    if (kind === 'custom') return periodFromQuery({ period: '90d' }, now);
    from = addDays(today, -89);
  }
  const days = Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY) + 1;
  if (kind === 'year') {
    // A year compares with the same span of the year before (1 January to the same day).
    const prevTo = validDay(`${year! - 1}${to.slice(4)}`) ? `${year! - 1}${to.slice(4)}` : `${year! - 1}-02-28`;
    return { kind, from, to, days, year, prevFrom: `${year! - 1}-01-01`, prevTo };
  }
  return { kind, from, to, days, year, prevTo: addDays(from, -1), prevFrom: addDays(from, -days) };
}

/** The query string that selects this period (for links: CSV, "the list behind a figure"). */
export function periodQuery(p: Period): string {
  if (p.kind === 'custom') return `period=custom&from=${p.from}&to=${p.to}`;
  if (p.kind === 'year') return `period=year&year=${p.year}`;
  return `period=${p.kind}`;
}

export interface Bucket {
  /** First and last day of the bucket, inclusive (clipped to the period). */
  from: string;
  to: string;
  /** Short label: "KW 14" / "W 14" for weeks, "Apr 2026" for months. */
  label: string;
}

/** The period cut into weeks (up to 120 days; ISO weeks from Monday) or calendar months (longer). */
export function bucketsOf(p: Period, lang: 'de' | 'en'): Bucket[] {
  const out: Bucket[] = [];
  if (p.days <= 120) {
    let start = p.from;
    while (start <= p.to) {
      const weekday = (parseDay(start).getUTCDay() + 6) % 7; // Monday 0
      const end = addDays(start, 6 - weekday) < p.to ? addDays(start, 6 - weekday) : p.to;
      out.push({ from: start, to: end, label: `${lang === 'de' ? 'KW' : 'W'} ${isoWeek(start)}` });
      start = addDays(end, 1);
    }
    return out;
  }
  const fmt = MONTH_LABELS[lang];
  let start = p.from;
  while (start <= p.to) {
    const d = parseDay(start);
    const monthEnd = iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    const end = monthEnd < p.to ? monthEnd : p.to;
    out.push({ from: start, to: end, label: fmt.format(d) });
    start = addDays(end, 1);
  }
  return out;
}

function isoWeek(day: string): number {
  const d = parseDay(day);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY);
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  return 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / DAY / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}
