// The reader's language first (every available engine: PostgreSQL always, Meilisearch with MEILI_URL).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createDataSource } from '../../../src/db/data-source.js';
import { entities } from '../../../src/composition.js';
import type { SearchEngine } from '../../../src/modules/search/search.engine.js';
import { migrateOnce, testConfig } from '../../support/app.js';
import { doc, enginesUnderTest } from '../../support/search-factories.js';

const corpus = [
  doc({ id: 'guide_chapter:901', title: 'Bürgerhaushalt planen: Ziele', body: 'Der Bürgerhaushalt braucht klare Ziele und Regeln.', language: 'de', updatedAt: '2026-03-01T00:00:00.000Z' }),
  doc({ id: 'guide_chapter:902', title: 'Planning a Bürgerhaushalt: goals', body: 'A Bürgerhaushalt needs clear goals and rules.', language: 'en', updatedAt: '2026-01-01T00:00:00.000Z' }),
];

for (const under of enginesUnderTest()) describe(`search in the reader's language first: ${under.name}`, () => {
  const ds = createDataSource(testConfig().DATABASE_URL!, { entities, poolMax: 4 });
  let engine: SearchEngine & { dispose(): Promise<void> };
  beforeAll(async () => {
    await ds.initialize();
    await migrateOnce(ds);
    engine = await under.make(ds);
    await engine.index(corpus);
  });
  afterAll(async () => {
    await engine?.dispose();
    await ds.destroy();
  });

  it('when an English reader searches, then the English chapter comes first; a German reader gets the German one first; both are found, with a language facet', async () => {
    const en = await engine.search({ q: 'Bürgerhaushalt', audience: 'member', preferLanguage: 'en' });
    expect(en.hits.map((h) => h.id)).toEqual(['guide_chapter:902', 'guide_chapter:901']);
    const de = await engine.search({ q: 'Bürgerhaushalt', audience: 'member', preferLanguage: 'de' });
    expect(de.hits.map((h) => h.id)).toEqual(['guide_chapter:901', 'guide_chapter:902']);
    expect(en.facets.language.map((f) => f.value).sort()).toEqual(['de', 'en']);
    const onlyEn = await engine.search({ q: 'Bürgerhaushalt', audience: 'member', filters: { language: ['en'] } });
    expect(onlyEn.hits.map((h) => h.id)).toEqual(['guide_chapter:902']);
  });
});
