// Indexing loses nothing: outbox rows → sources → engine, with failures, crashes, concurrent
// workers and out-of-order changes.
import { describe, expect, it } from '@jest/globals';
import { searchModule } from '../../../src/modules/search/index.js';
import type { SearchEngine, VersionedDocument } from '../../../src/modules/search/search.engine.js';
import { applyChanges, searchIndexHandler, type SearchSources } from '../../../src/modules/search/search.indexer.js';
import { addToOutbox, claim, processOutbox } from '../../../src/shared/outbox.js';
import { SEARCH_TOPIC, type SearchDocument } from '../../../src/shared/search-index.js';
import { uniq } from '../../support/factories.js';
import { doc, nextId, usePostgresEngine } from '../../support/search-factories.js';

/** The "database" of a fake content module: course id → title. */
class Store {
  titles = new Map<number, string>();
  loads = 0;
  source: SearchSources = {
    course: async (_db, ids) => {
      this.loads++;
      return ids.filter((id) => this.titles.has(id)).map((id) => this.document(id));
    },
  };
  document(id: number): SearchDocument {
    const { version: _v, ...d } = doc({ id: `course:${id}`, title: this.titles.get(id)!, body: 'Kursinhalt' });
    return d;
  }
}

/** An engine that fails on chosen calls, like a search server going down mid-indexing. */
class FlakyEngine {
  calls = 0;
  failOn = new Set<number>();
  delayMs = 0;
  constructor(private readonly inner: SearchEngine) {}
  wrap(): SearchEngine {
    return Object.assign(Object.create(this.inner) as SearchEngine, {
      index: async (docs: VersionedDocument[]) => {
        this.calls++;
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        if (this.failOn.has(this.calls)) throw new Error('search engine unavailable');
        return this.inner.index(docs);
      },
    });
  }
}

