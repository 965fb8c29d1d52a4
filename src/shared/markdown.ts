// The one Markdown renderer for all user text: marked → sanitize-html with an allow-list.
// Call it once, on write, and store the HTML next to the source; output only the stored HTML.
//
// Bounded time (issue 11, item 2): marked's inline parser is quadratic on some inputs (nested
// emphasis, `_a` or `*a` repeated: every opening delimiter scans the rest of its paragraph for a
// closer, every nesting level re-reads its content, and the e-mail look-ahead re-reads a run of
// word characters at each delimiter in it). Bounds that ordinary text never meets keep every render
// linear and small (bench/markdown prints the worst cases; tests/shared/markdown-bound.test.ts checks
// < 100 ms up to MARKDOWN_MAX_CHARS):
// - an emphasis opener looks CLOSER_SEARCH_RUNS delimiter runs ahead for its closer, and emphasis
//   nests EMPHASIS_DEPTH levels deep; beyond that the delimiters stay as written;
// - the e-mail look-ahead stops after 64 characters (the most a local part may have);
// - inline Markdown (a paragraph, heading, cell) is parsed in windows of INLINE_WINDOW characters,
//   split after a line break or a sentence, so no unknown quadratic case can see more than that;
// - text that would make more than MARKDOWN_MAX_TOKENS pieces of formatting, tables of more than
//   TABLE_MAX_CELLS cells (short rows are padded), reference links repeating more than
//   REFERENCE_MAX_CHARS characters of URL, more than DELIMITER_RUNS_MAX delimiter runs in one inline
//   window or more than LIST_ITEMS_MAX list items are refused with a message ("too much formatting");
// - quotes and lists nest at most MARKDOWN_MAX_NESTING levels, counting markers chained on one line
//   ("1. 1. 1. a", "> - > - a") as well as indentation ("too deeply nested").
import { Lexer, Marked, Tokenizer, type Links, type MarkedOptions, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { invalid } from './errors.js';

/** The most Markdown one field may hold (forum posts, use-case sections, comments, chapters). */
export const MARKDOWN_MAX_CHARS = 20_000;
/** Deeper nesting than this is refused: marked recurses per level and can exhaust the stack. */
export const MARKDOWN_MAX_NESTING = 20;
/** Inline Markdown longer than this is parsed in independent windows of at most this length. */
export const INLINE_WINDOW = 2_000;
/** Emphasis (and strikethrough) inside emphasis deeper than this is left as written. */
export const EMPHASIS_DEPTH = 3;
/** An emphasis opener looks this many delimiter runs ahead for its closer, no further. */
export const CLOSER_SEARCH_RUNS = 32;
const LOOK_BEHIND = 32;
/** Inline tokens (text runs, emphasis, links, code …) in one text: the densest demo text has 56 per 1,000 characters. */
export const MARKDOWN_MAX_TOKENS = 5_000;
/** Table cells in one text (a short row is padded to the header's width). */
export const TABLE_MAX_CELLS = 5_000;
/** Characters of URL and title that reference links may repeat in one text. */
export const REFERENCE_MAX_CHARS = 100_000;
/**
 * Delimiter runs (`*`, `_`, `~`, each change of character starts a run) in one inline window:
 * ordinary prose has a few dozen per 2,000 characters; `*_*_…` has one per character, and every
 * opener in one unbroken cluster scans the whole cluster for its closer.
 */
export const DELIMITER_RUNS_MAX = 600;
/** List items in one text: marked re-reads the rest of a list for every item. */
export const LIST_ITEMS_MAX = 1_000;

/**
 * Splits inline source into windows of at most `size` characters: after the last line break of the
 * window, else after its last sentence end (". ", "! ", "? "), else after its last space (each only
 * in the window's second half), else at `size`. A split outside link brackets, parentheses and code
 * spans is preferred ("[z. B. Planung](…)" stays whole); emphasis rarely crosses a sentence end.
 */
export function inlineWindows(src: string, size = INLINE_WINDOW): string[] {
  const out: string[] = [];
  let start = 0;
  while (src.length - start > size) {
    const half = start + Math.floor(size / 2);
    const limit = start + size;
    const outside = splitsOutsideSpans(src, start, limit);
    const lineBreak = (i: number) => src.charCodeAt(i - 1) === 10;
    const sentence = (i: number) => src.charCodeAt(i - 1) === 32 && '.!?'.includes(src[i - 2]!);
    const space = (i: number) => src.charCodeAt(i - 1) === 32;
    let end = 0;
    for (const ok of [(i: number) => outside[i - start] === 1, () => true]) {
      end = lastSplit(half, limit, (i) => lineBreak(i) && ok(i))
        || lastSplit(half, limit, (i) => sentence(i) && ok(i))
        || lastSplit(half, limit, (i) => space(i) && ok(i));
      if (end) break;
    }
    if (!end) end = limit;
    const code = src.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1; // never split a surrogate pair
    out.push(src.slice(start, end));
    start = end;
  }
  out.push(src.slice(start));
  return out;
}

/** The last split position in (from, limit] that `ok` accepts, or 0. */
function lastSplit(from: number, limit: number, ok: (i: number) => boolean): number {
  for (let i = limit; i > from; i -= 1) if (ok(i)) return i;
  return 0;
}

/**
 * For each split position start…limit (index i - start): 1 when splitting before src[i] leaves no
 * bracket, parenthesis, code span or emphasis open since `start` (backslash escapes skipped), else 0.
 * Emphasis is followed as ordinary text writes it ("**z. B. *so***", "~~alt~~"): a run of `*`, `_`
 * or `~` before a non-space opens, one after a non-space closes what is open; a delimiter between two
 * letters or digits ("snake_case", "Bürger*innen") is neither. One pass.
 */
function splitsOutsideSpans(src: string, start: number, limit: number): Uint8Array {
  const outside = new Uint8Array(limit - start + 1);
  let brackets = 0;
  let parens = 0;
  let code = false;
  const open = { 42: 0, 95: 0, 126: 0 } as Record<number, number>;
  outside[0] = 1;
  for (let i = start; i < limit; i += 1) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \\ */ && !code) {
      i += 1;
      if (i - start < outside.length) outside[i - start] = 0;
    } else if (c === 96 /* ` */) code = !code;
    else if (!code) {
      if (c === 91 /* [ */) brackets += 1;
      else if (c === 93 /* ] */ && brackets > 0) brackets -= 1;
      else if (c === 40 /* ( */) parens += 1;
      else if (c === 41 /* ) */ && parens > 0) parens -= 1;
      else if (isDelimiter(c)) {
        let j = i;
        while (j + 1 < limit && src.charCodeAt(j + 1) === c) j += 1;
        const run = j - i + 1;
        const before = i > 0 ? src.charAt(i - 1) : ' ';
        const after = j + 1 < src.length ? src.charAt(j + 1) : ' ';
        const closes = !/\s/u.test(before);
        const opens = !/\s/u.test(after);
        const inWord = WORD_CHAR.test(before) && WORD_CHAR.test(after);
        if (!inWord) {
          if (closes && open[c]! > 0) open[c] = Math.max(0, open[c]! - run);
          else if (opens) open[c]! += run;
        }
        for (let k = i + 1; k <= j; k += 1) outside[k - start] = 0;
        i = j;
      }
    }
    const balanced = open[42] === 0 && open[95] === 0 && open[126] === 0;
    if (i + 1 - start < outside.length) outside[i + 1 - start] = !code && brackets === 0 && parens === 0 && balanced ? 1 : 0;
  }
  return outside;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** Replaces `from` in a marked rule; fails loudly when a marked update changed the rule. */
