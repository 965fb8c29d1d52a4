// /events: the listing (upcoming, archive by year, filters), the event page /events/:id-:slug, the
// create/edit form, cancelling, registration with the waiting list, the participant list with CSV
// export and attendance, the .ics download and the private calendar feed. Checklist routes; the
// work is in events.service.ts, the reads in events.queries.ts.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { isFacilitator, sha256 } from '../../shared/identity.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { STATE_CODES } from '../administrations/index.js';
import { EVENT_FORMATS, EVENT_KINDS, type EventFormat, type EventKind } from './event.entity.js';
import { toIcs, type IcsEvent } from './events.ics.js';
import * as q from './events.queries.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { resultsForEvent } from './results.queries.js';
import { closeIfDue } from './prevote.service.js';
import { agendaOf, prevoteSummaryForEvent } from './prevote.views.js';
import { attendanceSchema, cancelEventSchema, eventSchema, registerSchema } from './events.schemas.js';
import * as service from './events.service.js';
import { cardView, formatOptions, formValues, kindOptions, participantsCsv, participantView, showView, visibilityOptions } from './events.views.js';

/** The id at the start of "12-some-title" (or "12"). */
function idOf(req: Request): number {
  const m = /^(\d{1,10})(?:-|$)/.exec(String(req.params.ref ?? req.params.id ?? ''));
  const id = m ? parseId(m[1]) : null;
  if (id === null) throw notFound();
  return id;
}

const icsOf = (baseUrl: string, e: q.EventRow, withLink: boolean): IcsEvent => ({
  uid: e.uid, title: e.title, descriptionSource: e.descriptionSource, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt),
  location: [e.format === 'online' ? '' : e.place, withLink ? e.onlineUrl : ''].filter(Boolean).join(', '),
  url: `${baseUrl}${service.eventPath(e)}`, sequence: e.sequence, cancelled: !!e.cancelledAt, updatedAt: new Date(e.updatedAt),
});

