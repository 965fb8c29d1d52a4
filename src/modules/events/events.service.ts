// Writes for events: create, edit (a changed time or place raises SEQUENCE and tells everyone
// registered or waiting), cancel (tells everyone, keeps the page), registration with the waiting
// list (the event row is locked, so there is no overbooking under concurrency; a freed place goes to
// the first person waiting in the same transaction), attendance, calendar-feed tokens and the
// reminder the day before. Every query inside a transaction uses its `db`.
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { isFacilitator, sha256, type Actor } from '../../shared/identity.js';
import { formatDate, type Lang } from '../../shared/i18n.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { addToOutbox, takeFromPayload } from '../../shared/outbox.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { publishResourceEvent } from '../../shared/resource-events.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../mail/index.js';
import { notify } from '../notifications/index.js';
import { trackEventActivity } from './events.activity.js';
import { eventsPolicy as policy } from './events.policy.js';
import { groupStanding, loadEvent, loadEventForViewer, type EventRow } from './events.queries.js';
import type { EventInput } from './events.schemas.js';
import * as store from './events.store.js';
import * as regs from './registrations.store.js';

export const eventPath = (e: { id: number; slug: string }) => `/events/${e.id}-${e.slug}`;
/** The outbox topic that tells people who moved up from the waiting list outside a request (account deletion). */
export const PROMOTED_TOPIC = 'events.promoted';


function valuesOf(input: EventInput) {
  return {
    slug: slugify(input.title),
    title: input.title,
    kind: input.kind,
    format: input.format,
    descriptionSource: input.description,
    descriptionHtml: input.description ? renderMarkdown(input.description, 'description') : '',
    startsAt: input.startsAt!,
    endsAt: input.endsAt!,
    place: input.format === 'online' ? '' : input.place,
    onlineUrl: input.format === 'in_person' ? '' : input.onlineUrl,
    capacity: input.capacity,
    registrationOpensAt: input.registrationOpensAt,
    registrationClosesAt: input.registrationClosesAt,
    visibility: input.visibility,
    language: input.language,
    organiserAdministrationId: input.organiserAdministrationId,
    groupId: input.groupId,
  };
}

/** The referenced administration and group exist, and a group lead only plans for a group they lead. */
async function checkReferences(db: Db, actor: Actor | undefined, input: EventInput): Promise<void> {
  if (input.organiserAdministrationId && !(await store.administrationExists(db, input.organiserAdministrationId))) {
    throw invalid('validation.summary', { organiserAdministrationId: 'validation.invalid' });
  }
  if (input.groupId && !(await store.groupExists(db, input.groupId))) throw invalid('validation.summary', { groupId: 'validation.invalid' });
  if (!isFacilitator(actor)) {
    const standing = await groupStanding(db, input.groupId, actor?.id);
    if (!policy.canCreateEvent(actor, standing)) throw invalid('validation.summary', { groupId: 'events.validation.leadOnly' });
  }
}

export async function createEvent(ctx: AppContext, actor: Actor | undefined, input: EventInput): Promise<{ id: number; slug: string }> {
  if (!actor) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    await checkReferences(db, actor, input);
    const values = valuesOf(input);
    const id = await store.insertEvent(db, { ...values, uid: `${randomUUID()}@praxis`, createdById: actor.id });
    await recordAudit(db, { actorId: actor.id, action: 'event.create', subjectType: 'event', subjectId: id, details: { title: input.title } });
    await queueSearchIndex(db, 'event', id);
    // For consumers outside Praxis (webhooks): a working group's event never leaves it.
    await publishResourceEvent(db, {
      type: 'event.created', key: `event.created:${id}`, visibility: values.visibility === 'group' ? 'restricted' : values.visibility,
      resource: { type: 'event', id, title: values.title, url: `/events/${id}-${values.slug}` },
    });
    return { id, slug: values.slug };
  });
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function updateEvent(ctx: AppContext, actor: Actor | undefined, id: number, input: EventInput): Promise<{ id: number; slug: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const { event, can } = await loadEventForViewer(db, id, actor);
    if (!can.manage) throw notFound();
    if (event.cancelledAt) throw conflict('events.edit.cancelled');
    if (input.groupId !== event.groupId) await checkReferences(db, actor, input);
    else if (input.organiserAdministrationId && !(await store.administrationExists(db, input.organiserAdministrationId))) {
      throw invalid('validation.summary', { organiserAdministrationId: 'validation.invalid' });
    }
    const values = valuesOf(input);
    const changed = !sameTime(event.startsAt, values.startsAt) || !sameTime(event.endsAt, values.endsAt)
      || event.place !== values.place || event.onlineUrl !== values.onlineUrl;
    await regs.lockEvent(db, id);
    await store.updateEvent(db, id, values, changed);
    // More places (or no limit any more): the waiting list moves up.
    const promoted = await regs.promoteWaiting(db, id, values.capacity);
    const after = (await loadEvent(db, id))!;
    if (changed) await tellEveryone(db, ctx.config.baseUrl, after, 'changed', actor!.id);
    await tellPromoted(db, ctx.config.baseUrl, after, promoted);
    await recordAudit(db, {
      actorId: actor!.id, action: 'event.edit', subjectType: 'event', subjectId: id,
      details: { title: values.title, timeOrPlaceChanged: changed },
    });
    await queueSearchIndex(db, 'event', id);
    return { id, slug: values.slug };
  });
}

