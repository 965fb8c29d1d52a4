// The search contract for events: public and network events are documents (group-only events are
// never indexed, so search cannot reveal them); a cancelled event stays findable, marked in its tags.
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument } from '../../shared/search-index.js';
import { searchableEvents } from './events.queries.js';
import { eventPath } from './events.service.js';

export async function eventDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  return (await searchableEvents(db, ids)).map((e) => ({
    id: `event:${e.id}`,
    type: 'event' as const,
    title: e.title,
    body: `${markdownToText(e.descriptionSource)} ${e.format === 'online' ? '' : e.place}`.trim(),
    tags: [e.kind, e.format, e.organiserName, e.organiserState, e.groupName, e.cancelledAt ? 'cancelled' : null].filter((x): x is string => !!x),
    topics: [],
    methods: [],
    administration: e.organiserName,
    state: e.organiserState,
    sizeClass: null,
    language: e.language === 'en' ? 'en' : 'de',
    visibility: e.visibility === 'public' ? 'public' : 'network',
    url: eventPath(e),
    createdAt: new Date(e.createdAt).toISOString(),
    updatedAt: new Date(e.updatedAt).toISOString(),
  }));
}

