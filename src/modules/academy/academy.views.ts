// Plain view objects for the academy pages. The attempt page view is built from the question
// text and the attempt's own choice order ONLY: weights, positions, accepted answers and ranges
// never reach a template while a learner is answering.
import type { ChapterTitle } from '../guides/index.js';
import type { AttemptRow, FullQuestionRow } from './academy.queries.js';
import type { LayoutItem } from './attempts.model.js';
import type { Response } from './grading.js';
import { CHAPTER_REF } from './gift.js';

type T = (key: string, vars?: Record<string, unknown>) => string;

export const chapterUrl = (ref: string | null) => (ref && CHAPTER_REF.test(ref) ? `/guides/${ref}` : null);
export const guideUrl = (slug: string) => `/guides/${slug}`;

/**
 * A chapter reference as people read it: "Guide title: chapter title" with its link, or null when
 * the reference names no published chapter (a raw slug is never shown to learners).
 */
export interface ChapterLinkView {
  url: string;
  label: string;
  language: string;
}

export function chapterLink(ref: string | null, chapters: Map<string, ChapterTitle>): ChapterLinkView | null {
  const c = ref ? chapters.get(ref) : undefined;
  const url = chapterUrl(ref);
  return c && url ? { url, label: `${c.guideTitle}: ${c.chapterTitle}`, language: c.language } : null;
}

export interface AnswerChoiceView {
  id: string;
  text: string;
  checked: boolean;
  inputId: string;
}

export interface AnswerQuestionView {
  id: number;
  number: number;
  kind: string;
  kindLabel: string;
  textHtml: string;
  points: number;
  name: string;
  isRadio: boolean;
  isCheckbox: boolean;
  isText: boolean;
  isNumeric: boolean;
  isOrdering: boolean;
  choices: AnswerChoiceView[];
  value: string;
  orderingItems: { id: string; text: string; name: string; inputId: string; options: { value: string; label: string; selected: boolean }[] }[];
  incomplete: boolean;
}

export function answerQuestionView(
  t: T, item: LayoutItem, number: number, q: FullQuestionRow, saved: Response | undefined, incomplete: boolean,
): AnswerQuestionView {
  const name = `q${q.id}`;
  const textOf = (id: string) => {
    const c = q.choices.find((x) => x.id === id);
    if (!c) return '';
    return q.kind === 'truefalse' ? t(`academy.answer.${c.id}`) : c.text;
  };
  const chosen = new Set(saved?.choiceIds ?? []);
  const n = item.choiceIds.length;
  const savedPosition = (id: string) => (saved?.choiceIds ? saved.choiceIds.indexOf(id) + 1 : 0);
  return {
    id: q.id,
    number,
    kind: q.kind,
    kindLabel: t(`academy.kind.${q.kind}`),
    textHtml: q.textHtml,
    points: Number(q.points),
    name,
    isRadio: q.kind === 'single' || q.kind === 'truefalse',
    isCheckbox: q.kind === 'multiple',
    isText: q.kind === 'short',
    isNumeric: q.kind === 'numeric',
    isOrdering: q.kind === 'ordering',
    choices: q.kind === 'ordering' ? [] : item.choiceIds.map((id) => ({ id, text: textOf(id), checked: chosen.has(id), inputId: `${name}-${id}` })),
    value: saved?.text ?? '',
    orderingItems: q.kind !== 'ordering' ? [] : item.choiceIds.map((id) => ({
      id, text: textOf(id), name: `${name}-${id}`, inputId: `${name}-${id}`,
      options: Array.from({ length: n }, (_, i) => ({ value: String(i + 1), label: String(i + 1), selected: savedPosition(id) === i + 1 })),
    })),
    incomplete,
  };
}

export interface ResultQuestionView {
  number: number;
  textHtml: string;
  outcome: string;
  outcomeLabel: string;
  outcomeClass: string;
  score: number;
  max: number;
  yourAnswer: string;
  feedback: string | null;
  explanationHtml: string | null;
  chapter: ChapterLinkView | null;
}

function describeResponse(t: T, q: FullQuestionRow, r: Response | null): string {
  if (!r) return t('academy.result.noAnswer');
  if (r.text !== undefined) return r.text;
  const label = (id: string) => {
    const c = q.choices.find((x) => x.id === id);
    return c ? (q.kind === 'truefalse' ? t(`academy.answer.${c.id}`) : c.text) : '?';
  };
  return (r.choiceIds ?? []).map(label).join(q.kind === 'ordering' ? ' → ' : ', ');
}

const OUTCOME_CLASS: Record<string, string> = { correct: 'success', partial: 'warning', wrong: 'danger', unanswered: 'danger' };

export function resultQuestionViews(
  t: T, a: AttemptRow, questions: Map<number, FullQuestionRow>, chapters: Map<string, ChapterTitle>, showExplanations: boolean,
): ResultQuestionView[] {
  return (a.result ?? []).flatMap((r, i) => {
    const q = questions.get(r.questionId);
    if (!q) return [];
    const wrong = r.outcome !== 'correct';
    return [{
      number: i + 1,
      textHtml: q.textHtml,
      outcome: r.outcome,
      outcomeLabel: t(`academy.outcome.${r.outcome}`),
      outcomeClass: OUTCOME_CLASS[r.outcome] ?? 'info',
      score: r.score,
      max: r.max,
      yourAnswer: describeResponse(t, q, r.response),
      feedback: showExplanations ? (r.feedback ?? null) : null,
      explanationHtml: showExplanations && q.explanationHtml ? q.explanationHtml : null,
      chapter: wrong ? chapterLink(q.chapterRef, chapters) : null,
    }];
  });
}

export function attemptSummaryView(t: T, a: Pick<AttemptRow, 'percent' | 'passed' | 'state' | 'late'>) {
  return {
    percent: a.percent === null ? null : Number(a.percent),
    passed: !!a.passed,
    statusLabel: a.state === 'open' ? t('academy.attempt.open') : a.passed ? t('academy.result.passed') : t('academy.result.failed'),
    late: a.late,
  };
}

export function minutesLabel(t: T, minutes: number | null) {
  return minutes === null ? t('academy.quiz.noTimeLimit') : t('academy.quiz.minutes', { n: minutes });
}
