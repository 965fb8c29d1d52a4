// The guide feed (/feeds/guides.rss|.atom): new guides and updates of guides (each published
// revision). Guides are public, so every reader gets the same feed. The revision's message is for
// reviewers (the revision pages are for facilitators) and is not shown; the guide's summary is.
import Handlebars from 'handlebars';
import type { FeedSource } from '../module.js';
import { translate } from '../../shared/i18n.js';
import { feedRevisions } from './feed.queries.js';

export const guideFeed: FeedSource = {
  path: 'guides',
  async load(ds, { lang, limit }) {
    const revisions = await feedRevisions(ds, limit);
    return {
      title: translate(lang, 'feeds.titles.guides'),
      pagePath: '/guides',
      items: revisions.map((r) => ({
        key: `guide-revision/${r.revisionId}`,
        title: translate(lang, r.first ? 'feeds.items.guidePublished' : 'feeds.items.guideUpdated', { title: r.title }),
        path: `/guides/${r.slug}`,
        html: r.summary ? `<p>${Handlebars.escapeExpression(r.summary)}</p>` : '',
        published: r.publishedAt,
        updated: r.publishedAt,
        language: r.language,
        categories: r.tags,
      })),
    };
  },
  alternate: (pagePath) => (pagePath === '/guides' ? { feedPath: 'guides', title: 'feeds.links.guides' } : null),
};
