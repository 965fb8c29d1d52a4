// Grading: a pure function from a question's key and a learner's response to a score. No I/O, no
// randomness, no dependence on the order the choices were shown in (that order is per attempt).

export const QUESTION_KINDS = ['single', 'multiple', 'truefalse', 'short', 'numeric', 'ordering'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Choice {
  /** Stable id within the question (shown to the learner's browser; never says if it is right). */
  id: string;
  text: string;
  /** Credit in percent of the points, -100..100 (single/multiple/truefalse). Ignored for ordering. */
  weight: number;
  /** Ordering: the 0-based position in the correct order. */
  position?: number;
  feedback?: string;
}

export interface AcceptedText {
  /** The accepted answer; "*" matches any text (Moodle's wildcard), "\*" a literal star. */
  text: string;
  /** Percent of the points, 0..100. */
  weight: number;
  feedback?: string;
}

export interface NumericRange {
  min: number;
  max: number;
  /** Any other number (Moodle's "*" / `~#feedback`): min and max are ignored. */
  any?: boolean;
  weight: number;
  feedback?: string;
}

export interface QuestionKey {
  kind: QuestionKind;
  points: number;
  /** single / multiple / truefalse (ids "true", "false") / ordering. */
  choices: Choice[];
  /** multiple: true = weights add up (wrong picks subtract, floor 0); false = all or nothing. */
  partialCredit?: boolean;
  accepted?: AcceptedText[];
  ranges?: NumericRange[];
}

/** What a learner sent for one question: chosen ids (single: one, multiple: any, ordering: all in order) or text. */
export interface Response {
  choiceIds?: string[];
  text?: string;
}

export type Outcome = 'correct' | 'partial' | 'wrong' | 'unanswered';

export interface QuestionResult {
  score: number;
  max: number;
  outcome: Outcome;
  /** Feedback of the chosen choice / matched answer, if any. */
  feedback?: string;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** Case- and space-insensitive comparison form of a short text answer. */
export function normalizeText(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
}

/**
 * Whether a typed answer matches an accepted one, both normalised; "*" in the accepted answer
 * matches any run of characters (Moodle's wildcard), "\*" a literal star. A two-pointer glob
 * match, O(length × length): no regular expression that a pattern could make backtrack.
 */
export function matchesAccepted(accepted: string, given: string): boolean {
  const pattern = normalizeText(accepted);
  const text = [...normalizeText(given)];
  if (!pattern.includes('*')) return pattern === text.join('');
  const tokens: (string | null)[] = []; // null = wildcard
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\' && chars[i + 1] === '*') tokens.push(chars[++i]!);
    else tokens.push(chars[i] === '*' ? null : chars[i]!);
  }
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < tokens.length && tokens[p] !== null && tokens[p] === text[t]) { p++; t++; }
    else if (p < tokens.length && tokens[p] === null) { star = p++; resume = t; }
    else if (star >= 0) { p = star + 1; t = ++resume; }
    else return false;
  }
  while (p < tokens.length && tokens[p] === null) p++;
  return p === tokens.length;
}

