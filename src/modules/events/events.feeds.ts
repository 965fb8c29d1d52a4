// The event feed (/feeds/events.rss|.atom): upcoming events as they are announced. Visitors get
// public events; a read:network token's member also network events and their working groups'
// events (what /events shows them). The online link is never in a feed (it is for participants).
import Handlebars from 'handlebars';
import type { FeedSource } from '../module.js';
import { formatDate, translate } from '../../shared/i18n.js';
import { feedEvents } from './feed.queries.js';

export const eventFeed: FeedSource = {
  path: 'events',
  async load(ds, { lang, reader, limit }) {
    const events = await feedEvents(ds, reader.member ?? undefined, limit);
    return {
      title: translate(lang, 'feeds.titles.events'),
      pagePath: '/events',
      items: events.map((e) => {
        const when = formatDate(lang, e.startsAt, true);
        const where = e.format === 'online' ? translate(lang, `events.formats.${e.format}`) : e.place;
        return {
          key: `event/${e.id}`,
          title: e.title,
          path: `/events/${e.id}-${e.slug}`,
          html: `<p>${Handlebars.escapeExpression([when, where].filter(Boolean).join(' · '))}</p>${e.descriptionHtml}`,
          published: e.createdAt,
          updated: e.updatedAt,
          language: e.language,
          categories: [translate(lang, `events.kinds.${e.kind}`)],
        };
      }),
    };
  },
  alternate: (pagePath) => (pagePath === '/events' ? { feedPath: 'events', title: 'feeds.links.events' } : null),
};
