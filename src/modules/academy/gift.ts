// A parser for the subset of Moodle's GIFT format that Praxis supports (docs/academy.md lists
// it), plus two Praxis extensions: an [ordering] marker and `//!` directive lines (points,
// chapter, explanation, grading). It is pure and total: any input either yields questions or a
// ParseError listing every problem with its line number, so nothing is half-imported.
import { type Choice, type NumericRange, type AcceptedText, type QuestionKind } from './grading.js';

export interface GiftQuestion {
  /** 1-based line where the question starts. */
  line: number;
  category: string | null;
  title: string | null;
  kind: QuestionKind;
  /** Question text (plain text / Markdown source, escapes resolved). */
  text: string;
  points: number;
  /** General feedback (####) or the `//! explanation:` directive. */
  explanation: string;
  /** "guide-slug/chapter-slug" or null. */
  chapterRef: string | null;
  partialCredit: boolean;
  choices: Choice[];
  accepted: AcceptedText[];
  ranges: NumericRange[];
}

export interface GiftError {
  line: number;
  message: string;
}

export class ParseError extends Error {
  constructor(public readonly errors: GiftError[]) {
    super(errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
    this.name = 'ParseError';
  }
}

export const MAX_GIFT_BYTES = 512 * 1024;
export const MAX_QUESTIONS = 200;
export const CHAPTER_REF = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FORMAT_MARKERS = new Set(['plain', 'markdown', 'moodle', 'html']);

export interface ParseOptions {
  /** Gives each choice its id (the service passes a random one so ids never hint at the key). */
  newId?: (questionIndex: number, choiceIndex: number) => string;
}

class BlockError extends Error {
  constructor(public readonly offset: number, message: string) {
    super(message);
  }
}

/** Index of the first unescaped occurrence of `needle` at or after `from`, or -1. */
function findUnescaped(s: string, needle: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s.startsWith(needle, i)) return i;
  }
  return -1;
}

export function unescapeGift(s: string): string {
  return s.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' ? '\n' : c));
}

const clean = (s: string) => unescapeGift(s.trim()).replace(/[ \t]+\n/g, '\n');

/** Splits `s` at unescaped marker characters (any of `markers`), keeping the marker with its part. */
function splitAnswers(s: string, markers: string): { marker: string; body: string; offset: number }[] {
  const parts: { marker: string; body: string; offset: number }[] = [];
  let current: { marker: string; start: number } | null = null;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (markers.includes(s[i]!)) {
      // "->" inside a matching pair is not a marker for "=": handled by the caller refusing "->".
      if (current) parts.push({ marker: current.marker, body: s.slice(current.start + 1, i), offset: current.start });
      current = { marker: s[i]!, start: i };
    } else if (!current && !/\s/.test(s[i]!)) {
      throw new BlockError(i, 'academy.gift.error.textBeforeAnswer');
    }
  }
  if (current) parts.push({ marker: current.marker, body: s.slice(current.start + 1), offset: current.start });
  return parts;
}

/** "%50%rest" → [50, "rest"]; no weight → [null, s]. */
function takeWeight(s: string, offset: number): [number | null, string] {
  const m = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(s);
  if (!m) return [null, s];
  const w = Number(m[1]);
  if (!(w >= -100 && w <= 100)) throw new BlockError(offset, 'academy.gift.error.weightRange');
  return [w, s.slice(m[0].length)];
}

/** "text#feedback" → ["text", "feedback"]. */
function takeFeedback(s: string): [string, string | undefined] {
  const i = findUnescaped(s, '#');
  if (i < 0) return [s, undefined];
  return [s.slice(0, i), clean(s.slice(i + 1)) || undefined];
}

function parseNumberStrict(s: string, offset: number): number {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) throw new BlockError(offset, 'academy.gift.error.notANumber');
  return Number(t);
}

/** "3.5:0.1", "1..5" or "3" → a range. */
function parseNumericSpec(spec: string, offset: number): { min: number; max: number } {
  const range = spec.indexOf('..');
  if (range >= 0) {
    const min = parseNumberStrict(spec.slice(0, range), offset);
    const max = parseNumberStrict(spec.slice(range + 2), offset);
    if (min > max) throw new BlockError(offset, 'academy.gift.error.rangeOrder');
    return { min, max };
  }
  const colon = spec.indexOf(':');
  const value = parseNumberStrict(colon >= 0 ? spec.slice(0, colon) : spec, offset);
  const tol = colon >= 0 ? parseNumberStrict(spec.slice(colon + 1), offset) : 0;
  if (tol < 0) throw new BlockError(offset, 'academy.gift.error.negativeTolerance');
  return { min: value - tol, max: value + tol };
}

interface Directives {
  points?: number;
  chapter?: string;
  explanation?: string;
  grading?: 'partial' | 'all-or-nothing';
}

