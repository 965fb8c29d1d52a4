// A short plain-text excerpt of Markdown for lists (the flag queues): the text as read, without
// Markdown syntax, cut at a word boundary with an ellipsis.
import { markdownToText } from './markdown.js';

/** How much source to read for an excerpt of `max` characters (syntax and links take room). */
export const EXCERPT_SOURCE_CHARS = 4000;

export function plainExcerpt(markdown: string, max = 300): string {
  const text = markdownToText(markdown.slice(0, EXCERPT_SOURCE_CHARS));
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()} …`;
}
