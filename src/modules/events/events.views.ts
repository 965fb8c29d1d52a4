// Plain view objects for the events pages: labels translated, times as Berlin input values for
// forms, counts and the registration state spelled out.
import type { Request } from 'express';
import { EVENT_FORMATS, EVENT_KINDS, EVENT_VISIBILITY } from './event.entity.js';
import type { EventFacts } from './events.policy.js';
import type { EventRow, ParticipantRow } from './events.queries.js';
import { eventPath, registrationClosedReason } from './events.service.js';
import { utcToBerlinInput } from './events.time.js';
import { csvDocument } from '../../shared/csv.js';

export const kindOptions = (req: Request) => EVENT_KINDS.map((value) => ({ value, label: req.t(`events.kinds.${value}`) }));
export const formatOptions = (req: Request) => EVENT_FORMATS.map((value) => ({ value, label: req.t(`events.formats.${value}`) }));
export const visibilityOptions = (req: Request) => EVENT_VISIBILITY.map((value) => ({ value, label: req.t(`events.visibilities.${value}`) }));

export function cardView(req: Request, e: EventRow) {
  return {
    id: e.id,
    title: e.title,
    language: e.language,
    href: eventPath(e),
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    kindLabel: req.t(`events.kinds.${e.kind}`),
    formatLabel: req.t(`events.formats.${e.format}`),
    place: e.format === 'online' ? '' : e.place,
    organiserName: e.organiserName,
    stateLabel: e.organiserState ? req.t(`states.${e.organiserState}`) : '',
    groupName: e.groupName,
    cancelled: !!e.cancelledAt,
    full: e.capacity !== null && e.registeredCount >= e.capacity,
    placesLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.registeredCount),
  };
}

export function showView(req: Request, e: EventRow & EventFacts, viewer: { registration: string | null; shareEmail: boolean }, can: { manage: boolean; seeDetails: boolean; register: boolean }) {
  const closed = registrationClosedReason(e);
  const mine = viewer.registration === 'registered' || viewer.registration === 'waiting' ? viewer.registration : null;
  return {
    ...cardView(req, e),
    slug: e.slug,
    descriptionHtml: e.descriptionHtml,
    organiserSlug: e.organiserSlug,
    groupSlug: e.groupSlug,
    onlineUrl: can.seeDetails ? e.onlineUrl : '',
    hasOnlineUrl: !!e.onlineUrl,
    capacity: e.capacity,
    registeredCount: e.registeredCount,
    waitingCount: e.waitingCount,
    registrationOpensAt: e.registrationOpensAt,
    registrationClosesAt: e.registrationClosesAt,
    visibilityLabel: req.t(`events.visibilities.${e.visibility}`),
    cancelledAt: e.cancelledAt,
    cancelReason: e.cancelReason,
    mine,
    canRegister: can.register && !closed && !mine,
    canUnregister: !!mine && !e.cancelledAt && new Date(e.startsAt) > new Date(),
    closedMessage: closed && !e.cancelledAt ? req.t(closed) : '',
    signInToRegister: !req.user && !closed,
    willWait: e.capacity !== null && e.registeredCount >= e.capacity,
    icsHref: `/events/${e.id}.ics`,
  };
}

/** The form's values from a stored event (times as Berlin datetime-local values). */
export function formValues(e: EventRow) {
  return {
    title: e.title, kind: e.kind, format: e.format, description: e.descriptionSource,
    startsAt: utcToBerlinInput(e.startsAt), endsAt: utcToBerlinInput(e.endsAt), place: e.place, onlineUrl: e.onlineUrl,
    capacity: e.capacity ?? '', registrationOpensAt: utcToBerlinInput(e.registrationOpensAt), registrationClosesAt: utcToBerlinInput(e.registrationClosesAt),
    visibility: e.visibility, language: e.language, organiserAdministrationId: e.organiserAdministrationId ? String(e.organiserAdministrationId) : '',
    groupId: e.groupId ? String(e.groupId) : '',
  };
}

export function participantView(req: Request, p: ParticipantRow) {
  return { ...p, statusLabel: req.t(`events.status.${p.status}`), registered: p.status === 'registered' };
}

/** Names and administrations; the e-mail address only where the participant agreed to share it. */
export function participantsCsv(req: Request, list: ParticipantRow[]): string {
  const head = [req.t('events.participants.name'), req.t('events.participants.administration'), req.t('events.participants.email'), req.t('events.participants.status'), req.t('events.participants.attended')];
  const lines = list.map((p) => [
    p.name, p.administration ?? '', p.shareEmail ? p.email : '', req.t(`events.status.${p.status}`),
    p.attended === null ? '' : req.t(p.attended ? 'events.participants.yes' : 'events.participants.no'),
  ]);
  return csvDocument(head, lines);
}

