// Reads of the "Activity over time" and "Members" sections: sums of the daily rollups (never the raw
// tables, except the small "now" counts of members), and a few aggregates of users.
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

export interface DayValue { metric: string; day: string; value: number }

/**
 * The rollups of `metrics` per day (all administrations and dimensions summed), from … to inclusive:
 * from the network-wide totals (dashboard_daily_total), a few rows per day instead of one per event.
 */
export async function rollupsByDay(ds: Queryable, metrics: string[], from: string, to: string): Promise<DayValue[]> {
  const rows: { metric: string; day: string; value: string }[] = await ds.query(
    `SELECT metric, to_char(day, 'YYYY-MM-DD') AS day, sum(value) AS value FROM dashboard_daily_total
     WHERE metric = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY metric, day`, [metrics, from, to]);
  return rows.map((r) => ({ metric: r.metric, day: r.day, value: Number(r.value) }));
}

/** Members waiting for approval now. */
export async function pendingApprovals(ds: Queryable): Promise<number> {
  const [row] = await preparedQuery<{ n: number }>(ds, 'dashboard-pending-approvals', `SELECT count(*)::int AS n FROM users WHERE status = 'pending'`, []);
  return row.n;
}

/** Active members by role (aggregates only). */
export async function membersByRole(ds: Queryable): Promise<{ role: string; n: number }[]> {
  return ds.query(`SELECT role, count(*)::int AS n FROM users WHERE status = 'active' GROUP BY role ORDER BY role`);
}

/** Active members by the kind of their administration ('' for none). */
export async function membersByAdministrationKind(ds: Queryable): Promise<{ kind: string; n: number }[]> {
  return ds.query(
    `SELECT coalesce(a.kind, '') AS kind, count(*)::int AS n FROM users u LEFT JOIN administrations a ON a.id = u.administration_id
     WHERE u.status = 'active' GROUP BY 1 ORDER BY 2 DESC, 1`);
}
