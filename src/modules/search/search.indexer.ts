// Applies 'search.index' outbox rows to the engine. Loses nothing and never goes backwards:
// - each row names a document ({type, id}); the current state is loaded through the owning
//   module's search source, so replaying a row is harmless (missing → deleted from the index);
// - the version of a change is its outbox id; a gate table (search_versions) keeps the newest
//   version applied per document and holds the gate rows locked while the engine is written, so
//   two workers never apply an older state after a newer one, whatever engine is behind;
// - any failure throws: the outbox retries the whole batch with backoff.
import type { DataSource } from 'typeorm';
import type { OutboxHandler, OutboxMessage } from '../../shared/outbox.js';
import type { SearchDocType, SearchDocument, SearchSource } from '../../shared/search-index.js';
import type { SearchEngine, VersionedDocument } from './search.engine.js';
import { passVersionGate } from './search.store.js';

export type SearchSources = Partial<Record<SearchDocType, SearchSource>>;
/** Documents built from another's state: when a `key` document changes, the listed types with the same id are re-read too. */
export type SearchDependents = Partial<Record<SearchDocType, SearchDocType[]>>;

export const INDEX_BATCH_SIZE = 200;

interface Change {
  type: SearchDocType;
  id: number;
  docId: string;
  version: number;
}

export function docIdOf(type: SearchDocType, id: number): string {
  return `${type}:${id}`;
}

/** The newest change per document in a batch (rows about the same document collapse). */
export function collapse(messages: OutboxMessage[]): Change[] {
  const latest = new Map<string, Change>();
  for (const m of messages) {
    const p = m.payload as { type?: unknown; id?: unknown };
    const id = Number(p?.id);
    if (typeof p?.type !== 'string' || !Number.isSafeInteger(id)) continue; // malformed: nothing to apply
    const docId = docIdOf(p.type as SearchDocType, id);
    const prev = latest.get(docId);
    if (!prev || prev.version < m.id) latest.set(docId, { type: p.type as SearchDocType, id, docId, version: m.id });
  }
  return [...latest.values()];
}

/**
 * Adds, for each change, the documents that depend on it (same id, same version), e.g. a chapter's
 * video document when the chapter is archived: whatever path changed the chapter, its videos follow
 * it into or out of the index without every such path knowing about videos.
 */
export function withDependents(changes: Change[], dependents: SearchDependents): Change[] {
  const all = new Map(changes.map((c) => [c.docId, c]));
  for (const c of changes) {
    for (const type of dependents[c.type] ?? []) {
      const docId = docIdOf(type, c.id);
      const prev = all.get(docId);
      if (!prev || prev.version < c.version) all.set(docId, { type, id: c.id, docId, version: c.version });
    }
  }
  return [...all.values()];
}

/** Loads the current documents for the changes; throws when a type has no source (retried later). */
export async function loadChanges(ds: DataSource, sources: SearchSources, changes: Change[]) {
  const byType = new Map<SearchDocType, Change[]>();
  for (const c of changes) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  const present = new Map<string, SearchDocument>();
  for (const [type, list] of byType) {
    const source = sources[type];
    if (!source) throw new Error(`no search source registered for type "${type}"`);
    for (const doc of await source(ds.manager, list.map((c) => c.id))) present.set(doc.id, doc);
  }
  return present;
}

/** Applies one batch of changes through the version gate. Returns what was written. */
export async function applyChanges(
  ds: DataSource,
  engine: SearchEngine,
  sources: SearchSources,
  changes: Change[],
): Promise<{ indexed: string[]; deleted: string[]; skipped: string[] }> {
  if (changes.length === 0) return { indexed: [], deleted: [], skipped: [] };
  const present = await loadChanges(ds, sources, changes);
  const sorted = [...changes].sort((a, b) => a.docId.localeCompare(b.docId));
  return ds.transaction(async (db) => {
    // Upsert the gate rows in a fixed order (no deadlocks); rows stay locked until commit, so a
    // concurrent worker with another version of the same document waits for this write.
    const winners = new Set(await passVersionGate(db,
      sorted.map((c) => c.docId), sorted.map((c) => c.version), sorted.map((c) => !present.has(c.docId))));
    const toIndex: VersionedDocument[] = [];
    const toDelete: string[] = [];
    for (const c of sorted) {
      if (!winners.has(c.docId)) continue;
      const doc = present.get(c.docId);
      if (doc) toIndex.push({ ...doc, version: c.version });
      else toDelete.push(c.docId);
    }
    await engine.index(toIndex);
    await engine.delete(toDelete);
    return {
      indexed: toIndex.map((d) => d.id),
      deleted: toDelete,
      skipped: sorted.filter((c) => !winners.has(c.docId)).map((c) => c.docId),
    };
  });
}

/** The outbox handler for topic 'search.index'. `engine` is resolved lazily (set up once per worker). */
export function searchIndexHandler(
  ds: DataSource,
  engine: () => Promise<SearchEngine>,
  sources: SearchSources,
  opts: { batchSize?: number; dependents?: SearchDependents } = {},
): OutboxHandler {
  return {
    batchSize: opts.batchSize ?? INDEX_BATCH_SIZE,
    async handle(messages) {
      await applyChanges(ds, await engine(), sources, withDependents(collapse(messages), opts.dependents ?? {}));
    },
  };
}
