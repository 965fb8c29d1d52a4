// Keeps dashboard_daily (and through its triggers dashboard_daily_total) and dashboard_question_times:
// `rebuildRollups` recomputes the given Berlin days (and the ISO weeks touching them, for the weekly
// active members; the questions and quiz answers the days touched) in one transaction — idempotent, so the worker can
// run it again and again; `refreshRollups` is the worker's minute hook (today and yesterday at most
// every 5 minutes, the whole history once when the table is empty); the CLI rebuilds everything.
import type { DataSource } from 'typeorm';
import { berlinToday } from './dashboard.period.js';
import { bumpVersion } from './snapshots.store.js';
import { analyzeRollups, firstDay, isEmpty, lockRollups, replaceChapterAnswers, replaceDays, replaceQuestionTimes, replaceWeeks } from './rollups.store.js';

/**
 * `snapshotsDue`: the caller recomputes the snapshots right after (the worker's refresh); until then
 * the page shows the previous ones rather than computing every section in the reader's request.
 */
export async function rebuildRollups(ds: DataSource, fromDay: string, toDay: string, snapshotsDue = false): Promise<void> {
  await ds.transaction(async (m) => {
    await lockRollups(m);
    await replaceDays(m, fromDay, toDay);
    await replaceWeeks(m, fromDay, toDay);
    await replaceQuestionTimes(m, fromDay, toDay);
    await replaceChapterAnswers(m, fromDay, toDay);
    await bumpVersion(m, snapshotsDue);
  });
}

/** Only the question times of the questions the days touched (for tests that write forum rows and read the section). */
export async function rebuildQuestionTimes(ds: DataSource, fromDay: string, toDay: string): Promise<void> {
  await ds.transaction(async (m) => {
    await lockRollups(m);
    await replaceQuestionTimes(m, fromDay, toDay);
    await bumpVersion(m);
  });
}

/** Only the chapter answers of the days (for tests that write attempts and read the section). */
export async function rebuildChapterAnswers(ds: DataSource, fromDay: string, toDay: string): Promise<void> {
  await ds.transaction(async (m) => {
    await lockRollups(m);
    await replaceChapterAnswers(m, fromDay, toDay);
    await bumpVersion(m);
  });
}

/** Everything from the first recorded activity to today; returns the days rebuilt (null: nothing). */
export async function rebuildAllRollups(ds: DataSource, now = new Date()): Promise<{ from: string; to: string } | null> {
  const from = await firstDay(ds.manager);
  if (!from) return null;
  const to = berlinToday(now);
  await rebuildRollups(ds, from, to);
  // Every row was replaced: fresh statistics, or the planner sorts hundreds of thousands of rows on
  // disk where a hash aggregate in memory would do (bench:dashboard).
  await analyzeRollups(ds.manager);
  return { from, to };
}

const EVERY_MS = 5 * 60_000;
let lastRun = 0;

/**
 * The worker's minute hook: today and yesterday at most every 5 minutes; the full history if empty.
 * Returns whether it rebuilt anything (then the snapshots are recomputed).
 */
export async function refreshRollups(ds: DataSource, now: Date): Promise<boolean> {
  if (now.getTime() - lastRun < EVERY_MS) return false;
  lastRun = now.getTime();
  if (await isEmpty(ds.manager)) {
    await rebuildAllRollups(ds, now);
    return true;
  }
  // The minute hook recomputes the snapshots next (index.ts): readers keep the previous ones meanwhile.
  await rebuildRollups(ds, berlinToday(new Date(now.getTime() - 86_400_000)), berlinToday(now), true);
  return true;
}
