// The pre-vote's writes: opening it and changing its settings, proposing, giving dots, merging and
// rejecting topics, closing (by the worker at the deadline, or lazily on the next page load), and
// building the agenda. Each in one transaction; refusals change nothing.
import type { DataSource } from 'typeorm';
import type { AppContext } from '../module.js';
import type { SessionUser } from '../../shared/identity.js';
import type { Db } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { addToOutbox } from '../../shared/outbox.js';
import { recordAudit } from '../audit/index.js';
import { queueMail } from '../mail/index.js';
import { notify } from '../notifications/index.js';
import type { ViewerFacts } from './events.policy.js';
import { trackEventActivity } from './events.activity.js';
import { prevotePolicy as policy } from './prevote.policy.js';
import type { AgendaItemFormInput, PrevoteInput, TopicInput } from './prevote.schemas.js';
import * as store from './prevote.store.js';
import { loadEvent, viewerFactsOf, type EventRow } from './events.queries.js';
import { utcToBerlinInput as utcToBerlin } from './events.time.js';

export const PREVOTE_CLOSE_TOPIC = 'prevote.close';

export type Viewer = SessionUser | undefined;

export interface EventScope {
  event: EventRow;
  facts: ViewerFacts;
}

export const eventUrl = (e: { id: number; slug: string }) => `/events/${e.id}-${e.slug}`;
export const prevoteUrl = (e: { id: number }) => `/events/${e.id}/prevote`;

/** The event and the viewer's standing in it; 404 when there is none or the viewer may not see it. */
export async function eventScope(db: DataSource | Db, actor: Viewer, eventId: number): Promise<EventScope> {
  const event = await loadEvent(db, eventId);
  if (!event) throw notFound();
  const facts: ViewerFacts = await viewerFactsOf(db, event, actor);
  if (!policy.canSee(actor, event, facts)) throw notFound();
  return { event, facts };
}

async function managedScope(db: Db, actor: Viewer, eventId: number): Promise<EventScope> {
  const scope = await eventScope(db, actor, eventId);
  if (!policy.canManage(actor, scope.event, scope.facts)) throw forbidden();
  return scope;
}

async function scheduleClose(db: Db, prevoteId: number): Promise<void> {
  await addToOutbox(db, PREVOTE_CLOSE_TOPIC, { prevoteId }, { key: `prevote.close:${prevoteId}`, delaySeconds: (await store.secondsUntilClose(db, prevoteId)) + 1 });
}

function checkDeadlines(input: PrevoteInput, now = new Date()): void {
  if (input.proposalsCloseAt <= now) throw invalid('validation.summary', { proposalsCloseAt: 'prevote.validation.inPast' });
}

export async function openPrevote(ctx: AppContext, actor: Viewer, eventId: number, input: PrevoteInput): Promise<void> {
  checkDeadlines(input);
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    if (event.cancelledAt) throw conflict('prevote.eventCancelled');
    const id = await store.insertPrevote(db, event.id, input, actor!.id);
    if (id === null) throw conflict('prevote.exists');
    await scheduleClose(db, id);
    await recordAudit(db, { actorId: actor!.id, action: 'prevote.opened', subjectType: 'event', subjectId: event.id });
  });
}

