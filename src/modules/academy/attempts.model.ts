// Attempts without the database: the time-limit constants, a question's answer key, the layout an
// attempt shows (shuffled questions and choices), its pages, and reading one page's answers from
// the form. Pure, so services, queries, views and routes share it.
import { randomInt } from 'node:crypto';
import { invalid } from '../../shared/errors.js';
import { responseIsWellFormed, type QuestionKey, type Response } from './grading.js';

/** Submissions this long after the deadline still count as in time (network, slow clicks). */
export const GRACE_SECONDS = 30;
/** Outbox topic: close a timed attempt once its time (plus grace) has run out. */
export const CLOSE_ATTEMPT_TOPIC = 'academy.attempt.close';

/** A question as stored, with what grading needs. */
export interface QuestionRow {
  id: number;
  kind: QuestionKey['kind'];
  points: string | number;
  partialCredit: boolean;
  choices: QuestionKey['choices'];
  accepted: NonNullable<QuestionKey['accepted']>;
  ranges: NonNullable<QuestionKey['ranges']>;
}

export const keyOf = (q: QuestionRow): QuestionKey => ({
  kind: q.kind, points: Number(q.points), partialCredit: q.partialCredit, choices: q.choices, accepted: q.accepted, ranges: q.ranges,
});

/**
 * The question as an attempt taken in a translation grades it: the original's key, with the
 * translation's per-answer feedback where it has one (the original's otherwise).
 */
export function withTranslatedFeedback<Q extends QuestionRow>(q: Q, t: { choiceFeedback: Record<string, string>; rangeFeedback: (string | null)[] } | undefined): Q {
  if (!t) return q;
  return {
    ...q,
    choices: q.choices.map((c) => (t.choiceFeedback[c.id] ? { ...c, feedback: t.choiceFeedback[c.id] } : c)),
    ranges: q.ranges.map((r, j) => (t.rangeFeedback[j] ? { ...r, feedback: t.rangeFeedback[j]! } : r)),
  };
}

export interface LayoutItem {
  questionId: number;
  /** Display order of the choices for this attempt (for ordering: the starting order). */
  choiceIds: string[];
}

function shuffle<T>(xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function buildLayout(questions: QuestionRow[], shuffleQuestions: boolean, shuffleAnswers: boolean): LayoutItem[] {
  const ordered = shuffleQuestions ? shuffle(questions) : questions;
  return ordered.map((q) => {
    let ids = q.choices.map((c) => c.id);
    if (q.kind === 'ordering') {
      // Never show the items in the right order: that would give the answer away.
      const right = [...q.choices].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => c.id);
      do ids = shuffle(ids); while (ids.length > 1 && ids.every((id, i) => id === right[i]));
    } else if (q.kind !== 'truefalse' && shuffleAnswers) {
      ids = shuffle(ids);
    }
    return { questionId: q.id, choiceIds: ids };
  });
}

export const pageCount = (layout: LayoutItem[], perPage: number) => Math.max(1, Math.ceil(layout.length / perPage));
export const pageItems = (layout: LayoutItem[], perPage: number, page: number) => layout.slice((page - 1) * perPage, page * perPage);

const asList = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * Reads the responses of one page from the form. Unknown questions or choice ids are refused (422):
 * nothing is saved. An incomplete ordering is skipped (reported back) rather than guessed.
 */
export function responsesFromForm(
  fields: Record<string, unknown>, items: LayoutItem[], keys: Map<number, QuestionKey>,
): { responses: Map<number, Response | null>; incomplete: number[] } {
  const onPage = new Set(items.map((i) => i.questionId));
  for (const name of Object.keys(fields)) {
    const m = /^q(\d+)(?:-|$)/.exec(name);
    if (m && !onPage.has(Number(m[1]))) throw invalid('academy.attempt.tampered');
  }
  const responses = new Map<number, Response | null>();
  const incomplete: number[] = [];
  for (const item of items) {
    const key = keys.get(item.questionId)!;
    const name = `q${item.questionId}`;
    let r: Response | null;
    if (key.kind === 'short' || key.kind === 'numeric') {
      const list = asList(fields[name]);
      if (list.length > 1) throw invalid('academy.attempt.tampered');
      const text = (list[0] ?? '').slice(0, 500);
      r = text.trim() ? { text } : null;
    } else if (key.kind === 'ordering') {
      const positions = item.choiceIds.map((id) => asList(fields[`${name}-${id}`])[0] ?? '');
      const extra = Object.keys(fields).filter((f) => f.startsWith(`${name}-`) && !item.choiceIds.includes(f.slice(name.length + 1)));
      if (extra.length) throw invalid('academy.attempt.tampered');
      if (positions.every((p) => p === '')) r = null;
      else {
        const nums = positions.map(Number);
        const n = item.choiceIds.length;
        if (!nums.every((x) => Number.isInteger(x) && x >= 1 && x <= n) || new Set(nums).size !== n) {
          incomplete.push(item.questionId);
          continue;
        }
        r = { choiceIds: item.choiceIds.map((id, i) => ({ id, p: nums[i]! })).sort((a, b) => a.p - b.p).map((x) => x.id) };
      }
    } else {
      const ids = asList(fields[name]);
      r = ids.length ? { choiceIds: ids } : null;
    }
    if (r && !responseIsWellFormed(key, r)) throw invalid('academy.attempt.tampered');
    responses.set(item.questionId, r);
  }
  return { responses, incomplete };
}
