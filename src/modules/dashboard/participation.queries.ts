// Reads of the "Where participation comes from" section: per administration its activity in the
// period and in the previous one (sums of the daily rollups, never the raw tables), its last day of
// activity before the period, and its active members today — one query; the section groups the
// rows by Land, kind and size class itself (a network has hundreds, at most a few thousand
// administrations). Members come from the partial index users_administration_idx (status 'active').
import type { DataSource } from 'typeorm';
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

/** Every administration with active members or with activity in the period or the previous one. */
export async function administrationActivity(ds: DataSource, p: Period): Promise<AdministrationActivity[]> {
  const rows: (Omit<AdministrationActivity, 'now' | 'before' | 'members'> & { now: string; before: string; members: number })[] = await ds.query(
    `WITH act AS (
       SELECT administration_id AS id,
              coalesce(sum(value) FILTER (WHERE day BETWEEN $4 AND $5), 0) AS now,
              coalesce(sum(value) FILTER (WHERE day BETWEEN $2 AND $3), 0) AS before,
              max(day) FILTER (WHERE day < $4) AS last_before
       FROM dashboard_daily
       WHERE metric = ANY($1) AND day BETWEEN $2 AND $5 AND administration_id <> 0
       GROUP BY administration_id),
     mem AS (SELECT administration_id AS id, count(*)::int AS n FROM users WHERE status = 'active' AND administration_id IS NOT NULL GROUP BY 1)
     SELECT a.id, a.slug, a.name, a.kind, a.state, a.size_class AS "sizeClass",
            coalesce(act.now, 0) AS now, coalesce(act.before, 0) AS before,
            to_char(act.last_before, 'YYYY-MM-DD') AS "lastBefore", coalesce(mem.n, 0) AS members
     FROM administrations a LEFT JOIN act ON act.id = a.id LEFT JOIN mem ON mem.id = a.id
     WHERE act.id IS NOT NULL OR mem.id IS NOT NULL`,
    [PARTICIPATION_METRICS, p.prevFrom, p.prevTo, p.from, p.to]);
  return rows.map((r) => ({ ...r, now: Number(r.now), before: Number(r.before) }));
}
