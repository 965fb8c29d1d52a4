// Quiz translations from content files (`<quiz>.<lang>.gift` beside `<quiz>.gift`): matched to the
// original's current questions by position, each with the same kind and the same choices (in the
// same order, with the same weights or positions), so the original's key grades an attempt taken
// in the translation. Idempotent: the same file and the same original questions change nothing.
import { sha256 } from '../../shared/identity.js';
import type { Db } from '../../db/transaction.js';
import { renderMarkdown } from '../../shared/markdown.js';
import type { GiftQuestion } from './gift.js';
import { questionsSignature, type UpsertResult } from './authoring.model.js';
import * as authoring from './authoring.store.js';
import * as store from './translations.store.js';

/** A translation file that does not fit its original; the message says where (for the sync report). */
export class TranslationMismatch extends Error {
  constructor(message: string, readonly line?: number) { super(message); }
}

interface CurrentQuestion {
  id: number;
  kind: string;
  choices: GiftQuestion['choices'];
}

function checkMatches(original: CurrentQuestion[], translated: GiftQuestion[]): void {
  if (original.length !== translated.length) {
    throw new TranslationMismatch(`has ${translated.length} question(s), the original has ${original.length}: a translation must have the same questions in the same order`);
  }
  translated.forEach((t, i) => {
    const o = original[i]!;
    if (o.kind !== t.kind) throw new TranslationMismatch(`question ${i + 1} is "${t.kind}", the original's is "${o.kind}"`, t.line);
    const same = o.choices.length === t.choices.length
      && o.choices.every((c, j) => c.weight === t.choices[j]!.weight && (c.position ?? null) === (t.choices[j]!.position ?? null));
    if (!same) throw new TranslationMismatch(`question ${i + 1}: the choices differ from the original's (a translation keeps their number, order and credit)`, t.line);
  });
}

/**
 * Creates or updates the quiz's translation into `language`. `source_hash` (what the translation was
 * written from) becomes the original's current hash when the translation's own text changed; when only
 * the original changed, the translation is re-attached to its questions and stays outdated.
 */
export async function upsertQuizTranslation(
  db: Db, quizId: number, language: string, header: { title: string; intro: string }, questions: GiftQuestion[],
): Promise<UpsertResult> {
  const original = await authoring.currentQuestionKinds(db, quizId);
  checkMatches(original, questions);
  const hash = sha256(questionsSignature(questions) + JSON.stringify(header));
  const questionIds = original.map((q) => q.id);
  const existing = await store.lockTranslation(db, quizId, language);
  const sameQuestions = existing !== null && existing.questionIds.length === questionIds.length && existing.questionIds.every((id, i) => id === questionIds[i]);
  if (existing && existing.contentHash === hash && sameQuestions) return 'unchanged';
  const sourceHash = existing && existing.contentHash === hash ? existing.sourceHash : await authoring.quizContentHash(db, quizId);
  await store.saveTranslation(db, quizId, { language, ...header, contentHash: hash, sourceHash, questionIds });
  for (const [i, t] of questions.entries()) {
    const o = original[i]!;
    await store.saveQuestionTranslation(db, o.id, language, {
      title: t.title, text: t.text, textHtml: renderMarkdown(t.text, 'source'),
      explanation: t.explanation, explanationHtml: t.explanation ? renderMarkdown(t.explanation, 'source') : '',
      choices: Object.fromEntries(o.choices.map((c, j) => [c.id, t.choices[j]!.text])),
      accepted: t.accepted,
    });
  }
  return existing ? 'updated' : 'created';
}
