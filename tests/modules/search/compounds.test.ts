// Compounds and hyphenated words on the PostgreSQL engine: "Vorabstimmung" finds "Vorab-Abstimmung"
// and the other way round (Meilisearch: see meili-settings.test.ts).
import { describe, expect, it } from '@jest/globals';
import { compoundSplits, joinedForms, queryTerms } from '../../../src/modules/search/search.text.js';
import { doc, enginesUnderTest, useEngineUnderTest } from '../../support/search-factories.js';

const corpus = [
  doc({ id: 'use_case:1', title: 'Vorab-Abstimmung im Stadtrat', body: 'Eine Vorab-Abstimmung klärt die Richtung.' }),
  doc({ id: 'use_case:2', title: 'Vorabstimmung über den Haushalt', body: 'Die Vorabstimmung fand online statt.' }),
  doc({ id: 'thread:3', title: 'Bürger-Haushalt in Kleinstadt', body: 'Wie beginnt man einen Bürger-Haushalt?' }),
  doc({ id: 'guide_chapter:4', title: 'Bürgerhaushalt planen', body: 'Ein Bürgerhaushalt braucht Zeit.' }),
  doc({ id: 'guide_chapter:5', title: 'Abstimmung und Stimmung', body: 'Vorab: eine Abstimmung über die Stimmung im Rat.' }),
  doc({ id: 'course:6', title: 'Stimmzettel', body: 'Nichts davon.' }),
];

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

describe('query terms, splits and joined forms', () => {
  it('keeps a hyphenated word together as its parts', () => {
    expect(queryTerms('Vorab-Abstimmung im Rat')).toEqual([['vorab', 'abstimmung'], ['im'], ['rat']]);
  });
  it('offers the front and head pairs of a compound, overlapping by up to three letters', () => {
    const pairs = compoundSplits('vorabstimmung');
    expect(pairs).toContainEqual(['vor', 'abstimmung']);
    expect(pairs).toContainEqual(['vorab', 'abstimmung']);
    expect(pairs).toContainEqual(['vorab', 'stimmung']);
    expect(compoundSplits('rathaus')).toEqual([['rat', 'haus'], ['rath', 'haus'], ['ratha', 'haus'], ['rathau', 'haus']]);
    expect(compoundSplits('kurz')).toEqual([]);
  });
  it('joins hyphenated parts, also over the letters where they overlap', () => {
    expect(joinedForms(['vorab', 'abstimmung'])).toEqual(['vorababstimmung', 'vorabstimmung']);
    expect(joinedForms(['burger', 'haushalt'])).toEqual(['burgerhaushalt']);
  });
});

const postgres = enginesUnderTest().find((e) => e.name === 'postgres')!;

describe('search: compounds and hyphenated words (PostgreSQL)', () => {
  const sut = useEngineUnderTest(postgres, corpus);

  it('when "Vorabstimmung" is searched, then "Vorab-Abstimmung" is found too, and not the text with the words apart', async () => {
    const r = await sut.engine.search({ q: 'Vorabstimmung', audience: 'member' });
    expect(ids(r)).toEqual(['use_case:1', 'use_case:2']);
    expect(r.corrections).toEqual([]);
  });

  it('when "Vorab-Abstimmung" is searched, then "Vorabstimmung" is found too', async () => {
    const r = await sut.engine.search({ q: 'Vorab-Abstimmung', audience: 'member' });
    expect(ids(r)).toEqual(['use_case:1', 'use_case:2']);
  });

  it('when "Bürgerhaushalt" or "Bürger-Haushalt" is searched, then both spellings are found', async () => {
    expect(ids(await sut.engine.search({ q: 'Bürgerhaushalt', audience: 'member' }))).toEqual(['guide_chapter:4', 'thread:3']);
    expect(ids(await sut.engine.search({ q: 'Bürger-Haushalt', audience: 'member' }))).toEqual(['guide_chapter:4', 'thread:3']);
  });

  it('when a compound is found through its parts, then they are highlighted', async () => {
    const r = await sut.engine.search({ q: 'Vorabstimmung', audience: 'member' });
    expect(r.hits.find((h) => h.id === 'use_case:1')!.titleHtml).toMatch(/<mark>Vorab<\/mark>-<mark>Abstimmung<\/mark>|<mark>Vorab-Abstimmung<\/mark>/);
  });
});

// Meilisearch (only when MEILI_URL is set): a compound typed whole finds the hyphenated spelling
// through the `compounds` attribute; a hyphenated query finds the plain join by Meilisearch's own
// concatenation of query words.
for (const meili of enginesUnderTest().filter((e) => e.name === 'meilisearch')) {
  describe('search: compounds and hyphenated words (Meilisearch)', () => {
    const sut = useEngineUnderTest(meili, corpus);

    it('when "Vorabstimmung" is searched, then "Vorab-Abstimmung" is found too', async () => {
      expect(ids(await sut.engine.search({ q: 'Vorabstimmung', audience: 'member' }))).toEqual(expect.arrayContaining(['use_case:1', 'use_case:2']));
    });

    it('when "Bürgerhaushalt" or "Bürger-Haushalt" is searched, then both spellings are found', async () => {
      expect(ids(await sut.engine.search({ q: 'Bürgerhaushalt', audience: 'member' }))).toEqual(expect.arrayContaining(['guide_chapter:4', 'thread:3']));
      expect(ids(await sut.engine.search({ q: 'Bürger-Haushalt', audience: 'member' }))).toEqual(expect.arrayContaining(['guide_chapter:4', 'thread:3']));
    });
  });
}
