// Turning daily rollups into the buckets of a chart and the totals of a period (shared by the
// "Activity over time" and "Members" sections). Weekly active members are one figure per ISO week
// (stored on its Monday): a bucket shows the average of the weeks starting in it, a period the
// average of its weeks (weeks are not summable).
import type { Bucket, Period } from './dashboard.period.js';
import type { DayValue } from './activity.queries.js';

const DAY = 86_400_000;
export const mondayOf = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);
};

/** Sum of a metric over days from … to. */
export function sumOf(rows: DayValue[], metric: string, from: string, to: string): number {
  return rows.reduce((n, r) => (r.metric === metric && r.day >= from && r.day <= to ? n + r.value : n), 0);
}

/** Average of a weekly metric over the weeks whose Monday falls in from … to (the first week may start before `from`). */
export function weeklyAverage(rows: DayValue[], metric: string, from: string, to: string, weekOfFrom = true): number {
  const start = weekOfFrom || mondayOf(from) === from ? mondayOf(from) : mondayOf(new Date(new Date(`${from}T00:00:00Z`).getTime() + 7 * DAY).toISOString().slice(0, 10));
  const weeks = new Map<string, number>();
  for (let d = start; d <= to; d = new Date(new Date(`${d}T00:00:00Z`).getTime() + 7 * DAY).toISOString().slice(0, 10)) weeks.set(d, 0);
  for (const r of rows) if (r.metric === metric && weeks.has(r.day)) weeks.set(r.day, weeks.get(r.day)! + r.value);
  if (!weeks.size) return 0;
  return Math.round(([...weeks.values()].reduce((a, b) => a + b, 0) / weeks.size) * 10) / 10;
}

export type Aggregate = 'sum' | 'weekly';

export function valueOf(rows: DayValue[], metric: string, how: Aggregate, from: string, to: string): number {
  return how === 'sum' ? sumOf(rows, metric, from, to) : weeklyAverage(rows, metric, from, to);
}

/** Per bucket; for weekly metrics the weeks starting in the bucket (the first bucket also has the week it begins in). */
export function seriesOf(rows: DayValue[], metric: string, how: Aggregate, buckets: Bucket[]): number[] {
  return buckets.map((b) => (how === 'sum' ? sumOf(rows, metric, b.from, b.to)
    : weeklyAverage(rows, metric, b.from, b.to, b === buckets[0])));
}

/** The days to read for a period and its previous one (the first week may begin before). */
export function readRange(p: Period): { from: string; to: string } {
  return { from: mondayOf(p.prevFrom < p.from ? p.prevFrom : p.from), to: p.to };
}
