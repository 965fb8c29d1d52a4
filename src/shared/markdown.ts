// The one Markdown renderer for all user text: marked → sanitize-html with an allow-list.
// Call it once, on write, and store the HTML next to the source; output only the stored HTML.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { invalid } from './errors.js';

export const MARKDOWN_MAX_CHARS = 100_000;
/** Deeper nesting than this is refused: marked recurses per level and can exhaust the stack. */
export const MARKDOWN_MAX_NESTING = 20;

const marked = new Marked({ gfm: true, breaks: false, async: false });

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
  },
};

/** Nesting of block quotes and lists, measured on the raw source before marked sees it. */
export function nestingDepth(source: string): number {
  let max = 0;
  for (const line of source.split('\n')) {
    const quote = line.match(/^(\s*>\s?)+/);
    const quoteDepth = quote ? (quote[0].match(/>/g) ?? []).length : 0;
    const indent = line.match(/^( {2,}|\t+)(?=([-*+]|\d+[.)])\s)/);
    const listDepth = indent ? Math.floor(indent[1]!.replace(/\t/g, '    ').length / 2) + 1 : 0;
    max = Math.max(max, quoteDepth, listDepth);
  }
  return max;
}

/**
 * Renders user Markdown to safe HTML. Throws `invalid` (a 422 with a message for the form) for
 * text that is too long, too deeply nested or that marked cannot render — never a 500.
 */
export function renderMarkdown(source: string, field = 'body'): string {
  if (source.length > MARKDOWN_MAX_CHARS) throw invalid('markdown.tooLong', { [field]: 'markdown.tooLong' });
  if (nestingDepth(source) > MARKDOWN_MAX_NESTING) {
    throw invalid('markdown.tooDeep', { [field]: 'markdown.tooDeep' });
  }
  let html: string;
  try {
    html = marked.parse(source) as string;
  } catch {
    throw invalid('markdown.failed', { [field]: 'markdown.failed' });
  }
  return sanitizeHtml(html, ALLOWED);
}

/** Plain text from Markdown, for excerpts, search documents and e-mails. */
export function markdownToText(source: string): string {
  try {
    const html = marked.parse(source.slice(0, MARKDOWN_MAX_CHARS)) as string;
    return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
  } catch {
    return source.replace(/\s+/g, ' ').trim();
  }
}
