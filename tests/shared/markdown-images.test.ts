// Issue 11, items 10 and 12: images in member content. The CSP loads images from this site only, so
// an image from elsewhere becomes a link named by its alt text; every image keeps an alt attribute.
import { describe, expect, it } from '@jest/globals';
import { renderMarkdown, sanitizeMarkdownHtml } from '../../src/shared/markdown.js';

describe('images in Markdown', () => {
  it('when an image is on another site, then it becomes a link named by its alt text, or by its address', () => {
    expect(renderMarkdown('![Karte der Stadt](https://example.org/karte.png)')).toBe(
      '<p><a href="https://example.org/karte.png" rel="nofollow ugc noopener">Karte der Stadt</a></p>\n');
    expect(renderMarkdown('![](http://example.org/x.png)')).toBe(
      '<p><a href="http://example.org/x.png" rel="nofollow ugc noopener">http://example.org/x.png</a></p>\n');
    expect(renderMarkdown('<img src="https://e.org/a.png" alt="A <b>">')).toBe('<a href="https://e.org/a.png" rel="nofollow ugc noopener">A &lt;b&gt;</a>');
    expect(renderMarkdown('<img src="//evil.example/a.png">')).not.toMatch(/<img/);
  });

  it('when an image is on this site, then it stays an image, with its alt text or an empty alt', () => {
    expect(renderMarkdown('![Logo der Stadt](/uploads/logo.png)')).toBe('<p><img src="/uploads/logo.png" alt="Logo der Stadt" /></p>\n');
    expect(renderMarkdown('![](/uploads/logo.png)')).toBe('<p><img src="/uploads/logo.png" alt="" /></p>\n');
    expect(renderMarkdown('<img src="/uploads/a.png">')).toBe('<img src="/uploads/a.png" alt="" />');
  });

  it('when HTML stored by an earlier version is sanitised again, then external images become links and nothing else changes', () => {
    const stored = '<p>Text <img src="https://example.org/y.png" alt="Plan" /> und <strong>fett</strong> <a href="https://example.org" rel="nofollow ugc noopener">Link</a></p>\n';
    const again = sanitizeMarkdownHtml(stored);
    expect(again).toBe('<p>Text <a href="https://example.org/y.png" rel="nofollow ugc noopener">Plan</a> und <strong>fett</strong> <a href="https://example.org" rel="nofollow ugc noopener">Link</a></p>\n');
    expect(sanitizeMarkdownHtml(again)).toBe(again);
  });
});

describe('the Markdown help beside the editors', () => {
  it('when a member reads the help of a post, chapter, comment or use-case editor, then it explains the alt text of images in German and English', async () => {
    const { readFileSync } = await import('node:fs');
    const catalogue = (lang: string, file: string) => JSON.parse(readFileSync(`src/locales/${lang}/${file}.json`, 'utf8'));
    for (const lang of ['de', 'en']) {
      const hints = [
        catalogue(lang, 'forum').forum.fields.bodyHint,
        catalogue(lang, 'guides').guides.fields.bodyHint,
        catalogue(lang, 'usecases').usecases.comments.hint,
        catalogue(lang, 'usecases').usecases.form.markdownHint,
      ];
      for (const hint of hints) expect(hint).toContain(lang === 'de' ? '![Beschreibung](Adresse)' : '![description](address)');
    }
  });
});
