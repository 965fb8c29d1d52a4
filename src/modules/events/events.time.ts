// Event times are entered and shown as Europe/Berlin wall-clock time and stored as UTC. The
// conversion asks Intl for the zone's offset at the instant, so the daylight-saving changes
// (last Sunday of March and of October) come out right; a time that does not exist (the hour
// skipped in March) is refused, and one that exists twice (October) means the first (summer time).
export const EVENT_TIME_ZONE = 'Europe/Berlin';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: EVENT_TIME_ZONE, hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** The Berlin wall-clock fields of an instant. */
function wallClock(d: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const p = Object.fromEntries(parts.formatToParts(d).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

/** Minutes Berlin is ahead of UTC at instant `d` (60 in winter, 120 in summer). */
function offsetMinutes(d: Date): number {
  const w = wallClock(d);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(d.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * "2027-03-28T03:30" (a datetime-local value, Berlin time) → the UTC instant, or null when the text
 * is not a valid local date and time or that time does not exist in Berlin.
 */
export function berlinToUtc(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Try both offsets the zone uses; the earlier instant first, so an hour that exists twice is summer time.
  for (const offset of [120, 60]) {
    const candidate = new Date(asUtc - offset * 60_000);
    if (offsetMinutes(candidate) !== offset) continue;
    const w = wallClock(candidate);
    if (w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute) return candidate;
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The UTC instant as a datetime-local value in Berlin time ("2027-10-31T02:30"), for forms. */
export function utcToBerlinInput(d: Date | string | null | undefined): string {
  if (!d) return '';
  const w = wallClock(new Date(d));
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

