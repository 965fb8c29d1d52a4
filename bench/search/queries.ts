// The search benchmark's workload, shared by run.ts (latency of one build) and compare.ts (two
// builds query by query): words drawn like real queries (common words often, a place name now and
// then), a fifth with one typo, some filtered, some as a visitor; then prefixes for suggestions.
// Deterministic: the same queries in every run.
import type { Audience, SearchQuery } from '../../src/modules/search/index.js';
import { percentile } from '../forum/paced.js';
import { ENGLISH, GERMAN, generator, rng, STATES, typo } from './corpus.js';

export const KINDS = ['1 word', '2 words', '3 words', 'typo', 'filtered', 'visitor'] as const;
export type Kind = (typeof KINDS)[number];

export function benchWorkload(count: number, suggestions = 300): { queries: { kind: Kind; query: SearchQuery }[]; prefixes: { prefix: string; audience: Audience }[] } {
  const r = rng(7);
  const gen = generator(42);
  const vocab = [...GERMAN, ...GERMAN, ...ENGLISH].filter((w) => !w.includes('-'));
  const word = () => vocab[Math.floor(vocab.length * r() ** 1.5)]!;
  const queries: { kind: Kind; query: SearchQuery }[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(r() * 3);
    const words = Array.from({ length: n }, () => (r() < 0.15 ? gen.places[Math.floor(r() * 400)]! : word()));
    let kind: Kind = n === 1 ? '1 word' : n === 2 ? '2 words' : '3 words';
    const query: SearchQuery = { q: '', audience: 'member' };
    const u = r();
    if (u < 0.2) {
      const j = words.findIndex((w) => w.length >= 6);
      if (j >= 0) {
        words[j] = typo(r, words[j]!);
        kind = 'typo';
      }
    } else if (u < 0.35) {
      query.filters = r() < 0.5 ? { type: ['use_case', 'guide_chapter'] } : { state: [STATES[Math.floor(r() * STATES.length)]!] };
      kind = 'filtered';
    } else if (u < 0.5) {
      query.audience = 'visitor';
      kind = 'visitor';
    }
    query.q = words.join(' ');
    queries.push({ kind, query });
  }
  const prefixes = Array.from({ length: suggestions }, () => {
    const w = word();
    return { prefix: w.slice(0, 3 + Math.floor(r() * 4)), audience: (r() < 0.5 ? 'member' : 'visitor') as Audience };
  });
  return { queries, prefixes };
}

/** One row of a latency table: label, count, p50, p95, p99, max (nearest rank, as the other benchmarks). */
export function latencyRow(label: string, list: number[], width = 12): string {
  const sorted = [...list].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(8);
  return `${label.padEnd(width)} ${String(list.length).padStart(6)} ${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(percentile(sorted, 99))} ${f(sorted.at(-1) ?? NaN)}`;
}

export const latencyHeader = (width = 12) => `${'kind'.padEnd(width)} ${'n'.padStart(6)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`;