function parseNumeric(body: string, base: number): NumericRange[] {
  const trimmed = body.trim();
  if (trimmed.startsWith('=') || trimmed.startsWith('~')) {
    const parts = splitAnswers(body, '=~');
    return parts.map((p) => {
      const [w, rest] = takeWeight(p.body, base + p.offset);
      const [spec, feedback] = takeFeedback(rest);
      const weight = p.marker === '=' ? (w ?? 100) : (w ?? 0);
      return { ...parseNumericSpec(unescapeGift(spec), base + p.offset), weight, feedback };
    });
  }
  const [spec, feedback] = takeFeedback(body);
  if (!spec.trim()) throw new BlockError(base, 'academy.gift.error.emptyAnswer');
  return [{ ...parseNumericSpec(unescapeGift(spec), base), weight: 100, feedback }];
}

function parseBlock(block: string, qIndex: number, d: Directives, newId: ParseOptions['newId']): Omit<GiftQuestion, 'line' | 'category'> {
  const s = block;
  let pos = 0;
  let title: string | null = null;
  const lead = s.length - s.trimStart().length;
  if (s.startsWith('::', lead)) {
    const end = findUnescaped(s, '::', lead + 2);
    if (end < 0) throw new BlockError(lead, 'academy.gift.error.unclosedTitle');
    title = clean(s.slice(lead + 2, end)) || null;
    pos = end + 2;
  }
  let ordering = false;
  for (;;) {
    const m = /^\s*\[([a-z]+)\]/i.exec(s.slice(pos));
    if (!m) break;
    const marker = m[1]!.toLowerCase();
    if (marker === 'ordering') ordering = true;
    else if (!FORMAT_MARKERS.has(marker)) throw new BlockError(pos, 'academy.gift.error.unknownMarker');
    pos += m[0].length;
  }
  const open = findUnescaped(s, '{', pos);
  if (open < 0) throw new BlockError(pos, 'academy.gift.error.noAnswerBlock');
  const close = findUnescaped(s, '}', open + 1);
  if (close < 0) throw new BlockError(open, 'academy.gift.error.unclosedAnswerBlock');
  const nested = findUnescaped(s, '{', open + 1);
  if (nested >= 0 && nested < close) throw new BlockError(nested, 'academy.gift.error.nestedBrace');
  const after = s.slice(close + 1);
  if (findUnescaped(after, '{') >= 0 || findUnescaped(after, '}') >= 0) throw new BlockError(close + 1, 'academy.gift.error.secondAnswerBlock');
  const before = s.slice(pos, open);
  const stray = findUnescaped(before, '}');
  if (stray >= 0) throw new BlockError(pos + stray, 'academy.gift.error.strayBrace');
  const text = [clean(before), clean(after)].filter(Boolean).join(' _____ ');
  if (!text) throw new BlockError(pos, 'academy.gift.error.emptyQuestion');

  let body = s.slice(open + 1, close);
  const base = open + 1;
  let explanation = d.explanation ?? '';
  const general = findUnescaped(body, '####');
  if (general >= 0) {
    explanation = clean(body.slice(general + 4));
    body = body.slice(0, general);
  }
  if (findUnescaped(body, '->') >= 0) throw new BlockError(base, 'academy.gift.error.matchingUnsupported');
  const trimmed = body.trim();
  if (!trimmed) throw new BlockError(base, 'academy.gift.error.essayUnsupported');
  const points = d.points ?? 1;
  const common = { title, text, points, explanation, chapterRef: d.chapter ?? null };
  const id = (i: number) => (newId ? newId(qIndex, i) : `c${i + 1}`);

  if (trimmed.startsWith('#')) {
    if (ordering) throw new BlockError(base, 'academy.gift.error.orderingNeedsItems');
    const ranges = parseNumeric(body.slice(body.indexOf('#') + 1), base);
    if (!ranges.some((r) => r.weight > 0)) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
    return { ...common, kind: 'numeric', partialCredit: false, choices: [], accepted: [], ranges };
  }

  const tf = /^(T|F|TRUE|FALSE)\s*(#[\s\S]*)?$/i.exec(trimmed);
  if (tf) {
    if (ordering) throw new BlockError(base, 'academy.gift.error.orderingNeedsItems');
    const value = tf[1]!.toUpperCase().startsWith('T');
    const fb = tf[2] ? splitFeedbacks(tf[2].slice(1)) : [];
    // Moodle: the first feedback is shown for a wrong answer, the second for a right one.
    const [wrongFb, rightFb] = [fb[0], fb[1]];
    const choices: Choice[] = [
      { id: 'true', text: 'true', weight: value ? 100 : 0, feedback: value ? rightFb : wrongFb },
      { id: 'false', text: 'false', weight: value ? 0 : 100, feedback: value ? wrongFb : rightFb },
    ];
    return { ...common, kind: 'truefalse', partialCredit: false, choices, accepted: [], ranges: [] };
  }

  const parts = splitAnswers(body, '=~');
  if (!parts.length) throw new BlockError(base, 'academy.gift.error.noAnswers');
  const answers = parts.map((p) => {
    const [w, rest] = takeWeight(p.body, base + p.offset);
    const [t, feedback] = takeFeedback(rest);
    const answerText = clean(t);
    if (!answerText) throw new BlockError(base + p.offset, 'academy.gift.error.emptyAnswer');
    return { marker: p.marker, weight: w, text: answerText, feedback, offset: base + p.offset };
  });

  if (ordering) {
    if (answers.some((a) => a.marker !== '=' || a.weight !== null)) throw new BlockError(base, 'academy.gift.error.orderingSyntax');
    if (answers.length < 2) throw new BlockError(base, 'academy.gift.error.orderingTooFew');
    const choices = answers.map((a, i) => ({ id: id(i), text: a.text, weight: 0, position: i }));
    return { ...common, kind: 'ordering', partialCredit: d.grading === 'partial', choices, accepted: [], ranges: [] };
  }

  if (answers.every((a) => a.marker === '=')) {
    const accepted = answers.map((a) => ({ text: a.text, weight: a.weight ?? 100, feedback: a.feedback }));
    if (!accepted.some((a) => a.weight > 0)) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
    return { ...common, kind: 'short', partialCredit: false, choices: [], accepted, ranges: [] };
  }

  if (answers.length < 2) throw new BlockError(base, 'academy.gift.error.tooFewChoices');
  const choices: Choice[] = answers.map((a, i) => ({
    id: id(i), text: a.text, weight: a.weight ?? (a.marker === '=' ? 100 : 0), feedback: a.feedback,
  }));
  const positive = choices.filter((c) => c.weight > 0);
  if (!positive.length) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
  const hasEquals = answers.some((a) => a.marker === '=');
  if (hasEquals || positive.length === 1) {
    if (answers.filter((a) => a.marker === '=').length > 1) throw new BlockError(base, 'academy.gift.error.severalRight');
    return { ...common, kind: 'single', partialCredit: false, choices, accepted: [], ranges: [] };
  }
  const sum = positive.reduce((n, c) => n + c.weight, 0);
  if (Math.abs(sum - 100) > 1) throw new BlockError(base, 'academy.gift.error.weightsSum');
  return { ...common, kind: 'multiple', partialCredit: d.grading !== 'all-or-nothing', choices, accepted: [], ranges: [] };
}

function splitFeedbacks(s: string): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let rest = s;
  for (;;) {
    const i = findUnescaped(rest, '#');
    if (i < 0) { out.push(clean(rest) || undefined); break; }
    out.push(clean(rest.slice(0, i)) || undefined);
    rest = rest.slice(i + 1);
  }
  return out;
}

