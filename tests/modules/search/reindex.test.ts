import { describe, expect, it } from '@jest/globals';
import { INDEXED_SAMPLE_LEVELS } from '../../../src/modules/search/postgres.engine.js';
import { progressLine, reindex } from '../../../src/modules/search/search.reindex.js';
import { addToOutbox } from '../../../src/shared/outbox.js';
import { uniq } from '../../support/factories.js';
import { doc, nextId, usePostgresEngine } from '../../support/search-factories.js';

describe('search reindex', () => {
  const pg = usePostgresEngine('search_rx_');

  it('when rebuilding, then the old index serves until the swap, and afterwards holds exactly the current documents', async () => {
    const topic = uniq('search.index.test.');
    const titles = new Map<number, string>();
    const ids = Array.from({ length: 25 }, () => nextId()).sort((a, b) => a - b);
    ids.forEach((id, i) => titles.set(id, `Werkstattbericht ${i}`));
    await pg.engine.index([doc({ id: 'course:1', title: 'Verwaister Eintrag' })]);
    const sources = { course: async (_db: unknown, list: number[]) => list.filter((id) => titles.has(id)).map((id) => doc({ id: `course:${id}`, title: titles.get(id)! })) };
    const listers = { course: async (_db: unknown, after: number, limit: number) => ids.filter((id) => id > after).slice(0, limit) };
    const seenDuringBuild: number[] = [];
    let changed = false;
    const report = await reindex(pg.ds, pg.engine, sources, listers, {
      batchSize: 10,
      outboxTopic: topic,
      onProgress: async () => {
        seenDuringBuild.push((await pg.engine.search({ q: 'Verwaister', audience: 'visitor' })).total);
        if (!changed) {
          changed = true; // a member edits a course while the rebuild runs
          await addToOutbox(pg.ds, topic, { type: 'course', id: ids[0] }, { key: `search:course:${ids[0]}` });
        }
      },
    });
    expect(report).toMatchObject({ indexed: 25, total: 25, skippedTypes: [], requeued: 1 });
    expect(seenDuringBuild.every((n) => n === 1)).toBe(true);
    expect((await pg.engine.search({ q: 'Verwaister', audience: 'visitor' })).total).toBe(0);
    expect((await pg.engine.search({ q: 'Werkstattbericht', audience: 'visitor' })).total).toBe(25);
    const [{ n }] = (await pg.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1 AND processed_at IS NULL`, [topic])) as { n: number }[];
    expect(n).toBe(2); // the original change and its replay for the new index
    const leftovers = (await pg.ds.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE $1`, [`${pg.tables}%`])) as unknown[];
    expect(leftovers).toHaveLength(2);
    const indexes = (await pg.ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = $1`, [`${pg.tables}_docs`])) as { indexdef: string }[];
    // The sample buckets' partial indexes (migration 1764901900000) come along with the predicate the engine states.
    const partial = (column: string) =>
      INDEXED_SAMPLE_LEVELS.map((level) => `gin (${column}) WHERE ((get_byte(decode(md5(id), 'hex'::text), 0) >> ${Math.log2(256 / level)}) = 0)`);
    expect(indexes.map((i) => i.indexdef.replace(/^.* USING /, '')).sort()).toEqual(
      ['btree (id)', 'btree (updated_at DESC)', 'gin (title_tsv)', ...partial('title_tsv'), 'gin (tsv)', ...partial('tsv')].sort(),
    );
  });

  it('when a type has no id lister, then it is reported as not rebuilt', async () => {
    const other = pg.sameTables();
    const report = await reindex(pg.ds, other, { thread: async () => [] }, {}, { outboxTopic: uniq('search.index.test.') });
    expect(report.skippedTypes).toEqual(['thread']);
  });

  it('when progress is shown, then it has a bar, a percentage and the throughput', () => {
    expect(progressLine({ done: 50, total: 200, type: 'thread', elapsedMs: 1000 }, 10)).toBe('[###-------]  25% 50/200 · 50 docs/s · ETA 3 s');
  });
});
