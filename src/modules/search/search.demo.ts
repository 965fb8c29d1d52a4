// The demo's searches over the last 12 months, so the dashboard's knowledge gaps have something to
// show on a fresh `npm start`: questions the demo content does not answer (no results), searches
// whose results nobody opened, and ordinary searches that led somewhere. Drawn from a fixed seed,
// dated back from `now`; no member is named (as after 30 days for real searches). Idempotent: a
// database that already holds one of these queries gets nothing more.
import type { AppContext } from '../module.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { anySearchFor, insertSearches, type DemoSearch } from './demo.store.js';

/** query, searches over the year, results (0: none), share of searches from which a result was opened. */
const DEMO_SEARCHES: [string, number, number, number][] = [
  ['bürgerrat losverfahren kosten', 14, 0, 0],
  ['leichte sprache online-beteiligung', 11, 0, 0],
  ['jugendbeteiligung social media', 9, 0, 0],
  ['beteiligungssatzung muster', 8, 0, 0],
  ['ki auswertung stellungnahmen', 7, 0, 0],
  ['einwilligung minderjährige umfrage', 5, 0, 0],
  ['aufwandsentschädigung beirat', 4, 0, 0],
  ['leitlinien bürgerbeteiligung', 10, 4, 0],
  ['evaluation beteiligungsverfahren', 7, 3, 0],
  ['haushaltsbefragung rücklauf', 5, 2, 0],
  ['bürgerhaushalt', 24, 9, 0.8],
  ['beteiligungsportal', 18, 7, 0.7],
  ['spielplatz beteiligung kinder', 12, 3, 0.6],
  ['quartiersentwicklung', 9, 5, 0.5],
];

export async function loadDemoSearches(ctx: AppContext, now: Date): Promise<void> {
  if (await anySearchFor(ctx.ds, DEMO_SEARCHES.map(([q]) => q))) return;
  const list: DemoSearch[] = [];
  for (const [query, searches, found, openShare] of DEMO_SEARCHES) {
    const random = seededRandom(`search:${query}`);
    for (let i = 0; i < searches; i++) {
      const at = new Date(now.getTime() - random.int(1, 364 * 24 * 60) * 60_000);
      const results = found ? Math.max(1, found + random.int(-1, 1)) : 0;
      const openedAt = found && random.chance(openShare) ? new Date(at.getTime() + random.int(5, 120) * 1000) : null;
      list.push({ at, query, results, openedAt });
    }
  }
  await insertSearches(ctx.ds, list);
}
