// refreshedEvery (src/shared/refreshed.ts): one load per period, shared by the readers in it and by
// those arriving while it runs; a failed load is tried again by the next reader.
import { describe, expect, it } from '@jest/globals';
import { refreshedEvery } from '../../src/shared/refreshed.js';

describe('a value refreshed at most once a period', () => {
  it('when read within the period, then the value loaded first is given; after it, a new load', async () => {
    let clock = 1_000;
    let loads = 0;
    const figures = refreshedEvery(60_000, async () => ++loads, () => clock);
    expect(await figures()).toBe(1);
    clock += 59_999;
    expect(await figures()).toBe(1);
    clock += 1;
    expect(await figures()).toBe(2);
    expect(loads).toBe(2);
  });

  it('when many read while the first load runs, then they all wait for that one load', async () => {
    let release!: (n: number) => void;
    let loads = 0;
    const figures = refreshedEvery(60_000, () => { loads++; return new Promise<number>((r) => { release = r; }); }, () => 0);
    const readers = Array.from({ length: 20 }, () => figures());
    release(42);
    expect(await Promise.all(readers)).toEqual(Array(20).fill(42));
    expect(loads).toBe(1);
  });

  it('when a load fails, then the readers of that load see the error and the next reader loads again', async () => {
    let fail = true;
    const figures = refreshedEvery(60_000, async () => { if (fail) throw new Error('database away'); return 7; }, () => 0);
    await expect(figures()).rejects.toThrow('database away');
    fail = false;
    expect(await figures()).toBe(7);
  });
});
