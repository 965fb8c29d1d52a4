// The events' block on the member start page ("Mein Praxis"): my upcoming events.
import type { StartBlockLoader } from '../module.js';
import { myUpcomingEvents } from './start.queries.js';

export const upcomingEventsBlock: StartBlockLoader = async (ds, { user }) => {
  const list = await myUpcomingEvents(ds, user.id);
  return {
    key: 'events-upcoming', order: 50, partial: 'events/start-upcoming', title: 'events.start.title',
    data: {
      events: list.map((e) => ({ title: e.title, language: e.language, href: `/events/${e.id}-${e.slug}`, startsAt: e.startsAt, status: e.status, cancelled: e.cancelled })),
      more: Math.max(0, (list[0]?.total ?? 0) - list.length),
    },
    showAll: { href: '/events', label: 'events.start.all' },
    empty: list.length === 0,
  };
};
