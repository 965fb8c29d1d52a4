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

/**
 * Values listed per facet before "show all": the most frequent ones, plus every selected value.
 * An administration facet can hold thousands of values; listing them all made the page 100 KB and
 * more at 2,000 administrations and cost most of its rendering time (issue 19).
 */
export const FACET_VALUES_SHOWN = 10;

/** `liked`: whether sort=similar found a reference (picked size class / Land, or the reader's administration). */
export function searchPageView(input: SearchQueryInput, result: SearchResult | null, t: T, labelOf: LabelOf, liked = false) {
  const filters = filtersOf(input);
  const facets = FACETS.map((name) => {
    const selected = filters[name] ?? [];
    const counted = result?.facets[name] ?? [];
    const all = [
      ...counted,
      ...selected.filter((v) => !counted.some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
    ];
    const expanded = input.more === name;
    // Most frequent first (stable: the engine's order among equal counts); selected ones always stay.
    const ranked = [...all].sort((a, b) => b.count - a.count);
    const shown = expanded ? ranked : ranked.filter((o, i) => i < FACET_VALUES_SHOWN || selected.includes(o.value));
    const options = shown.map((o) => ({
      value: o.value,
      count: o.count,
      label: labelOf(name, o.value),
      checked: selected.includes(o.value),
      inputId: `facet-${name}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    }));
    const legend = t(`search.facets.${name}`);
    const hidden = all.length - shown.length;
    return {
      name, legend, options, hasOptions: options.length > 0, anchor: `facet-${name}`,
      showAll: hidden > 0 ? { href: `/search${queryString(input, { more: name, page: input.page > 1 ? input.page : undefined })}#facet-${name}`, label: t('search.facetShowAll', { count: all.length, facet: legend }) } : null,
      showFewer: expanded && all.length > FACET_VALUES_SHOWN ? { href: `/search${queryString(input, { page: input.page > 1 ? input.page : undefined })}#facet-${name}`, label: t('search.facetShowFewer', { facet: legend }) } : null,
    };
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
