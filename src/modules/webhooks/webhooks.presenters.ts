// The `data` of each event type: the resource as a consumer needs it (id, title, absolute URL and
// the fields that matter for the type). One function per type, so each can be aligned with the
// /api/v1 representation of the same resource once it exists.
import type { Queryable } from '../../db/sql.js';
import type { ResourceEvent, ResourceEventType } from '../../shared/resource-events.js';
import { administrationName, eventFacts } from './webhooks.store.js';

type Presenter = (db: Queryable, e: ResourceEvent, baseUrl: string) => Promise<Record<string, unknown>>;

const abs = (baseUrl: string, path: string) => (/^https?:\/\//.test(path) ? path : `${baseUrl}${path}`);
const resource = (e: ResourceEvent, baseUrl: string) => ({ id: e.resource.id, title: e.resource.title, url: abs(baseUrl, e.resource.url) });

export const presenters: Record<ResourceEventType, Presenter> = {
  'use_case.published': async (_db, e, baseUrl) => ({ ...resource(e, baseUrl), type: 'use_case', visibility: e.visibility ?? 'public' }),
  'use_case.adopted': async (db, e, baseUrl) => {
    const administrationId = Number(e.related?.administrationId);
    const adm = await administrationName(db, administrationId);
    return {
      type: 'adoption', state: 'implemented', useCase: resource(e, baseUrl),
      administration: { id: administrationId, name: adm?.name ?? null, url: adm ? abs(baseUrl, `/administrations/${adm.slug}`) : null },
    };
  },
  'thread.created': async (_db, e, baseUrl) => ({ ...resource(e, baseUrl), type: 'forum_thread', visibility: e.visibility ?? 'public' }),
  'answer.accepted': async (_db, e, baseUrl) => ({
    type: 'forum_reply', id: e.resource.id, url: abs(baseUrl, e.resource.url),
    thread: { title: e.resource.title, url: abs(baseUrl, e.resource.url.replace(/#.*$/, '')) },
  }),
  'guide.published': async (_db, e, baseUrl) => ({ ...resource(e, baseUrl), type: 'guide_chapter' }),
  // No member is named: which learner earned a certificate is theirs to share (their Kompetenzpass).
  // An event as announced: when and in what form; the online meeting link never leaves Praxis (as in /api/v1).
  'event.created': async (db, e, baseUrl) => {
    const facts = await eventFacts(db, Number(e.resource.id));
    return { ...resource(e, baseUrl), type: 'event', visibility: e.visibility ?? 'public', ...(facts ?? {}) };
  },
  'certificate.issued': async (_db, e, baseUrl) => ({ type: 'certificate', course: { slug: e.resource.id, title: e.resource.title, url: abs(baseUrl, e.resource.url) } }),
};

/** The body of a delivery: { type, timestamp, data } (Standard Webhooks). */
export const webhookBody = (type: string, timestamp: string, data: Record<string, unknown>) => ({ type, timestamp, data });
