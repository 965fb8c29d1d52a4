// The search page's query string. A search is a GET: bad values are dropped, never refused.
import { z } from 'zod';
import { FACETS, type FacetName } from './search.engine.js';
import { SIZE_CLASSES, STATE_CODES } from '../administrations/index.js';

const text = (max: number) => z.string().trim().max(max).catch('');
const values = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((s) => s.trim()).filter((s) => s && s.length <= 100).slice(0, 20))
  .catch([]);

export const searchQuerySchema = z.object({
  q: text(200).default(''),
  sort: z.enum(['relevance', 'date', 'similar']).catch('relevance').default('relevance'),
  /** The reference of sort=similar for readers without an administration (or to override it). */
  like_size: z.enum(SIZE_CLASSES).optional().catch(undefined),
  like_state: z.enum(STATE_CODES as [string, ...string[]]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  /** The facet whose values are all listed (the others show their most frequent few). */
  more: z.enum(FACETS).optional().catch(undefined),
  ...(Object.fromEntries(FACETS.map((f) => [f, values.optional()])) as Record<FacetName, z.ZodOptional<typeof values>>),
});
export type SearchQueryInput = z.infer<typeof searchQuerySchema>;

export const suggestQuerySchema = z.object({ q: text(100).default('') });

export function filtersOf(input: SearchQueryInput): Partial<Record<FacetName, string[]>> {
  const out: Partial<Record<FacetName, string[]>> = {};
  for (const f of FACETS) if (input[f]?.length) out[f] = input[f];
  return out;
}
