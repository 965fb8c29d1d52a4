// Which language a reader gets content in: an explicit ?lang= (the language switch on a content
// page) when it is a configured content language, otherwise the interface language. Shared by the
// modules whose content has translations (guides first); no module knowledge here.

export interface LanguageChoice {
  /** The language the reader asked for (explicitly or through the interface language). */
  wanted: string;
  /** Whether the reader picked it on the content page (?lang=), rather than by the interface language. */
  explicit: boolean;
}

export function wantedContentLanguage(query: unknown, interfaceLang: string, contentLanguages: readonly string[]): LanguageChoice {
  const asked = typeof query === 'string' ? query.trim().toLowerCase() : '';
  if (asked && contentLanguages.includes(asked)) return { wanted: asked, explicit: true };
  return { wanted: interfaceLang, explicit: false };
}

/** `href` with `?lang=` (absolute, for `<link rel="alternate" hreflang>`). */
export function languageHref(baseUrl: string, path: string, lang: string, original: string): string {
  return `${baseUrl}${path}${lang === original ? '' : `?lang=${encodeURIComponent(lang)}`}`;
}

/** Names already looked up: building an Intl.DisplayNames costs about 14 µs, and the search page
 *  asked for one per language facet value on every request (1.7 % of its server CPU). */
const names = new Map<string, string>();
const NAMES_KEPT = 1000;

/** A language's own name (endonym) for the language switch, from the platform's CLDR data. */
export function languageName(code: string, inLanguage: string = code): string {
  const key = `${inLanguage}\u0000${code}`;
  const known = names.get(key);
  if (known !== undefined) return known;
  let name: string;
  try {
    const found = new Intl.DisplayNames([inLanguage], { type: 'language' }).of(code);
    name = found ? found.charAt(0).toLocaleUpperCase(inLanguage) + found.slice(1) : code;
  } catch {
    name = code;
  }
  if (names.size >= NAMES_KEPT) names.clear();
  names.set(key, name);
  return name;
}
