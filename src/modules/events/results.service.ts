// After the event: the minutes and results (Markdown, rendered once on write, every save a
// revision; an edit started from an older version is refused with 409 and the text kept), the
// event's files (the shared attachment checks; nothing stored on refusal), the outcome links and
// promoting accepted results to a guide chapter (the forum's mechanism: the guides module writes a
// draft that goes through review). Written by those who manage the event; audit entries for each.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { Db, Queryable } from '../../db/sql.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { checkAttachment, fileStore, keepUpload, storeKey, type UploadedFile } from '../../shared/uploads.js';
import { recordAudit } from '../audit/index.js';
import { visibleThreadsByIds } from '../forum/index.js';
import { chapterLinks } from '../guides/index.js';
import { visibleUseCases } from '../usecases/index.js';
import { eventsPolicy as policy, type Actor, type ViewerFacts } from './events.policy.js';
import type { OutcomeKind } from './results.entity.js';
import type { PromoteInput } from './promote.schemas.js';
import { promoteIntoGuide } from './promote.service.js';
import type { MinutesInput, OutcomeInput } from './results.schemas.js';
import * as store from './results.store.js';
import { viewerFactsOf } from './events.queries.js';

/** Who acts: use-case links are checked with the use cases' policy, which needs the administration. */
export interface ResultsActor extends Actor {
  administrationId: number | null;
}

/** Where the event's files are kept; a stored key is a file name directly in it. */
/** The file store's area of the events' files; a row's key is a name in it. */
const AREA = 'events';
/** The file store key of an event file row's key. */
export const eventFileKey = (key: string) => storeKey(AREA, key);

/** The address a promoted guide chapter cites: the event's minutes and results. */
export const minutesUrl = (eventId: number) => `/events/${eventId}/minutes`;

/** The event if the actor may see it (404 otherwise), with the viewer's facts. */
export async function visibleEvent(db: Queryable, actor: Actor | undefined, eventId: number, lock = false): Promise<{ event: store.ResultsEvent; viewer: ViewerFacts }> {
  const event = lock ? await store.lockEvent(db, eventId) : await store.loadEvent(db, eventId);
  if (!event) throw notFound();
  const viewer = await viewerFactsOf(db, event, actor);
  if (!policy.canSeeEvent(actor, event, viewer)) throw notFound();
  return { event, viewer };
}

/** The event if the actor manages it: 404 when they may not see it, 403 when they only see it. */
export async function managedEvent(db: Queryable, actor: Actor | undefined, eventId: number, lock = false): Promise<store.ResultsEvent> {
  const { event, viewer } = await visibleEvent(db, actor, eventId, lock);
  if (!policy.canManageEvent(actor, event, viewer)) throw forbidden();
  return event;
}

// ---- minutes ----

/** Saves the minutes as a new version; returns it. A stale `version` is a 409 (the form keeps the text). */
export async function saveMinutes(ctx: AppContext, actor: Actor | undefined, eventId: number, input: MinutesInput): Promise<number> {
  const html = renderMarkdown(input.body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    await managedEvent(db, actor, eventId, true);
    const current = await store.minutesOf(db, eventId, true);
    if ((current?.version ?? 0) !== input.version) throw conflict('eventResults.minutes.stale');
    const m = { eventId, source: input.body, html, status: input.status, userId: actor!.id };
    const saved = current ? await store.updateMinutes(db, { ...m, version: input.version }) : await store.insertMinutes(db, m);
    if (!saved) throw conflict('eventResults.minutes.stale');
    const version = input.version + 1;
    await store.insertRevision(db, { eventId, version, source: input.body, authorId: actor!.id });
    await recordAudit(db, {
      actorId: actor!.id, action: 'event_minutes.saved', subjectType: 'event', subjectId: eventId,
      details: { version, status: input.status, statusBefore: current?.status ?? null },
    });
    return version;
  });
}

// ---- files ----

/** Before a byte of the upload is read: the event must be visible (404) and managed by the actor (403). */
export async function assertMayUpload(ctx: AppContext, actor: Actor | undefined, eventId: number): Promise<void> {
  await managedEvent(ctx.ds, actor, eventId);
}

export async function addAttachment(ctx: AppContext, actor: Actor | undefined, eventId: number, file: UploadedFile | undefined, meta: { description: string }): Promise<number> {
  await managedEvent(ctx.ds, actor, eventId);
  const checked = await checkAttachment(file, {
    missing: 'eventResults.files.missing', tooLarge: 'eventResults.files.tooLarge', badType: 'eventResults.files.badType',
  });
  return keepUpload(fileStore(ctx.config), AREA, checked.file, checked.type, (key) => inTransaction(ctx.ds, async (db) => {
    await managedEvent(db, actor, eventId, true);
    const id = await store.insertAttachment(db, {
      eventId, key, filename: checked.filename, contentType: checked.type.contentType, sizeBytes: checked.file.size,
      description: meta.description, uploadedById: actor!.id,
    });
    await recordAudit(db, { actorId: actor!.id, action: 'event_file.added', subjectType: 'event', subjectId: eventId, details: { fileId: id, filename: checked.filename } });
    return id;
  }));
}