function patchRule(rule: RegExp, from: string, to: string): RegExp {
  if (!rule.source.includes(from)) throw new Error(`markdown: marked's rule changed, cannot bound ${rule.source.slice(0, 60)}…`);
  return new RegExp(rule.source.split(from).join(to), rule.flags);
}

/**
 * marked's text and autolink rules look ahead over a whole run of e-mail characters for an `@`, at
 * every delimiter in the run: quadratic on `a_a_a…`. An e-mail's local part has at most 64
 * characters (RFC 5321), so the look-ahead stops there.
 */
const boundedInlineRules = new WeakMap<object, unknown>();
function boundInlineRules(inline: Record<string, RegExp>) {
  let bounded = boundedInlineRules.get(inline);
  if (!bounded) {
    bounded = {
      ...inline,
      text: patchRule(inline.text!, "~-]+@)", '~-]{1,64}@)'),
      url: patchRule(inline.url!, '|^[A-Za-z0-9._+-]+(@)', '|^[A-Za-z0-9._+-]{1,64}(@)'),
    };
    boundedInlineRules.set(inline, bounded);
  }
  return bounded;
}

/**
 * German gender-inclusive spelling: a star between a word and its ending ("Bürger*innen",
 * "Kolleg*in", "jede*r", "eine*n"). Only a single star after a letter and before one of these
 * endings counts; `*emphasis*` and `**strong**` never look like this.
 */
