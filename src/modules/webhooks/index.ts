// Webhooks: admins' endpoints for signed event deliveries (Standard Webhooks) to other systems of
// the administration. Resource events (src/shared/resource-events.ts) fan out to deliveries the worker sends.
import type { PraxisModule } from '../module.js';
import { RESOURCE_EVENT_TOPIC } from '../../shared/resource-events.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';
import { webhooksRouter } from './webhooks.routes.js';
import { DELIVER_TOPIC, deliverMessages, fanOut } from './webhooks.service.js';
import { pruneDeliveries } from './webhooks.store.js';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhooks.model.js';
export { WebhookEndpoint, WebhookDelivery, WebhookAttempt };

/** Finished deliveries (and their attempts) are kept this long for the log. */
const KEEP_DAYS = 30;

export const webhooksModule: PraxisModule = {
  name: 'webhooks',
  entities: [WebhookEndpoint, WebhookDelivery, WebhookAttempt],
  router: webhooksRouter,
  adminLinks: [{ href: '/admin/webhooks', label: 'webhooks.admin.link', roles: ['admin'] }],
  outboxHandlers: (ctx) => ({
    [RESOURCE_EVENT_TOPIC]: { batchSize: 20, handle: (messages) => fanOut(ctx, messages) },
    // Attempts run side by side (each at most 5 s), well inside the outbox lease.
    [DELIVER_TOPIC]: { batchSize: 10, handle: (messages) => deliverMessages(ctx, messages) },
  }),
  housekeeping: (ctx) => pruneDeliveries(ctx.ds, KEEP_DAYS),
};