describe('search indexer', () => {
  const pg = usePostgresEngine('search_ix_');
  const { t } = pg;

  const indexedTitles = async (ids: number[]) => {
    const rows = (await pg.ds.query(`SELECT id, title FROM ${pg.tables}_docs WHERE id = ANY($1::text[])`, [ids.map((i) => `course:${i}`)])) as { id: string; title: string }[];
    return Object.fromEntries(rows.map((r) => [Number(r.id.split(':')[1]), r.title]));
  };
  const pending = async (topic: string) =>
    ((await pg.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND processed_at IS NULL`, [topic])) as { n: number }[])[0].n;
  const queue = (topic: string, id: number) => addToOutbox(pg.ds, topic, { type: 'course', id }, { key: `search:course:${id}` });

  it('when changes are queued, then a drain indexes present documents and deletes missing ones', async () => {
    const topic = uniq('search.index.test.');
    const store = new Store();
    const [a, b] = [nextId(), nextId()];
    store.titles.set(a, 'Moderation Grundlagen');
    store.titles.set(b, 'Moderation Aufbau');
    await queue(topic, a);
    await queue(topic, b);
    const handlers = { [topic]: searchIndexHandler(pg.ds, async () => pg.engine, store.source) };
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w1' })).toBe(2);
    expect(await indexedTitles([a, b])).toEqual({ [a]: 'Moderation Grundlagen', [b]: 'Moderation Aufbau' });

    store.titles.delete(b);
    await queue(topic, b);
    await processOutbox(pg.ds, handlers, { workerId: 'w1' });
    expect(await indexedTitles([a, b])).toEqual({ [a]: 'Moderation Grundlagen' });
    expect(await pending(topic)).toBe(0);
  });

  it('when the engine fails part-way, then the failed batch is retried and every change ends up in the index', async () => {
    const topic = uniq('search.index.test.');
    const store = new Store();
    const flaky = new FlakyEngine(pg.engine);
    flaky.failOn = new Set([2]);
    const docIds = Array.from({ length: 12 }, () => nextId());
    for (const id of docIds) {
      store.titles.set(id, `Kurs ${id}`);
      await queue(topic, id);
    }
    const handlers = { [topic]: searchIndexHandler(pg.ds, async () => flaky.wrap(), store.source, { batchSize: 5 }) };
    const errors: unknown[] = [];
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w1', onError: (_t, e) => errors.push(e) })).toBe(7);
    expect(errors).toHaveLength(1);
    expect(Object.keys(await indexedTitles(docIds))).toHaveLength(7);
    expect(await pending(topic)).toBe(5);
    const [failed] = (await pg.ds.query(
      `SELECT min(available_at) > now() AS later, max(last_error) AS err FROM outbox WHERE topic = $1 AND processed_at IS NULL`, [topic])) as { later: boolean; err: string }[];
    expect(failed).toEqual({ later: true, err: 'Error: search engine unavailable' });

    // The backoff passes; the engine is back.
    await pg.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1 AND processed_at IS NULL`, [topic]);
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w1' })).toBe(5);
    expect(Object.keys(await indexedTitles(docIds))).toHaveLength(12);
    expect(await pending(topic)).toBe(0);
  });

  it('when a worker dies holding a batch, then after its lease expires another worker indexes it', async () => {
    const topic = uniq('search.index.test.');
    const store = new Store();
    const id = nextId();
    store.titles.set(id, 'Bürgerrat kompakt');
    await queue(topic, id);
    const claimed = await claim(pg.ds, topic, 10, 'dead-worker');
    expect(claimed).toHaveLength(1);
    const handlers = { [topic]: searchIndexHandler(pg.ds, async () => pg.engine, store.source) };
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w2' })).toBe(0); // still leased
    await pg.ds.query(`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE topic = $1`, [topic]);
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w2' })).toBe(1);
    expect(await indexedTitles([id])).toEqual({ [id]: 'Bürgerrat kompakt' });
  });

  it('when two workers drain at once, then each change is applied once and the index matches the data', async () => {
    const topic = uniq('search.index.test.');
    const store = new Store();
    const slow = new FlakyEngine(pg.engine);
    slow.delayMs = 15;
    const docIds = Array.from({ length: 20 }, () => nextId());
    for (let round = 1; round <= 3; round++) {
      for (const id of docIds) {
        store.titles.set(id, `Kurs ${id} Fassung ${round}`);
        await queue(topic, id);
      }
    }
    for (const id of docIds.slice(0, 5)) {
      store.titles.delete(id);
      await queue(topic, id);
    }
    const handlers = { [topic]: searchIndexHandler(pg.ds, async () => slow.wrap(), store.source, { batchSize: 7 }) };
    const [x, y] = await Promise.all([
      processOutbox(pg.ds, handlers, { workerId: 'wa' }),
      processOutbox(pg.ds, handlers, { workerId: 'wb' }),
    ]);
    expect(x + y).toBe(65);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    const rows = (await pg.ds.query(
      `SELECT count(*)::int AS n, max(attempts)::int AS attempts FROM outbox WHERE topic = $1 AND processed_at IS NOT NULL`, [topic])) as { n: number; attempts: number }[];
    expect(rows[0]).toEqual({ n: 65, attempts: 1 });
    const expected = Object.fromEntries(docIds.slice(5).map((id) => [id, `Kurs ${id} Fassung 3`]));
    expect(await indexedTitles(docIds)).toEqual(expected);
  });

  it('when an older change is applied after a newer one, then the newer state stays', async () => {
    const id = nextId();
    const sourceWith = (title: string | null): SearchSources => ({
      course: async () => (title ? [{ ...doc({ id: `course:${id}`, title }), version: undefined } as unknown as SearchDocument] : []),
    });
    const change = (version: number) => [{ type: 'course' as const, id, docId: `course:${id}`, version }];
    await applyChanges(pg.ds, pg.engine, sourceWith('Neue Fassung'), change(20));
    const stale = await applyChanges(pg.ds, pg.engine, sourceWith('Alte Fassung'), change(10));
    expect(stale).toEqual({ indexed: [], deleted: [], skipped: [`course:${id}`] });
    expect(await indexedTitles([id])).toEqual({ [id]: 'Neue Fassung' });

    await applyChanges(pg.ds, pg.engine, sourceWith(null), change(30)); // deleted
    await applyChanges(pg.ds, pg.engine, sourceWith('Alte Fassung'), change(25)); // a slow worker with an old load
    expect(await indexedTitles([id])).toEqual({});
    const [gate] = (await pg.ds.query(`SELECT version::int, deleted FROM search_versions WHERE doc_id = $1`, [`course:${id}`])) as { version: number; deleted: boolean }[];
    expect(gate).toEqual({ version: 30, deleted: true });
  });

  it('when two workers apply versions of one document concurrently, then the newer one wins whatever the timing', async () => {
    const id = nextId();
    const slowEngine = new FlakyEngine(pg.engine);
    slowEngine.delayMs = 60;
    const sourceWith = (title: string): SearchSources => ({ course: async () => [doc({ id: `course:${id}`, title })] });
    const change = (version: number) => [{ type: 'course' as const, id, docId: `course:${id}`, version }];
    // The older change takes the gate first and writes slowly: the newer one must wait for the
    // gate row (held until the engine write ends) and then write after it, not before.
    const older = applyChanges(pg.ds, slowEngine.wrap(), sourceWith('Alt'), change(1));
    await new Promise((r) => setTimeout(r, 10));
    const newer = applyChanges(pg.ds, pg.engine, sourceWith('Neu'), change(2));
    await Promise.all([older, newer]);
    expect(await indexedTitles([id])).toEqual({ [id]: 'Neu' });
  });

  it('when the worker collects handlers, then the search module handles search.index in batches', () => {
    const handlers = searchModule.outboxHandlers!(t.ctx);
    expect(Object.keys(handlers)).toEqual([SEARCH_TOPIC]);
    expect(handlers[SEARCH_TOPIC].batchSize).toBe(200);
  });

  it('when a type has no registered source, then the batch fails and stays queued', async () => {
    const topic = uniq('search.index.test.');
    await addToOutbox(pg.ds, topic, { type: 'guide_chapter', id: nextId() });
    const handlers = { [topic]: searchIndexHandler(pg.ds, async () => pg.engine, {}) };
    const errors: unknown[] = [];
    expect(await processOutbox(pg.ds, handlers, { workerId: 'w1', onError: (_t, e) => errors.push(e) })).toBe(0);
    expect(String(errors[0])).toMatch(/no search source registered for type "guide_chapter"/);
    expect(await pending(topic)).toBe(1);
  });
});
