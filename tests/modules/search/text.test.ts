import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { collapse } from '../../../src/modules/search/search.indexer.js';
import {
  corrections,
  editDistance,
  HL_END,
  HL_START,
  highlightHtml,
  normaliseQueryForGaps,
  variants,
  words,
} from '../../../src/modules/search/search.text.js';

describe('search text', () => {
  it('when umlauts are typed in any spelling, then the variants meet in one folded form', () => {
    for (const q of ['Bürgerbeteiligung', 'Buergerbeteiligung', 'Burgerbeteiligung']) {
      expect(variants(q)).toContain('burgerbeteiligung');
    }
    expect(variants('Bürger')).toContain('buerger');
    expect(variants('Straße')).toContain('strasse');
    expect(variants('neue')).toEqual(['neue']); // "ue" after a vowel is not an umlaut
    expect(variants('Quelle')).toEqual(['quelle']);
  });

  it('when words are split, then letters and digits of any script are kept and the count is capped', () => {
    expect(words('Online-Dialog: 2.000 Menschen!')).toEqual(['online', 'dialog', '2', '000', 'menschen']);
    expect(words('a b c d e f g h i j')).toHaveLength(8);
  });

  it('when words differ by one edit or a swap, then the distance is 1', () => {
    expect(editDistance('burgerhaushalt', 'burgerhaushlat')).toBe(1);
    expect(editDistance('haushalt', 'haushal')).toBe(1);
    expect(editDistance('haushalt', 'hausxhalt')).toBe(1);
    expect(editDistance('haushalt', 'hxushxlt')).toBe(2);
  });

  it('when distances are computed, then they are symmetric and zero only for equal words', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b, 30);
        expect(d).toBe(editDistance(b, a, 30));
        expect(d === 0).toBe(a === b);
      }),
    );
  });

  it('when correcting, then only words of 5+ letters get a one-typo lexicon word, most frequent first', () => {
    const lex = [
      { word: 'haushalt', freq: 10 },
      { word: 'haushalte', freq: 50 },
      { word: 'hausarzt', freq: 99 },
    ];
    expect(corrections('haushlat', lex)).toEqual(['haushalt']);
    expect(corrections('haushalz', lex)).toEqual(['haushalt']);
    expect(corrections('hausi', [{ word: 'haus', freq: 1 }])).toEqual(['haus']);
    expect(corrections('zeil', [{ word: 'ziel', freq: 1 }])).toEqual([]);
  });

  it('when excerpts are turned into HTML, then everything is escaped except the <mark> tags', () => {
    expect(highlightHtml(`a ${HL_START}<b>${HL_END} & "c"`)).toBe('a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot;');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const html = highlightHtml(s);
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        expect((html.match(/<mark>/g) ?? []).length).toBe((html.match(/<\/mark>/g) ?? []).length);
      }),
    );
  });

  it('when a zero-result query is stored, then it is normalised and carries no e-mail or long numbers', () => {
    expect(normaliseQueryForGaps('  Bürgerrat   Kosten?  ')).toBe('bürgerrat kosten');
    expect(normaliseQueryForGaps('kontakt max@example.org 0361123456')).toBe('kontakt');
  });

  it('when a batch names one document several times, then only its newest change is applied', () => {
    const m = (id: number, payload: unknown) => ({ id, topic: 'search.index', key: null, payload, attempts: 1, createdAt: new Date() });
    expect(collapse([m(5, { type: 'course', id: 1 }), m(9, { type: 'course', id: 1 }), m(7, { type: 'thread', id: 1 }), m(8, { bad: true })]))
      .toEqual([
        { type: 'course', id: 1, docId: 'course:1', version: 9 },
        { type: 'thread', id: 1, docId: 'thread:1', version: 7 },
      ]);
  });
});