export async function cancelEvent(ctx: AppContext, actor: Actor | undefined, id: number, reason: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { event, can } = await loadEventForViewer(db, id, actor);
    if (!can.manage) throw notFound();
    const publishActivity = await trackEventActivity(db, id, actor!.id);
    if (!(await store.markCancelled(db, id, reason))) throw conflict('events.cancel.already');
    await publishActivity();
    await tellEveryone(db, ctx.config.baseUrl, { ...event, cancelReason: reason }, 'cancelled', actor!.id);
    await recordAudit(db, { actorId: actor!.id, action: 'event.cancel', subjectType: 'event', subjectId: id, reason, details: { title: event.title } });
    await queueSearchIndex(db, 'event', id);
  });
}

function mailVars(baseUrl: string, lang: Lang, e: Pick<EventRow, 'id' | 'slug' | 'title' | 'startsAt' | 'place' | 'cancelReason'>) {
  return {
    title: e.title,
    url: `${baseUrl}${eventPath(e)}`,
    when: formatDate(lang, e.startsAt, true),
    place: e.place || '–',
    reason: e.cancelReason,
  };
}

/** In-app notification and e-mail to everyone registered or waiting. */
async function tellEveryone(db: Db, baseUrl: string, e: EventRow, what: 'changed' | 'cancelled', actorId: number): Promise<void> {
  const kind = what === 'changed' ? 'event.changed' : 'event.cancelled';
  for (const p of await regs.peopleToTell(db, e.id)) {
    const channel = await notify(db, { userId: p.userId, kind, title: e.title, language: e.language, url: eventPath(e), actorId, subjectType: 'event', subjectId: e.id });
    // The mail (with its calendar file) only for members who want event news by e-mail (settings).
    if (p.userId === actorId || channel !== 'email') continue;
    await queueMail(db, p.email, p.language, what === 'changed' ? 'eventChanged' : 'eventCancelled', mailVars(baseUrl, p.language, e));
  }
}

/** Tells the people who just moved up from the waiting list (in-app and e-mail). */
export async function tellPromoted(db: Db, baseUrl: string, e: EventRow, userIds: number[]): Promise<void> {
  for (const userId of userIds) {
    const p = await regs.contactOf(db, userId);
    if (!p) continue;
    if ((await notify(db, { userId, kind: 'event.promoted', title: e.title, language: e.language, url: eventPath(e), subjectType: 'event', subjectId: e.id })) !== 'email') continue;
    await queueMail(db, p.email, p.language, 'eventPromoted', mailVars(baseUrl, p.language, e));
  }
}

export type RegistrationOutcome = 'registered' | 'waiting';

/** Why registration is not possible now (a message key), or null when it is. */
export function registrationClosedReason(e: Pick<EventRow, 'cancelledAt' | 'endsAt' | 'startsAt' | 'registrationOpensAt' | 'registrationClosesAt'>, at = new Date()): string | null {
  if (e.cancelledAt) return 'events.register.cancelledEvent';
  if (new Date(e.startsAt) <= at) return 'events.register.past';
  if (e.registrationOpensAt && new Date(e.registrationOpensAt) > at) return 'events.register.notYetOpen';
  if (e.registrationClosesAt && new Date(e.registrationClosesAt) <= at) return 'events.register.closed';
  return null;
}

export async function register(ctx: AppContext, actor: Actor | undefined, id: number, shareEmail: boolean): Promise<RegistrationOutcome> {
  if (!actor) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const { event, can } = await loadEventForViewer(db, id, actor);
    if (!can.register) throw forbidden('events.register.notAllowed');
    const locked = await regs.lockEvent(db, id);
    if (!locked) throw notFound();
    const closed = registrationClosedReason({ ...event, cancelledAt: locked.cancelledAt });
    if (closed) throw conflict(closed);
    const existing = await regs.registrationOf(db, id, actor.id);
    if (existing && existing.status !== 'cancelled') throw conflict(`events.register.already.${existing.status}`);
    const full = locked.capacity !== null && (await regs.registeredCount(db, id)) >= locked.capacity;
    const status = full ? 'waiting' : 'registered';
    await regs.upsertRegistration(db, id, actor.id, status, shareEmail);
    return status;
  });
}

