import { describe, expect, it } from '@jest/globals';
import { ADMINISTRATION_KINDS, similarity } from '../../../src/modules/administrations/index.js';
import { LIKE_MINE_THRESHOLD } from '../../../src/modules/usecases/start.queries.js';

/** LIKE_MINE_PREFILTER in TypeScript. */
const prefilter = (ref: { kind: string; population: number | null; state: string }, a: typeof ref) =>
  (a.kind === ref.kind && a.state === ref.state)
  || (a.population !== null && ref.population !== null && a.population >= ref.population / 10 && a.population <= ref.population * 10);

describe('"like mine" prefilter', () => {
  it('when an administration scores at least the threshold, then it passes the cheap prefilter (over a grid of kinds, sizes and Länder)', () => {
    const kinds = [...ADMINISTRATION_KINDS, 'city_state'];
    const sizes = [null, 1, 50, 999, 1_000, 3_700, 9_999, 10_000, 10_001, 37_000, 99_999, 100_000, 187_000, 1_000_000, 3_700_000];
    let qualified = 0;
    for (const k1 of kinds) for (const k2 of kinds) for (const p1 of sizes) for (const p2 of sizes) for (const land of [true, false]) {
      const ref = { kind: k1, population: p1, state: 'TH' };
      const other = { kind: k2, population: p2, state: land ? 'TH' : 'BY' };
      if (similarity(ref, other) >= LIKE_MINE_THRESHOLD) {
        qualified++;
        expect({ ref, other, passes: prefilter(ref, other) }).toEqual({ ref, other, passes: true });
      }
    }
    expect(qualified).toBeGreaterThan(100);
  });
});
