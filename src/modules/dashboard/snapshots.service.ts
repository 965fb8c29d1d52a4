// The worker's part of the snapshots (dashboard.snapshots.ts): after each rollup refresh, the
// sections are computed again for every language and period read in the last 7 days, so the next
// page view finds them; snapshots not read for 7 days are dropped.
import type { DataSource } from 'typeorm';
import { translate, type Lang } from '../../shared/i18n.js';
import { periodFromQuery } from './dashboard.period.js';
import { SECTIONS } from './sections/index.js';
import { currentVersion, dropOldSnapshots, recentlyRead, snapshotsDone } from './snapshots.store.js';

const KEEP_DAYS = 7;

/** Recomputes the snapshots read in the last 7 days at the current rollup version; returns how many periods. */
export async function refreshSnapshots(ds: DataSource, now = new Date()): Promise<number> {
  await dropOldSnapshots(ds, KEEP_DAYS);
  const version = await currentVersion(ds);
  const pairs = (await recentlyRead(ds, KEEP_DAYS)).filter((p) => !p.query.startsWith('period=custom'));
  for (const p of pairs) {
    const lang = p.lang as Lang;
    const period = periodFromQuery(Object.fromEntries(new URLSearchParams(p.query)), now);
    const c = { ds, period, lang, t: (k: string, v?: Record<string, unknown>) => translate(lang, k, v), snapshots: { mode: 'refresh' as const, version, readAt: p.readAt } };
    // One section after the other: the worker should not take both CPUs from the pages.
    for (const s of SECTIONS) await s.load(c);
  }
  await snapshotsDone(ds, version);
  return pairs.length;
}
