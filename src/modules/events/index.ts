// Meeting in practice: events with registration and a waiting list, the topic pre-vote that turns
// proposals into an agenda, results after the event, and working groups ("Arbeitskreise").
// One module, because events, pre-votes and groups share their visibility rules and data.
import { eventApi } from './events.api.js';
import type { PraxisModule } from '../module.js';
import { eventEntities } from './event.entity.js';
import { groupEntities } from './group.entity.js';
import { groupPublicationEntities } from './group-publication.entity.js';
import { groupDocuments, groupResultDocuments } from './groups.search.js';
import { idsOf } from '../../shared/search-index.js';
import { resultEntities } from './results.entity.js';
import { prevoteEntities } from './prevote.entity.js';
import { eventsOutboxHandlers, eventsRouter } from './events.routes.js';
import { closeDuePrevotes, prevoteOutboxHandlers, prevoteRouter } from './prevote.routes.js';
import { groupsOutboxHandlers, groupsRouter } from './groups.routes.js';
import { resultsOutboxHandlers, resultsRouter } from './results.routes.js';
import { Router } from 'express';
import { deleteEventsData, eventsUserColumns, exportEventsData } from './events.privacy.js';
import { eventDocuments } from './events.search.js';
import { myEvents } from './events.queries.js';
import { sendDueReminders } from './events.service.js';
import { loadDemoEvents } from './events.demo.js';
import { eventsActivityHistory } from './events.activity.js';
import { publicEventsBlock } from './home.blocks.js';
import { upcomingEventsBlock } from './events.start.js';
import { eventFeed } from './events.feeds.js';

export { eventsPolicy } from './events.policy.js';
export { loadEventForViewer, type EventForViewer, type EventRow } from './events.queries.js';

export const eventsModule: PraxisModule = {
  name: 'events',
  entities: [...groupEntities, ...eventEntities, ...groupPublicationEntities, ...resultEntities, ...prevoteEntities],
  router: (ctx) => {
    const router = Router();
    router.use(eventsRouter(ctx), prevoteRouter(ctx), resultsRouter(ctx), groupsRouter(ctx));
    return router;
  },
  loadDemo: loadDemoEvents,
  userColumns: eventsUserColumns,
  exportUserData: exportEventsData,
  deleteUserData: deleteEventsData,
  // Attendance, talks (presenters on an agenda) and pre-vote topics on the agenda (the recognition backfill).
  activityHistory: eventsActivityHistory,
  // The reminder the day before an event (exactly once per registration, see sendDueReminders).
  housekeeping: async (ctx) => {
    await sendDueReminders(ctx);
    // A safety net behind the pre-votes' closing job (scheduled at the deadline) and lazy closing.
    return closeDuePrevotes(ctx);
  },
  // Events (group-only ones never), working groups' pages and published results (drafts never).
  searchSources: { event: eventDocuments, group: groupDocuments, group_result: groupResultDocuments },
  searchIds: { event: idsOf('events'), group: idsOf('working_groups'), group_result: idsOf('group_publications') },
  // "My events": the member's own registrations, shown to the member themself.
  memberProfileSection: async (ds, userId, viewer) => {
    if (viewer?.id !== userId) return null;
    const events = (await myEvents(ds, userId)).map((e) => ({ ...e, href: `/events/${e.id}-${e.slug}`, upcoming: new Date(e.startsAt) > new Date() }));
    return { partial: 'events/my-events', data: { events } };
  },
  // The visitors' home page: the next public events.
  visitorHomeBlocks: [publicEventsBlock],
  outboxHandlers: (ctx) => ({
    ...eventsOutboxHandlers(ctx), ...prevoteOutboxHandlers(ctx), ...resultsOutboxHandlers(ctx), ...groupsOutboxHandlers(ctx),
  }),
  // "Mein Praxis": my upcoming events.
  startPageBlocks: [upcomingEventsBlock],
  // Upcoming events as they are announced, as RSS and Atom (src/modules/feeds).
  feeds: [eventFeed],
  // Events in the JSON API /api/v1/events (src/modules/api).
  api: (ctx) => [eventApi(ctx)],
};
