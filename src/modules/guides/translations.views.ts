// Plain view objects for translated guides: which language a reader gets, the language switch, the
// hreflang alternates and the notices (fallback to the original, outdated translation).
import { languageHref, languageName, wantedContentLanguage } from '../../shared/content-language.js';
import type { ChapterRow, GuideDetail } from './guides.queries.js';
import type { TranslationRow } from './translations.store.js';

export interface ReaderChoice {
  /** The guide whose text is shown: the original or a published translation. */
  shown: GuideDetail;
  translation: TranslationRow | null;
  /** The language switch (original first) and the <link rel="alternate" hreflang> entries. */
  languages: { language: string; name: string; href: string; current: boolean; original: boolean }[];
  alternates: { hreflang: string; href: string }[];
  /**
   * Set when the reader wanted a language the guide has no published translation in; `withdrawn`
   * when its translation into it was archived (readers had it once: "not available yet" would be
   * untrue). A translation still in the works (draft, in review) is not available yet.
   */
  fallback: { wanted: string; wantedName: string; originalName: string; withdrawn: boolean } | null;
  outdated: boolean;
}

export function readerChoice(
  original: GuideDetail, translations: TranslationRow[], translated: GuideDetail | null,
  query: { lang: unknown; interfaceLang: string; contentLanguages: readonly string[]; baseUrl: string; path: string },
): ReaderChoice {
  const published = translations.filter((t) => t.status === 'published');
  const { wanted } = wantedContentLanguage(query.lang, query.interfaceLang, query.contentLanguages);
  const translation = wanted !== original.language ? published.find((t) => t.language === wanted) ?? null : null;
  const shownLang = translation && translated ? translation.language : original.language;
  const codes = [original.language, ...published.map((t) => t.language)];
  // The switch names its language explicitly unless the reader gets it anyway without one: an English
  // reader's "Deutsch" must say ?lang=de, or it would lead back to the English translation.
  const byDefault = published.some((t) => t.language === query.interfaceLang) ? query.interfaceLang : original.language;
  const href = (l: string) => (l === byDefault ? query.path : `${query.path}?lang=${encodeURIComponent(l)}`);
  return {
    shown: translation && translated ? translated : original,
    translation: translated ? translation : null,
    languages: codes.map((l) => ({ language: l, name: languageName(l), href: href(l), current: l === shownLang, original: l === original.language })),
    alternates: codes.length > 1
      ? [...codes.map((l) => ({ hreflang: l, href: languageHref(query.baseUrl, query.path, l, original.language) })),
        { hreflang: 'x-default', href: languageHref(query.baseUrl, query.path, original.language, original.language) }]
      : [],
    fallback: shownLang !== wanted && query.contentLanguages.includes(wanted)
      ? {
        wanted, wantedName: languageName(wanted, query.interfaceLang), originalName: languageName(original.language, query.interfaceLang),
        withdrawn: translations.some((t) => t.language === wanted && t.status === 'archived'),
      }
      : null,
    outdated: !!translation?.outdated,
  };
}

/**
 * The original's chapters (their slugs, order and reading state) with the translated text where
 * there is one. A translation starts as a copy of the original: a chapter still identical to the
 * original's is not translated yet and is shown (and marked) in the original language.
 */
export function translatedChapters(original: ChapterRow[], translated: ChapterRow[] | null, originalLang: string, translatedLang: string) {
  const byUid = new Map((translated ?? []).map((c) => [c.uid, c]));
  return original.map((c) => {
    const t = byUid.get(c.uid);
    return t && !(t.bodySource === c.bodySource && t.title === c.title)
      ? { ...c, title: t.title, bodyHtml: t.bodyHtml, language: translatedLang, translated: true }
      : { ...c, language: originalLang, translated: false };
  });
}

export function translationListView(list: TranslationRow[], lang: string) {
  return list.map((t) => ({
    ...t,
    languageName: languageName(t.language, lang),
    originalLanguageName: languageName(t.originalLanguage, lang),
    statusKey: `guides.status.${t.status}`,
    readHref: `/guides/${t.originalSlug}?lang=${t.language}`,
  }));
}
