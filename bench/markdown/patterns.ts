// Worst-case Markdown inputs for the renderer: the patterns that made marked quadratic (issue 11,
// item 2) and their neighbours. Shared by `npm run bench:markdown` and the property test.

/** Repeats `unit` until the text has exactly `size` characters. */
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** `open` repeated, then `close` repeated, together `size` characters: nesting as deep as the text allows. */
const nest = (open: string, close: string, size: number) => {
  const n = Math.floor(size / (open.length + close.length));
  return fill(open.repeat(n) + close.repeat(n) + ' ', size);
};

export const WORST_CASES: Record<string, (size: number) => string> = {
  'nested emphasis *a … a*': (n) => nest('*a ', ' a*', n),
  'nested strong **a … a**': (n) => nest('**a ', ' a**', n),
  'nested emphasis _a … a_': (n) => nest('_a ', ' a_', n),
  'nested mixed *_a … a_*': (n) => nest('*_a ', ' a_*', n),
  'nested strikethrough ~~a … a~~': (n) => nest('~~a ', ' a~~', n),
  '_a repeated': (n) => fill('_a', n),
  'a_ repeated': (n) => fill('a_', n),
  '*a repeated': (n) => fill('*a', n),
  '**a repeated': (n) => fill('**a', n),
  '~a repeated': (n) => fill('~a', n),
  'emphasis runs _a *b _c': (n) => fill('_a *b _c ', n),
  'asterisks only': (n) => fill('*', n),
  'underscores and spaces': (n) => fill('_ ', n),
  'nested links [a [b](c)': (n) => nest('[a ', '](b)', n),
  'nested images ![a ![b](c)': (n) => nest('![a ', '](b)', n),
  'open brackets [ and ](': (n) => fill('[', Math.floor(n / 2)) + fill('](', n - Math.floor(n / 2)),
  'link openers [a](': (n) => fill('[a](', n),
  'link with parentheses [a](b(': (n) => '[a](b' + fill('(', n - 5),
  'reference links [a][b]': (n) => '[b]: https://example.org\n\n' + fill('[a][b] ', n - 26),
  'backticks `a': (n) => fill('`a', n),
  'backtick runs': (n) => fill('`` ` ', n),
  'backslashes \\*a': (n) => fill('\\*a', n),
  'html openers <a': (n) => fill('<a', n),
  'autolinks <http://a': (n) => fill('<http://a ', n),
  'bare URLs www.a.de_': (n) => fill('www.a.de_', n),
  'e-mail look-alikes a.a@': (n) => fill('a.a@', n),
  'e-mail domain a@b.a_a_': (n) => fill('a@b.' + 'a_'.repeat(40) + ' ', n),
  'long word before @': (n) => fill('a', n - 5) + '@b.de',
  'emphasis over lines *a\\n': (n) => fill('*a\n', n),
  'quote and emphasis > *a': (n) => fill('> *a\n', n),
  'list items - *a': (n) => fill('- *a\n', n),
  'table with emphasis': (n) => '|a|b|\n|-|-|\n' + fill('|*a|_b|\n', n - 12),
  'wide table': (n) => fill('|a', Math.floor(n / 2) - 4) + '\n' + fill('|-', Math.floor(n / 2) - 4) + '\n|x|',
  'setext headings a\\n=': (n) => fill('a\n=\n', n),
  'nested quotes 20 deep with emphasis': (n) => fill('> '.repeat(20) + '*a _b\n', n),
  'rules ---': (n) => fill('---\n\n', n),
  'empty code fences': (n) => fill('```\n```\n', n),
  'html blocks <div>': (n) => fill('<div>\n\n', n),
  'atx headings # *a*': (n) => fill('# *a*\n', n),
  'hard breaks a␣␣\\n': (n) => fill('a  \n', n),
  'gender stars Bürger*innen': (n) => fill('Bürger*innen und Teilnehmer*innen ', n),
  'alternating delimiters *_*_': (n) => fill('*_', n),
  'alternating delimiters in words a*_b': (n) => fill('a*_b ', n),
  'list items - a': (n) => fill('- a\n', n),
  'nested list items': (n) => fill(Array.from({ length: 20 }, (_, i) => ' '.repeat(2 * i) + '- a\n').join(''), n),
  'chained ordered markers 1. 1. 1.': (n) => fill('1. ', n),
  'quote and list chains > - > -': (n) => fill('> - ', n),
  'chained markers per line': (n) => fill('1. '.repeat(19) + 'a\n', n),
};
