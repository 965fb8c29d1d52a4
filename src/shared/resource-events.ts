// Resource events: "something happened to a resource" (a use case published, a thread created …),
// for consumers outside Praxis (signed webhooks, src/modules/webhooks). They are outbox rows of one
// topic written in the same transaction as the change. Most come from the activity events modules
// already publish (publishActivity forwards the ones that name a public-facing happening); a module
// whose happening has no activity event (a new thread) publishes one itself.
import type { Queryable } from '../db/sql.js';
import { addToOutbox } from './outbox.js';

export const RESOURCE_EVENT_TOPIC = 'resource_event';

export const RESOURCE_EVENT_TYPES = [
  'use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued', 'event.created',
] as const;
export type ResourceEventType = (typeof RESOURCE_EVENT_TYPES)[number];

/** Who may see the resource: everyone, members of the network, or only a closed group (never sent out). */
export type ResourceVisibility = 'public' | 'network' | 'restricted';

/** The resource: its type and id, title and address (a site path) at the time. */
export interface EventResource {
  type: string;
  id: number | string;
  title: string;
  url: string;
}

export interface ResourceEvent {
  type: ResourceEventType;
  /** Identifies the happening: a consumer acts once per key, however often it is published. */
  key: string;
  resource: EventResource;
  /** Known to the publisher, or left to the consumer to look up. */
  visibility?: ResourceVisibility;
  /** Further ids the consumer may need (e.g. the adopting administration). */
  related?: Record<string, number | string>;
  /** ISO 8601. */
  at: string;
}

export async function publishResourceEvent(db: Queryable, e: Omit<ResourceEvent, 'at'> & { at?: string }): Promise<void> {
  await addToOutbox(db, RESOURCE_EVENT_TOPIC, { ...e, at: e.at ?? new Date().toISOString() }, { key: `resource:${e.key}` });
}
