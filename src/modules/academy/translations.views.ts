// Quiz and course translations in the academy editor: the GIFT text a quiz translation is edited as
// (the original's questions, key and order, with the translation's texts where it has them), and
// the links to each translation from the list of quizzes and courses.
import { serializeGift } from './gift.js';
import { keyOf } from './attempts.model.js';
import type { FullQuestionRow } from './academy.queries.js';
import type { TranslatedQuestion } from './translations.store.js';
import { languageName } from '../../shared/content-language.js';

/**
 * The GIFT text of a quiz's translation: the original's current questions (weights, positions,
 * points, chapters stay), their texts and per-answer feedback from the translation where it has one
 * (a choice without translated feedback shows the original's, as readers get it). Without a
 * translation it is the original's text, for the translator to replace.
 */
export function translationGift(original: FullQuestionRow[], translated: Map<number, TranslatedQuestion>): string {
  return serializeGift(original.map((x) => {
    const t = translated.get(x.id);
    const key = keyOf(x);
    return {
      ...key,
      choices: t ? key.choices.map((c) => ({ ...c, text: t.choices[c.id] ?? c.text, feedback: t.choiceFeedback[c.id] ?? c.feedback })) : key.choices,
      accepted: t?.accepted.length ? t.accepted : x.accepted,
      ranges: t ? x.ranges.map((r, j) => ({ ...r, feedback: t.rangeFeedback[j] ?? r.feedback })) : x.ranges,
      title: t ? t.title : x.title,
      text: t ? t.text : x.text,
      explanation: t ? t.explanation : (x.explanation ?? ''),
      chapterRef: x.chapterRef, partialCredit: x.partialCredit,
    };
  }));
}

export interface TranslationLink {
  href: string;
  language: string;
  label: string;
  /** 'missing' (none yet), 'current', 'outdated' or 'mismatch' (no longer fits the original's questions: readers get the original). */
  state: 'missing' | 'current' | 'outdated' | 'mismatch';
  /** With 'mismatch': why, in words. */
  reason?: string;
}

/** One link per content language other than the original's, to its translation form, with the translation's state. */
export function translationLinks(
  base: string, original: string, contentLanguages: readonly string[],
  existing: { language: string; outdated: boolean; detached?: boolean; reason?: string }[] | undefined, uiLang: string,
): TranslationLink[] {
  return contentLanguages.filter((l) => l !== original).map((language) => {
    const found = existing?.find((e) => e.language === language);
    return {
      href: `${base}/translations/${language}`, language, label: languageName(language, uiLang),
      state: !found ? 'missing' : found.detached ? 'mismatch' : found.outdated ? 'outdated' : 'current',
      reason: found?.detached ? found.reason : undefined,
    };
  });
}
