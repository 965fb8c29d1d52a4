// Labels of facet values on the search page, in the page language: a raw key is never shown.
import { hasKey, translate, type Lang } from '../../shared/i18n.js';
import { languageName } from '../../shared/content-language.js';
import type { PraxisModule } from '../module.js';
import type { FacetName } from './search.engine.js';

export type FacetLabeller = (facet: FacetName, value: string) => string;

/**
 * Labels for facet values in the page language: types and languages from the search catalogue,
 * Länder and size classes from the common one, topics and methods from the module that defines
 * them (searchFacetLabels); administrations are names already.
 */
export function facetLabeller(modules: readonly PraxisModule[], lang: Lang): FacetLabeller {
  const fromModules = Object.assign({}, ...modules.map((m) => m.searchFacetLabels ?? {})) as NonNullable<PraxisModule['searchFacetLabels']>;
  const t = (key: string, value: string) => (hasKey(lang, key) ? translate(lang, key) : value);
  return (facet, value) => {
    if (facet === 'type') return t(`search.types.${value}`, value);
    if (facet === 'language') return t(`search.languages.${value}`, languageName(value, lang));
    if (facet === 'state') return t(`states.${value}`, value);
    if (facet === 'sizeClass') return t(`sizeClass.${value}`, value);
    if (facet === 'topic' || facet === 'method') return fromModules[facet]?.(value, lang) ?? value;
    return value;
  };
}

