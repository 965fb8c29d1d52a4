// Snapshots of the dashboard's period figures. A section's figures for a period change only when the
// rollups do (every 5 minutes, by the worker) — so the page keeps what it computed per section,
// language and period in dashboard_snapshots, valid until the next rollup rebuild (dashboard_state.version),
// and the worker recomputes the snapshots people read in the last 7 days right after each refresh.
// A page view then reads one row per section instead of summing a year of rollups (≈ 0.5 s of
// database time at network scale, bench:dashboard). Custom periods are always computed.
// A reader does not wait for a recomputation at scale: between the worker's refresh (new version)
// and the end of its recomputation, the page shows the previous snapshots (readSnapshot); a reader
// computes only a snapshot nobody read in the last 7 days, or after a rebuild the worker does not
// follow (the CLI, tests). Content health keeps its lists live and only its totals here; members
// keep the approvals waiting live; the CSVs always compute.
import type { DashboardSection, SectionContext } from './dashboard.section.js';
import { periodQuery } from './dashboard.period.js';
import { readSnapshot, touchSnapshot, writeSnapshot } from './snapshots.store.js';

/** The key of snapshot `name` for the context's language and period; null: not kept (a custom period). */
export function snapshotKey(c: SectionContext, name: string): string | null {
  if (c.period.kind === 'custom') return null;
  return [name, c.lang, c.period.from, c.period.to, c.period.prevFrom, c.period.prevTo].join('|');
}

/** The figures `compute` gives for the context's period, from a valid snapshot when there is one. */
export async function snapshot<T>(c: SectionContext, name: string, compute: () => Promise<T>): Promise<T> {
  const mode = c.snapshots;
  const key = snapshotKey(c, name);
  if (!mode || key === null) return compute();
  const base = { key, lang: c.lang, query: periodQuery(c.period) };
  if (mode.mode === 'refresh') {
    const data = await compute();
    await writeSnapshot(c.ds, { ...base, version: mode.version, data, readAt: mode.readAt });
    return data;
  }
  const found = await readSnapshot(c.ds, key);
  if (found.data !== null && found.data !== undefined) {
    if (found.stale && found.current) await touchSnapshot(c.ds, key);
    return found.data as T;
  }
  // The version is read before computing: a rebuild meanwhile makes this snapshot out of date at once.
  const data = await compute();
  await writeSnapshot(c.ds, { ...base, version: found.version, data });
  // What a snapshot gives back (JSON: dates become ISO strings), so a computed view equals a kept one.
  return JSON.parse(JSON.stringify(data)) as T;
}

/**
 * A section whose data is wholly snapshot `name` (no live part): `kept` tells the page it may keep
 * the section's rendered HTML for as long as that snapshot stays the same (dashboard.rendered.ts).
 */
export function keptWhole<T>(name: string, load: (c: SectionContext) => Promise<T>): Pick<DashboardSection, 'kept' | 'load'> {
  return { kept: name, load: (c) => snapshot(c, name, () => load(c)) };
}
