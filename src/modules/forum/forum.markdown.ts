// Forum text: @mentions and the Markdown of a post. Mentions of known handles become profile
// links before rendering; unknown handles stay plain text. Code spans and fenced blocks are left alone.
import { renderMarkdown } from '../../shared/markdown.js';

const MENTION = /(^|[^\w@/.`[])@([a-z0-9][a-z0-9_-]{1,29})\b/g;

/** Applies `fn` to the parts of Markdown outside fenced code blocks and inline code spans. */
function outsideCode(source: string, fn: (text: string) => string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of source.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(line)) {
      fenced = !fenced;
      out.push(line);
      continue;
    }
    if (fenced || /^( {4}|\t)/.test(line)) {
      out.push(line);
      continue;
    }
    out.push(line.split(/(`+[^`]*`+)/).map((part, i) => (i % 2 === 1 ? part : fn(part))).join(''));
  }
  return out.join('\n');
}

/** Handles mentioned in the text (lower case, unique, at most 20). */
export function extractMentions(source: string): string[] {
  const found = new Set<string>();
  outsideCode(source, (text) => {
    for (const m of text.matchAll(MENTION)) found.add(m[2]!.toLowerCase());
    return text;
  });
  return [...found].slice(0, 20);
}

/** Replaces the @mentions of `handle` (outside code) with `replacement` — for a deleted member. */
export function replaceMention(source: string, handle: string, replacement: string): string {
  return outsideCode(source, (text) =>
    text.replace(MENTION, (all, pre: string, h: string) => (h.toLowerCase() === handle.toLowerCase() ? `${pre}${replacement}` : all)));
}

/** Renders a post: known handles link to the member's profile, everything goes through the one sanitiser. */
export function renderPost(source: string, knownHandles: Set<string>, field = 'body'): string {
  const linked = knownHandles.size
    ? outsideCode(source, (text) =>
      text.replace(MENTION, (all, pre: string, handle: string) =>
        knownHandles.has(handle.toLowerCase()) ? `${pre}[@${handle}](/members/${handle.toLowerCase()})` : all))
    : source;
  return renderMarkdown(linked, field);
}
