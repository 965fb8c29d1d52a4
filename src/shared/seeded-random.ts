// A small deterministic random source for demo content: mulberry32 seeded from a text, so the
// demo's background activity (vote times, quiz attempts, adoption dates) is the same on every load
// and on every machine; tests draw their seeded write mixes from it too. Not for anything secret:
// use node:crypto there.

export interface SeededRandom {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(xs: readonly T[]): T;
  /** `n` different elements of the list (all of them when it is shorter), in the order drawn. */
  sample<T>(xs: readonly T[], n: number): T[];
}

/** The seed every demo loader starts from (combined with what it draws for, e.g. the file name). */
export const DEMO_SEED = 'praxis-demo-16';

/** FNV-1a over the text's UTF-16 code units: a 32-bit seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A random source for `key` (e.g. "forum:03-buergerhaushalt.md"): the same key always draws the same numbers. */
export function seededRandom(key: string, seed: string = DEMO_SEED): SeededRandom {
  return randomFromState(hash(`${seed}:${key}`));
}

/** mulberry32 from a 32-bit starting state (tests pass a small number): the same state, the same numbers. */
export function randomFromState(start: number): SeededRandom {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (xs) => xs[int(0, xs.length - 1)]!,
    sample: (xs, n) => {
      const pool = [...xs];
      const out = [];
      while (out.length < n && pool.length) out.push(pool.splice(int(0, pool.length - 1), 1)[0]!);
      return out;
    },
  };
}
