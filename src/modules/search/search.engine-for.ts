// One engine per application context: Meilisearch when MEILI_URL is configured, otherwise the
// PostgreSQL full-text search in the application's own database.
import type { AppContext } from '../module.js';
import { MeiliSearchEngine } from './meili.engine.js';
import { PostgresSearchEngine } from './postgres.engine.js';
import type { SearchEngine } from './search.engine.js';

const engines = new WeakMap<AppContext, SearchEngine>();

export function searchEngine(ctx: AppContext): SearchEngine {
  let engine = engines.get(ctx);
  if (!engine) {
    engine = ctx.config.MEILI_URL
      ? new MeiliSearchEngine({ host: ctx.config.MEILI_URL, apiKey: ctx.config.MEILI_MASTER_KEY, languages: ctx.config.CONTENT_LANGUAGES })
      : new PostgresSearchEngine(ctx.ds, { languages: ctx.config.CONTENT_LANGUAGES });
    engines.set(ctx, engine);
  }
  return engine;
}

const ready = new WeakMap<SearchEngine, Promise<SearchEngine>>();

/** The engine after its idempotent setup (index settings); used by the worker, never by requests. */
export function readyEngine(engine: SearchEngine): Promise<SearchEngine> {
  let p = ready.get(engine);
  if (!p) {
    p = engine.setup().then(() => engine);
    p.catch(() => ready.delete(engine));
    ready.set(engine, p);
  }
  return p;
}
