// A third content language end to end on every available engine (PostgreSQL always, Meilisearch when
// MEILI_URL is set, skipped with a message otherwise): with CONTENT_LANGUAGES=de,en,pl a Polish
// document is indexed with its language, found by its Polish words, listed under the language facet
// as pl, narrowed by it, suggested while typing, and comes first when Polish is preferred. On Meilisearch
// the index settings read back from the server name Polish among the searched attributes' locales.
import { describe, expect, it } from '@jest/globals';
import { Meilisearch } from 'meilisearch';
import type { MeiliSearchEngine } from '../../../src/modules/search/meili.engine.js';
import { doc, enginesUnderTest, useEngineUnderTest } from '../../support/search-factories.js';

const LANGUAGES = ['de', 'en', 'pl'];

const corpus = [
  doc({ id: 'guide_chapter:1701', title: 'Bürgerhaushalt in Musterstadt', body: 'Die Verwaltung sammelt Vorschläge der Einwohner.', language: 'de' }),
  doc({ id: 'guide_chapter:1702', title: 'Participatory budget in Musterstadt', body: 'The council collects proposals from residents.', language: 'en' }),
  doc({ id: 'guide_chapter:1703', title: 'Budżet obywatelski w Musterstadt', body: 'Urząd zbiera propozycje mieszkańców.', language: 'pl' }),
  doc({ id: 'guide_chapter:1704', title: 'Konsultacje społeczne', body: 'Mieszkańcy oceniają projekty w internecie.', language: 'pl', visibility: 'network' }),
];

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

for (const under of enginesUnderTest({ languages: LANGUAGES })) {
  describe(`search with a third content language (de,en,pl): ${under.name}`, () => {
    const sut = useEngineUnderTest(under, corpus);

    it('when a Polish word is searched, then the Polish document is found, with its language, and nothing else', async () => {
      const r = await sut.engine.search({ q: 'obywatelski', audience: 'member' });
      expect(ids(r)).toEqual(['guide_chapter:1703']);
      expect(r.hits[0]).toMatchObject({ language: 'pl', title: 'Budżet obywatelski w Musterstadt' });
      expect(r.hits[0]!.titleHtml).toContain('<mark>obywatelski</mark>');
      expect(ids(await sut.engine.search({ q: 'mieszkańców', audience: 'member' }))).toEqual(['guide_chapter:1703']);
    });

    it('when a word occurs in all three languages, then the language facet lists pl beside de and en, and filtering by pl keeps only Polish', async () => {
      const r = await sut.engine.search({ q: 'Musterstadt', audience: 'member' });
      expect(ids(r).sort()).toEqual(['guide_chapter:1701', 'guide_chapter:1702', 'guide_chapter:1703']);
      expect([...r.facets.language].sort((a, b) => a.value.localeCompare(b.value))).toEqual([
        { value: 'de', count: 1 }, { value: 'en', count: 1 }, { value: 'pl', count: 1 },
      ]);
      const pl = await sut.engine.search({ q: 'Musterstadt', audience: 'member', filters: { language: ['pl'] } });
      expect(ids(pl)).toEqual(['guide_chapter:1703']);
      expect(pl.total).toBe(1);
    });

    it('when Polish is the preferred language, then the Polish document comes first; with German or English, theirs', async () => {
      const first = async (preferLanguage: string) => ids(await sut.engine.search({ q: 'Musterstadt', audience: 'member', preferLanguage }))[0];
      expect(await first('pl')).toBe('guide_chapter:1703');
      expect(await first('de')).toBe('guide_chapter:1701');
      expect(await first('en')).toBe('guide_chapter:1702');
    });

    it('when a visitor searches Polish words, then network documents stay hidden, in the facet too', async () => {
      const r = await sut.engine.search({ q: 'Mieszkańcy', audience: 'visitor', filters: { language: ['pl'] } });
      expect(ids(r)).not.toContain('guide_chapter:1704');
      const member = await sut.engine.search({ q: 'projekty', audience: 'member' });
      expect(ids(member)).toEqual(['guide_chapter:1704']);
      const visitor = await sut.engine.search({ q: 'projekty', audience: 'visitor' });
      expect(ids(visitor)).toEqual([]);
      expect(visitor.facets.language).toEqual([]);
    });

    it('when the beginning of a Polish title is typed, then it is suggested with its language', async () => {
      const s = await sut.engine.suggest('obywat', 'member');
      expect(s).toEqual([expect.objectContaining({ title: 'Budżet obywatelski w Musterstadt', language: 'pl' })]);
    });

    if (under.name === 'meilisearch') {
      it('when the index is set up, then the server holds Polish among the locales of the searched attributes, and language is filterable', async () => {
        const client = new Meilisearch({ host: process.env.MEILI_URL!, apiKey: process.env.MEILI_MASTER_KEY });
        const settings = await client.index((sut.engine as unknown as MeiliSearchEngine).uid).getSettings();
        // Meilisearch stores a locale as its tokenizer language and may answer with the ISO 639-3 code ("pol" for "pl").
        const iso1: Record<string, string> = { deu: 'de', eng: 'en', pol: 'pl' };
        expect(settings.localizedAttributes?.map((r) => ({ ...r, locales: r.locales.map((l) => iso1[l] ?? l) }))).toEqual([
          { attributePatterns: ['title', 'tags', 'body', 'compounds'], locales: ['de', 'en', 'pl'] },
        ]);
        expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['language']));
      });
    }
  });
}
