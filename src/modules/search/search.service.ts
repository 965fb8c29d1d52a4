// Writes of the search module outside the engines: the search log (one row per search with a query;
// the member id only for 30 days) and, for searches that found nothing, the anonymised day count of
// zero-result queries (no user, no session), both feeding the dashboard's knowledge gaps.
import type { DataSource } from 'typeorm';
import { forgetSearchers, logSearch, markSearchOpened } from './search.store.js';
import { normaliseQueryForGaps } from './search.text.js';

/** How long the search log keeps who searched (days); then the row stays without the member. */
export const SEARCHER_KEEP_DAYS = 30;

/** The query as the log stores it, or null when too short to mean anything (one letter, only digits). */
export function loggedQuery(q: string): string | null {
  const query = normaliseQueryForGaps(q);
  return query.length < 2 ? null : query;
}

/** Logs a search that had `results` results; one with none is also counted as a zero-result query. */
export async function recordSearch(ds: DataSource, q: string, results: number, userId: number | null): Promise<void> {
  const query = loggedQuery(q);
  if (!query) return;
  await logSearch(ds, query, results, userId);
}

/** A result of the search for `q` (the member's, or a visitor's when `userId` is null) was opened. */
export async function recordOpened(ds: DataSource, q: string, userId: number | null): Promise<boolean> {
  const query = loggedQuery(q);
  return query ? markSearchOpened(ds, query, userId) : false;
}

/** Housekeeping: searches older than 30 days lose their member id. Returns how many did. */
export const forgetOldSearchers = (ds: DataSource): Promise<number> => forgetSearchers(ds, SEARCHER_KEEP_DAYS);
