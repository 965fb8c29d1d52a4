// The PostgreSQL engine's sampling of broad queries (migration 1763700010000): small limits make a
// corpus of 2,000 documents "broad", so the sampled paths run here as they do at a million.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { commonGroupsLeftOut, INDEXED_SAMPLE_LEVELS, LANG_EN, SAMPLE_LEVELS, sampleLexeme, sampleSql, sharedLanguages, valueShares, wordShare } from '../../../src/modules/search/postgres.engine.js';
import { doc, type PostgresEngineFixture, usePostgresEngine } from '../../support/search-factories.js';

/** The statements (text and parameters) the fixture's data source was sent while `work` ran. */
const statementsDuring = async (pg: PostgresEngineFixture, work: () => Promise<unknown>) => {
  const seen: { sql: string; params: unknown[] }[] = [];
  const original = pg.ds.query.bind(pg.ds);
  (pg.ds as unknown as { query: unknown }).query = (sql: string, params?: unknown[]) => {
    seen.push({ sql, params: params ?? [] });
    return original(sql, params);
  };
  try {
    await work();
  } finally {
    (pg.ds as unknown as { query: unknown }).query = original;
  }
  return seen;
};

/**
 * The sample buckets the title and body candidates asked for while `work` ran (null: everything),
 * two per search statement, as the bucket's lexeme: what each part ANDs to the words
 * (`tq && $n::tsquery …`, a level finer than the indexed ones), or else the bucket its row
 * condition states (`(get_byte(…) >> log2(256 / level)) = 0`, the predicate of the level's partial indexes).
 */
const samplesDuring = async (pg: PostgresEngineFixture, work: () => Promise<unknown>) => {
  const seen: (string | null)[] = [];
  for (const { sql, params } of await statementsDuring(pg, work)) {
    for (const column of ['title_tsv', 'tsv']) {
      const part = new RegExp(`d\\.${column} @@ \\(SELECT ((?:tq|iq)[^)]*) FROM q\\)(.*?) LIMIT \\$\\d+\\)`, 's').exec(sql);
      if (!part) continue;
      const lexeme = [...part[1]!.matchAll(/\$(\d+)::tsquery/g)].map((m) => params[Number(m[1]) - 1]).find((p) => typeof p === 'string' && p.startsWith("'sample"));
      const byte = /\(get_byte\(decode\(md5\(d\.id\), 'hex'\), 0\) >> (\d+)\) = 0/.exec(part[2]!);
      seen.push((lexeme as string | undefined) ?? (byte ? `'sample ${256 / 2 ** Number(byte[1])}:0'` : null));
    }
  }
  return seen;
};