const GENDER_ENDINGS = '(?:innen|in|r|n|e|en|em|er|es)(?![\\p{L}\\p{N}])';
const GENDER_STAR = new RegExp(`(?<=\\p{L})\\*(?=${GENDER_ENDINGS})`, 'gu');
const GENDER_STAR_AT = new RegExp(`^\\*(?=${GENDER_ENDINGS})`, 'u');
const LETTER = /^\p{L}$/u;

/** Text with more formatting than any ordinary text has: refused with a message. */
class TooComplex extends Error {}

class BoundedLexer extends Lexer {
  /** Emphasis tokens being parsed around the current position. */
  emphasisDepth = 0;
  inlineTokenCount = 0;
  tableCells = 0;
  referenceChars = 0;
  private readonly delimiterIndexes = new Map<string, DelimiterIndex>();

  /** The delimiter index of an inline run's masked source, built once per run. */
  delimiters(maskedSrc: string): DelimiterIndex {
    let index = this.delimiterIndexes.get(maskedSrc);
    if (!index) {
      index = indexDelimiters(maskedSrc);
      if (index.runs > DELIMITER_RUNS_MAX) throw new TooComplex();
      this.delimiterIndexes.set(maskedSrc, index);
    }
    return index;
  }

  private readonly genderMasked = new Map<string, string>();

  /** The masked source with gender stars turned into letters, so that they cannot close emphasis; once per run. */
  withoutGenderStars(maskedSrc: string): string {
    let masked = this.genderMasked.get(maskedSrc);
    if (masked === undefined) {
      masked = maskedSrc.replace(GENDER_STAR, 'a');
      this.genderMasked.set(maskedSrc, masked);
    }
    return masked;
  }

  constructor(options?: MarkedOptions) {
    super(options);
    const tokenizer = this.options.tokenizer!;
    tokenizer.rules = { ...tokenizer.rules, inline: boundInlineRules(tokenizer.rules.inline) as typeof tokenizer.rules.inline };
  }

  override inlineTokens(src: string, tokens: Token[] = []): Token[] {
    const before = tokens.length;
    if (src.length <= INLINE_WINDOW) super.inlineTokens(src, tokens);
    else for (const window of inlineWindows(src)) super.inlineTokens(window, tokens);
    this.inlineTokenCount += tokens.length - before;
    if (this.inlineTokenCount > MARKDOWN_MAX_TOKENS) throw new TooComplex();
    return tokens;
  }
}

/** Delimiter characters of emphasis and strikethrough. */
const isDelimiter = (c: number) => c === 42 /* * */ || c === 95 /* _ */ || c === 126; /* ~ */

/**
 * The emphasis tokenizers, bounded: an opening delimiter looks for its closer among the next
 * CLOSER_SEARCH_RUNS delimiter runs only (marked scans to the end of the paragraph, for every
 * opener), and emphasis nests at most EMPHASIS_DEPTH levels (each level re-reads its content).
 */
class BoundedTokenizer extends Tokenizer {
  /** A table of C columns and R rows becomes C × R cells however short its rows: count them first. */
  override table(src: string) {
    const cap = this.rules.block.table.exec(src);
    if (cap) {
      const columns = (cap[1]!.match(/\|/g)?.length ?? 0) + 1;
      const rows = (cap[3]?.match(/\n/g)?.length ?? 0) + 2;
      const lexer = this.lexer as BoundedLexer;
      lexer.tableCells += columns * rows;
      if (lexer.tableCells > TABLE_MAX_CELLS) throw new TooComplex();
    }
    return super.table(src);
  }

  /** Each use of a reference repeats its URL and title: count the repeated characters. */
  override reflink(src: string, links: Links) {
    const token = super.reflink(src, links);
    if (token && (token.type === 'link' || token.type === 'image')) {
      const lexer = this.lexer as BoundedLexer;
      lexer.referenceChars += token.href.length + (token.title?.length ?? 0);
      if (lexer.referenceChars > REFERENCE_MAX_CHARS) throw new TooComplex();
    }
    return token;
  }

