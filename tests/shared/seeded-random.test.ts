import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/shared/seeded-random.js';

describe('seeded random numbers for demo content', () => {
  it('when two sources have the same key, then they draw the same numbers; another key draws others', () => {
    const draw = (key: string) => { const r = seededRandom(key); return Array.from({ length: 20 }, () => r.next()); };
    expect(draw('forum:a.md')).toEqual(draw('forum:a.md'));
    expect(draw('forum:a.md')).not.toEqual(draw('forum:b.md'));
    for (const x of draw('forum:a.md')) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('when integers, picks and samples are drawn, then they stay in range and a sample has no element twice', () => {
    const r = seededRandom('ranges');
    const ints = Array.from({ length: 2000 }, () => r.int(3, 7));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(7);
    // Roughly uniform: each of the five values about 400 times.
    for (let v = 3; v <= 7; v++) expect(ints.filter((i) => i === v).length).toBeGreaterThan(300);
    const xs = ['a', 'b', 'c', 'd'];
    expect(xs).toContain(r.pick(xs));
    const s = r.sample(xs, 3);
    expect(new Set(s).size).toBe(3);
    expect(r.sample(xs, 10).sort()).toEqual(xs);
  });
});
