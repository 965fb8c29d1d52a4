// SQL of the dashboard's snapshots (dashboard_snapshots, dashboard_state): see dashboard.snapshots.ts.
// The two reads of every page view (readSnapshot for the live sections, snapshotStamps for the kept
// ones) are named statements: PostgreSQL plans them once per connection.
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../../db/prepared.js';

type Db = DataSource | EntityManager;

/** Whether snapshot s may be shown at state st (see readSnapshot). */
const SHOWN = `(s.version = st.version OR (st.snapshots_due_since IS NOT NULL AND s.computed_at > now() - interval '15 minutes'))`;

/**
 * The current rollup version and the snapshot `key` when it may be shown: computed at that version,
 * or — while the worker owes the new version's snapshots (`snapshots_due_since`, set with the version
 * by its refresh) — the previous one, if it was computed in the last 15 minutes (a worker that failed
 * midway does not keep old figures on the page for longer). `current`: computed at the current version.
 */
export async function readSnapshot(db: Db, key: string): Promise<{ version: string; data: unknown; current: boolean; stale: boolean }> {
  const [row] = await preparedQuery<{ version: string; current: boolean | null; stale: boolean | null; data: unknown }>(db, 'dashboard-snapshot-read',
    `SELECT st.version::text AS version, s.version = st.version AS current, s.read_at < now() - interval '1 hour' AS stale,
            CASE WHEN ${SHOWN} THEN s.data END AS data
       FROM dashboard_state st LEFT JOIN dashboard_snapshots s ON s.key = $1
      WHERE st.id = 1`, [key]);
  return row ? { version: row.version, data: row.data, current: Boolean(row.current), stale: Boolean(row.stale) } : { version: '0', data: null, current: false, stale: false };
}

/**
 * Of the snapshots `keys`, those that may be shown now (as readSnapshot decides), without their data:
 * each with a stamp that changes whenever its data may have (its version and when it was computed),
 * `current` and `stale` as readSnapshot gives them.
 */
export async function snapshotStamps(db: Db, keys: string[]): Promise<Map<string, { stamp: string; current: boolean; stale: boolean }>> {
  const rows = await preparedQuery<{ key: string; stamp: string; current: boolean; stale: boolean }>(db, 'dashboard-snapshot-stamps',
    `SELECT s.key, s.version::text || ':' || (extract(epoch FROM s.computed_at) * 1000000)::bigint::text AS stamp,
            s.version = st.version AS current, s.read_at < now() - interval '1 hour' AS stale
       FROM dashboard_state st JOIN dashboard_snapshots s ON s.key = ANY($1::text[])
      WHERE st.id = 1 AND ${SHOWN}`, [keys]);
  return new Map(rows.map((r) => [r.key, { stamp: r.stamp, current: Boolean(r.current), stale: Boolean(r.stale) }]));
}

/** Marks a snapshot read now (at most once an hour per snapshot: the caller checks `stale`). */
export async function touchSnapshot(db: Db, key: string): Promise<void> {
  await db.query(`UPDATE dashboard_snapshots SET read_at = now() WHERE key = $1`, [key]);
}

/**
 * Stores a snapshot computed at `version` (a newer one already stored wins). `readAt`: when it was
 * last read (now for a page view; the pair's last reading for the worker's recomputation).
 */
export async function writeSnapshot(db: Db, s: { key: string; lang: string; query: string; version: string; data: unknown; readAt?: Date }): Promise<void> {
  await db.query(
    `INSERT INTO dashboard_snapshots (key, lang, query, version, data, read_at) VALUES ($1, $2, $3, $4, $5::jsonb, coalesce($6, now()))
     ON CONFLICT (key) DO UPDATE SET version = excluded.version, data = excluded.data, computed_at = now()
      WHERE dashboard_snapshots.version <= excluded.version`,
    [s.key, s.lang, s.query, s.version, JSON.stringify(s.data), s.readAt ?? null]);
}

/**
 * One more rollup version: every snapshot of an older one is out of date (inside the rebuild's
 * transaction). `due`: the worker recomputes the snapshots right after (its refresh), so until it has
 * (snapshotsDone) the page may show the previous ones instead of computing them itself.
 */
export async function bumpVersion(db: Db, due = false): Promise<void> {
  await db.query(`UPDATE dashboard_state SET version = version + 1, snapshots_due_since = CASE WHEN $1 THEN now() ELSE snapshots_due_since END WHERE id = 1`, [due]);
}

/** The worker has recomputed the snapshots of `version` (a newer version's debt stays). */
export async function snapshotsDone(db: Db, version: string): Promise<void> {
  await db.query(`UPDATE dashboard_state SET snapshots_due_since = NULL WHERE id = 1 AND version = $1`, [version]);
}

export async function currentVersion(db: Db): Promise<string> {
  const [row] = await db.query(`SELECT version::text AS version FROM dashboard_state WHERE id = 1`);
  return row?.version ?? '0';
}

/** Language and period query of the snapshots read in the last `days` days, with the last reading. */
export async function recentlyRead(db: Db, days: number): Promise<{ lang: string; query: string; readAt: Date }[]> {
  return db.query(
    `SELECT lang, query, max(read_at) AS "readAt" FROM dashboard_snapshots
      WHERE read_at > now() - make_interval(days => $1) GROUP BY lang, query ORDER BY lang, query`, [days]);
}

/**
 * Drops snapshots nobody read for `days` days, and those of an older version computed more than a day
 * ago (a rolling period's key moves every day; yesterday's is never read again).
 */
export async function dropOldSnapshots(db: Db, days: number): Promise<void> {
  await db.query(
    `DELETE FROM dashboard_snapshots WHERE read_at < now() - make_interval(days => $1)
        OR (computed_at < now() - interval '1 day' AND version < (SELECT version FROM dashboard_state WHERE id = 1))`, [days]);
}
