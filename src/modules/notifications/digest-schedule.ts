// When a member's digest is due: daily or weekly (ISO weekday 1–7) at an hour in Europe/Berlin,
// whatever the server's zone. A period starts at the scheduled instant; the digest of a period is
// due from its start for DIGEST_CATCH_UP_HOURS (a worker that was down sends it late, not never —
// but not at midnight for a 7:00 digest after a long outage). Daylight saving: an hour that does
// not exist (2:00 on the last Sunday of March) means 3:00 summer time; an hour that exists twice
// (2:00 on the last Sunday of October) means the second one (winter time), as PostgreSQL reads it.
import type { DigestFrequency } from './notification-kinds.js';

export const DIGEST_TIME_ZONE = 'Europe/Berlin';
export const DIGEST_CATCH_UP_HOURS = 6;

export interface DigestSchedule {
  frequency: DigestFrequency;
  /** ISO weekday 1 (Monday) … 7 (Sunday); used by weekly digests. */
  weekday: number;
  hour: number;
}

export interface DigestPeriod {
  /** The scheduled instant that starts the current period (the key of the digest, once per member). */
  start: Date;
  /** The start of the period before: the digest lists what arrived since then. */
  previousStart: Date;
}

const HOUR = 3_600_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DIGEST_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', weekday: 'short', hourCycle: 'h23',
});

export interface BerlinTime { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number }

/** The wall-clock time in Berlin at `at`. */
export function berlinTime(at: Date): BerlinTime {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute),
    second: Number(p.second), weekday: WEEKDAYS[p.weekday!]!,
  };
}

/** Berlin's offset from UTC at `at`, in milliseconds (1 h in winter, 2 h in summer). */
function offsetAt(at: number): number {
  const b = berlinTime(new Date(at));
  return Date.UTC(b.year, b.month - 1, b.day, b.hour, b.minute, b.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of `hour`:00 Berlin time on the calendar day (year, month, day); day may overflow (Date.UTC normalises). */
export function berlinInstant(year: number, month: number, day: number, hour: number): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** The current period of a schedule at `now` (the latest scheduled instant not after `now`), or null when off. */
export function digestPeriod(s: DigestSchedule, now: Date): DigestPeriod | null {
  if (s.frequency === 'off') return null;
  const b = berlinTime(now);
  const step = s.frequency === 'daily' ? 1 : 7;
  let back = s.frequency === 'daily' ? 0 : (b.weekday - s.weekday + 7) % 7;
  let start = berlinInstant(b.year, b.month, b.day - back, s.hour);
  if (start.getTime() > now.getTime()) {
    back += step;
    start = berlinInstant(b.year, b.month, b.day - back, s.hour);
  }
  return { start, previousStart: berlinInstant(b.year, b.month, b.day - back - step, s.hour) };
}

/** The period whose digest is due at `now`, or null (off, or past the catch-up window). */
export function duePeriod(s: DigestSchedule, now: Date): DigestPeriod | null {
  const p = digestPeriod(s, now);
  return p && now.getTime() - p.start.getTime() < DIGEST_CATCH_UP_HOURS * HOUR ? p : null;
}

/**
 * Every schedule a member can choose (off aside: 24 daily and 7 × 24 weekly), each with the period
 * due at `now`. The scheduler matches members against these, so the time-zone logic stays here.
 */
export function dueSchedules(now: Date): (DigestSchedule & DigestPeriod)[] {
  const out: (DigestSchedule & DigestPeriod)[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const daily = duePeriod({ frequency: 'daily', weekday: 1, hour }, now);
    if (daily) out.push({ frequency: 'daily', weekday: 1, hour, ...daily });
    for (let weekday = 1; weekday <= 7; weekday++) {
      const weekly = duePeriod({ frequency: 'weekly', weekday, hour }, now);
      if (weekly) out.push({ frequency: 'weekly', weekday, hour, ...weekly });
    }
  }
  return out;
}