/** Parses "3.5", "3,5", " -2 ", "1e3"; null when not a finite number. */
export function parseNumber(s: string): number | null {
  const t = s.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The ids a response may use; anything else is a tampered or stale answer. */
export function responseIsWellFormed(key: QuestionKey, r: Response): boolean {
  if (key.kind === 'short' || key.kind === 'numeric') return r.choiceIds === undefined && (r.text === undefined || typeof r.text === 'string');
  if (r.text !== undefined) return false;
  const ids = r.choiceIds ?? [];
  const known = new Set(key.choices.map((c) => c.id));
  if (ids.some((id) => !known.has(id))) return false;
  if (new Set(ids).size !== ids.length) return false;
  if ((key.kind === 'single' || key.kind === 'truefalse') && ids.length > 1) return false;
  if (key.kind === 'ordering' && ids.length !== 0 && ids.length !== key.choices.length) return false;
  return true;
}

function outcomeOf(score: number, max: number): Outcome {
  if (max > 0 && score >= max) return 'correct';
  if (score > 0) return 'partial';
  return 'wrong';
}

export function isUnanswered(key: QuestionKey, r: Response | undefined): boolean {
  if (!r) return true;
  if (key.kind === 'short' || key.kind === 'numeric') return !r.text || r.text.trim() === '';
  return !r.choiceIds || r.choiceIds.length === 0;
}

export function gradeQuestion(key: QuestionKey, response: Response | undefined): QuestionResult {
  const max = Math.max(0, key.points);
  if (isUnanswered(key, response)) return { score: 0, max, outcome: 'unanswered' };
  const r = response!;
  // A malformed response (unknown ids, duplicates …) earns nothing; the service refuses it earlier.
  if (!responseIsWellFormed(key, r)) return { score: 0, max, outcome: 'wrong' };

  let fraction = 0;
  let feedback: string | undefined;
  switch (key.kind) {
    case 'single':
    case 'truefalse': {
      const c = key.choices.find((x) => x.id === r.choiceIds![0]);
      fraction = clamp((c?.weight ?? 0) / 100, 0, 1);
      feedback = c?.feedback;
      break;
    }
    case 'multiple': {
      const chosen = new Set(r.choiceIds);
      if (key.partialCredit) {
        const sum = key.choices.filter((c) => chosen.has(c.id)).reduce((s, c) => s + c.weight, 0);
        fraction = clamp(sum / 100, 0, 1);
      } else {
        const right = key.choices.filter((c) => c.weight > 0);
        const exact = right.length > 0 && right.length === chosen.size && right.every((c) => chosen.has(c.id));
        fraction = exact ? 1 : 0;
      }
      break;
    }
    case 'ordering': {
      const byId = new Map(key.choices.map((c) => [c.id, c.position ?? -1]));
      const ids = r.choiceIds!;
      const allPlaced = ids.every((id, i) => byId.get(id) === i);
      if (allPlaced) fraction = 1;
      else if (key.partialCredit && ids.length > 0) fraction = ids.filter((id, i) => byId.get(id) === i).length / ids.length;
      break;
    }
    case 'short': {
      let best: AcceptedText | undefined;
      for (const a of key.accepted ?? []) {
        if (matchesAccepted(a.text, r.text!) && (!best || a.weight > best.weight)) best = a;
      }
      fraction = clamp((best?.weight ?? 0) / 100, 0, 1);
      feedback = best?.feedback;
      break;
    }
    case 'numeric': {
      const n = parseNumber(r.text!);
      let best: NumericRange | undefined;
      if (n !== null) {
        for (const range of key.ranges ?? []) {
          // A tiny epsilon so 3.4 is within 3.5 ± 0.1 despite binary floating point.
          const eps = 1e-9 * Math.max(1, Math.abs(range.min), Math.abs(range.max));
          const inside = range.any || (n >= range.min - eps && n <= range.max + eps);
          if (inside && (!best || range.weight > best.weight)) best = range;
        }
      }
      fraction = clamp((best?.weight ?? 0) / 100, 0, 1);
      feedback = best?.feedback;
      break;
    }
  }
  const score = round(max * fraction);
  return { score, max, outcome: outcomeOf(score, max), feedback };
}

export interface QuizResult {
  score: number;
  max: number;
  /** 0..100, rounded to one decimal. */
  percent: number;
  passed: boolean;
  perQuestion: QuestionResult[];
}

export function gradeQuiz(keys: QuestionKey[], responses: (Response | undefined)[], passMark: number): QuizResult {
  const perQuestion = keys.map((k, i) => gradeQuestion(k, responses[i]));
  const score = round(perQuestion.reduce((s, q) => s + q.score, 0));
  const max = round(perQuestion.reduce((s, q) => s + q.max, 0));
  const percent = max > 0 ? Math.round((score / max) * 1000) / 10 : 0;
  return { score, max, percent, passed: max > 0 && percent >= passMark, perQuestion };
}

/** The response a learner must give for full credit (used for statistics and tests, never sent to the page). */
export function isCorrectChoice(key: QuestionKey, choiceId: string): boolean {
  return key.choices.some((c) => c.id === choiceId && c.weight > 0);
}
