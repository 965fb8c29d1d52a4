// What a quiz translation must keep of its original, without the database: the questions in the
// same order, of the same kinds, with the same choices (number, order, credit, ordering positions)
// and numeric answers (values and credit), so that the original's key grades an attempt taken in the
// translation and per-choice feedback can be keyed by the original's choices. Texts, feedback and
// accepted short answers are the translation's own. Shared by the sync, the academy editor and the
// re-attachment of translations when the original's questions are replaced.
import type { Choice, NumericRange } from './grading.js';

export interface QuestionShape {
  kind: string;
  choices: Pick<Choice, 'weight' | 'position'>[];
  ranges?: NumericRange[] | null;
  /** Where the question starts in a GIFT text (translations read from one). */
  line?: number;
}

/** Why a translation does not fit: English for the sync report, an i18n key with its values for the editor. */
export interface StructureMismatch {
  message: string;
  line?: number;
  key: string;
  vars: Record<string, string | number>;
}

const sameRanges = (a: NumericRange[], b: NumericRange[]) => a.length === b.length && a.every((r, i) => {
  const o = b[i]!;
  return !!r.any === !!o.any && r.weight === o.weight && (r.any || (r.min === o.min && r.max === o.max));
});

/** The first difference between the original's questions and a translation's, or null when it fits. */
export function structureMismatch(original: QuestionShape[], translated: QuestionShape[]): StructureMismatch | null {
  if (original.length !== translated.length) {
    return {
      message: `has ${translated.length} question(s), the original has ${original.length}: a translation must have the same questions in the same order`,
      key: 'academy.translation.mismatch.count', vars: { count: translated.length, original: original.length },
    };
  }
  for (const [i, t] of translated.entries()) {
    const o = original[i]!;
    if (o.kind !== t.kind) {
      return { message: `question ${i + 1} is "${t.kind}", the original's is "${o.kind}"`, line: t.line,
        key: 'academy.translation.mismatch.kind', vars: { number: i + 1, kind: t.kind, original: o.kind } };
    }
    const sameChoices = o.choices.length === t.choices.length
      && o.choices.every((c, j) => c.weight === t.choices[j]!.weight && (c.position ?? null) === (t.choices[j]!.position ?? null));
    if (!sameChoices) {
      return { message: `question ${i + 1}: the choices differ from the original's (a translation keeps their number, order and credit)`, line: t.line,
        key: 'academy.translation.mismatch.choices', vars: { number: i + 1 } };
    }
    if (!sameRanges(o.ranges ?? [], t.ranges ?? [])) {
      return { message: `question ${i + 1}: the numeric answers differ from the original's (a translation keeps their number, values and credit)`, line: t.line,
        key: 'academy.translation.mismatch.ranges', vars: { number: i + 1 } };
    }
  }
  return null;
}
