// A parser for Moodle's GIFT format as Moodle itself reads and writes it (docs/academy.md lists
// what Praxis supports), plus two Praxis extensions: an [ordering] marker and `//!` directive
// lines (points, chapter, explanation, grading). It is pure and total: every item of a file is
// either a question, a refused item (line + reason: invalid, or a kind Praxis does not support)
// or a skipped description; the caller decides whether the valid part may be imported.
import sanitizeHtml from 'sanitize-html';
import { decodeUtf8, Utf8Error } from '../../shared/utf8.js';
import { type Choice, type NumericRange, type AcceptedText, type QuestionKind } from './grading.js';

export interface GiftQuestion {
  /** 1-based line where the question starts. */
  line: number;
  category: string | null;
  title: string | null;
  kind: QuestionKind;
  /** Question text as Markdown source (escapes resolved, [plain] and [html] text converted). */
  text: string;
  points: number;
  /** General feedback (####) or the `//! explanation:` directive, Markdown source. */
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

export interface GiftReadResult {
  questions: GiftQuestion[];
  /** Items that are not imported: invalid, or of a kind Praxis does not support (message keys). */
  refused: GiftError[];
  /** Items deliberately left out (descriptions: text without an answer block). */
  skipped: GiftError[];
}

export const MAX_GIFT_BYTES = 512 * 1024;
export const MAX_QUESTIONS = 200;
/** Refused items listed per file; the rest are summed up in one entry (a file of 50,000 "{}" stays readable). */
export const MAX_REFUSED_LISTED = 100;
export const CHAPTER_REF = /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

type TextFormat = 'moodle' | 'html' | 'plain' | 'markdown';

export interface ParseOptions {
  /** Gives each choice its id (the service passes a random one so ids never hint at the key). */
  newId?: (questionIndex: number, choiceIndex: number) => string;
}

class BlockError extends Error {
  constructor(public readonly offset: number, message: string) {
    super(message);
  }
}

// ---- escapes ----

/** The characters Moodle unescapes after a backslash. Any other backslash is literal text. */
const ESCAPABLE = new Set(['\\', ':', '#', '=', '{', '}', '~', 'n']);
const isEscape = (s: string, i: number) => s[i] === '\\' && ESCAPABLE.has(s[i + 1] ?? '');

/** Index of the first unescaped occurrence of `needle` at or after `from`, or -1. */
function findUnescaped(s: string, needle: string, from = 0): number {
  for (let i = from; i < s.length; i++) {
    if (isEscape(s, i)) { i++; continue; }
    if (s.startsWith(needle, i)) return i;
  }
  return -1;
}

function findLastUnescaped(s: string, needle: string): number {
  let last = -1;
  for (let i = findUnescaped(s, needle); i >= 0; i = findUnescaped(s, needle, i + needle.length)) last = i;
  return last;
}

/** Resolves Moodle's escapes: \\ \: \# \= \{ \} \~ and \n (a line break). */
export function unescapeGift(s: string): string {
  return s.replace(/\\([\\:#={}~n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

const clean = (s: string) => unescapeGift(s.trim()).replace(/[ \t]+\n/g, '\n').trim();

// ---- text formats ----

/** Moodle's rule: a format marker counts only at the very start of a (trimmed) text. */
function takeFormat(s: string): [TextFormat | null, string] {
  const m = /^\s*\[(moodle|html|plain|markdown)\]/i.exec(s);
  return m ? [m[1]!.toLowerCase() as TextFormat, s.slice(m[0].length)] : [null, s];
}

/** The tags kept from [html] text; the Markdown renderer's allow-list applies on top. */
const HTML_TAGS = ['p', 'br', 'hr', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'img', 'pre', 'code', 'blockquote', 'sub', 'sup',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 's', 'kbd', 'abbr'];

/** [html] text as Markdown source: tags Praxis renders stay (b → strong, i → em), other tags go, their text stays. */
function htmlToMarkdownSource(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: HTML_TAGS,
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { b: 'strong', i: 'em' },
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title'],
  }).trim();
}

/** Plain text from HTML, for fields shown as plain text (choices, feedback). */
function htmlToText(html: string): string {
  const spaced = html.replace(/<(br|\/p|\/div|\/li|\/h[1-6]|\/tr|\/td|\/th)\b[^>]*>/gi, '$& ');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title'] })
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ').trim();
}

/** [plain] text as Markdown source that renders exactly as written (line breaks kept). */
function plainToMarkdownSource(s: string): string {
  return s.split('\n').map((line) => line
    .replace(/[\\`*_[\]<>|~&!]/g, '\\$&')
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')).join('\\\n');
}

/** Question text and explanations are rendered as Markdown: bring other formats into that form. */
function asMarkdown(s: string, format: TextFormat | null): string {
  if (format === 'plain') return plainToMarkdownSource(s);
  if (format === 'html') return htmlToMarkdownSource(s);
  return s;
}

/**
 * Choices and feedback are shown as plain text: HTML is reduced to its text (sanitize-html parses in
 * linear time). Markdown stays as written: rendering it per answer would let one file's emphasis
 * runs cost seconds of CPU (marked is quadratic on some of them).
 */
function asPlain(s: string, format: TextFormat | null): string {
  return format === 'html' ? htmlToText(s) : s;
}

// ---- answers ----

/** Splits at unescaped marker characters; text before the first marker is an unmarked answer (marker ''). */
function splitAnswers(s: string, markers: string): { marker: string; body: string; offset: number }[] {
  const parts: { marker: string; body: string; offset: number }[] = [];
  let current = { marker: '', start: -1 };
  const push = (end: number) => {
    const body = s.slice(current.start + 1, end);
    if (current.marker || body.trim()) parts.push({ marker: current.marker, body, offset: Math.max(0, current.start) });
  };
  for (let i = 0; i < s.length; i++) {
    if (isEscape(s, i)) { i++; continue; }
    if (markers.includes(s[i]!)) {
      push(i);
      current = { marker: s[i]!, start: i };
    }
  }
  push(s.length);
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

/** "text#feedback" → ["text", "feedback"], the feedback in its own format (default: the question's). */
function takeFeedback(s: string, format: TextFormat | null): [string, string | undefined] {
  const i = findUnescaped(s, '#');
  if (i < 0) return [s, undefined];
  return [s.slice(0, i), feedbackText(s.slice(i + 1), format)];
}

function feedbackText(raw: string, format: TextFormat | null): string | undefined {
  const [own, rest] = takeFormat(raw.trim());
  return asPlain(clean(rest), own ?? format) || undefined;
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
  // 3.1415 + 0.0005 is 3.1420000000000003 in binary floating point: keep what the author meant.
  const exact = (n: number) => Number(n.toPrecision(15));
  return { min: exact(value - tol), max: exact(value + tol) };
}

interface Directives {
  points?: number;
  chapter?: string;
  explanation?: string;
  grading?: 'partial' | 'all-or-nothing';
}

/**
 * Numeric answers after the leading `#`: `3:2`, `=%50%1..5 #fb`, and Moodle's export form with
 * `~#feedback` (or `=%0%*`) for "any other answer".
 */
function parseNumeric(body: string, base: number, format: TextFormat | null): NumericRange[] {
  const parts = splitAnswers(body, '=~');
  if (!parts.length) throw new BlockError(base, 'academy.gift.error.emptyAnswer');
  return parts.map((p) => {
    const at = base + p.offset;
    const [w, rest] = takeWeight(p.body, at);
    const [rawSpec, feedback] = takeFeedback(rest, format);
    const spec = unescapeGift(rawSpec).trim();
    const weight = w ?? (p.marker === '~' ? 0 : 100);
    if (spec === '*' || (spec === '' && p.marker === '~')) return { min: 0, max: 0, any: true, weight, feedback };
    if (!spec) throw new BlockError(at, 'academy.gift.error.emptyAnswer');
    return { ...parseNumericSpec(spec, at), weight, feedback };
  });
}

type BlockResult = { question: Omit<GiftQuestion, 'line' | 'category'> } | { description: true };

function parseBlock(s: string, qIndex: number, d: Directives, newId: ParseOptions['newId']): BlockResult {
  let pos = 0;
  let title: string | null = null;
  const lead = s.length - s.trimStart().length;
  if (s.startsWith('::', lead)) {
    const end = findUnescaped(s, '::', lead + 2);
    if (end < 0) throw new BlockError(lead, 'academy.gift.error.unclosedTitle');
    title = clean(s.slice(lead + 2, end)) || null;
    pos = end + 2;
  }
  // After the title: Praxis's [ordering], then one format marker. What follows is question text,
  // also a further bracket (as in Moodle), so a text may begin with "[moodle][x] …".
  const ordering = /^\s*\[ordering\]/i.exec(s.slice(pos));
  if (ordering) pos += ordering[0].length;
  const [format, afterMarker] = takeFormat(s.slice(pos));
  pos = s.length - afterMarker.length;
  const open = findUnescaped(s, '{', pos);
  const close = findUnescaped(s, '}', pos);
  if (open < 0 && close < 0) return { description: true };
  if (open < 0 || (close >= 0 && close < open)) throw new BlockError(close, 'academy.gift.error.strayBrace');
  if (close < 0) throw new BlockError(open, 'academy.gift.error.unclosedAnswerBlock');
  const nested = findUnescaped(s, '{', open + 1);
  if (nested >= 0 && nested < close) throw new BlockError(nested, 'academy.gift.error.nestedBrace');
  const after = s.slice(close + 1);
  if (findUnescaped(after, '{') >= 0 || findUnescaped(after, '}') >= 0) throw new BlockError(close + 1, 'academy.gift.error.secondAnswerBlock');
  // Moodle: the answer block becomes a blank unless it ends the question (also at the very start).
  const before = s.slice(pos, open);
  let raw = before;
  if (after.trim()) {
    const left = before.trimEnd();
    const right = after.trimStart();
    raw = `${left}${left && left !== before ? ' ' : ''}_____${right !== after ? ' ' : ''}${right}`;
  }
  const text = asMarkdown(clean(raw), format);
  if (!text) throw new BlockError(pos, 'academy.gift.error.emptyQuestion');

  let body = s.slice(open + 1, close);
  const base = open + 1;
  let explanation = d.explanation ?? '';
  const general = findLastUnescaped(body, '####');
  if (general >= 0) {
    const [own, rest] = takeFormat(body.slice(general + 4).trim());
    explanation = asMarkdown(clean(rest), own ?? format);
    body = body.slice(0, general);
  }
  const trimmed = body.trim();
  const points = d.points ?? 1;
  const common = { title, text, points, explanation, chapterRef: d.chapter ?? null };
  const id = (i: number) => (newId ? newId(qIndex, i) : `c${i + 1}`);
  /** One answer: weight, text in its own or the question's format, feedback. */
  const answersOf = (markers: string) => splitAnswers(body, markers).map((p) => {
    const at = base + p.offset;
    const [w, rest] = takeWeight(p.body, at);
    const [t, feedback] = takeFeedback(rest, format);
    const [own, answerRaw] = takeFormat(t.trim());
    const answerText = asPlain(clean(answerRaw), own ?? format);
    if (!answerText) throw new BlockError(at, 'academy.gift.error.emptyAnswer');
    return { marker: p.marker, weight: w, text: answerText, feedback, offset: at };
  });

  if (ordering) {
    const answers = answersOf('=~');
    if (answers.some((a) => a.marker !== '=' || (a.weight !== null && a.weight !== 100))) throw new BlockError(base, 'academy.gift.error.orderingSyntax');
    if (answers.length < 2) throw new BlockError(base, 'academy.gift.error.orderingTooFew');
    const choices = answers.map((a, i) => ({ id: id(i), text: a.text, weight: 0, position: i }));
    return { question: { ...common, kind: 'ordering', partialCredit: d.grading === 'partial', choices, accepted: [], ranges: [] } };
  }

  // The question kind, decided as Moodle decides it.
  if (!trimmed) throw new BlockError(base, 'academy.gift.error.essayUnsupported');

  if (trimmed.startsWith('#')) {
    const hashAt = body.indexOf('#');
    const ranges = parseNumeric(body.slice(hashAt + 1), base + hashAt + 1, format);
    if (!ranges.some((r) => r.weight > 0)) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
    return { question: { ...common, kind: 'numeric', partialCredit: false, choices: [], accepted: [], ranges } };
  }

  if (findUnescaped(body, '~') >= 0) {
    const answers = answersOf('=~');
    if (answers.length < 2) throw new BlockError(base, 'academy.gift.error.tooFewChoices');
    const choices: Choice[] = answers.map((a, i) => ({
      id: id(i), text: a.text, weight: a.weight ?? (a.marker === '=' ? 100 : 0), feedback: a.feedback,
    }));
    const positive = choices.filter((c) => c.weight > 0);
    if (!positive.length) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
    // Moodle: with a "=" answer the learner picks one (several "=" are each fully right);
    // without one, several may be ticked and the positive weights add up.
    if (answers.some((a) => a.marker === '=')) {
      return { question: { ...common, kind: 'single', partialCredit: false, choices, accepted: [], ranges: [] } };
    }
    const sum = positive.reduce((n, c) => n + c.weight, 0);
    if (Math.abs(sum - 100) > 1) throw new BlockError(base, 'academy.gift.error.weightsSum');
    return { question: { ...common, kind: 'multiple', partialCredit: d.grading !== 'all-or-nothing', choices, accepted: [], ranges: [] } };
  }

  if (findUnescaped(body, '=') >= 0 && findUnescaped(body, '->') >= 0) throw new BlockError(base, 'academy.gift.error.matchingUnsupported');

  const hash = findUnescaped(trimmed, '#');
  if (/^(T|F|TRUE|FALSE)$/i.test((hash >= 0 ? trimmed.slice(0, hash) : trimmed).trim())) {
    const value = /^T/i.test(trimmed);
    const fb = hash >= 0 ? splitFeedbacks(trimmed.slice(hash + 1), format) : [];
    // Moodle: the first feedback is shown for a wrong answer, the second for a right one.
    const [wrongFb, rightFb] = [fb[0], fb[1]];
    const choices: Choice[] = [
      { id: 'true', text: 'true', weight: value ? 100 : 0, feedback: value ? rightFb : wrongFb },
      { id: 'false', text: 'false', weight: value ? 0 : 100, feedback: value ? wrongFb : rightFb },
    ];
    return { question: { ...common, kind: 'truefalse', partialCredit: false, choices, accepted: [], ranges: [] } };
  }

  // Short answer: "=" answers, or a bare `{answer}`; a "*" in an answer matches any text.
  const answers = answersOf('=');
  const accepted = answers.map((a) => ({ text: a.text, weight: a.weight ?? 100, feedback: a.feedback }));
  if (!accepted.some((a) => a.weight > 0)) throw new BlockError(base, 'academy.gift.error.noCorrectAnswer');
  return { question: { ...common, kind: 'short', partialCredit: false, choices: [], accepted, ranges: [] } };
}

/** True/false feedback: "#wrong#right" (Moodle splits at the first two "#"). */
function splitFeedbacks(s: string, format: TextFormat | null): (string | undefined)[] {
  const i = findUnescaped(s, '#');
  if (i < 0) return [feedbackText(s, format)];
  return [feedbackText(s.slice(0, i), format), feedbackText(s.slice(i + 1), format)];
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

const lineOf = (source: string, index: number) => (source.slice(0, index).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;

/**
 * Reads a GIFT document item by item. Throws ParseError only when nothing of it can be read
 * (not text, too large, a NUL character); everything else is reported per item.
 */
export function readGift(source: string, opts: ParseOptions = {}): GiftReadResult {
  if (typeof source !== 'string') throw new ParseError([{ line: 1, message: 'academy.gift.error.notText' }]);
  if (Buffer.byteLength(source, 'utf8') > MAX_GIFT_BYTES) throw new ParseError([{ line: 1, message: 'academy.gift.error.tooLarge' }]);
  const nul = source.indexOf('\u0000');
  if (nul >= 0) throw new ParseError([{ line: lineOf(source, nul), message: 'academy.gift.error.nul' }]);
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const refused: GiftError[] = [];
  const skipped: GiftError[] = [];
  const questions: GiftQuestion[] = [];
  let category: string | null = null;
  let directives: Directives = {};
  /** Problems of the directive lines before the next question: they refuse that question. */
  let directiveErrors: GiftError[] = [];
  let directivesLine = 0;
  let block: { start: number; lines: string[] } | null = null;

  const flush = () => {
    if (!block) return;
    const { start, lines: bl } = block;
    block = null;
    const text = bl.join('\n');
    const problems = directiveErrors;
    const d = directives;
    directives = {};
    directiveErrors = [];
    directivesLine = 0;
    if (questions.length >= MAX_QUESTIONS) {
      refused.push({ line: start, message: 'academy.gift.error.tooManyQuestions' });
      return;
    }
    try {
      const r = parseBlock(text, questions.length, d, opts.newId);
      if ('description' in r) {
        // Praxis shuffles and pages questions, so text "between questions" has no fixed place.
        skipped.push({ line: start, message: 'academy.gift.skipped.description' });
        refused.push(...problems);
      } else if (problems.length) {
        refused.push(...problems);
      } else {
        questions.push({ ...r.question, line: start, category });
      }
    } catch (e) {
      refused.push(...problems);
      if (e instanceof BlockError) {
        const line = start + (text.slice(0, Math.max(0, e.offset)).match(/\n/g)?.length ?? 0);
        refused.push({ line, message: e.message });
      } else {
        refused.push({ line: start, message: 'academy.gift.error.unreadable' });
      }
    }
  };

  lines.forEach((raw, i) => {
    const n = i + 1;
    const t = raw.trim();
    if (t.startsWith('//!')) {
      if (block) flush();
      const problem = parseDirective(t, directives);
      if (problem) directiveErrors.push({ line: n, message: problem });
      directivesLine = n;
      return;
    }
    if (t.startsWith('//')) return;
    if (t === '') { flush(); return; }
    if (!block && /^\$CATEGORY:/i.test(t)) {
      category = t.replace(/^\$CATEGORY:/i, '').trim().replace(/^\$[a-z]+\$\//i, '') || null;
      return;
    }
    if (block) block.lines.push(raw);
    else block = { start: n, lines: [raw] };
  });
  flush();
  if (directivesLine) refused.push(...directiveErrors, { line: directivesLine, message: 'academy.gift.error.danglingDirective' });
  if (!questions.length && !refused.length) refused.push({ line: 1, message: 'academy.gift.error.empty' });
  const byLine = (a: GiftError, b: GiftError) => a.line - b.line;
  refused.sort(byLine);
  if (refused.length > MAX_REFUSED_LISTED) {
    refused.splice(MAX_REFUSED_LISTED, Infinity, { line: refused[MAX_REFUSED_LISTED]!.line, message: 'academy.gift.error.moreRefused' });
  }
  return { questions, refused, skipped: skipped.sort(byLine).slice(0, MAX_REFUSED_LISTED) };
}

/** Parses a GIFT document, all or nothing: throws ParseError listing every refused item. */
export function parseGift(source: string, opts: ParseOptions = {}): GiftQuestion[] {
  const { questions, refused } = readGift(source, opts);
  if (refused.length) throw new ParseError(refused);
  return questions;
}

/** The text of an uploaded GIFT file: UTF-8 (with or without BOM), else a ParseError naming the line. */
export function giftFromBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_GIFT_BYTES) throw new ParseError([{ line: 1, message: 'academy.gift.error.tooLarge' }]);
  try {
    return decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof Utf8Error) throw new ParseError([{ line: e.line, message: e.utf16 ? 'academy.gift.error.utf16' : 'academy.gift.error.notUtf8' }]);
    throw e;
  }
}

// ---- writing GIFT ----

/** Escapes text for GIFT with Moodle's escapes only (the inverse of unescapeGift). */
export function escapeGift(s: string): string {
  return s.replace(/[\\:~=#{}]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A text that would be misread at the start of its part (a bracket read as a format marker, "//"
 * as a comment, "$" as a category) gets the neutral [moodle] marker in front, as Moodle would.
 */
const guarded = (escaped: string) => (/^(\[|\/\/|\$)/.test(escaped) ? `[moodle]${escaped}` : escaped);
const giftText = (s: string) => guarded(escapeGift(s));

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
    const fb = (f?: string) => (f ? ` #${giftText(f)}` : '');
    /** A weight is written when it is not the marker's default, or when the text starts with "%". */
    const weighted = (prefix: string, weight: number, byDefault: number, t: string) =>
      `${prefix}${weight !== byDefault || /^\s*%/.test(t) ? `%${fmt(weight)}%` : ''}${giftText(t)}`;
    const general = q.explanation ? `\n####${giftText(q.explanation)}` : '';
    let body: string;
    switch (q.kind) {
      case 'truefalse': {
        const right = q.choices.find((c) => c.weight > 0);
        const wrong = q.choices.find((c) => c !== right);
        const feedbacks = wrong?.feedback || right?.feedback ? `#${giftText(wrong?.feedback ?? '')}#${giftText(right?.feedback ?? '')}` : '';
        body = `${right?.id === 'true' ? 'TRUE' : 'FALSE'}${feedbacks}`;
        break;
      }
      case 'short':
        body = q.accepted.map((a) => `\n${weighted('=', a.weight, 100, a.text)}${fb(a.feedback)}`).join('') + '\n';
        break;
      case 'numeric':
        body = '#' + q.ranges.map((r) => (r.any
          ? `\n${r.weight === 0 ? '~' : `=%${fmt(r.weight)}%*`}${r.feedback ? `#${giftText(r.feedback)}` : ''}`
          : `\n=${r.weight === 100 ? '' : `%${fmt(r.weight)}%`}${fmt(r.min)}..${fmt(r.max)}${fb(r.feedback)}`)).join('') + '\n';
        break;
      case 'ordering':
        body = [...q.choices].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)).map((c) => `\n${weighted('=', 100, 100, c.text)}`).join('') + '\n';
        break;
      case 'single': {
        // "=" marks a fully right choice; a single choice without one keeps its best choice on "=".
        const best = q.choices.some((c) => c.weight === 100) ? null : q.choices.reduce((a, c) => (c.weight > a.weight ? c : a));
        body = q.choices.map((c) => `\n${c.weight === 100 || c === best ? weighted('=', c.weight, 100, c.text) : weighted('~', c.weight, 0, c.text)}${fb(c.feedback)}`).join('') + '\n';
        break;
      }
      case 'multiple':
        body = q.choices.map((c) => `\n~%${fmt(c.weight)}%${giftText(c.text)}${fb(c.feedback)}`).join('') + '\n';
        break;
    }
    const multiline = body.endsWith('\n');
    lines.push(`${title}${marker}${giftText(q.text)} {${body.replace(/\n$/, '')}${general}${multiline ? '\n' : ''}}`);
    return lines.join('\n');
  }).join('\n\n') + '\n';
}