/** Withdraws the actor's registration or place on the waiting list; a freed place goes to the first waiting. */
export async function unregister(ctx: AppContext, actor: Actor | undefined, id: number): Promise<void> {
  if (!actor) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await loadEventForViewer(db, id, actor);
    const locked = await regs.lockEvent(db, id);
    if (!locked) throw notFound();
    const existing = await regs.registrationOf(db, id, actor.id);
    if (!existing || existing.status === 'cancelled') throw conflict('events.register.notRegistered');
    if (new Date(event.startsAt) <= new Date()) throw conflict('events.register.past');
    await regs.cancelRegistration(db, existing.id);
    if (existing.status === 'registered' && !locked.cancelledAt && new Date(event.endsAt) > new Date()) {
      await tellPromoted(db, ctx.config.baseUrl, event, await regs.promoteWaiting(db, id, locked.capacity));
    }
  });
}

export async function markAttendance(ctx: AppContext, actor: Actor | undefined, id: number, registrationIds: number[]): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { event, can } = await loadEventForViewer(db, id, actor);
    if (!can.manage) throw notFound();
    if (new Date(event.startsAt) > new Date()) throw conflict('events.attendance.notYet');
    const publishActivity = await trackEventActivity(db, id, actor!.id);
    await regs.setAttendance(db, id, registrationIds);
    await publishActivity();
  });
}

/**
 * A deleted member's registrations go (account deletion, in its transaction). A place they held
 * goes to the first person waiting at once; telling them runs through the outbox (PROMOTED_TOPIC).
 */
export async function releasePlacesOf(db: Db, userId: number): Promise<void> {
  for (const e of await regs.deleteRegistrationsOf(db, userId)) {
    if (e.cancelledAt) continue;
    const promoted = await regs.promoteWaiting(db, e.id, e.capacity);
    if (promoted.length) await addToOutbox(db, PROMOTED_TOPIC, { eventId: e.id, userIds: promoted }, { key: `event:${e.id}` });
  }
}

/**
 * Tells the people promoted by an account deletion (an outbox row of PROMOTED_TOPIC). Whom to tell
 * leaves the row's payload in the same transaction as the messages are written, so a retry after a
 * crash between that commit and the row being marked done tells nobody twice.
 */
export async function tellPromotedLater(ctx: AppContext, outboxId: number, payload: { eventId: number }): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const taken = await takeFromPayload(db, outboxId, 'userIds');
    if (!taken) return;
    const e = await loadEvent(db, payload.eventId);
    if (e) await tellPromoted(db, ctx.config.baseUrl, e, (JSON.parse(taken) as number[]).map(Number));
  });
}

/** A new private feed token (shown once); the old one, if any, stops working. */
export async function newFeedToken(ctx: AppContext, actor: Actor | undefined): Promise<string> {
  if (!actor) throw forbidden();
  const token = randomBytes(24).toString('base64url');
  await inTransaction(ctx.ds, (db) => store.replaceFeed(db, actor.id, sha256(token)));
  return token;
}

export async function revokeFeed(ctx: AppContext, actor: Actor | undefined): Promise<void> {
  if (!actor) throw forbidden();
  await inTransaction(ctx.ds, (db) => store.deleteFeed(db, actor.id));
}


/**
 * The reminder the day before: each registration for an event starting within 24 hours gets one
 * e-mail and notification; reminded_at is set in the same transaction as the mail is queued, so it
 * happens exactly once, also with several workers. Returns how many were sent.
 */
export async function sendDueReminders(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await inTransaction(ctx.ds, async (db) => {
      const due = await regs.dueReminders(db, 100);
      for (const r of due) {
        const e = { id: r.eventId, slug: r.slug, title: r.title, startsAt: r.startsAt, place: r.place, cancelReason: '' };
        const channel = await notify(db, { userId: r.userId, kind: 'event.reminder', title: r.title, language: r.eventLanguage, url: eventPath(e), subjectType: 'event', subjectId: r.eventId });
        if (channel === 'email') await queueMail(db, r.email, r.language, 'eventReminder', mailVars(ctx.config.baseUrl, r.language, e));
      }
      await regs.markReminded(db, due.map((r) => r.registrationId));
      return due.length;
    });
    sent += batch;
    if (batch < 100) return sent;
  }
}