describe('search sampling (PostgreSQL engine)', () => {
  const pg = usePostgresEngine('search_smp_', { options: { titleCandidates: 20, candidates: 50, sampleAbove: 100 } });
  const inBucket = async (level: number, ids: string[]) =>
    (await pg.ds.query(`SELECT count(*)::int AS n FROM ${pg.tables}_docs WHERE id = ANY($1) AND tsv @@ $2::tsquery`, [ids, `'sample ${level}:0'`]))[0].n as number;

  beforeAll(async () => {
    const make = (i: number, version: number) =>
      doc({
        id: `reply:${i + 1}`,
        version,
        title: i % 2 ? `Bericht ${i + 1}` : `Bericht ${i + 1} über Radwege`,
        body: [
          'Die Beteiligung der Bürgerinnen war gut.',
          i % 3 === 0 ? 'Der Radverkehr wurde diskutiert.' : '',
          i < 5 ? 'Ein Zaunkönig sang im Rathauspark.' : '',
          version === 1 || i < 3 ? 'Ein Kiebitz flog vorbei.' : '',
        ].join(' '),
        state: i < 40 ? 'HB' : i % 2 ? 'BY' : 'NW',
        updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      });
    const all = Array.from({ length: 2000 }, (_, i) => i);
    for (let i = 0; i < all.length; i += 500) await pg.engine.index(all.slice(i, i + 500).map((j) => make(j, 1)));
    // The Kiebitz then leaves all but three documents. The lexicon counts that (3), so a stale count
    // is set by hand — as a lexicon built before counts went down holds it, until the next reindex —
    // and the estimate for "Kiebitz" is far too high.
    for (let i = 0; i < all.length; i += 500) await pg.engine.index(all.slice(i, i + 500).map((j) => make(j, 2)));
    await pg.ds.query(`UPDATE ${pg.tables}_lex SET freq = 2000 WHERE word = 'kiebitz'`);
    await pg.ds.query(`ANALYZE ${pg.tables}_docs`);
  });

  it('when documents are indexed, then each carries one nested bucket per level, which no written word can produce', async () => {
    const [row] = await pg.ds.query(
      `SELECT count(*) FILTER (WHERE tsv @@ $$'sample 256:0'$$::tsquery AND NOT tsv @@ $$'sample 64:0'$$::tsquery)::int AS broken,
              count(*) FILTER (WHERE tsv @@ $$'sample 16:0'$$::tsquery)::int AS sixteenth,
              count(*) FILTER (WHERE NOT tsv @@ $$'sample 4:0' | 'sample 4:1' | 'sample 4:2' | 'sample 4:3'$$::tsquery)::int AS missing,
              count(*) FILTER (WHERE title_tsv @@ $$'sample 4:0'$$::tsquery)::int AS title_quarter,
              count(*) FILTER (WHERE tsv @@ $$'sample 4:0'$$::tsquery)::int AS quarter,
              count(*)::int AS n
         FROM ${pg.tables}_docs`);
    expect(row.broken).toBe(0);
    expect(row.missing).toBe(0);
    expect(row.title_quarter).toBe(row.quarter);
    // About a sixteenth of the documents (md5 spreads ids evenly).
    expect(row.sixteenth).toBeGreaterThan(row.n / 16 / 2);
    expect(row.sixteenth).toBeLessThan((row.n / 16) * 2);
    const [{ matches }] = await pg.ds.query(`SELECT to_tsvector('praxis_de', 'sample 64:0 sample 4:0') @@ $$'sample 64:0' | 'sample 4:0'$$::tsquery AS matches`);
    expect(matches).toBe(false);
  });

  it('when a bucket is sampled, then its row condition holds exactly the bucket and the planner reads the level\'s own partial index, never a coarser one', async () => {
    // The predicates of migration 1764901900000, copied with the table (LIKE … INCLUDING ALL).
    const partial = (await pg.ds.query(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%WHERE%get_byte%'`,
      [`${pg.tables}_docs`],
    )) as { name: string; def: string }[];
    expect(partial).toHaveLength(INDEXED_SAMPLE_LEVELS.length * 2);
    const indexOf = (column: string, level: number) =>
      partial.find((i) => i.def.includes(`USING gin (${column})`) && i.def.includes(`>> ${Math.log2(256 / level)}) = 0)`))?.name;
    for (const level of SAMPLE_LEVELS) {
      const own = [...INDEXED_SAMPLE_LEVELS].reverse().find((l) => l <= level)!;
      const [row] = await pg.ds.query(
        `SELECT count(*) FILTER (WHERE tsv @@ $1::tsquery)::int AS lexeme,
                count(*) FILTER (WHERE true${sampleSql(level)} AND (${own === level} OR tsv @@ $1::tsquery))::int AS stated
           FROM ${pg.tables}_docs d`,
        [sampleLexeme(level)],
      );
      expect(row.stated).toBe(row.lexeme);
      for (const column of ['tsv', 'title_tsv']) {
        const index = indexOf(column, own);
        expect(index).toBeDefined();
        // With its own index dropped (in a transaction rolled back), no other level's partial index may
        // serve the query: a coarser bucket's, also provable from "byte < N", was read at a million
        // documents. (Forced off the sequential scan, the planner may read the same bucket's index on
        // the other column to list the bucket's rows: that one is the same bucket.)
        const m = pg.ds.createQueryRunner();
        await m.connect();
        await m.startTransaction();
        let plans: { withOwn: string; without: string };
        try {
          await m.query('SET LOCAL enable_seqscan = off');
          const explain = async () =>
            ((await m.query(
              `EXPLAIN SELECT d.id FROM ${pg.tables}_docs d WHERE d.${column} @@ $1::tsquery${sampleSql(level)} LIMIT 50`,
              [`'beteilig'${own === level ? '' : ` & ${sampleLexeme(level)}`}`],
            )) as { 'QUERY PLAN': string }[]).map((l) => l['QUERY PLAN']).join('\n');
          const withOwn = await explain();
          await m.query(`DROP INDEX ${index}`);
          plans = { withOwn, without: await explain() };
        } finally {
          await m.rollbackTransaction();
          await m.release();
        }
        expect(plans.withOwn).toContain(`Bitmap Index Scan on ${index} `);
        const coarser = partial.filter((i) => !i.def.includes(`>> ${Math.log2(256 / own)}) = 0)`));
        expect(coarser.filter((i) => plans.without.includes(`on ${i.name} `))).toEqual([]);
      }
    }
  });

  it('when a word occurs in every document, then the candidates come from one sample bucket and the total is a lower bound', async () => {
    const r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', perPage: 50 });
    expect(r.totalIsLowerBound).toBe(true);
    expect(r.hits.length).toBeGreaterThan(0);
    const ids = r.hits.map((h) => h.id);
    // Expected 2,000 matches for 50 candidates: a sixteenth of the corpus (about 125) is enough.
    expect(await inBucket(16, ids)).toBe(ids.length);
    expect(r.facets.state.reduce((n, f) => n + f.count, 0)).toBe(r.total);
  });

  it('when a common word meets a rare one, then the query is not sampled and finds every match', async () => {
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'Beteiligung Zaunkönig', audience: 'member' }); });
    expect(samples).toEqual([null, null]);
    expect(r.hits.map((h) => h.id).sort()).toEqual(['reply:1', 'reply:2', 'reply:3', 'reply:4', 'reply:5']);
    expect(r.total).toBe(5);
    expect(r.totalIsLowerBound).toBe(false);
  });

  it('when a word is in most documents and another is rare, then GIN is asked only for the rare one; when none is rare, for all; the rows hold every word either way', async () => {
    expect(commonGroupsLeftOut(['beteiligung@1', 'zaunkonig@1'], [2000, 5], 2000)).toEqual(['zaunkonig@1']);
    expect(commonGroupsLeftOut(['beteiligung@1', 'bericht@1', 'zaunkonig@1'], [2000, 1900, 100], 2000)).toEqual(['zaunkonig@1']);
    // The rarest itself common (more than 5 %): checking the others on its every row could read most of
    // the index (two common words that never meet took seconds at a million documents); GIN intersects.
    expect(commonGroupsLeftOut(['beteiligung@1', 'bericht@1'], [2000, 1900], 2000)).toBeNull();
    expect(commonGroupsLeftOut(['beteiligung@1', 'radverkehr@1'], [2000, 667], 2000)).toBeNull();
    expect(commonGroupsLeftOut(['radwege@1', 'zaunkonig@1'], [900, 5], 2000)).toBeNull();
    expect(commonGroupsLeftOut(['beteiligung@1'], [2000], 2000)).toBeNull();
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const sqls = (await statementsDuring(pg, async () => { r = await pg.engine.search({ q: 'Beteiligung Radverkehr', audience: 'member', perPage: 50 }); })).map((x) => x.sql);
    // Radverkehr is in a third of the documents: not rare, so GIN is asked for both words.
    expect(sqls.some((x) => /d\.tsv @@ \(SELECT /.test(x))).toBe(true);
    expect(sqls.some((x) => /ts_match_vq\(d\.tsv, \(SELECT tq FROM q\)\)/.test(x))).toBe(false);
    // Every third document mentions the Radverkehr (667), all of them the Beteiligung: 50 body candidates
    // (no title holds the words), every one holding both words.
    expect(r.total).toBe(50);
    expect(r.totalIsLowerBound).toBe(true);
    const ids = r.hits.map((h) => h.id);
    const [{ n }] = await pg.ds.query(`SELECT count(*)::int AS n FROM ${pg.tables}_docs WHERE id = ANY($1) AND body LIKE '%Radverkehr%' AND body LIKE '%Beteiligung%'`, [ids]);
    expect(n).toBe(50);
  });

  it('when the estimate is far too high, then the sample comes back nearly empty and the search widens until it finds every match', async () => {
    // The lexicon says 1,500 documents mention the Kiebitz; three still do.
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'Kiebitz', audience: 'member' }); });
    // Body candidates: a 16th first (nearly empty), then everything; titles: never sampled (no match expected).
    expect(samples).toContain(`'sample 16:0'`);
    expect(samples.filter((x) => x === null).length).toBeGreaterThanOrEqual(1);
    expect(r.hits.map((h) => h.id).sort()).toEqual(['reply:1', 'reply:2', 'reply:3']);
    expect(r.total).toBe(3);
    expect(r.totalIsLowerBound).toBe(false);
  });

  it('when a filter keeps few of a broad query\'s matches, then the search widens until it has them all', async () => {
    const r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', filters: { state: ['HB'] }, perPage: 50 });
    expect(r.total).toBe(40);
    expect(r.totalIsLowerBound).toBe(false);
    expect(r.facets.state).toEqual([{ value: 'HB', count: 40 }]);
  });

  it('when the statistics show a filter keeps few documents, then a broad query with it is not sampled; a filter keeping half still is', async () => {
    // ANALYZE (beforeAll) saw every row: HB in 40 of 2,000 documents, BY and NW in about half each.
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const selective = await statementsDuring(pg, async () => { r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', filters: { state: ['HB'] }, perPage: 50 }); });
    // 2,000 matches × 2 % = 40 expected, under sampleAbove: one statement over every match (the old
    // guess, a quarter, sampled a bucket that came back short and ran the search again).
    const searches = selective.filter((x) => /d\.tsv @@ \(SELECT /.test(x.sql));
    expect(searches).toHaveLength(1);
    expect(await samplesDuring(pg, () => pg.engine.search({ q: 'Beteiligung', audience: 'member', filters: { state: ['HB'] }, perPage: 50 }))).toEqual([null, null]);
    expect(r.total).toBe(40);
    expect(r.totalIsLowerBound).toBe(false);
    // BY: about 980 of 2,000 expected; 50 candidates come from a bucket.
    const broad = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', filters: { state: ['BY'] }, perPage: 50 }); });
    expect(broad.filter((x) => x !== null).length).toBeGreaterThan(0);
    expect(r.facets.state).toEqual([{ value: 'BY', count: r.total }]);
  });

  it('when several words are searched, then the rarest counts in full and each further one with the square root of its share', () => {
    expect(wordShare([100], 1000)).toBeCloseTo(0.1, 10);
    expect(wordShare([400, 100], 1000)).toBeCloseTo(0.1 * Math.sqrt(0.4), 10);
    expect(wordShare([900, 100, 400], 1000)).toBeCloseTo(0.1 * Math.sqrt(0.4) * Math.sqrt(0.9), 10);
    // A word counted in more documents than the estimate holds (a stale count) keeps everything.
    expect(wordShare([5000, 100], 1000)).toBeCloseTo(0.1, 10);
  });

  it('when the planner\'s statistics describe a column, then a value\'s share is its frequency, an unlisted value\'s the planner\'s reckoning, and no element statistics mean unknown', () => {
    const scalar = valueShares({ null_frac: 0.1, n_distinct: 5, reltuples: 1000, vals: ['BY', 'NW'], freqs: [0.5, 0.2], elems: null, elem_freqs: null }, false);
    expect(scalar('BY')).toBe(0.5);
    // 0.9 filled − 0.7 listed, over the 3 unlisted distinct values.
    expect(scalar('HB')).toBeCloseTo(0.2 / 3, 10);
    // A negative n_distinct is a share of the rows: −0.01 of 1,000 = 10 values.
    expect(valueShares({ null_frac: 0, n_distinct: -0.01, reltuples: 1000, vals: ['a'], freqs: [0.55], elems: null, elem_freqs: null }, false)('b')).toBeCloseTo(0.05, 10);
    // Array columns: element frequencies (then min, max, null share), of the filled rows; unlisted: half the least.
    const array = valueShares({ null_frac: 0.5, n_distinct: 0, reltuples: 1000, vals: null, freqs: null, elems: ['finance', 'mobility'], elem_freqs: [0.4, 0.1, 0.1, 0.4, 0] }, true);
    expect(array('finance')).toBeCloseTo(0.2, 10);
    expect(array('housing')).toBeCloseTo(0.025, 10);
    expect(valueShares({ null_frac: 0, n_distinct: 3, reltuples: 1000, vals: ['{a}'], freqs: [0.9], elems: null, elem_freqs: null }, true)('a')).toBeNull();
  });

  it('when a filter value holds quotes, colons or backslashes, then it filters like any other', async () => {
    const odd = `Gemeinde "Am See": O'Neil \\ Süd`;
    await pg.engine.index([doc({ id: 'use_case:9001', title: 'Seeufer Beteiligung', administration: odd, version: 3 })]);
    const r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', filters: { administration: [odd] } });
    expect(r.hits.map((h) => h.id)).toEqual(['use_case:9001']);
    expect(r.facets.administration).toEqual([{ value: odd, count: 1 }]);
  });

  it('when title matches fill the page, then it is the page the full merge of candidates gives', async () => {
    const early = await pg.engine.search({ q: 'Radwege', audience: 'member', perPage: 10 });
    // 25 per page is more than the 20 title candidates: that page waits for every candidate.
    const merged = await pg.engine.search({ q: 'Radwege', audience: 'member', perPage: 25 });
    expect(early.hits).toHaveLength(10);
    expect(early.hits.map((h) => h.id)).toEqual(merged.hits.slice(0, 10).map((h) => h.id));
    for (const h of early.hits) expect(h.titleHtml).toContain('<mark>Radwege</mark>');
  });

  it('when a common prefix is typed, then eight titles are suggested', async () => {
    const s = await pg.engine.suggest('Radw', 'member');
    expect(s).toHaveLength(8);
    for (const x of s) expect(x.title).toMatch(/Radwege/);
  });

  it('when a broad word is in few titles, none of them in the bucket, then the title candidates come from every match and rank first', async () => {
    // Ids whose bucket byte (first byte of md5) lies outside every sample bucket's 0 (≥ 64).
    const outside = Array.from({ length: 200 }, (_, i) => `reply:${90_001 + i}`)
      .filter((id) => createHash('md5').update(id).digest()[0]! >= 64).slice(0, 3);
    await pg.engine.index(outside.map((id, i) => doc({ id, version: 5, title: `Beteiligung im Titel ${i}`, body: 'Die Beteiligung war gut.' })));
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'Beteiligung', audience: 'member', perPage: 10 }); });
    // One statement: the title candidates asked a bucket first (and fell back inside it), the body a bucket.
    expect(samples).toHaveLength(2);
    expect(samples.every((x) => x !== null)).toBe(true);
    expect(r.hits.slice(0, 3).map((h) => h.id).sort()).toEqual([...outside].sort());
    expect(r.totalIsLowerBound).toBe(true);
  });
});

