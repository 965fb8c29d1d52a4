// The Meilisearch index settings are built from code and content/search/*.yml (no server needed;
// the engine itself runs in the contract suite when MEILI_URL is set).
import { describe, expect, it } from '@jest/globals';
import { compoundsOf, meiliKey, meiliLocales, meiliQueryLocales, meiliSettings, searchVocabulary } from '../../../src/modules/search/meili.engine.js';

describe('Meilisearch settings', () => {
  it('when settings are built, then facets are filterable, dates sortable and typos allowed from 5 letters', () => {
    const s = meiliSettings();
    expect(s.searchableAttributes).toEqual(['title', 'tags', 'body', 'compounds']);
    expect(s.filterableAttributes).toEqual(expect.arrayContaining(['type', 'topics', 'methods', 'administration', 'state', 'sizeClass', 'language', 'visibility']));
    expect(s.sortableAttributes).toEqual(['updatedTs']);
    expect(s.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5 } });
  });

  it('when content languages are configured, then the searched attributes are localised to those Meilisearch knows', () => {
    // German and English alone (the default): no locales, Meilisearch detects the language as before.
    expect(meiliSettings().localizedAttributes).toEqual([]);
    expect(meiliSettings(['en', 'de']).localizedAttributes).toEqual([]);
    expect(meiliSettings(['de', 'en', 'tr', 'pl']).localizedAttributes).toEqual([
      { attributePatterns: ['title', 'tags', 'body', 'compounds'], locales: ['de', 'en', 'tr', 'pl'] },
    ]);
    // Norwegian is "nb" there; a code it does not know (Luxembourgish) is left out rather than failing the settings.
    expect(meiliLocales(['de', 'no', 'nn', 'lb'])).toEqual(['de', 'nb']);
    expect(meiliSettings(['lb']).localizedAttributes).toEqual([]);
  });

  it('when a third content language is configured (de,en,pl), then the index localises the searched attributes to all three, keeps language filterable, and searches name the languages', () => {
    const s = meiliSettings(['de', 'en', 'pl']);
    expect(s.localizedAttributes).toEqual([{ attributePatterns: ['title', 'tags', 'body', 'compounds'], locales: ['de', 'en', 'pl'] }]);
    // Every searched attribute is covered by the rule (none left to detection).
    expect(s.localizedAttributes![0]!.attributePatterns).toEqual(s.searchableAttributes);
    expect(s.filterableAttributes).toContain('language');
    // A search names every content language, or those of a language filter; with de,en alone none.
    expect(meiliQueryLocales(['de', 'en', 'pl'])).toEqual(['de', 'en', 'pl']);
    expect(meiliQueryLocales(['de', 'en', 'pl'], ['pl'])).toEqual(['pl']);
    expect(meiliQueryLocales(['de', 'en', 'pl'], [])).toEqual(['de', 'en', 'pl']);
    expect(meiliQueryLocales(['de', 'en'])).toBeUndefined();
    expect(meiliQueryLocales(['de', 'en'], ['en'])).toBeUndefined();
    // A language Meilisearch does not know, filtered alone: no locales rather than a refused search.
    expect(meiliQueryLocales(['de', 'en', 'lb'], ['lb'])).toBeUndefined();
  });

  it('when the vocabulary files are read, then stop words are German and synonyms are symmetric', () => {
    const v = searchVocabulary();
    expect(v.stopWords).toEqual(expect.arrayContaining(['und', 'der', 'die', 'das']));
    expect(v.synonyms['bürgerhaushalt']).toContain('beteiligungshaushalt');
    expect(v.synonyms['beteiligungshaushalt']).toContain('bürgerhaushalt');
  });

  it('when the vocabulary folder is missing, then settings still build with empty lists', () => {
    expect(searchVocabulary('/nonexistent')).toEqual({ stopWords: [], synonyms: {} });
  });

  it('when a text has hyphenated words, then their joined spellings are searchable, so "Vorabstimmung" finds "Vorab-Abstimmung"', () => {
    expect(compoundsOf('Die Vorab-Abstimmung im Bürger-Haushalt', 'E-Mail', 'ohne Bindestrich')).toBe('vorababstimmung vorabstimmung bürgerhaushalt email');
  });

  it('when ids contain a colon, then Meilisearch keys use only allowed characters', () => {
    expect(meiliKey('guide_chapter:12')).toBe('guide_chapter-12');
  });
});
