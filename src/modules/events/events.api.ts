// Events in the JSON API (/api/v1/events): what /events shows the reader — public events for
// visitors and read:public tokens; network events and their working groups' events for a
// read:network token's member. The online link is never in the API (it is for participants).
import { z } from 'zod';
import type { ApiResource, AppContext } from '../module.js';
import { STATE_CODES } from '../administrations/index.js';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_VISIBILITY } from './event.entity.js';
import { apiEvent, apiEvents, type ApiEventRow } from './api.queries.js';
import { eventPath } from './events.service.js';

// A calendar day PostgreSQL takes (zod checks the month's days; the year range keeps out year 0).
const day = z.iso.date().refine((v) => v >= '1900-01-01' && v <= '9999-12-31');

const item = z
  .object({
    id: z.number().int().describe('Unique, stable key: /api/v1/events/{id}.'),
    title: z.string().describe('Title, in the event\'s language.'),
    kind: z.enum(EVENT_KINDS).describe('Kind of event (as in the "kind" filter).'),
    format: z.enum(EVENT_FORMATS).describe('In person, online or hybrid.'),
    language: z.enum(['de', 'en']).describe('Language of the event.'),
    visibility: z.enum(EVENT_VISIBILITY).describe('"public" for everyone; "network" for members; "group" for a working group\'s members (read:network token).'),
    startsAt: z.iso.datetime().describe('Start (RFC 3339).'),
    endsAt: z.iso.datetime().describe('End (RFC 3339).'),
    place: z.string().describe('Where it takes place (empty for online events). The online link is only for participants.'),
    capacity: z.number().int().nullable().describe('Places, or null for no limit.'),
    registration: z
      .object({
        opensAt: z.iso.datetime().nullable().describe('When registration opens, or null (open from the announcement).'),
        closesAt: z.iso.datetime().nullable().describe('When it closes, or null (at the start).'),
      })
      .describe('The registration window.'),
    cancelledAt: z.iso.datetime().nullable().describe('When it was cancelled, or null.'),
    organiser: z
      .object({ slug: z.string().describe('The administration\'s slug.'), name: z.string().describe('Its name.') })
      .nullable()
      .describe('The administration that organises it, or null (the network itself).'),
    updatedAt: z.iso.datetime().describe('When it last changed (RFC 3339).'),
    url: z.url().describe('The event\'s page on Praxis (registration there).'),
    icsUrl: z.url().describe('The event as an iCalendar file.'),
  })
  .describe('An event as listed.');

const detail = item
  .extend({ html: z.string().describe('The description as sanitised HTML.') })
  .describe('An event with its description.');

export function eventApi(ctx: AppContext): ApiResource {
  const base = ctx.config.baseUrl;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const present = (e: ApiEventRow) => ({
    id: e.id,
    title: e.title,
    kind: e.kind,
    format: e.format,
    language: e.language,
    visibility: e.visibility,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    place: e.place,
    capacity: e.capacity,
    registration: { opensAt: iso(e.registrationOpensAt), closesAt: iso(e.registrationClosesAt) },
    cancelledAt: iso(e.cancelledAt),
    organiser: e.adminSlug ? { slug: e.adminSlug, name: e.adminName! } : null,
    updatedAt: e.updatedAt.toISOString(),
    url: `${base}${eventPath(e)}`,
    icsUrl: `${base}/events/${e.id}.ics`,
  });
  return {
    tag: 'Events',
    path: '/events',
    detailPath: '/events/{id}',
    pathParams: { id: 'The event\'s id.' },
    summary: { list: 'Events the reader may see; by default those not over yet.', detail: 'One event.', order: 'Soonest first.' },
    names: { item: 'EventSummary', detail: 'Event' },
    item,
    detailSchema: detail,
    filters: [
      { name: 'kind', description: 'Kind of event.', schema: z.enum(EVENT_KINDS), multiple: true },
      { name: 'format', description: 'In person, online or hybrid.', schema: z.enum(EVENT_FORMATS), multiple: true },
      { name: 'state', description: 'Land of the organising administration.', schema: z.enum(STATE_CODES as unknown as [string, ...string[]]), multiple: true },
      { name: 'administration', description: 'The organising administration, by slug.', schema: z.string().min(1).max(200) },
      { name: 'from', description: 'Events not over before this day (YYYY-MM-DD, Berlin time); default: not over now.', schema: day },
      { name: 'to', description: 'Events starting on or before this day (YYYY-MM-DD, Berlin time).', schema: day },
    ],
    cursor: z.tuple([z.iso.datetime(), z.number().int()]),
    async list(ds, { filters: f, reader, limit, after }) {
      const rows = await apiEvents(ds, reader.member ?? undefined, {
        kind: f.kind as string[] | undefined, format: f.format as string[] | undefined, state: f.state as string[] | undefined,
        administration: f.administration as string | undefined, from: f.from as string | undefined, to: f.to as string | undefined,
      }, limit, after as [string, number] | null);
      return rows.map((e) => ({ entry: { data: present(e), networkOnly: e.visibility !== 'public' }, key: [e.cursorAt, e.id] }));
    },
    async detail(ds, { params, reader }) {
      if (!/^[1-9]\d{0,8}$/.test(params.id!)) return null;
      const e = await apiEvent(ds, reader.member ?? undefined, Number(params.id));
      return e ? { data: { ...present(e), html: e.descriptionHtml }, networkOnly: e.visibility !== 'public' } : null;
    },
  };
}
