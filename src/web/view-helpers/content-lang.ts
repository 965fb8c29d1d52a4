// <h2{{contentLang language}}>{{title}}</h2> — ` lang="de"` on content in its own language (WCAG 3.1.2).
// Emitted whenever the language is known, not only when it differs from the page's: content nests
// (an English reply inside a German thread), and an element without lang would inherit the wrong one.
// Any two-letter code: content languages are configuration (CONTENT_LANGUAGES), e.g. "pl" or "tr".
import Handlebars from 'handlebars';

export default function contentLang(language: unknown): Handlebars.SafeString | string {
  return typeof language === 'string' && /^[a-z]{2}$/.test(language) ? new Handlebars.SafeString(` lang="${language}"`) : '';
}
