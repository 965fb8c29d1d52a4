// The dashboard's privacy rule for exports: a count that stands for one administration (or for a
// group that may be a single administration: a Land, a kind, a size class) is written "< 5" in a CSV
// when it is 1 to 4, so a download does not single out a handful of people. 0 stays 0 (nothing to
// hide, and "< 5" for nothing would mislead). The page itself is for facilitators and shows the
// exact figures.
import type { CsvValue } from '../../shared/csv.js';

/** Counts from 1 to this minus 1 are suppressed in exports. */
export const SMALL_COUNT = 5;

export const isSmall = (n: number): boolean => n > 0 && n < SMALL_COUNT;

/** A per-administration count for a CSV cell: 1–4 become "< 5". */
export const exportCount = (n: number): CsvValue => (isSmall(n) ? `< ${SMALL_COUNT}` : n);