export async function deleteAttachment(ctx: AppContext, actor: Actor | undefined, eventId: number, id: number): Promise<void> {
  const key = await inTransaction(ctx.ds, async (db) => {
    await managedEvent(db, actor, eventId, true);
    const deleted = await store.deleteAttachmentRow(db, eventId, id);
    if (!deleted) throw notFound();
    await recordAudit(db, { actorId: actor!.id, action: 'event_file.deleted', subjectType: 'event', subjectId: eventId, details: { fileId: id, filename: deleted.filename } });
    return deleted.key;
  });
  await fileStore(ctx.config).delete(eventFileKey(key));
}

export interface EventFile {
  filename: string;
  contentType: string;
  /** The file store key (streamed from the store with sendStoredFile) and the file's size. */
  key: string;
  size: number;
}

/** A file of the event, for those who may see the event (404 for everyone else). */
export async function readAttachment(ctx: AppContext, actor: Actor | undefined, eventId: number, id: number): Promise<EventFile> {
  await visibleEvent(ctx.ds, actor, eventId);
  const a = await store.findAttachment(ctx.ds, eventId, id);
  if (!a) throw notFound();
  const key = eventFileKey(a.key);
  const stored = await fileStore(ctx.config).stat(key);
  if (!stored) throw notFound();
  return { filename: a.filename, contentType: a.contentType, key, size: stored.size };
}

// ---- outcome links ----

/** A use case by its address or slug. */
const useCaseSlug = (ref: string) => ref.match(/^(?:https?:\/\/[^/]+)?\/?(?:use-cases\/)?([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:[?#].*)?$/)?.[1] ?? null;
/** A forum thread by its address (/forum/threads/12-title) or its number. */
const threadId = (ref: string) => parseId(ref.match(/^(?:(?:https?:\/\/[^/]+)?\/?forum\/threads\/)?(\d{1,10})(?:-[^/?#]*)?\/?(?:[?#].*)?$/)?.[1]);

/** The id of what the link points to, if the actor may see it; otherwise a field message. */
async function resolveTarget(db: Db, actor: ResultsActor, input: OutcomeInput): Promise<number> {
  if (input.kind === 'use_case') {
    const slug = useCaseSlug(input.ref);
    const [uc] = slug ? await visibleUseCases(db, actor, { slugs: [slug] }) : [];
    if (!uc) throw invalid('validation.summary', { ref: 'eventResults.outcomes.unknownUseCase' });
    return uc.id;
  }
  if (input.kind === 'thread') {
    const id = threadId(input.ref);
    const [t] = id ? await visibleThreadsByIds(db, [id], actor) : [];
    if (!t) throw invalid('validation.summary', { ref: 'eventResults.outcomes.unknownThread' });
    return t.id;
  }
  const [c] = await chapterLinks(db, [input.chapterId!]);
  if (!c) throw invalid('validation.summary', { chapterId: 'eventResults.outcomes.unknownChapter' });
  return c.id;
}

export async function addOutcome(ctx: AppContext, actor: ResultsActor | undefined, eventId: number, input: OutcomeInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await managedEvent(db, actor, eventId, true);
    const targetId = await resolveTarget(db, actor!, input);
    if (!(await store.insertOutcome(db, { eventId, kind: input.kind, targetId, addedById: actor!.id }))) {
      throw conflict('validation.summary', { [input.kind === 'guide_chapter' ? 'chapterId' : 'ref']: 'eventResults.outcomes.already' });
    }
    await recordAudit(db, { actorId: actor!.id, action: 'event_outcome.added', subjectType: 'event', subjectId: eventId, details: { kind: input.kind, targetId } });
  });
}

export async function removeOutcome(ctx: AppContext, actor: Actor | undefined, eventId: number, kind: OutcomeKind, targetId: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await managedEvent(db, actor, eventId, true);
    if (!(await store.deleteOutcome(db, eventId, kind, targetId))) throw notFound();
    await recordAudit(db, { actorId: actor!.id, action: 'event_outcome.removed', subjectType: 'event', subjectId: eventId, details: { kind, targetId } });
  });
}

// ---- promote to guide ----

/**
 * Accepted minutes (or the part of them the facilitator keeps) go into a chapter of a published
 * guide, appended or new, as a draft revision for review; the chapter cites the event's minutes.
 */
export async function promoteMinutes(ctx: AppContext, actor: Actor | undefined, eventId: number, input: PromoteInput): Promise<{ guideSlug: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const { event } = await visibleEvent(db, actor, eventId, true);
    if (!policy.canPromoteResults(actor)) throw forbidden();
    const minutes = await store.minutesOf(db, eventId, true);
    if (minutes?.status !== 'accepted') throw conflict('eventResults.promote.notAccepted');
    const { guideSlug, revisionId } = await promoteIntoGuide(db, actor, input,
      { url: minutesUrl(eventId), title: event.title, message: `Aus der Veranstaltung übernommen: ${event.title}` });
    await recordAudit(db, { actorId: actor!.id, action: 'event_minutes.promoted', subjectType: 'event', subjectId: eventId, details: { guideSlug, revisionId } });
    return { guideSlug };
  });
}
