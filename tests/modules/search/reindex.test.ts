import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { PostgresSearchEngine } from '../../../src/modules/search/postgres.engine.js';
import { progressLine, reindex } from '../../../src/modules/search/search.reindex.js';
import { addToOutbox } from '../../../src/shared/outbox.js';
import { useTestApp } from '../../support/app.js';
import { uniq } from '../../support/factories.js';
import { doc, nextId } from '../../support/search-factories.js';

describe('search reindex', () => {
  const tables = uniq('search_rx_');
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${tables}_docs`);
    await ds.query(`DROP TABLE IF EXISTS ${tables}_lex`);
  });
  const t = useTestApp();
  let ds: DataSource;
  let engine: PostgresSearchEngine;
  beforeAll(async () => {
    ds = t.ctx.ds;
    engine = new PostgresSearchEngine(ds, { documents: `${tables}_docs`, lexicon: `${tables}_lex` });
    await engine.setup();
  });

  it('when rebuilding, then the old index serves until the swap, and afterwards holds exactly the current documents', async () => {
    const topic = uniq('search.index.test.');
    const titles = new Map<number, string>();
    const ids = Array.from({ length: 25 }, () => nextId()).sort((a, b) => a - b);
    ids.forEach((id, i) => titles.set(id, `Werkstattbericht ${i}`));
    await engine.index([doc({ id: 'course:1', title: 'Verwaister Eintrag' })]);
    const sources = { course: async (_db: unknown, list: number[]) => list.filter((id) => titles.has(id)).map((id) => doc({ id: `course:${id}`, title: titles.get(id)! })) };
    const listers = { course: async (_db: unknown, after: number, limit: number) => ids.filter((id) => id > after).slice(0, limit) };
    const seenDuringBuild: number[] = [];
    let changed = false;
    const report = await reindex(ds, engine, sources, listers, {
      batchSize: 10,
      outboxTopic: topic,
      onProgress: async () => {
        seenDuringBuild.push((await engine.search({ q: 'Verwaister', audience: 'visitor' })).total);
        if (!changed) {
          changed = true; // a member edits a course while the rebuild runs
          await addToOutbox(ds, topic, { type: 'course', id: ids[0] }, { key: `search:course:${ids[0]}` });
        }
      },
    });
    expect(report).toMatchObject({ indexed: 25, total: 25, skippedTypes: [], requeued: 1 });
    expect(seenDuringBuild.every((n) => n === 1)).toBe(true);
    expect((await engine.search({ q: 'Verwaister', audience: 'visitor' })).total).toBe(0);
    expect((await engine.search({ q: 'Werkstattbericht', audience: 'visitor' })).total).toBe(25);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND processed_at IS NULL`, [topic])) as { n: number }[];
    expect(n).toBe(2); // the original change and its replay for the new index
    const leftovers = (await ds.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE $1`, [`${tables}%`])) as unknown[];
    expect(leftovers).toHaveLength(2);
    const indexes = (await ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = $1`, [`${tables}_docs`])) as { indexdef: string }[];
    expect(indexes.map((i) => i.indexdef.replace(/^.* USING /, '')).sort()).toEqual(['btree (id)', 'btree (updated_at DESC)', 'gin (title_tsv)', 'gin (tsv)']);
  });

  it('when a type has no id lister, then it is reported as not rebuilt', async () => {
    const other = new PostgresSearchEngine(ds, { documents: `${tables}_docs`, lexicon: `${tables}_lex` });
    const report = await reindex(ds, other, { thread: async () => [] }, {}, { outboxTopic: uniq('search.index.test.') });
    expect(report.skippedTypes).toEqual(['thread']);
  });

  it('when progress is shown, then it has a bar, a percentage and the throughput', () => {
    expect(progressLine({ done: 50, total: 200, type: 'thread', elapsedMs: 1000 }, 10)).toBe('[###-------]  25% 50/200 · 50 docs/s · ETA 3 s');
  });
});