function parseDirective(line: string, into: Directives): string | null {
  const m = /^\/\/!\s*([a-z]+)\s*:\s*(.*)$/i.exec(line.trim());
  if (!m) return 'academy.gift.error.directiveSyntax';
  const [, key, raw] = m;
  const value = raw!.trim();
  switch (key!.toLowerCase()) {
    case 'points': {
      if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0 || Number(value) > 100) return 'academy.gift.error.points';
      into.points = Number(value);
      return null;
    }
    case 'chapter':
      if (!CHAPTER_REF.test(value)) return 'academy.gift.error.chapterRef';
      into.chapter = value;
      return null;
    case 'explanation':
      into.explanation = into.explanation ? `${into.explanation}\n${unescapeGift(value)}` : unescapeGift(value);
      return null;
    case 'grading':
      if (value !== 'partial' && value !== 'all-or-nothing') return 'academy.gift.error.grading';
      into.grading = value;
      return null;
    default:
      return 'academy.gift.error.unknownDirective';
  }
}

/** Parses a GIFT document. Throws only ParseError. */
export function parseGift(source: string, opts: ParseOptions = {}): GiftQuestion[] {
  if (typeof source !== 'string') throw new ParseError([{ line: 1, message: 'academy.gift.error.notText' }]);
  if (Buffer.byteLength(source, 'utf8') > MAX_GIFT_BYTES) throw new ParseError([{ line: 1, message: 'academy.gift.error.tooLarge' }]);
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const errors: GiftError[] = [];
  const questions: GiftQuestion[] = [];
  let category: string | null = null;
  let directives: Directives = {};
  let directivesLine = 0;
  let block: { start: number; lines: string[] } | null = null;

  const flush = () => {
    if (!block) return;
    const { start, lines: bl } = block;
    block = null;
    const text = bl.join('\n');
    if (questions.length >= MAX_QUESTIONS) {
      errors.push({ line: start, message: 'academy.gift.error.tooManyQuestions' });
      return;
    }
    try {
      const q = parseBlock(text, questions.length, directives, opts.newId);
      questions.push({ ...q, line: start, category });
    } catch (e) {
      if (e instanceof BlockError) {
        const line = start + (text.slice(0, Math.max(0, e.offset)).match(/\n/g)?.length ?? 0);
        errors.push({ line, message: e.message });
      } else {
        errors.push({ line: start, message: 'academy.gift.error.unreadable' });
      }
    }
    directives = {};
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const t = raw.trim();
    if (t.startsWith('//!')) {
      if (block) flush();
      const problem = parseDirective(t, directives);
      if (problem) errors.push({ line: n, message: problem });
      directivesLine = n;
      return;
    }
    if (t.startsWith('//')) return;
    if (t === '') { flush(); return; }
    if (!block && /^\$CATEGORY:/i.test(t)) {
      category = t.replace(/^\$CATEGORY:/i, '').trim().replace(/^\$(course|system|module)\$\//, '') || null;
      return;
    }
    if (block) block.lines.push(raw);
    else block = { start: n, lines: [raw] };
  });
  flush();
  if (directivesLine && Object.keys(directives).length) errors.push({ line: directivesLine, message: 'academy.gift.error.danglingDirective' });
  if (!questions.length && !errors.length) errors.push({ line: 1, message: 'academy.gift.error.empty' });
  if (errors.length) throw new ParseError(errors.sort((a, b) => a.line - b.line));
  return questions;
}

