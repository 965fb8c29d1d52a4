// The watching rule, as pure functions. The player reports which tenths of a video's duration were
// actually played (from `video.played`, not from seeking); the server keeps their union as a 10-bit
// mask per member and video. A video counts as watched once 9 of its 10 tenths were played (one
// tenth of slack for an intro skipped, the last seconds cut off by "ended" or a rounding at the
// edges), or when the member declares it with "mark as watched" (without JavaScript, and for
// embeds, whose frame cannot report progress). Once watched it stays watched: progress only grows.
import type { WatchedVia } from './watching.entity.js';

export const TENTHS = 10;
/** Played tenths (of 10) that make a video count as watched. */
export const WATCHED_TENTHS = 9;
const ALL = (1 << TENTHS) - 1;

/** The mask of a list of tenths (0–9); anything else is ignored (the schema refuses it before). */
export function maskOf(tenths: Iterable<number>): number {
  let mask = 0;
  for (const t of tenths) if (Number.isInteger(t) && t >= 0 && t < TENTHS) mask |= 1 << t;
  return mask;
}

/** How many tenths a mask covers. */
export function coveredTenths(mask: number): number {
  let n = 0;
  for (let m = mask & ALL; m; m &= m - 1) n++;
  return n;
}

export interface WatchState {
  tenths: number;
  watchedAt: Date | null;
  watchedVia: WatchedVia | null;
}

export const NOT_STARTED: WatchState = { tenths: 0, watchedAt: null, watchedVia: null };

/**
 * The state after a report: played tenths are added (never removed); the video becomes watched when
 * enough are played, or when declared. A declaration after the fact does not change how a played
 * video counts; enough played tenths after a declaration record it as played (stronger evidence),
 * keeping the time it first counted.
 */
export function merge(prev: WatchState, report: { tenths?: number; declared?: boolean }, now: Date): { next: WatchState; becameWatched: boolean } {
  const tenths = (prev.tenths | (report.tenths ?? 0)) & ALL;
  const played = coveredTenths(tenths) >= WATCHED_TENTHS;
  let watchedVia = prev.watchedVia;
  if (played) watchedVia = 'played';
  else if (report.declared && !watchedVia) watchedVia = 'declared';
  const watchedAt = prev.watchedAt ?? (watchedVia ? now : null);
  return { next: { tenths, watchedAt, watchedVia }, becameWatched: !prev.watchedAt && !!watchedAt };
}

/** Progress in percent (whole tenths), for the course page. */
export const percentOf = (mask: number) => coveredTenths(mask) * (100 / TENTHS);
