// "Similar questions" while composing: the search engine first (the same engine, stemming, typo
// tolerance and permissions as /search), then trigram matches on titles to fill up — those also
// cover threads the worker has not indexed yet, and keep suggestions working if the engine is down.
import type { AppContext } from '../module.js';
import { audienceOf, similarThreads } from '../search/index.js';
import type { Actor } from './forum.policy.js';
import { findSimilarThreads, visibleThreadsByIds, type SimilarThread } from './forum.queries.js';

export async function similarQuestions(ctx: AppContext, title: string, actor: (Actor & { id: number }) | undefined, limit = 5): Promise<SimilarThread[]> {
  const q = title.trim().slice(0, 150);
  if (q.length < 4) return [];
  let fromEngine: SimilarThread[] = [];
  try {
    const hits = await similarThreads(ctx, q, audienceOf(actor), limit * 2);
    const ids = hits.map((h) => Number(h.id.split(':')[1])).filter((n) => Number.isInteger(n));
    fromEngine = await visibleThreadsByIds(ctx.ds, ids, actor);
  } catch (err) {
    ctx.logger.warn({ err }, 'search engine unavailable for similar questions; using title trigrams');
  }
  const seen = new Set(fromEngine.map((t) => t.id));
  const fill = (await findSimilarThreads(ctx.ds, q, actor, limit)).filter((t) => !seen.has(t.id));
  return [...fromEngine, ...fill].slice(0, limit);
}
