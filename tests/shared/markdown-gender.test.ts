import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../src/shared/markdown.js';

const html = (s: string) => renderMarkdown(s).trim();

describe('Markdown: German gender stars', () => {
  it('when a text uses gender stars, then they are part of the word, not emphasis', () => {
    expect(html('Die Bürger*innen und Teilnehmer*innen kamen.')).toBe('<p>Die Bürger*innen und Teilnehmer*innen kamen.</p>');
    expect(html('jede*r Kolleg*in fragt eine*n Expert*en')).toBe('<p>jede*r Kolleg*in fragt eine*n Expert*en</p>');
  });

  it('when emphasis surrounds or sits beside gender stars, then the emphasis still works and the stars stay', () => {
    expect(html('*Alle Bürger*innen*')).toBe('<p><em>Alle Bürger*innen</em></p>');
    expect(html('Das ist *wichtig* für Bürger*innen und *alle* Mitarbeiter*innen.'))
      .toBe('<p>Das ist <em>wichtig</em> für Bürger*innen und <em>alle</em> Mitarbeiter*innen.</p>');
    expect(html('**Bürger*innen** und Mitarbeiter*innen')).toBe('<p><strong>Bürger*innen</strong> und Mitarbeiter*innen</p>');
  });

  it('when stars are ordinary emphasis, then nothing changes', () => {
    expect(html('ein *in* Berlin')).toBe('<p>ein <em>in</em> Berlin</p>');
    expect(html('Wort*betont* und *kursiv*')).toBe('<p>Wort<em>betont</em> und <em>kursiv</em></p>');
    expect(html('`Bürger*innen` und *Text*')).toBe('<p><code>Bürger*innen</code> und <em>Text</em></p>');
  });
});
