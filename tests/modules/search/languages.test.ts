// Content languages beyond German and English (issue 18): with CONTENT_LANGUAGES=de,en,tr,pl the
// PostgreSQL engine stems a Turkish document with Turkish rules (praxis_tr), indexes a Polish one
// without stemming (praxis_simple: PostgreSQL has no Polish stemmer) instead of with German rules,
// stems the queries in every content language, and leaves German and English as they were.
import { randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { syncGuides } from '../../../src/modules/guides/guides.content.js';
import { guideChapterDocuments } from '../../../src/modules/guides/guides.search.js';
import { searchEngine } from '../../../src/modules/search/index.js';
import { LANG_DE, LANG_OTHER } from '../../../src/modules/search/postgres.engine.js';
import { Browser } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { chapterMd, contentRoot, guideMd, removeContentRoots } from '../../support/guides-factories.js';
import { doc, usePostgresEngine } from '../../support/search-factories.js';

const corpus = [
  // Turkish Snowball (PostgreSQL 18) stems the inflected forms "belediyeler", "belediyelerin", … to
  // 'belediye' but the bare "belediye" to 'beledi', so the document has an inflected form.
  doc({ id: 'guide_chapter:801', title: 'Katılımcı bütçe', body: 'Belediyeler vatandaşlarına bir bütçe ayırır.', language: 'tr' }),
  // "kurs" (a course) and "kur" (of hens): German rules would make both 'kur' (a German "s" ending).
  doc({ id: 'guide_chapter:802', title: 'Kurs dla radnych', body: 'Szkolenie o budżecie obywatelskim.', language: 'pl' }),
  doc({ id: 'guide_chapter:803', title: 'Hodowla kur', body: 'Kurnik przy szkole.', language: 'pl' }),
  doc({ id: 'guide_chapter:804', title: 'Bürgerhaushalt planen', body: 'Die Verwaltung sammelt Vorschläge.', language: 'de' }),
  doc({ id: 'guide_chapter:805', title: 'Planning participatory budgets', body: 'Councils collect proposals.', language: 'en' }),
];

describe('search in content languages beyond German and English (PostgreSQL engine)', () => {
  afterAll(removeContentRoots);
  const pg = usePostgresEngine('search_lang_t_', {
    app: { CONTENT_LANGUAGES: 'de,en,tr,pl' },
    options: (ctx) => ({ languages: ctx.config.CONTENT_LANGUAGES }),
    documents: corpus,
  });
  const { t } = pg;
  const ids = async (q: string, e = pg.engine, filters?: { language: string[] }) => (await e.search({ q, audience: 'member', filters })).hits.map((h) => h.id).sort();

  it('when the languages are configured, then Turkish has its own Snowball configuration and Polish the unstemmed one; German and English keep theirs', async () => {
    const [row] = (await pg.ds.query(
      `SELECT praxis_ts_config('tr')::text AS tr, praxis_ts_config('pl')::text AS pl, praxis_ts_config('de')::text AS de,
              praxis_ts_config('en')::text AS en, praxis_ts_config('fr')::text AS fr`,
    )) as Record<string, string>[];
    expect(row).toEqual({ tr: 'praxis_tr', pl: 'praxis_simple', de: 'praxis_de', en: 'praxis_en', fr: 'praxis_fr' });
    // Turkish is stemmed (with unaccent, like German); Polish is only folded, where German would cut "-s".
    const [stems] = (await pg.ds.query(
      `SELECT to_tsvector('praxis_tr', 'belediyelerin')::text AS tr, to_tsvector('praxis_simple', 'Kurs dla radnych')::text AS pl,
              to_tsvector('praxis_de', 'Kurs')::text AS de`,
    )) as Record<string, string>[];
    expect(stems).toEqual({ tr: "'belediye':1", pl: "'dla':2 'kurs':1 'radnych':3", de: "'kur':1" });
  });

  it('when a document is indexed, then it keeps its language and its words are stemmed with that language\'s configuration', async () => {
    const rows = (await pg.ds.query(`SELECT id, language, tsv::text AS tsv FROM ${pg.tables}_docs WHERE id = ANY($1) ORDER BY id`,
      [['guide_chapter:801', 'guide_chapter:802']])) as { id: string; language: string; tsv: string }[];
    expect(rows.map((r) => r.language)).toEqual(['tr', 'pl']);
    expect(rows[0]!.tsv).toContain("'belediye':");
    expect(rows[1]!.tsv).toContain("'kurs':");
    expect(rows[1]!.tsv).not.toContain("'kur':");
    const lex = (await pg.ds.query(`SELECT word, langs FROM ${pg.tables}_lex WHERE word = ANY($1) ORDER BY word`, [['belediyeler', 'kurs', 'verwaltung']])) as
      { word: string; langs: number }[];
    expect(lex).toEqual([{ word: 'belediyeler', langs: LANG_OTHER }, { word: 'kurs', langs: LANG_OTHER }, { word: 'verwaltung', langs: LANG_DE }]);
  });

  it('when a Turkish reader searches an inflected form, then the Turkish document is found by its stem; a German-only engine does not find it', async () => {
    expect(await ids('belediyelerin')).toEqual(['guide_chapter:801']);
    const result = await pg.engine.search({ q: 'belediyelerin', audience: 'member' });
    expect(result.hits[0]).toMatchObject({ language: 'tr' });
    expect(result.hits[0]!.excerptHtml).toContain('<mark>Belediyeler</mark>');
    expect(result.facets.language).toEqual([{ value: 'tr', count: 1 }]);
    // The same tables searched with only German and English: the query is not stemmed in Turkish.
    const deEn = pg.sameTables({ languages: ['de', 'en'] });
    expect(await ids('belediyelerin', deEn)).toEqual([]);
  });

  it('when a Polish word is searched, then exactly that word is found, not what German stemming would conflate it with', async () => {
    expect(await ids('kurs')).toEqual(['guide_chapter:802']);
    expect(await ids('kur')).toEqual(['guide_chapter:803']);
    expect(await ids('Kurs', pg.engine, { language: ['pl'] })).toEqual(['guide_chapter:802']);
  });

  it('when a Turkish word is mistyped, then the lexicon corrects it like a German one', async () => {
    const result = await pg.engine.search({ q: 'vatandaslarina', audience: 'member' });
    expect(result.hits.map((h) => h.id)).toEqual(['guide_chapter:801']);
    const typo = await pg.engine.search({ q: 'vatandaşlarona', audience: 'member' });
    expect(typo.corrections).toEqual([{ from: 'vatandaşlarona', to: 'vatandaşlarına' }]);
    expect(typo.hits.map((h) => h.id)).toEqual(['guide_chapter:801']);
  });

  it('when German and English are searched beside the other languages, then their stemming is unchanged', async () => {
    expect(await ids('Bürgerhaushalte')).toEqual(['guide_chapter:804']);
    expect(await ids('Vorschlag')).toEqual(['guide_chapter:804']);
    expect(await ids('proposal')).toEqual(['guide_chapter:805']);
    expect(await ids('budget')).toEqual(['guide_chapter:805']);
  });

  it('when a guide has a Polish translation in its files, then its chapter is indexed as Polish and found on the search page, marked lang="pl"', async () => {
    const owner = await createUser(pg.ds);
    const slug = uniq('g-');
    // A made-up Polish-looking word no other test uses.
    const w = `szkol${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
    const root = contentRoot({ [slug]: {
      'guide.md': guideMd({ owner: owner.handle }),
      'guide.pl.md': '---\ntitle: Przewodnik testowy\nsummary: O czym jest.\n---\n',
      '01-ziele.md': chapterMd('Ziele', 'Erstes Kapitel.'),
      '01-ziele.pl.md': `---\ntitle: Cele\nslug: cele\n---\n\nPierwszy rozdział o ${w}.\n`,
    } });
    expect(await syncGuides(t.ctx, { publish: true }, root)).toMatchObject({ created: [slug, `${slug}-pl`], errors: [] });
    const chapterIds = (await pg.ds.query(
      `SELECT c.id FROM guide_chapters c JOIN guides g ON g.id = c.guide_id WHERE g.slug = $1`, [`${slug}-pl`])).map((r: { id: number }) => r.id);
    const docs = await guideChapterDocuments(pg.ds.manager, chapterIds);
    expect(docs.map((d) => [d.language, d.url])).toEqual([['pl', `/guides/${slug}/ziele?lang=pl`]]);

    await searchEngine(t.ctx).index(docs.map((d) => ({ ...d, version: 1 })));
    const res = await new Browser(t.app).get(`/search?q=${w}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<h3 class="kern-heading-small search-hit__title" lang="pl">/);
    expect(res.text).toContain('Polnisch');
  });
});
