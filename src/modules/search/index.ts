// Search: one search over all content (threads, replies, use cases, guide chapters, courses) with
// facets and typo tolerance, the engines behind it, the indexer that applies 'search.index' outbox rows.
import { SEARCH_TOPIC } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { readyEngine, searchEngine } from './search.engine-for.js';
import { searchIndexHandler, type SearchSources } from './search.indexer.js';
import type { SearchIdListers } from './search.reindex.js';
import { searchRouter } from './search.routes.js';

export { searchEngine } from './search.engine-for.js';
export type { SearchEngine, SearchQuery, SearchResult, Suggestion } from './search.engine.js';

// The registry lists this module too: it is imported when first needed, not at load time.
const registry = () => import('../registry.js');

/** Every module's search sources, by document type. */
export async function registeredSources(): Promise<SearchSources> {
  const { modules } = await registry();
  return Object.assign({}, ...modules.map((m) => m.searchSources ?? {}));
}

/** Every module's id listers (for the full rebuild), by document type. */
export async function registeredIdListers(): Promise<SearchIdListers> {
  const { modules } = await registry();
  return Object.assign({}, ...modules.map((m) => m.searchIds ?? {}));
}

export const searchModule: PraxisModule = {
  name: 'search',
  router: searchRouter,
  outboxHandlers: (ctx) => ({
    [SEARCH_TOPIC]: searchIndexHandler(ctx.ds, () => readyEngine(searchEngine(ctx)), registeredSources),
  }),
};
