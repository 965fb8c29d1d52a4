// Reads after the event, as plain objects for the views: what the event page shows of the results
// (resultsForEvent, for the partial views/partials/events/results.hbs) and the minutes page.
// Outcome links show only what the viewer may see, through the other modules' own read functions.
import type { DataSource } from 'typeorm';
import { visibleThreadsByIds } from '../forum/index.js';
import { chapterLinks } from '../guides/index.js';
import { visibleUseCases } from '../usecases/index.js';
import { eventsPolicy as policy } from './events.policy.js';
import { citingChapters, type CitingChapter } from './promote.views.js';
import type { OutcomeKind } from './results.entity.js';
import { minutesUrl, visibleEvent, type ResultsActor } from './results.service.js';
import * as store from './results.store.js';

export interface OutcomeLink {
  kind: OutcomeKind;
  targetId: number;
  title: string;
  /** The guide's title for a chapter. */
  context?: string;
  language: string;
  url: string;
}

/** The event's outcome links the viewer may see, grouped by kind in the order added. */
export async function outcomeLinks(ds: DataSource, eventId: number, actor: ResultsActor | undefined): Promise<OutcomeLink[]> {
  const all = await store.outcomesOf(ds, eventId);
  const ids = (kind: OutcomeKind) => all.filter((o) => o.kind === kind).map((o) => o.targetId);
  const [useCases, threads, chapters] = await Promise.all([
    visibleUseCases(ds, actor, { ids: ids('use_case') }),
    visibleThreadsByIds(ds, ids('thread'), actor),
    chapterLinks(ds, ids('guide_chapter')),
  ]);
  return [
    ...useCases.map((u) => ({ kind: 'use_case' as const, targetId: u.id, title: u.title, language: u.language, url: u.url })),
    ...threads.map((t) => ({ kind: 'thread' as const, targetId: t.id, title: t.title, language: t.language, url: t.url })),
    ...chapters.map((c) => ({ kind: 'guide_chapter' as const, targetId: c.id, title: c.chapterTitle, context: c.guideTitle, language: c.language, url: c.url })),
  ];
}

export interface EventResults {
  eventId: number;
  eventTitle: string;
  /** The event page (/events/:id-:slug). */
  eventHref: string;
  language: string;
  minutes: (store.MinutesRow & { accepted: boolean }) | null;
  files: (store.AttachmentRow & { sizeKb: number; url: string })[];
  outcomes: OutcomeLink[];
  /** Guide chapters that cite the event's results (published). */
  citedBy: CitingChapter[];
  can: { manage: boolean; promote: boolean };
  minutesUrl: string;
  filesUrl: string;
  outcomesUrl: string;
}

/**
 * What the event page shows after the event: the minutes, the files and the outcome links, and
 * what the viewer may do with them. Null when the viewer may not see the event (the page is a 404
 * then anyway). Include with {{> events/results results}}.
 */
export async function resultsForEvent(ds: DataSource, eventId: number, actor: ResultsActor | undefined): Promise<EventResults | null> {
  const seen = await visibleEvent(ds, actor, eventId).catch(() => null);
  if (!seen) return null;
  const { event, viewer } = seen;
  const [minutes, files, outcomes, citedBy] = await Promise.all([
    store.minutesOf(ds, eventId),
    store.attachmentsOf(ds, eventId),
    outcomeLinks(ds, eventId, actor),
    citingChapters(ds, minutesUrl(eventId)),
  ]);
  return {
    eventId,
    eventTitle: event.title,
    eventHref: `/events/${eventId}-${event.slug}`,
    language: event.language,
    minutes: minutes && { ...minutes, accepted: minutes.status === 'accepted' },
    files: files.map((f) => ({ ...f, sizeKb: Math.max(1, Math.round(f.sizeBytes / 1024)), url: `/events/${eventId}/attachments/${f.id}` })),
    outcomes,
    citedBy,
    can: {
      manage: policy.canManageEvent(actor, event, viewer),
      promote: policy.canPromoteResults(actor) && minutes?.status === 'accepted',
    },
    minutesUrl: minutesUrl(eventId),
    filesUrl: `/events/${eventId}/attachments`,
    outcomesUrl: `/events/${eventId}/outcomes`,
  };
}

export { revisionOf, revisionsOf } from './results.store.js';
