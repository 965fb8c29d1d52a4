// Search: one search over all content (threads, replies, use cases, guide chapters, courses) with
// facets and typo tolerance, the engines behind it, the indexer that applies 'search.index' outbox rows,
// and the search log behind the dashboard's knowledge gaps.
import type { AppContext } from '../module.js';
import { SEARCH_TOPIC } from '../../shared/search-index.js';
import type { Audience, SearchHit } from './search.engine.js';
import type { PraxisModule } from '../module.js';
import { SearchDocument, SearchLexiconWord } from './search-document.entity.js';
import { SearchVersion, SearchZeroResult } from './search-version.entity.js';
import { SearchLogEntry } from './search-log.entity.js';
import { searchOpenedMarker } from './search.opened.js';
import { searchesOfMember } from './search.queries.js';
import { forgetOldSearchers } from './search.service.js';
import { forgetSearchesOf } from './search.store.js';
import { readyEngine, searchEngine } from './search.engine-for.js';
import { searchIndexHandler, type SearchDependents, type SearchSources } from './search.indexer.js';
import type { SearchIdListers } from './search.reindex.js';
import { searchRouter } from './search.routes.js';
import { loadDemoSearches } from './search.demo.js';

export { searchEngine } from './search.engine-for.js';
// The engines and the full rebuild, for the search:reindex command and the search benchmark.
export { MeiliSearchEngine } from './meili.engine.js';
export { PostgresSearchEngine } from './postgres.engine.js';
export { progressLine, reindex, replaySince } from './search.reindex.js';
export { facetLabeller, type FacetLabeller } from './search.labels.js';
export { audienceOf } from './search.policy.js';
export {
  knowledgeGaps, medianResultsUnopened, searchersWithoutResults, type DayRange, type KnowledgeGap,
} from './search.queries.js';
export { SEARCHER_KEEP_DAYS } from './search.service.js';
export type { Audience, SearchEngine, SearchHit, SearchQuery, SearchResult, Suggestion, VersionedDocument } from './search.engine.js';

/** Every module's search sources, by document type. */
export function registeredSources(modules: readonly PraxisModule[]): SearchSources {
  return Object.assign({}, ...modules.map((m) => m.searchSources ?? {}));
}

/** Every module's dependent document types, merged per changed type. */
export function registeredDependents(modules: readonly PraxisModule[]): SearchDependents {
  const all: SearchDependents = {};
  for (const m of modules) {
    for (const [type, deps] of Object.entries(m.searchDependents ?? {}) as [keyof SearchDependents, SearchDependents[keyof SearchDependents]][]) {
      all[type] = [...(all[type] ?? []), ...(deps ?? [])];
    }
  }
  return all;
}

/** Every module's id listers (for the full rebuild), by document type. */
export function registeredIdListers(modules: readonly PraxisModule[]): SearchIdListers {
  return Object.assign({}, ...modules.map((m) => m.searchIds ?? {}));
}

/**
 * Titles similar to `title` among forum threads, for "similar questions" while composing: the
 * same engine, the same permissions as the search page.
 */
export async function similarThreads(ctx: AppContext, title: string, audience: Audience, limit = 5): Promise<SearchHit[]> {
  if (!title.trim()) return [];
  const result = await searchEngine(ctx).search({ q: title, audience, filters: { type: ['thread'] }, perPage: limit, facets: false });
  return result.hits;
}

export const searchModule: PraxisModule = {
  name: 'search',
  entities: [SearchDocument, SearchLexiconWord, SearchVersion, SearchZeroResult, SearchLogEntry],
  router: searchRouter,
  // Before every router: a page opened from the results page marks its search as opened.
  pageLocals: searchOpenedMarker,
  // Searches older than 30 days keep their query and counts, not who searched.
  housekeeping: (ctx) => forgetOldSearchers(ctx.ds),
  // The demo's searches over the year (before the dashboard's demo turn rolls them up).
  loadDemoActivity: loadDemoSearches,
  userColumns: { 'search_log.user_id': 'searches' },
  exportUserData: async (ds, userId) => ({ searches: await searchesOfMember(ds, userId) }),
  // The member's searches stay in the aggregates, without the member (whatever becomes of contributions).
  deleteUserData: (db, member) => forgetSearchesOf(db, member.id),
  outboxHandlers: (ctx) => {
    // The worker starts here: apply the engine's index settings now (idempotent), not in a request.
    const engine = () => readyEngine(searchEngine(ctx));
    engine().catch((err) => ctx.logger.warn({ err }, 'search engine setup failed; retried with the first batch'));
    return { [SEARCH_TOPIC]: searchIndexHandler(ctx.ds, engine, registeredSources(ctx.modules), { dependents: registeredDependents(ctx.modules) }) };
  },
};
