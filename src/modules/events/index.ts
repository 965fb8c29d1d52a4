// Meeting in practice: events with registration and a waiting list, the topic pre-vote that turns
// proposals into an agenda, results after the event, and working groups ("Arbeitskreise").
// One module, because events, pre-votes and groups share their visibility rules and data.
import type { PraxisModule } from '../module.js';
import { eventEntities } from './event.entity.js';
import { groupEntities } from './group.entity.js';
import { prevoteEntities } from './prevote.entity.js';
import { eventsOutboxHandlers, eventsRouter } from './events.routes.js';
import { prevoteOutboxHandlers, prevoteRouter } from './prevote.routes.js';
import { groupsOutboxHandlers, groupsRouter } from './groups.routes.js';
import { resultsOutboxHandlers, resultsRouter } from './results.routes.js';
import { Router } from 'express';
import { deleteEventsData, eventsUserColumns, exportEventsData } from './events.privacy.js';

export { eventsPolicy } from './events.policy.js';

export const eventsModule: PraxisModule = {
  name: 'events',
  entities: [...groupEntities, ...eventEntities, ...prevoteEntities],
  router: (ctx) => {
    const router = Router();
    router.use(eventsRouter(ctx), prevoteRouter(ctx), resultsRouter(ctx), groupsRouter(ctx));
    return router;
  },
  userColumns: eventsUserColumns,
  exportUserData: exportEventsData,
  deleteUserData: deleteEventsData,
  outboxHandlers: (ctx) => ({
    ...eventsOutboxHandlers(ctx), ...prevoteOutboxHandlers(ctx), ...resultsOutboxHandlers(ctx), ...groupsOutboxHandlers(ctx),
  }),
};
