import { describe, expect, it } from '@jest/globals';
import { languageName, wantedContentLanguage } from '../../src/shared/content-language.js';

describe('languageName', () => {
  it('when asked for a language in another language, then it gives the CLDR name, capitalised', () => {
    expect(languageName('en', 'de')).toBe('Englisch');
    expect(languageName('de', 'en')).toBe('German');
    expect(languageName('fr')).toBe('Français');
  });

  it('when asked again (the names are kept once looked up), then each pair still gets its own name', () => {
    // The same code in two display languages, and two codes in one: the kept names are per pair.
    for (let i = 0; i < 3; i++) {
      expect(languageName('en', 'de')).toBe('Englisch');
      expect(languageName('en', 'fr')).toBe('Anglais');
      expect(languageName('tr', 'de')).toBe('Türkisch');
    }
  });

  it('when the code or the display language is not a language tag, then the code itself is shown, every time', () => {
    expect(languageName('not a tag', 'de')).toBe('not a tag');
    expect(languageName('not a tag', 'de')).toBe('not a tag');
    expect(languageName('en', '!!')).toBe('en');
  });

  it('when more names than it keeps are asked for, then the answers stay right', () => {
    const codes = ['de', 'en', 'fr', 'it', 'es', 'pl', 'tr', 'uk', 'ar', 'ru'];
    const expected = new Map(codes.map((c) => [c, new Intl.DisplayNames(['de'], { type: 'language' }).of(c)!]));
    for (let round = 0; round < 250; round++) {
      for (const c of codes) {
        const name = languageName(c, round % 2 ? 'de' : `de-x-r${round}`);
        expect(name.toLowerCase()).toBe(expected.get(c)!.toLowerCase());
      }
    }
  });
});

describe('wantedContentLanguage', () => {
  it('when ?lang= names a configured content language, then it is wanted explicitly; otherwise the interface language', () => {
    expect(wantedContentLanguage(' EN ', 'de', ['de', 'en'])).toEqual({ wanted: 'en', explicit: true });
    expect(wantedContentLanguage('xx', 'de', ['de', 'en'])).toEqual({ wanted: 'de', explicit: false });
    expect(wantedContentLanguage(['en'], 'de', ['de', 'en'])).toEqual({ wanted: 'de', explicit: false });
  });
});