export async function changePrevote(ctx: AppContext, actor: Viewer, eventId: number, input: PrevoteInput): Promise<void> {
  await closeIfDue(ctx, eventId);
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    const p = await store.lockPrevote(db, event.id, 'update');
    if (!p) throw notFound();
    if (p.closedAt) throw conflict('prevote.closed');
    // A proposal deadline already passed may stay as it was; a new one must lie ahead.
    // (The form shows minutes: the same minute is the unchanged deadline.)
    if (utcToBerlin(input.proposalsCloseAt) === utcToBerlin(p.proposalsCloseAt)) input = { ...input, proposalsCloseAt: new Date(p.proposalsCloseAt) };
    else checkDeadlines(input);
    if (input.closesAt <= new Date()) throw invalid('validation.summary', { closesAt: 'prevote.validation.inPast' });
    // Lowering the allowance below what members gave already would leave them over it: refuse.
    const given = await store.givenMaxima(db, p.id);
    if (input.votesPerPerson < given.total) throw invalid('validation.summary', { votesPerPerson: 'prevote.validation.belowGiven' });
    if (input.maxPerTopic < given.dots) throw invalid('validation.summary', { maxPerTopic: 'prevote.validation.belowGiven' });
    await store.updatePrevote(db, p.id, input);
    if (input.closesAt.getTime() !== new Date(p.closesAt).getTime()) await scheduleClose(db, p.id);
  });
}

/**
 * Closes the event's pre-vote if its deadline has passed and tells proposers and voters (in-app and
 * by e-mail). Idempotent: only the call that closes it tells anyone. Returns whether it closed now.
 */
export async function closePrevoteIfDue(ctx: AppContext, prevoteId: number): Promise<boolean> {
  return inTransaction(ctx.ds, async (db) => {
    if (!(await store.closeIfDue(db, prevoteId))) return false;
    const p = await store.prevoteById(db, prevoteId);
    const event = await loadEvent(db, p!.eventId);
    const url = prevoteUrl(event!);
    for (const r of await store.closeRecipients(db, prevoteId)) {
      const channel = await notify(db, { userId: r.id, kind: 'prevote.closed', title: event!.title, language: event!.language, url, subjectType: 'prevote', subjectId: prevoteId });
      if (channel === 'email') await queueMail(db, r.email, r.language, 'prevoteClosed', { event: event!.title, question: p!.question, url: `${ctx.config.baseUrl}${url}` });
    }
    return true;
  });
}

/** The lazy close: a page load or write after the deadline closes the pre-vote when the worker did not. */
export async function closeIfDue(ctx: AppContext, eventId: number): Promise<void> {
  const p = await store.prevoteOfEvent(ctx.ds, eventId);
  if (p?.due) await closePrevoteIfDue(ctx, p.id);
}

async function openScope(db: Db, actor: Viewer, eventId: number) {
  const scope = await eventScope(db, actor, eventId);
  const p = await store.lockPrevote(db, scope.event.id, 'share');
  if (!p) throw notFound();
  if (!policy.canTakePart(actor, scope.event, scope.facts, p)) throw forbidden('prevote.notParticipant');
  return { ...scope, p };
}

export async function proposeTopic(ctx: AppContext, actor: Viewer, eventId: number, input: TopicInput): Promise<number> {
  await closeIfDue(ctx, eventId);
  return inTransaction(ctx.ds, async (db) => {
    const { p } = await openScope(db, actor, eventId);
    if (!p.proposalsOpen) throw conflict('prevote.proposalsClosed');
    const allowed = await store.linkableUseCaseIds(db, actor!.id, input.useCases);
    if (allowed.length !== input.useCases.length) throw invalid('validation.summary', { useCases: 'prevote.validation.useCases' });
    const id = await store.insertTopic(db, p.id, input, actor!.id);
    await store.linkUseCases(db, id, allowed);
    return id;
  });
}

/**
 * Sets the member's dots (topic id → dots, zero: none) while the vote is open. One member's
 * submissions are serialised (two tabs), so the allowance holds whatever arrives at once.
 */
