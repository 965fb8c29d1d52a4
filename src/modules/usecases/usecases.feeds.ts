// The use-case feed (/feeds/use-cases.rss|.atom): newly published cases, with the same filter
// parameters as /use-cases (an unknown value is refused with 400, as in the exports). Network-only
// cases only for the member of a read:network token.
import Handlebars from 'handlebars';
import type { FeedSource } from '../module.js';
import { AppError } from '../../shared/errors.js';
import { translate } from '../../shared/i18n.js';
import { feedCases } from './feed.queries.js';
import { termLabel } from './usecases.taxonomy.js';
import { filterFromQuery, unknownFilterValues } from './usecases.queries.js';
import { filterQuery } from './usecases.views.js';

const esc = Handlebars.escapeExpression;

export const useCaseFeed: FeedSource = {
  path: 'use-cases',
  async load(ds, { query, lang, reader, limit }) {
    const unknown = unknownFilterValues(query);
    if (unknown.length) {
      const u = unknown[0]!;
      throw new AppError(400, 'bad_request', 'usecases.export.unknownFilter', undefined, { parameter: u.facet, values: u.values.join(', '), allowed: u.allowed.join(', ') });
    }
    const filter = filterFromQuery(query);
    const q = filterQuery(filter).toString();
    const cases = await feedCases(ds, filter, !!reader.member, limit);
    return {
      title: translate(lang, 'usecases.list.title'),
      pagePath: `/use-cases${q ? `?${q}` : ''}`,
      items: cases.map((c) => ({
        key: `use-case/${c.id}`,
        title: c.title,
        path: `/use-cases/${c.slug}`,
        html: `<p>${esc(c.summary)}</p><p>${esc(c.administrationName)}</p>`,
        published: c.publishedAt,
        updated: c.updatedAt,
        language: c.language,
        categories: c.policyAreas.map((p) => termLabel('policy-areas', p, lang)),
      })),
    };
  },
  alternate(pagePath, query) {
    if (pagePath !== '/use-cases') return null;
    const q = filterQuery(filterFromQuery(query)).toString();
    return { feedPath: `use-cases${q ? `?${q}` : ''}`, title: 'feeds.links.useCases' };
  },
};
