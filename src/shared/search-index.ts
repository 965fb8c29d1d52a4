// The contract between content modules and the search module. A module that owns searchable
// content (1) calls queueSearchIndex in the same transaction as every create/update/delete, and
// (2) exposes `searchSources[type]`, a loader that turns ids into SearchDocuments (or reports them
// gone). The search module's worker applies the outbox rows to the configured engine.
import type { EntityManager } from 'typeorm';
import { addToOutbox } from './outbox.js';

export const SEARCH_TOPIC = 'search.index';

export type SearchDocType = 'thread' | 'reply' | 'use_case' | 'guide_chapter' | 'course' | 'event' | 'group' | 'group_result' | 'chapter_video' | 'course_video' | 'course_translation';

export interface SearchDocument {
  /** Unique across types, e.g. "thread:12". */
  id: string;
  type: SearchDocType;
  title: string;
  /** Plain text (no HTML). */
  body: string;
  tags: string[];
  /** Topic (policy area) and method keys, for facets. */
  topics: string[];
  methods: string[];
  administration: string | null;
  state: string | null;
  sizeClass: string | null;
  /** A content language (ISO 639-1, one of CONTENT_LANGUAGES): the index stems the text in it. */
  language: string;
  /** 'public' documents are visible to visitors; 'network' ones to signed-in members only. */
  visibility: 'public' | 'network';
  url: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored language code as a document's language: a two-letter code as it is, anything else German. */
export function searchLanguage(code: unknown): string {
  return typeof code === 'string' && /^[a-z]{2}$/.test(code) ? code : 'de';
}

/** Returns the documents for the ids that still exist and are searchable; missing ids are deleted from the index. */
export type SearchSource = (db: EntityManager, ids: number[]) => Promise<SearchDocument[]>;

/**
 * Lists the ids of every searchable document of a type, for `npm run search:reindex`: ids greater
 * than `after`, ascending, at most `limit`. (Optional: a type without one is not rebuilt by reindex.)
 */
export type SearchIdLister = (db: EntityManager, after: number, limit: number) => Promise<number[]>;

export async function queueSearchIndex(db: EntityManager, type: SearchDocType, id: number): Promise<void> {
  await addToOutbox(db, SEARCH_TOPIC, { type, id }, { key: `search:${type}:${id}` });
}

/** A SearchIdLister over a table's integer ids (the source decides which ids are searchable). */
export function idsOf(table: string): SearchIdLister {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  return async (db, after, limit) =>
    (await db.query(`SELECT id FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, [after, limit])).map((r: { id: number }) => Number(r.id));
}