export async function castVotes(ctx: AppContext, actor: Viewer, eventId: number, allocation: Map<number, number>): Promise<void> {
  await closeIfDue(ctx, eventId);
  await inTransaction(ctx.ds, async (db) => {
    const { p } = await openScope(db, actor, eventId);
    if (!p.votingOpen) throw conflict('prevote.vote.closed');
    await store.lockMemberVotes(db, p.id, actor!.id);
    const open = new Set(await store.lockOpenTopics(db, p.id, 'share'));
    let total = 0;
    const fields: Record<string, string> = {};
    for (const [topicId, dots] of allocation) {
      if (dots === 0) continue;
      if (!open.has(topicId)) throw conflict('prevote.vote.topicGone');
      if (dots > p.maxPerTopic) fields[`dots-${topicId}`] = 'prevote.vote.tooManyOnTopic';
      total += dots;
    }
    if (Object.keys(fields).length) throw invalid('prevote.vote.tooManyOnTopic', fields);
    if (total > p.votesPerPerson) {
      throw invalid('prevote.vote.tooMany', { _form: 'prevote.vote.tooMany' });
    }
    await store.replaceVotes(db, p.id, actor!.id, allocation);
  });
}

async function managedPrevote(db: Db, actor: Viewer, eventId: number) {
  const scope = await managedScope(db, actor, eventId);
  const p = await store.lockPrevote(db, scope.event.id, 'share');
  if (!p) throw notFound();
  return { ...scope, p };
}

/** Merges a duplicate into another topic: dots move with it, capped per member at the per-topic maximum. */
export async function mergeTopics(ctx: AppContext, actor: Viewer, eventId: number, fromId: number, intoId: number) {
  await closeIfDue(ctx, eventId);
  return inTransaction(ctx.ds, async (db) => {
    const { event, p } = await managedPrevote(db, actor, eventId);
    if (p.closedAt) throw conflict('prevote.closed');
    if (fromId === intoId) throw invalid('validation.summary', { into: 'prevote.merge.same' });
    const locked = await store.lockOpenTopics(db, p.id, 'update', [fromId, intoId]);
    if (!locked.includes(fromId)) throw notFound();
    if (!locked.includes(intoId)) throw invalid('validation.summary', { into: 'prevote.merge.targetGone' });
    const from = await store.topicOf(db, p.id, fromId);
    const into = await store.topicOf(db, p.id, intoId);
    const publishActivity = await trackEventActivity(db, event.id, actor!.id);
    const result = await store.mergeTopic(db, p.id, fromId, intoId, p.maxPerTopic);
    await publishActivity();
    await recordAudit(db, { actorId: actor!.id, action: 'prevote.topic_merged', subjectType: 'prevote_topic', subjectId: fromId, details: { into: intoId, ...result } });
    if (from!.proposerId) {
      await notify(db, { userId: from!.proposerId, kind: 'prevote.merged', title: from!.title, language: event.language, url: `${prevoteUrl(event)}#topic-${intoId}`, actorId: actor!.id, subjectType: 'prevote_topic', subjectId: fromId, vars: { into: into!.title } });
    }
    return result;
  });
}

/** Rejects an off-topic proposal with a reason; its dots go back to the members; the proposer is told. */
export async function rejectTopic(ctx: AppContext, actor: Viewer, eventId: number, topicId: number, reason: string): Promise<void> {
  await closeIfDue(ctx, eventId);
  await inTransaction(ctx.ds, async (db) => {
    const { event, p } = await managedPrevote(db, actor, eventId);
    if (p.closedAt) throw conflict('prevote.closed');
    const locked = await store.lockOpenTopics(db, p.id, 'update', [topicId]);
    if (!locked.length) throw notFound();
    const topic = await store.topicOf(db, p.id, topicId);
    await store.rejectTopic(db, topicId, reason);
    await recordAudit(db, { actorId: actor!.id, action: 'prevote.topic_rejected', subjectType: 'prevote_topic', subjectId: topicId, reason });
    if (topic!.proposerId) {
      const url = `${prevoteUrl(event)}#topic-${topicId}`;
      const channel = await notify(db, { userId: topic!.proposerId, kind: 'prevote.rejected', title: topic!.title, language: event.language, url, actorId: actor!.id, subjectType: 'prevote_topic', subjectId: topicId, vars: { reason } });
      const r = channel === 'email' ? await store.recipient(db, topic!.proposerId) : null;
      if (r) await queueMail(db, r.email, r.language, 'prevoteTopicRejected', { topic: topic!.title, event: event.title, reason, url: `${ctx.config.baseUrl}${url}` });
    }
  });
}

