// Plain view objects for the search page.
import { FACETS, type FacetName, type SearchResult, type Suggestion } from './search.engine.js';
import { filtersOf, type SearchQueryInput } from './search.schemas.js';
import { SIZE_CLASSES, STATE_CODES } from '../administrations/index.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

/** A facet value's label in the page language (see facetLabeller in index.ts). */
type LabelOf = (facet: FacetName, value: string) => string;

function queryString(input: SearchQueryInput, overrides: Record<string, string | number | undefined> = {}): string {
  const p = new URLSearchParams();
  if (input.q) p.set('q', input.q);
  for (const [facet, values] of Object.entries(filtersOf(input))) for (const v of values) p.append(facet, v);
  if (input.sort !== 'relevance') p.set('sort', input.sort);
  if (input.sort === 'similar' && input.like_size) p.set('like_size', input.like_size);
  if (input.sort === 'similar' && input.like_state) p.set('like_state', input.like_state);
  for (const [k, v] of Object.entries(overrides)) {
    p.delete(k);
    if (v !== undefined && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `liked`: whether sort=similar found a reference (picked size class / Land, or the reader's administration). */
export function searchPageView(input: SearchQueryInput, result: SearchResult | null, t: T, labelOf: LabelOf, liked = false) {
  const filters = filtersOf(input);
  const facets = FACETS.map((name) => {
    const selected = filters[name] ?? [];
    const counted = result?.facets[name] ?? [];
    const options = [
      ...counted,
      ...selected.filter((v) => !counted.some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
    ].map((o) => ({
      value: o.value,
      count: o.count,
      label: labelOf(name, o.value),
      checked: selected.includes(o.value),
      inputId: `facet-${name}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    }));
    return { name, legend: t(`search.facets.${name}`), options, hasOptions: options.length > 0 };
  }).filter((f) => f.hasOptions);

  const pages = result ? Math.max(1, Math.ceil(result.total / result.perPage)) : 1;
  const page = result?.page ?? 1;
  return {
    title: input.q ? t('search.titleFor', { q: input.q }) : t('search.title'),
    q: input.q,
    sort: input.sort,
    searched: result !== null,
    hits: (result?.hits ?? []).map((h) => ({
      ...h,
      // A training video's hit leads to the moment of the query in its transcript (media.search.ts).
      url: h.type.endsWith('_video') && input.q ? `${h.url}?${new URLSearchParams({ q: input.q }).toString()}` : h.url,
      typeLabel: t(`search.types.${h.type}`),
      langAttr: h.language,
    })),
    total: result?.total ?? 0,
    totalIsLowerBound: result?.totalIsLowerBound ?? false,
    corrections: result?.corrections ?? [],
    facets,
    hasFilters: Object.keys(filters).length > 0,
    clearFiltersHref: `/search${queryString({ ...input, ...Object.fromEntries(FACETS.map((f) => [f, undefined])) } as SearchQueryInput, { page: undefined })}`,
    sortOptions: (['relevance', 'date', 'similar'] as const).map((s) => ({ value: s, label: t(`search.sort.${s}`), selected: s === input.sort })),
    like: input.sort === 'similar' ? {
      needsReference: !liked,
      sizeOptions: SIZE_CLASSES.map((v) => ({ value: v, label: t(`sizeClass.${v}`), selected: v === input.like_size })),
      stateOptions: STATE_CODES.map((v) => ({ value: v, label: t(`states.${v}`), selected: v === input.like_state }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    } : null,
    askHref: `/forum/new?${new URLSearchParams({ title: input.q }).toString()}`,
    pagination: {
      page,
      pages,
      total: result?.total ?? 0,
      prevHref: page > 1 ? `/search${queryString(input, { page: page - 1 > 1 ? page - 1 : undefined })}` : undefined,
      nextHref: page < pages ? `/search${queryString(input, { page: page + 1 })}` : undefined,
    },
  };
}

export interface SuggestionView extends Suggestion {
  typeLabel: string;
}

/**
 * The header's suggestions, one per item: a reply stands for its thread (its title is the
 * thread's), so a thread and its matching replies become the thread once; each with its type label.
 */
export function suggestionsView(suggestions: Suggestion[], t: T, limit: number): SuggestionView[] {
  const seen = new Set<string>();
  const out: SuggestionView[] = [];
  for (const s of suggestions) {
    const item = s.type === 'reply' ? { ...s, type: 'thread' as const, url: s.url.replace(/#.*$/, '') } : s;
    const key = item.url.replace(/#.*$/, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...item, typeLabel: t(`search.types.${item.type}`) });
    if (out.length >= limit) break;
  }
  return out;
}
