// GET /search (results, facets, pagination, sorting; no results → ask the network; each new search
// logged for the knowledge gaps) and GET /search/suggest (JSON for the header's as-you-type suggestions).
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { searchEngine } from './search.engine-for.js';
import { audienceOf } from './search.policy.js';
import { likeReference } from './search.queries.js';
import { filtersOf, searchQuerySchema, suggestQuerySchema } from './search.schemas.js';
import { loggedQuery, recordSearch } from './search.service.js';
import { refererSearch } from './search.opened.js';
import { searchPageView, suggestionsView } from './search.views.js';
import { facetLabeller } from './search.labels.js';

const SUGGESTIONS = 8;

export function searchRouter(ctx: AppContext): Router {
  const r = Router();
  const engine = () => searchEngine(ctx);
  const isRefinement = (req: Request, q: string) => {
    const from = refererSearch(req, ctx.config.baseUrl);
    return from !== null && loggedQuery(from) === loggedQuery(q);
  };

  r.get('/search', async (req, res) => {
    const input = searchQuerySchema.parse(req.query);
    const filters = filtersOf(input);
    const hasInput = input.q !== '' || Object.keys(filters).length > 0;
    const like = input.sort === 'similar' ? await likeReference(ctx.ds, input, req.user?.administrationId) : null;
    const sort = input.sort === 'similar' && !like ? 'relevance' : input.sort;
    const result = hasInput
      ? await engine().search({ q: input.q, filters, page: input.page, sort, like: like ?? undefined, audience: audienceOf(req.user), preferLanguage: req.lang })
      : null;
    // One search, one row: the first page of a query without facet filters, unless it only re-sorts
    // the results page it came from (same query).
    if (result && input.q && input.page === 1 && !Object.keys(filters).length && !isRefinement(req, input.q)) {
      await recordSearch(ctx.ds, input.q, result.total, req.user?.id ?? null);
    }
    // Result links tell the next page which search they came from ("opened"; search.opened.ts).
    res.set('Referrer-Policy', 'same-origin');
    res.render('search/index', searchPageView(input, result, req.t, facetLabeller(ctx.modules, req.lang), !!like));
  });

  r.get('/search/suggest', async (req, res) => {
    const { q } = suggestQuerySchema.parse(req.query);
    // More candidates than shown: a thread and its replies collapse into one suggestion.
    const candidates = await engine().suggest(q, audienceOf(req.user), SUGGESTIONS * 3);
    res.set('Cache-Control', 'private, max-age=30').json({ suggestions: suggestionsView(candidates, req.t, SUGGESTIONS) });
  });

  r.get('/search/health', async (_req, res) => {
    const health = await engine().health();
    res.status(health.ok ? 200 : 503).json({ engine: health.engine, status: health.ok ? 'ok' : 'unavailable' });
  });

  return r;
}
