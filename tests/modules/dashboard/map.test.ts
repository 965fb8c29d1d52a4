// The map's outlines: the package's points rounded to whole units of the viewBox (dashboard.map.ts).
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { germanyShapes, roundedOutline } from '../../../src/modules/dashboard/dashboard.map.js';
import { STATE_CODES } from '../../../src/modules/administrations/index.js';

/** Absolute points of every ring of an "m dx,dy … z" outline (read here on its own, not with the code under test). */
function ringsOf(path: string): [number, number][][] {
  const rings: [number, number][][] = [];
  let [x, y] = [0, 0];
  for (const ring of path.split(/z/).map((r) => r.trim()).filter(Boolean)) {
    const nums = ring.replace(/^m\s*/, '').split(/[\s,]+/).map(Number);
    const start: [number, number] = [x, y];
    const points: [number, number][] = [];
    for (let i = 0; i < nums.length; i += 2) {
      [x, y] = [x + nums[i]!, y + nums[i + 1]!];
      points.push([x, y]);
    }
    rings.push(points);
    [x, y] = points[0] ?? start;
  }
  return rings;
}

const box = (rings: [number, number][][]) => {
  const all = rings.flat();
  return [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
};

describe('dashboard map outlines', () => {
  it('when an outline is rounded, then its points are whole, a repeated point and a ring under a unit are dropped, and the next ring starts where "z" returned', () => {
    // Ring 1 (1.4,1.6) (1.6,1.8) (3.6,1.8) (3.6,3.8); ring 2 three points within a unit of (11.5,11.6); ring 3 from ring 2's start.
    expect(roundedOutline('m 1.4,1.6 0.2,0.2 2,0 0,2 z m 10,10 0.1,0.1 0.1,0 z m 1,1 3,0 0,3 z'))
      .toBe('m 1,2 1,0 2,0 0,2 z m 11,11 3,0 0,3 z');
    expect(() => roundedOutline('m 0,0 l 1,1 z')).toThrow(/unexpected/);
  });

  it('when the 16 Länder are drawn, then each keeps its shape within half a unit at a third of the package\'s size', () => {
    const file = createRequire(import.meta.url).resolve('@svg-maps/germany');
    const data = JSON.parse(readFileSync(file, 'utf8').trim().replace(/^export default\s*/, '').replace(/;$/, '')) as { locations: { id: string; path: string }[] };
    const { lands } = germanyShapes(STATE_CODES);
    expect(lands).toHaveLength(16);
    let before = 0;
    let after = 0;
    for (const land of lands) {
      const original = data.locations.find((l) => l.id.toUpperCase() === land.code)!.path;
      before += original.length;
      after += land.path.length;
      const rounded = ringsOf(land.path);
      expect(rounded.flat().every(([x, y]) => Number.isInteger(x) && Number.isInteger(y))).toBe(true);
      const [a, b] = [box(ringsOf(original)), box(rounded)];
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(0.5));
      expect(rounded.length).toBeGreaterThanOrEqual(1);
    }
    expect(after).toBeLessThan(before * 0.45);
  });
});
