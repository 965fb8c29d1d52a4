// The reader's language first (every available engine: PostgreSQL always, Meilisearch with MEILI_URL).
import { describe, expect, it } from '@jest/globals';
import { doc, enginesUnderTest, useEngineUnderTest } from '../../support/search-factories.js';

const corpus = [
  doc({ id: 'guide_chapter:901', title: 'Bürgerhaushalt planen: Ziele', body: 'Der Bürgerhaushalt braucht klare Ziele und Regeln.', language: 'de', updatedAt: '2026-03-01T00:00:00.000Z' }),
  doc({ id: 'guide_chapter:902', title: 'Planning a Bürgerhaushalt: goals', body: 'A Bürgerhaushalt needs clear goals and rules.', language: 'en', updatedAt: '2026-01-01T00:00:00.000Z' }),
];

for (const under of enginesUnderTest()) describe(`search in the reader's language first: ${under.name}`, () => {
  const sut = useEngineUnderTest(under, corpus);

  it('when an English reader searches, then the English chapter comes first; a German reader gets the German one first; both are found, with a language facet', async () => {
    const en = await sut.engine.search({ q: 'Bürgerhaushalt', audience: 'member', preferLanguage: 'en' });
    expect(en.hits.map((h) => h.id)).toEqual(['guide_chapter:902', 'guide_chapter:901']);
    const de = await sut.engine.search({ q: 'Bürgerhaushalt', audience: 'member', preferLanguage: 'de' });
    expect(de.hits.map((h) => h.id)).toEqual(['guide_chapter:901', 'guide_chapter:902']);
    expect(en.facets.language.map((f) => f.value).sort()).toEqual(['de', 'en']);
    const onlyEn = await sut.engine.search({ q: 'Bürgerhaushalt', audience: 'member', filters: { language: ['en'] } });
    expect(onlyEn.hits.map((h) => h.id)).toEqual(['guide_chapter:902']);
  });
});