// ---- the agenda ----

/** Turns a topic into an agenda item: its title and description, its use cases, its proposers as presenters. */
export async function addTopicToAgenda(ctx: AppContext, actor: Viewer, eventId: number, topicId: number): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const { event, p } = await managedPrevote(db, actor, eventId);
    const topic = await store.topicOf(db, p.id, topicId);
    if (!topic || topic.status !== 'proposed') throw notFound();
    if ((await store.agendaOf(db, event.id)).some((i) => i.topicId === topicId)) throw conflict('prevote.agenda.alreadyOnAgenda');
    const publishActivity = await trackEventActivity(db, event.id, actor!.id);
    const id = await store.insertAgendaItem(db, event.id, { title: topic.title, description: topic.description, startsAt: null, durationMinutes: null }, topicId);
    await store.setPresenters(db, id, await store.topicProposerIds(db, topicId));
    await store.setAgendaUseCases(db, id, await store.topicUseCaseIds(db, topicId));
    await publishActivity();
    return id;
  });
}

async function presenterToAdd(db: Db, handle: string): Promise<number[]> {
  if (!handle) return [];
  const u = await store.activeUserByHandle(db, handle.replace(/^@/, ''));
  if (!u) throw invalid('validation.summary', { addPresenter: 'prevote.agenda.unknownPresenter' });
  return [u.id];
}

export async function addAgendaItem(ctx: AppContext, actor: Viewer, eventId: number, input: AgendaItemFormInput): Promise<number> {
  return inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    const presenters = await presenterToAdd(db, input.addPresenter);
    const publishActivity = await trackEventActivity(db, event.id, actor!.id);
    const id = await store.insertAgendaItem(db, event.id, input, null);
    await store.setPresenters(db, id, presenters);
    await publishActivity();
    return id;
  });
}

/** Edits an item: presenters and use cases can be unticked (only those already linked, or the topic's, can stay), one presenter added by handle. */
export async function changeAgendaItem(ctx: AppContext, actor: Viewer, eventId: number, itemId: number, input: AgendaItemFormInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    const item = await store.agendaItemOf(db, event.id, itemId);
    if (!item) throw notFound();
    const current = await store.presenterIdsOf(db, itemId);
    const currentCases = await store.agendaUseCaseIdsOf(db, itemId);
    const presenters = [...input.presenters.filter((id) => current.includes(id)), ...(await presenterToAdd(db, input.addPresenter))];
    const publishActivity = await trackEventActivity(db, event.id, actor!.id);
    await store.updateAgendaItem(db, itemId, { title: input.title, description: input.description, startsAt: input.startsAt, durationMinutes: input.durationMinutes });
    await store.setPresenters(db, itemId, [...new Set(presenters)]);
    await publishActivity();
    await store.setAgendaUseCases(db, itemId, input.useCases.filter((id) => currentCases.includes(id)));
  });
}

export async function deleteAgendaItem(ctx: AppContext, actor: Viewer, eventId: number, itemId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    if (!(await store.agendaItemOf(db, event.id, itemId))) throw notFound();
    const publishActivity = await trackEventActivity(db, event.id, actor!.id);
    await store.deleteAgendaItem(db, itemId);
    await publishActivity();
  });
}

export async function moveAgendaItem(ctx: AppContext, actor: Viewer, eventId: number, itemId: number, direction: 'up' | 'down'): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { event } = await managedScope(db, actor, eventId);
    if (!(await store.agendaItemOf(db, event.id, itemId))) throw notFound();
    await store.moveAgendaItem(db, event.id, itemId, direction === 'up' ? -1 : 1);
  });
}
