// GET /search (results, facets, pagination, sorting; no results → ask the network) and
// GET /search/suggest (JSON for the header's as-you-type suggestions).
import { Router } from 'express';
import type { AppContext } from '../module.js';
import { searchEngine } from './search.engine-for.js';
import { audienceOf } from './search.policy.js';
import { likeReference } from './search.queries.js';
import { filtersOf, searchQuerySchema, suggestQuerySchema } from './search.schemas.js';
import { recordZeroResult } from './search.service.js';
import { searchPageView, suggestionsView } from './search.views.js';
import { facetLabeller } from './search.labels.js';

const SUGGESTIONS = 8;

export function searchRouter(ctx: AppContext): Router {
  const r = Router();
  const engine = () => searchEngine(ctx);

  r.get('/search', async (req, res) => {
    const input = searchQuerySchema.parse(req.query);
    const filters = filtersOf(input);
    const hasInput = input.q !== '' || Object.keys(filters).length > 0;
    const like = input.sort === 'similar' ? await likeReference(ctx.ds, input, req.user?.administrationId) : null;
    const sort = input.sort === 'similar' && !like ? 'relevance' : input.sort;
    const result = hasInput
      ? await engine().search({ q: input.q, filters, page: input.page, sort, like: like ?? undefined, audience: audienceOf(req.user) })
      : null;
    if (result && result.total === 0 && input.q && input.page === 1 && !Object.keys(filters).length) {
      await recordZeroResult(ctx.ds, input.q);
    }
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
