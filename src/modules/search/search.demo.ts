// The demo's searches over the last 12 months, so the dashboard's knowledge gaps have something to
// show on a fresh `npm start`: questions the demo content does not answer (no results), searches
// whose results nobody opened, and ordinary searches that led somewhere. Drawn from a fixed seed,
// dated back from `now`; no member is named (as after 30 days for real searches). Idempotent: a
// database that already holds one of these queries gets nothing more.
import type { AppContext } from '../module.js';
import { seededRandom } from '../../shared/seeded-random.js';

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
  const [seen] = await ctx.ds.query(`SELECT 1 AS found FROM search_log WHERE query = ANY($1::text[]) LIMIT 1`, [DEMO_SEARCHES.map(([q]) => q)]);
  if (seen) return;
  const at: string[] = [];
  const query: string[] = [];
  const results: number[] = [];
  const opened: (string | null)[] = [];
  for (const [q, searches, found, openShare] of DEMO_SEARCHES) {
    const random = seededRandom(`search:${q}`);
    for (let i = 0; i < searches; i++) {
      const when = new Date(now.getTime() - random.int(1, 364 * 24 * 60) * 60_000);
      at.push(when.toISOString());
      query.push(q);
      results.push(found ? Math.max(1, found + random.int(-1, 1)) : 0);
      opened.push(found && random.chance(openShare) ? new Date(when.getTime() + random.int(5, 120) * 1000).toISOString() : null);
    }
  }
  await ctx.ds.query(
    `INSERT INTO search_log (at, query, results, user_id, opened_at)
     SELECT a, q, r, NULL, o FROM unnest($1::timestamptz[], $2::text[], $3::int[], $4::timestamptz[]) AS s(a, q, r, o)`,
    [at, query, results, opened]);
}
