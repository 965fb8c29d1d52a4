// Reads of the "Where participation comes from" section: per administration its activity in the
// period and in the previous one (sums of the monthly and daily rollups, never the raw tables), its last day of
// activity before the period, and its active members today — one query; the section groups the
// rows by Land, kind and size class itself (a network has hundreds, at most a few thousand
// administrations). Members come from the partial index users_administration_idx (status 'active').
import type { Queryable } from '../../db/sql.js';
import type { Period } from './dashboard.period.js';

/** What counts as an administration's activity: contributions its members make (see README). */
export const PARTICIPATION_METRICS = ['thread', 'reply', 'usecase_published', 'adoption', 'quiz_attempt'];

export interface AdministrationActivity {
  id: number;
  slug: string;
  name: string;
  kind: string;
  state: string;
  sizeClass: string | null;
  /** Activity in the period and in the previous period. */
  now: number;
  before: number;
  /** The last day with activity before the period starts (YYYY-MM-DD), within the previous period or the gap after it. */
  lastBefore: string | null;
  /** Active members today. */
  members: number;
}

const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => { const d = new Date(`${monthStart(day)}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1); return d.toISOString().slice(0, 10); };

export interface Part { tag: 'now' | 'before' | 'gap'; kind: 'month' | 'day'; from: string; to: string }

/**
 * Days from … to (inclusive) as the whole months in it (read from dashboard_monthly: months from …
 * to, by their first days) and the days before and after them (read from dashboard_daily).
 */
export function splitMonths(tag: Part['tag'], from: string, to: string): Part[] {
  if (from > to) return [];
  const first = from === monthStart(from) ? from : nextMonth(from);
  const end = nextMonth(to) === addDays(to, 1) ? addDays(to, 1) : monthStart(to);
  if (first >= end) return [{ tag, kind: 'day', from, to }];
  const parts: Part[] = [{ tag, kind: 'month', from: first, to: monthStart(addDays(end, -1)) }];
  if (from < first) parts.push({ tag, kind: 'day', from, to: addDays(first, -1) });
  if (end <= to) parts.push({ tag, kind: 'day', from: end, to });
  return parts;
}

/**
 * Every administration with active members or with activity in the period or the previous one. The
 * sums come from dashboard_monthly for whole months and from dashboard_daily for the days at the
 * edges (the previous period, the gap between it and the period — only for the last day of activity —
 * and the period): the same figures as summing the daily rows, from a tenth of the rows.
 */
export async function administrationActivity(ds: Queryable, p: Period): Promise<AdministrationActivity[]> {
  const parts = [...splitMonths('before', p.prevFrom, p.prevTo), ...splitMonths('gap', addDays(p.prevTo, 1), addDays(p.from, -1)), ...splitMonths('now', p.from, p.to)];
  const rows: (Omit<AdministrationActivity, 'now' | 'before' | 'members'> & { now: string; before: string; members: number })[] = await ds.query(
    `WITH parts AS (SELECT * FROM unnest($2::text[], $3::text[], $4::date[], $5::date[]) AS p(tag, kind, a, b)),
     rows AS (
       SELECT p.tag, m.administration_id AS id, m.value, m.last_day AS day
         FROM parts p JOIN dashboard_monthly m ON m.metric = ANY($1) AND m.month BETWEEN p.a AND p.b AND m.administration_id <> 0
        WHERE p.kind = 'month'
       UNION ALL
       SELECT p.tag, d.administration_id, d.value, d.day
         FROM parts p JOIN dashboard_daily d ON d.metric = ANY($1) AND d.day BETWEEN p.a AND p.b AND d.administration_id <> 0
        WHERE p.kind = 'day'),
     act AS (
       SELECT id, coalesce(sum(value) FILTER (WHERE tag = 'now'), 0) AS now, coalesce(sum(value) FILTER (WHERE tag = 'before'), 0) AS before,
              max(day) FILTER (WHERE tag <> 'now') AS last_before
       FROM rows GROUP BY id),
     mem AS (SELECT administration_id AS id, count(*)::int AS n FROM users WHERE status = 'active' AND administration_id IS NOT NULL GROUP BY 1)
     SELECT a.id, a.slug, a.name, a.kind, a.state, a.size_class AS "sizeClass",
            coalesce(act.now, 0) AS now, coalesce(act.before, 0) AS before,
            to_char(act.last_before, 'YYYY-MM-DD') AS "lastBefore", coalesce(mem.n, 0) AS members
     FROM administrations a LEFT JOIN act ON act.id = a.id LEFT JOIN mem ON mem.id = a.id
     WHERE act.id IS NOT NULL OR mem.id IS NOT NULL`,
    [PARTICIPATION_METRICS, parts.map((x) => x.tag), parts.map((x) => x.kind), parts.map((x) => x.from), parts.map((x) => x.to)]);
  return rows.map((r) => ({ ...r, now: Number(r.now), before: Number(r.before) }));
}
