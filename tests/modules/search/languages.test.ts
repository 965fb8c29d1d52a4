// Content languages beyond German and English (issue 18): with CONTENT_LANGUAGES=de,en,tr,pl the
// PostgreSQL engine stems a Turkish document with Turkish rules (praxis_tr), indexes a Polish one
// without stemming (praxis_simple: PostgreSQL has no Polish stemmer) instead of with German rules,
// stems the queries in every content language, and leaves German and English as they were.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '../../../src/db/data-source.js';
import { entities } from '../../../src/composition.js';
import { LANG_DE, LANG_OTHER, PostgresSearchEngine } from '../../../src/modules/search/postgres.engine.js';
import { migrateOnce, testConfig } from '../../support/app.js';
import { uniq } from '../../support/factories.js';
import { doc } from '../../support/search-factories.js';

const config = testConfig({ CONTENT_LANGUAGES: 'de,en,tr,pl' });

const corpus = [
  doc({ id: 'guide_chapter:801', title: 'Katılımcı bütçe', body: 'Her belediye vatandaşlarına bir bütçe ayırır.', language: 'tr' }),
  // "kurs" (a course) and "kur" (of hens): German rules would make both 'kur' (a German "s" ending).
  doc({ id: 'guide_chapter:802', title: 'Kurs dla radnych', body: 'Szkolenie o budżecie obywatelskim.', language: 'pl' }),
  doc({ id: 'guide_chapter:803', title: 'Hodowla kur', body: 'Kurnik przy szkole.', language: 'pl' }),
  doc({ id: 'guide_chapter:804', title: 'Bürgerhaushalt planen', body: 'Die Verwaltung sammelt Vorschläge.', language: 'de' }),
  doc({ id: 'guide_chapter:805', title: 'Planning participatory budgets', body: 'Councils collect proposals.', language: 'en' }),
];

describe('search in content languages beyond German and English (PostgreSQL engine)', () => {
  const ds = createDataSource(config.DATABASE_URL!, { entities, poolMax: 4 });
  const tables = uniq('search_lang_t_');
  let engine: PostgresSearchEngine;
  const ids = async (q: string, e = engine, filters?: { language: string[] }) => (await e.search({ q, audience: 'member', filters })).hits.map((h) => h.id).sort();

  beforeAll(async () => {
    await ds.initialize();
    await migrateOnce(ds);
    engine = new PostgresSearchEngine(ds, { documents: `${tables}_docs`, lexicon: `${tables}_lex`, languages: config.CONTENT_LANGUAGES });
    await engine.setup();
    await engine.index(corpus);
  });
  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${tables}_docs`);
    await ds.query(`DROP TABLE IF EXISTS ${tables}_lex`);
    await ds.destroy();
  });

  it('when the languages are configured, then Turkish has its own Snowball configuration and Polish the unstemmed one; German and English keep theirs', async () => {
    const [row] = (await ds.query(
      `SELECT praxis_ts_config('tr')::text AS tr, praxis_ts_config('pl')::text AS pl, praxis_ts_config('de')::text AS de,
              praxis_ts_config('en')::text AS en, praxis_ts_config('fr')::text AS fr`,
    )) as Record<string, string>[];
    expect(row).toEqual({ tr: 'praxis_tr', pl: 'praxis_simple', de: 'praxis_de', en: 'praxis_en', fr: 'praxis_fr' });
    // Turkish is stemmed (with unaccent, like German); Polish is only folded, where German would cut "-s".
    const [stems] = (await ds.query(
      `SELECT to_tsvector('praxis_tr', 'belediyelerin')::text AS tr, to_tsvector('praxis_simple', 'Kurs dla radnych')::text AS pl,
              to_tsvector('praxis_de', 'Kurs')::text AS de`,
    )) as Record<string, string>[];
    expect(stems).toEqual({ tr: "'belediye':1", pl: "'dla':2 'kurs':1 'radnych':3", de: "'kur':1" });
  });

  it('when a document is indexed, then it keeps its language and its words are stemmed with that language\'s configuration', async () => {
    const rows = (await ds.query(`SELECT id, language, tsv::text AS tsv FROM ${tables}_docs WHERE id = ANY($1) ORDER BY id`,
      [['guide_chapter:801', 'guide_chapter:802']])) as { id: string; language: string; tsv: string }[];
    expect(rows.map((r) => r.language)).toEqual(['tr', 'pl']);
    expect(rows[0]!.tsv).toContain("'belediye':");
    expect(rows[1]!.tsv).toContain("'kurs':");
    expect(rows[1]!.tsv).not.toContain("'kur':");
    const lex = (await ds.query(`SELECT word, langs FROM ${tables}_lex WHERE word = ANY($1) ORDER BY word`, [['belediye', 'kurs', 'verwaltung']])) as
      { word: string; langs: number }[];
    expect(lex).toEqual([{ word: 'belediye', langs: LANG_OTHER }, { word: 'kurs', langs: LANG_OTHER }, { word: 'verwaltung', langs: LANG_DE }]);
  });

  it('when a Turkish reader searches an inflected form, then the Turkish document is found by its stem; a German-only engine does not find it', async () => {
    expect(await ids('belediyelerin')).toEqual(['guide_chapter:801']);
    const result = await engine.search({ q: 'belediyelerin', audience: 'member' });
    expect(result.hits[0]).toMatchObject({ language: 'tr' });
    expect(result.hits[0]!.excerptHtml).toContain('<mark>belediye</mark>');
    expect(result.facets.language).toEqual([{ value: 'tr', count: 1 }]);
    // The same tables searched with only German and English: the query is not stemmed in Turkish.
    const deEn = new PostgresSearchEngine(ds, { documents: `${tables}_docs`, lexicon: `${tables}_lex`, languages: ['de', 'en'] });
    expect(await ids('belediyelerin', deEn)).toEqual([]);
  });

  it('when a Polish word is searched, then exactly that word is found, not what German stemming would conflate it with', async () => {
    expect(await ids('kurs')).toEqual(['guide_chapter:802']);
    expect(await ids('kur')).toEqual(['guide_chapter:803']);
    expect(await ids('Kurs', engine, { language: ['pl'] })).toEqual(['guide_chapter:802']);
  });

  it('when a Turkish word is mistyped, then the lexicon corrects it like a German one', async () => {
    const result = await engine.search({ q: 'vatandaslarina', audience: 'member' });
    expect(result.hits.map((h) => h.id)).toEqual(['guide_chapter:801']);
    const typo = await engine.search({ q: 'vatandaşlarona', audience: 'member' });
    expect(typo.corrections).toEqual([{ from: 'vatandaşlarona', to: 'vatandaşlarına' }]);
    expect(typo.hits.map((h) => h.id)).toEqual(['guide_chapter:801']);
  });

  it('when German and English are searched beside the other languages, then their stemming is unchanged', async () => {
    expect(await ids('Bürgerhaushalte')).toEqual(['guide_chapter:804']);
    expect(await ids('Vorschlag')).toEqual(['guide_chapter:804']);
    expect(await ids('proposal')).toEqual(['guide_chapter:805']);
    expect(await ids('budget')).toEqual(['guide_chapter:805']);
  });
});