export function eventsRouter(ctx: AppContext): Router {
  const r = Router();

  // ---- listing ----
  r.get('/events', async (req, res) => {
    const pick = <T extends string>(v: unknown, list: readonly T[]) => (list.includes(v as T) ? (v as T) : undefined);
    const year = /^\d{4}$/.test(String(req.query.year ?? '')) ? Number(req.query.year) : undefined;
    const filter: q.EventFilter = {
      kind: pick<EventKind>(req.query.kind, EVENT_KINDS), format: pick<EventFormat>(req.query.format, EVENT_FORMATS),
      groupId: parseId(req.query.group) ?? undefined, state: pick(req.query.state, STATE_CODES), year,
    };
    const page = pageFrom(req.query);
    const [events, total, years, groups] = await Promise.all([
      q.listEvents(ctx.ds, req.user, filter, page), q.countEvents(ctx.ds, req.user, filter), q.pastYears(ctx.ds, req.user), q.groupsWithEvents(ctx.ds)]);
    const kept = Object.fromEntries(Object.entries({ kind: filter.kind, format: filter.format, group: filter.groupId, state: filter.state, year })
      .filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const canCreate = !!req.user && (isFacilitator(req.user) || (await q.leadsAnyGroup(ctx.ds, req.user.id)));
    res.render('events/list', {
      title: year ? req.t('events.list.archiveTitle', { year }) : req.t('events.list.title'),
      events: events.map((e) => cardView(req, e)),
      pagination: paginationView(page, total, '/events', kept),
      year,
      years: years.map((y) => ({ year: y, href: `/events?year=${y}`, current: y === year })),
      canCreate,
      signedIn: !!req.user,
      filters: {
        kinds: kindOptions(req).map((o) => ({ ...o, selected: o.value === filter.kind })),
        formats: formatOptions(req).map((o) => ({ ...o, selected: o.value === filter.format })),
        groups: groups.map((g) => ({ value: String(g.id), label: g.name, lang: g.language, selected: g.id === filter.groupId })),
        states: STATE_CODES.map((s) => ({ value: s, label: req.t(`states.${s}`), selected: s === filter.state })),
      },
    });
  });

  // ---- calendar feed (before /events/:ref) ----
  const feedLocals = async (req: Request, token?: string) => {
    const createdAt = await q.feedCreatedAt(ctx.ds, req.user!.id);
    const url = token ? `${ctx.config.baseUrl}/calendar/${token}.ics` : null;
    return { title: req.t('events.feed.title'), createdAt, url, webcal: url?.replace(/^https?:/, 'webcal:') ?? null };
  };
  r.get('/events/calendar', requireUser, async (req, res) => res.render('events/calendar', await feedLocals(req)));
  r.post('/events/calendar', requireUser, async (req, res) => {
    const token = await service.newFeedToken(ctx, req.user);
    res.render('events/calendar', await feedLocals(req, token));
  });
  r.post('/events/calendar/delete', requireUser, async (req, res) => {
    await service.revokeFeed(ctx, req.user);
    req.flash('success', 'events.feed.revoked');
    res.redirect(303, '/events/calendar');
  });
  r.get('/calendar/:token.ics', async (req, res) => {
    const token = String(req.params.token);
    const userId = /^[\w-]{20,100}$/.test(token) ? await q.feedOwner(ctx.ds, sha256(token)) : null;
    if (!userId) throw notFound();
    const events = await q.feedEvents(ctx.ds, userId);
    res.set('Cache-Control', 'private, no-store').set('X-Robots-Tag', 'noindex');
    res.type('text/calendar; charset=utf-8').send(toIcs(events.map((e) => icsOf(ctx.config.baseUrl, e, e.status === 'registered')), { name: 'Praxis' }));
  });

  // ---- create ----
  const formLocals = (id: number | null) => async (req: Request) => {
    const loaded = id ? await q.loadEventForViewer(ctx.ds, id, req.user) : null;
    if (loaded && !loaded.can.manage) throw notFound();
    if (!id && !(isFacilitator(req.user) || (await q.leadsAnyGroup(ctx.ds, req.user!.id)))) throw notFound();
    const [administrations, groups] = await Promise.all([q.administrationChoices(ctx.ds), q.groupChoices(ctx.ds, req.user!)]);
    return {
      title: loaded ? req.t('events.form.editTitle', { title: loaded.event.title }) : req.t('events.form.newTitle'),
      action: loaded ? `${service.eventPath(loaded.event)}/edit` : '/events',
      event: loaded ? { href: service.eventPath(loaded.event), cancelled: !!loaded.event.cancelledAt, cancelAction: `${service.eventPath(loaded.event)}/cancel` } : null,
      kinds: kindOptions(req), formats: formatOptions(req), visibilities: visibilityOptions(req),
      languages: [{ value: 'de', label: req.t('events.languages.de') }, { value: 'en', label: req.t('events.languages.en') }],
      administrations: administrations.map((a) => ({ value: String(a.id), label: a.name })),
      groups: groups.map((g) => ({ value: String(g.id), label: g.name, lang: g.language })),
      values: loaded ? formValues(loaded.event) : { visibility: 'network', language: req.lang, organiserAdministrationId: req.user?.administrationId ? String(req.user.administrationId) : '' },
    };
  };
  r.get('/events/new', requireUser, async (req, res) => res.render('events/form', await formLocals(null)(req)));
  r.post('/events', requireUser, validateForm(eventSchema, { view: 'events/form', locals: formLocals(null) }), async (req, res) => {
    const e = await service.createEvent(ctx, req.user, formData<typeof eventSchema>(req));
    req.flash('success', 'events.form.created');
    res.redirect(303, service.eventPath(e));
  });

  // ---- an event by its iCalendar UID (stable across edits; links from calendars and the demo announcement) ----
  r.get('/events/uid/:uid', async (req, res) => {
    const id = await q.eventIdByUid(ctx.ds, String(req.params.uid));
    if (!id) throw notFound();
    const { event } = await q.loadEventForViewer(ctx.ds, id, req.user);
    res.redirect(302, service.eventPath(event));
  });

  // ---- .ics of one event ----
  r.get('/events/:id.ics', async (req, res) => {
    const { event, can } = await q.loadEventForViewer(ctx.ds, idOf(req), req.user);
    res.set('Cache-Control', 'private, no-cache');
    res.type('text/calendar; charset=utf-8').attachment(`${event.slug}.ics`).send(toIcs([icsOf(ctx.config.baseUrl, event, can.seeDetails)]));
  });

  // ---- the event page ----
  const showLocals = async (req: Request, loaded?: q.EventForViewer) => {
    const { event, viewer, can } = loaded ?? await q.loadEventForViewer(ctx.ds, idOf(req), req.user);
    // A pre-vote past its deadline closes on this page load if the worker has not done it yet.
    await closeIfDue(ctx, event.id);
    const [results, prevoteSummary, agenda] = await Promise.all([
      resultsForEvent(ctx.ds, event.id, req.user), prevoteSummaryForEvent(ctx.ds, event.id, req.user), agendaOf(ctx.ds, event.id, !!req.user)]);
    // Minutes, files and what came out of it: once the event has begun, or earlier when there is some
    // (slides shared ahead), and always for those who manage it.
    const hasResults = !!results && (!!results.minutes || results.files.length > 0 || results.outcomes.length > 0);
    return {
      prevoteSummary, agenda,
      results: results && (can.manage || hasResults || new Date(event.startsAt) <= new Date()) ? results : null,
      title: event.title, titleLang: event.language,
      event: showView(req, event, viewer, can),
      can,
      participantsHref: `${service.eventPath(event)}/participants`,
      values: { shareEmail: viewer.shareEmail },
    };
  };
  r.get('/events/:ref', async (req, res) => {
    const loaded = await q.loadEventForViewer(ctx.ds, idOf(req), req.user);
    const canonical = service.eventPath(loaded.event);
    if (req.path !== canonical) return res.redirect(301, canonical);
    res.render('events/show', await showLocals(req, loaded));
  });
  const onShow = { view: 'events/show', locals: showLocals };
  const back = (id: number) => async () => {
    const e = await q.loadEvent(ctx.ds, id);
    return e ? service.eventPath(e) : '/events';
  };

  // ---- edit, cancel ----
  r.get('/events/:ref/edit', requireUser, async (req, res) => res.render('events/form', await formLocals(idOf(req))(req)));
  r.post('/events/:ref/edit', requireUser, (req, res, next) => validateForm(eventSchema, { view: 'events/form', locals: formLocals(idOf(req)) })(req, res, next), async (req, res) => {
    const e = await service.updateEvent(ctx, req.user, idOf(req), formData<typeof eventSchema>(req));
    req.flash('success', 'events.form.saved');
    res.redirect(303, service.eventPath(e));
  });
  r.post('/events/:ref/cancel', requireUser, (req, res, next) => validateForm(cancelEventSchema, { view: 'events/form', locals: formLocals(idOf(req)) })(req, res, next), async (req, res) => {
    await service.cancelEvent(ctx, req.user, idOf(req), formData<typeof cancelEventSchema>(req).reason);
    req.flash('success', 'events.cancel.done');
    res.redirect(303, await back(idOf(req))());
  });

  // ---- registration ----
  r.post('/events/:ref/register', requireUser, validateForm(registerSchema, onShow), async (req, res) => {
    const status = await service.register(ctx, req.user, idOf(req), formData<typeof registerSchema>(req).shareEmail);
    req.flash('success', status === 'registered' ? 'events.register.done' : 'events.register.waiting');
    res.redirect(303, await back(idOf(req))());
  });
  r.post('/events/:ref/unregister', requireUser, formView(onShow), async (req, res) => {
    await service.unregister(ctx, req.user, idOf(req));
    req.flash('success', 'events.register.withdrawn');
    res.redirect(303, await back(idOf(req))());
  });

  // ---- participants ----
  const participantsLocals = async (req: Request) => {
    const { event, can } = await q.loadEventForViewer(ctx.ds, idOf(req), req.user);
    if (!can.seeDetails) throw notFound();
    const list = (await q.participantsOf(ctx.ds, event.id)).map((p) => participantView(req, p));
    return {
      title: req.t('events.participants.title', { title: event.title }),
      event: { title: event.title, language: event.language, href: service.eventPath(event) },
      registered: list.filter((p) => p.registered),
      waiting: list.filter((p) => !p.registered),
      canManage: can.manage,
      canMarkAttendance: can.manage && new Date(event.startsAt) <= new Date(),
      csvHref: `${service.eventPath(event)}/participants.csv`,
      attendanceAction: `${service.eventPath(event)}/attendance`,
    };
  };
  r.get('/events/:ref/participants', requireUser, async (req, res) => res.render('events/participants', await participantsLocals(req)));
  r.get('/events/:ref/participants.csv', requireUser, async (req, res) => {
    const { event, can } = await q.loadEventForViewer(ctx.ds, idOf(req), req.user);
    if (!can.manage) throw notFound();
    res.set('Cache-Control', 'private, no-store');
    res.type('text/csv; charset=utf-8').attachment(`${event.slug}-participants.csv`).send(participantsCsv(req, await q.participantsOf(ctx.ds, event.id)));
  });
  r.post('/events/:ref/attendance', requireUser, validateForm(attendanceSchema, { view: 'events/participants', locals: participantsLocals }), async (req, res) => {
    await service.markAttendance(ctx, req.user, idOf(req), formData<typeof attendanceSchema>(req).attended);
    req.flash('success', 'events.attendance.saved');
    res.redirect(303, `${await back(idOf(req))()}/participants`);
  });

  return r;
}

export const eventsOutboxHandlers = (ctx: AppContext): OutboxHandlers => ({
  [service.PROMOTED_TOPIC]: {
    handle: async (messages) => {
      for (const m of messages) await service.tellPromotedLater(ctx, m.id, m.payload as { eventId: number });
    },
  },
});
