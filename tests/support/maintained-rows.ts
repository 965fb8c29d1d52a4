// For tests of state kept by triggers (counters, copies of sort keys): after a seeded mix of writes
// (randomFromState in src/shared/seeded-random.ts), every maintained row must equal what a direct
// query or computation over the source rows gives. A failure names the rows that differ, by key.
import { isDeepStrictEqual } from 'node:util';
import { expect } from '@jest/globals';

/** The rows of one key on each side, where the two sides do not agree. */
export interface RowDifference<T> {
  key: string;
  maintained: T[];
  direct: T[];
}

/** The keys whose rows differ between the two sides: other values, a row on one side only, or a key twice. */
export function rowDifferences<T>(maintained: readonly T[], direct: readonly T[], keyOf: (row: T) => string | number): RowDifference<T>[] {
  const byKey = new Map<string, RowDifference<T>>();
  const entry = (row: T) => {
    const key = String(keyOf(row));
    if (!byKey.has(key)) byKey.set(key, { key, maintained: [], direct: [] });
    return byKey.get(key)!;
  };
  for (const row of maintained) entry(row).maintained.push(row);
  for (const row of direct) entry(row).direct.push(row);
  return [...byKey.values()].filter((d) => d.maintained.length !== 1 || d.direct.length !== 1 || !isDeepStrictEqual(d.maintained[0], d.direct[0]));
}

/**
 * Expects the maintained rows of `what` to equal the direct ones, row by row on `keyOf`, with nothing
 * on one side only; there must be something to compare.
 */
export function expectSameRows<T>(what: string, maintained: readonly T[], direct: readonly T[], keyOf: (row: T) => string | number): void {
  expect({ what, compared: direct.length > 0 }).toEqual({ what, compared: true });
  expect({ what, differences: rowDifferences(maintained, direct, keyOf) }).toEqual({ what, differences: [] });
}
