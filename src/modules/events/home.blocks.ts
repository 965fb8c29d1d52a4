// The events' block on the visitors' home page: the next public events; none when there are none.
import type { VisitorBlockLoader } from '../module.js';
import { formatDate } from '../../shared/i18n.js';
import { upcomingPublicEvents } from './home.queries.js';

export const publicEventsBlock: VisitorBlockLoader = async (ds, lang) => {
  const found = await upcomingPublicEvents(ds);
  if (!found.length) return null;
  return {
    key: 'events-public',
    order: 50,
    partial: 'events/public-block',
    title: 'pages.visitor.eventsTitle',
    showAll: { href: '/events', label: 'pages.visitor.eventsAll' },
    empty: false,
    data: { items: found.map((e) => ({ href: `/events/${e.id}-${e.slug}`, title: e.title, language: e.language, date: formatDate(lang, e.startsAt, true), place: e.place })) },
  };
};