/** Escapes text for GIFT (the inverse of unescapeGift for what the parser reads). */
export function escapeGift(s: string): string {
  return s
    .replace(/[\\:~=#{}%]/g, (c) => `\\${c}`)
    .replace(/-(?=>)/g, '\\-')
    .replace(/\r?\n/g, '\\n')
    .replace(/^\[/, '\\[')
    .replace(/^\//, '\\/')
    .replace(/^\$/, '\\$');
}

const fmt = (n: number) => String(Math.round(n * 1e9) / 1e9);

/** Writes questions back as GIFT, so facilitators can edit a quiz as text in the app. */
export function serializeGift(questions: Omit<GiftQuestion, 'line' | 'category'>[]): string {
  return questions.map((q) => {
    const lines: string[] = [];
    if (q.points !== 1) lines.push(`//! points: ${fmt(q.points)}`);
    if (q.chapterRef) lines.push(`//! chapter: ${q.chapterRef}`);
    if (q.kind === 'multiple' && !q.partialCredit) lines.push('//! grading: all-or-nothing');
    if (q.kind === 'ordering' && q.partialCredit) lines.push('//! grading: partial');
    const title = q.title ? `::${escapeGift(q.title)}:: ` : '';
    const marker = q.kind === 'ordering' ? '[ordering] ' : '';
    const fb = (f?: string) => (f ? ` #${escapeGift(f)}` : '');
    const general = q.explanation ? `\n####${escapeGift(q.explanation)}` : '';
    let body: string;
    switch (q.kind) {
      case 'truefalse': {
        const right = q.choices.find((c) => c.weight > 0);
        const wrong = q.choices.find((c) => c !== right);
        const feedbacks = wrong?.feedback || right?.feedback ? `#${escapeGift(wrong?.feedback ?? '')}#${escapeGift(right?.feedback ?? '')}` : '';
        body = `${right?.id === 'true' ? 'TRUE' : 'FALSE'}${feedbacks}`;
        break;
      }
      case 'short':
        body = q.accepted.map((a) => `\n=${a.weight === 100 ? '' : `%${fmt(a.weight)}%`}${escapeGift(a.text)}${fb(a.feedback)}`).join('') + '\n';
        break;
      case 'numeric':
        body = '#' + q.ranges.map((r) => `\n=${r.weight === 100 ? '' : `%${fmt(r.weight)}%`}${fmt(r.min)}..${fmt(r.max)}${fb(r.feedback)}`).join('') + '\n';
        break;
      case 'ordering':
        body = [...q.choices].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => `\n=${escapeGift(c.text)}`).join('') + '\n';
        break;
      case 'single':
        body = q.choices.map((c) => `\n${c.weight === 100 ? '=' : `~${c.weight === 0 ? '' : `%${fmt(c.weight)}%`}`}${escapeGift(c.text)}${fb(c.feedback)}`).join('') + '\n';
        break;
      case 'multiple':
        body = q.choices.map((c) => `\n~%${fmt(c.weight)}%${escapeGift(c.text)}${fb(c.feedback)}`).join('') + '\n';
        break;
    }
    const multiline = body.endsWith('\n');
    lines.push(`${title}${marker}${escapeGift(q.text)} {${body.replace(/\n$/, '')}${general}${multiline ? '\n' : ''}}`);
    return lines.join('\n');
  }).join('\n\n') + '\n';
}