  override emStrong(src: string, maskedSrc: string, prevChar = '') {
    // A gender star ("Bürger*innen", "jede*r") is a letter of the word, not emphasis: it neither
    // opens nor closes (CommonMark would put "innen und Teilnehmer" in italics).
    if (LETTER.test(prevChar) && GENDER_STAR_AT.test(src)) return undefined;
    const lexer = this.lexer as BoundedLexer;
    return this.bounded(src, lexer.withoutGenderStars(maskedSrc), (s, m) => super.emStrong(s, m, prevChar));
  }

  override del(src: string, maskedSrc: string, prevChar = '') {
    return this.bounded(src, maskedSrc, (s, m) => super.del(s, m, prevChar));
  }

  private bounded<T>(src: string, maskedSrc: string, parse: (src: string, maskedSrc: string) => T | undefined): T | undefined {
    const lexer = this.lexer as BoundedLexer;
    const opener = src.charCodeAt(0);
    if (lexer.emphasisDepth >= EMPHASIS_DEPTH || !isDelimiter(opener)) return undefined;
    const pos = maskedSrc.length - src.length;
    const index = lexer.delimiters(maskedSrc);
    let runEnd = pos;
    while (runEnd < maskedSrc.length && isDelimiter(maskedSrc.charCodeAt(runEnd))) runEnd += 1;
    // Cut before the (CLOSER_SEARCH_RUNS + 1)th cluster of delimiters after the opener's: the
    // character before a cluster is no delimiter, so every kept run keeps its flanking.
    const first = lowerBound(index.clusters, runEnd);
    const end = index.clusters[first + CLOSER_SEARCH_RUNS] ?? maskedSrc.length;
    // Nothing to do unless a run of the opener's character in reach could close it.
    const closers = index.closers.get(opener) ?? [];
    const closer = closers[lowerBound(closers, runEnd)];
    if (closer === undefined || closer >= end) return undefined;
    // marked looks back over the opener's run and one character (two code units) before it.
    const from = Math.max(0, pos - LOOK_BEHIND);
    lexer.emphasisDepth += 1;
    try {
      return parse(src.slice(0, end - pos), maskedSrc.slice(from, end));
    } finally {
      lexer.emphasisDepth -= 1;
    }
  }
}

/** Where the delimiter clusters of an inline run start, and which runs may close emphasis. */
interface DelimiterIndex {
  clusters: number[];
  /** Runs of one delimiter character ("*_*" is three). */
  runs: number;
  closers: Map<number, number[]>;
}

function indexDelimiters(s: string): DelimiterIndex {
  const index: DelimiterIndex = { clusters: [], runs: 0, closers: new Map() };
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (!isDelimiter(c)) continue;
    const before = i > 0 ? s.charCodeAt(i - 1) : 32;
    if (!isDelimiter(before)) index.clusters.push(i);
    if (before !== c) index.runs += 1;
    if (before !== c && mayClose(s, i)) {
      const list = index.closers.get(c) ?? [];
      list.push(i);
      index.closers.set(c, list);
    }
  }
  return index;
}

/** The first index of the sorted `list` whose value is at least `value`. */
function lowerBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WHITESPACE = /^\s$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

/**
 * Whether the delimiter run starting at `i` may close emphasis (CommonMark's right-flanking, as
 * marked's closing rules read it, erring towards yes): not after white space or the start, and not
 * after punctuation when a letter or digit follows.
 */
function mayClose(s: string, i: number): boolean {
  const low = s.charCodeAt(i - 1);
  const before = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? s.slice(i - 2, i) : s.charAt(i - 1);
  if (before === '' || WHITESPACE.test(before)) return false;
  let j = i;
  while (j < s.length && s.charCodeAt(j) === s.charCodeAt(i)) j += 1;
  const after = String.fromCodePoint(s.codePointAt(j) ?? 32);
  const beforeIsPunctuation = before !== '~' && PUNCTUATION.test(before);
  const afterIsWord = after === '~' || !(WHITESPACE.test(after) || PUNCTUATION.test(after));
  return !(beforeIsPunctuation && afterIsWord);
}