describe('search sampling (PostgreSQL engine): words of two languages', () => {
  const pg = usePostgresEngine('search_smp_lang_', { options: { titleCandidates: 20, candidates: 50, sampleAbove: 100 } });

  beforeAll(async () => {
    // 1,000 German documents about the Beteiligung, 1,000 English ones about participation: taken as
    // independent, the two words would meet in a quarter of the documents (500, a sample bucket's worth).
    const docs = Array.from({ length: 2000 }, (_, i) => i % 2
      ? doc({ id: `reply:${i + 1}`, title: `Bericht ${i + 1}`, body: 'Die Beteiligung der Bürgerinnen war gut.' })
      : doc({ id: `reply:${i + 1}`, title: `Report ${i + 1}`, body: `Public participation went well.${i < 40 ? ' The workshop helped.' : ''}`, language: 'en' }));
    for (let i = 0; i < docs.length; i += 500) await pg.engine.index(docs.slice(i, i + 500));
    await pg.ds.query(`ANALYZE ${pg.tables}_docs`);
  });

  it('when the groups share no document language, then none is shared; an untagged spelling may match in any', () => {
    expect(sharedLanguages(['participation@2', 'beteiligung@1'], 3)).toBe(0);
    expect(sharedLanguages(['participation@2', 'beteiligung@1|beteilgung'], 3)).toBe(2);
    expect(sharedLanguages(['participation@3', 'beteiligung@1'], 3)).toBe(1);
    expect(sharedLanguages(['a+b@1|ab@2', 'beteiligung@1'], 3)).toBe(1);
    expect(sharedLanguages(['beteiligung@1'], 7)).toBe(1);
  });

  it('when an English-only and a German-only word are searched together, then one statement searches every match at once and finds none', async () => {
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'participation Beteiligung', audience: 'member' }); });
    // Title and body candidates of one statement, neither from a sample bucket (before: a quarter's
    // bucket, empty, then a second statement over everything).
    expect(samples).toEqual([null, null]);
    expect(r.total).toBe(0);
    expect(r.totalIsLowerBound).toBe(false);
  });

  it('when a rare English word meets a common German one, then GIN is asked for both instead of checking the German word on every English row', async () => {
    // Taken as independent, the German word (in half of the documents) would be left to a row check.
    expect(commonGroupsLeftOut(['workshop@2', 'beteiligung@1'], [20, 1000], 2000)).toEqual(['workshop@2']);
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const sqls = (await statementsDuring(pg, async () => { r = await pg.engine.search({ q: 'workshop Beteiligung', audience: 'member' }); })).map((x) => x.sql);
    expect(sqls.some((x) => /d\.tsv @@ \(SELECT tq/.test(x))).toBe(true);
    expect(sqls.some((x) => /ts_match_vq\(d\.tsv, \(SELECT tq FROM q\)\)/.test(x))).toBe(false);
    expect(r.total).toBe(0);
  });

  it('when an English word shares its stem with a German one, then they are not taken for words apart: the search samples and finds the German documents', async () => {
    // "methods" only in English documents, "Methode" in German ones: both stem to `method`.
    const docs = [
      ...Array.from({ length: 1000 }, (_, i) => doc({ id: `reply:${5001 + i}`, title: `Notes ${i}`, body: 'The methods worked.', language: 'en' })),
      ...Array.from({ length: 1000 }, (_, i) => doc({ id: `reply:${7001 + i}`, title: `Werkstatt ${i}`, body: 'Die Methode der Beteiligung war gut.' })),
    ];
    for (let i = 0; i < docs.length; i += 500) await pg.engine.index(docs.slice(i, i + 500));
    await pg.ds.query(`ANALYZE ${pg.tables}_docs`);
    const [{ langs }] = await pg.ds.query(`SELECT langs FROM ${pg.tables}_lex WHERE word = 'methods'`);
    expect(langs).toBe(LANG_EN);
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'methods Beteiligung', audience: 'member' }); });
    // A quarter of 4,000 documents says "methods", half "Beteiligung": some 700 matches expected, so
    // the candidates come from a bucket (taken for words apart, both statements searched every match).
    expect(samples.some((x) => x !== null)).toBe(true);
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => Number(h.id.slice('reply:'.length)) > 7000)).toBe(true);
    // Words that are apart by their stems too stay apart.
    expect(await samplesDuring(pg, () => pg.engine.search({ q: 'participation Beteiligung', audience: 'member' }))).toEqual([null, null]);
  });

  it('when only one part of a compound shares its stem with a word of the other language, then the words stay apart', async () => {
    // "Bürgerbeteiligung" is also searched as its parts, Bürger + Beteiligung (both German words of
    // the texts); German "Bürger" stems to `burg`, as does the English place name "Burg". Both parts
    // must be in a document, so the compound is no more English than "Beteiligung" is.
    // 600 German documents with both (an estimate worth a sample bucket, were the words not apart).
    const docs = [
      ...Array.from({ length: 600 }, (_, i) => doc({ id: `reply:${10001 + i}`, title: `Rat ${i}`, body: 'Die Bürger sprachen über Bürgerbeteiligung.' })),
      ...Array.from({ length: 10 }, (_, i) => doc({ id: `reply:${9201 + i}`, title: `Castle ${i}`, body: 'The castle of Burg.', language: 'en' })),
    ];
    for (let i = 0; i < docs.length; i += 500) await pg.engine.index(docs.slice(i, i + 500));
    const [{ langs }] = await pg.ds.query(`SELECT langs FROM ${pg.tables}_lex WHERE word = 'burg'`);
    expect(langs).toBe(LANG_EN);
    let r!: Awaited<ReturnType<typeof pg.engine.search>>;
    const samples = await samplesDuring(pg, async () => { r = await pg.engine.search({ q: 'participation Bürgerbeteiligung', audience: 'member' }); });
    // Apart: one statement over every match (when the English stem of one part was enough, a
    // quarter's bucket came back empty first, then every match was searched).
    expect(samples).toEqual([null, null]);
    expect(r.total).toBe(0);
  });

  it('when a German document also speaks of participation, then the search finds it', async () => {
    await pg.engine.index([doc({ id: 'reply:9001', title: 'Gemischt', body: 'Die Beteiligung, englisch participation, war gut.' })]);
    const r = await pg.engine.search({ q: 'participation Beteiligung', audience: 'member' });
    expect(r.hits.map((h) => h.id)).toEqual(['reply:9001']);
    expect(r.total).toBe(1);
  });
});