const marked = new Marked({ gfm: true, breaks: false, async: false });
const boundedLex = (src: string, options?: MarkedOptions) => new BoundedLexer(options).lex(src);
marked.use({ hooks: { provideLexer: () => boundedLex as typeof Lexer.lexInline } });
marked.setOptions({ tokenizer: new BoundedTokenizer() });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong',
    'del', 's', 'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sup', 'sub',
    'kbd', 'abbr', 'details', 'summary', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
    code: ['class'],
    span: ['class'],
    h1: ['id'], h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/], span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow ugc noopener' },
    }),
    // The CSP loads images from this site only: an image from elsewhere becomes a link to it, named
    // by its alt text (no proxy). Every image keeps an alt attribute, empty when none was written.
    img: (tagName, attribs): sanitizeHtml.Tag => {
      const src = attribs.src ?? '';
      if (isSameOrigin(src)) return { tagName, attribs: { ...attribs, alt: attribs.alt ?? '' } };
      return { tagName: 'a', attribs: { href: src, rel: 'nofollow ugc noopener' }, text: attribs.alt?.trim() || src };
    },
  },
};

/** A path on this site (`/uploads/x.png`, `bild.png`), not an address elsewhere (`https:`, `//host`). */
function isSameOrigin(src: string): boolean {
  const s = src.trim();
  return s !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[\\/]{2}/.test(s) && !/^\/\\/.test(s);
}

/** A thematic break ("* * *", "- - -") is a line of markers that is no list. */
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** One quote or list marker at the start of what is left of a line. */
const LINE_MARKER = /^[ \t]*(?:>[ \t]?|[-*+](?:[ \t]+|$)|\d{1,9}[.)](?:[ \t]+|$))/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The block shape of the raw source, measured before marked sees it: the deepest nesting of quotes
 * and lists (indentation, and markers chained on one line: "> - > - a" and "1. 1. 1. a" nest one
 * level per marker), and how many list items there are. One pass over the lines.
 */
export function blockShape(source: string): { depth: number; listItems: number } {
  let depth = 0;
  let listItems = 0;
  for (const line of source.split('\n')) {
    if (THEMATIC_BREAK.test(line)) continue;
    const indent = line.match(/^[ \t]*/)![0].replace(/\t/g, '    ').length;
    let rest = line;
    let markers = 0;
    for (let m = LINE_MARKER.exec(rest); m && m[0].length > 0; m = LINE_MARKER.exec(rest)) {
      if (LIST_MARKER.test(rest)) listItems += 1;
      markers += 1;
      rest = rest.slice(m[0].length);
      if (markers > MARKDOWN_MAX_NESTING) break;
    }
    depth = Math.max(depth, markers + (markers > 0 ? Math.floor(indent / 2) : 0));
  }
  return { depth, listItems };
}

/** Why marked must not see this source (a message key), or null. */
function shapeRefusal(source: string): string | null {
  if (source.length > MARKDOWN_MAX_CHARS) return 'markdown.tooLong';
  const shape = blockShape(source);
  if (shape.depth > MARKDOWN_MAX_NESTING) return 'markdown.tooDeep';
  if (shape.listItems > LIST_ITEMS_MAX) return 'markdown.tooComplex';
  return null;
}

/**
 * Renders user Markdown to safe HTML. Throws `invalid` (a 422 with a message for the form) for
 * text that is too long, too deeply nested or that marked cannot render — never a 500.
 */
export function renderMarkdown(source: string, field = 'body'): string {
  const refusal = shapeRefusal(source);
  if (refusal) throw invalid(refusal, { [field]: refusal });
  let html: string;
  try {
    html = marked.parse(source) as string;
  } catch (e) {
    const message = e instanceof TooComplex ? 'markdown.tooComplex' : 'markdown.failed';
    throw invalid(message, { [field]: message });
  }
  return sanitizeMarkdownHtml(html);
}

/** The allow-list applied to marked's output. */
export function sanitizeMarkdownHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}

/** Plain text from Markdown, for excerpts, search documents and e-mails. */
export function markdownToText(source: string): string {
  const plain = () => source.replace(/\s+/g, ' ').trim();
  const text = source.slice(0, MARKDOWN_MAX_CHARS);
  if (shapeRefusal(text)) return plain(); // what renderMarkdown refuses is not parsed here either
  try {
    const html = marked.parse(text) as string;
    return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  } catch {
    return plain();
  }
}
