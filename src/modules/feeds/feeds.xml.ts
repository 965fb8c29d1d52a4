// RSS 2.0 and Atom 1.0 documents, written here and nowhere else. Hand-written rather than with the
// `feed` package: that one builds its XML through xml-js, unmaintained since 2019, and the two
// formats need only a few elements. Every text goes through xmlText (escaping, and dropping the
// characters XML 1.0 forbids); HTML content is sent as escaped text (type="html"), never as markup.
import type { FeedItem } from '../module.js';

/** What both formats are written from; every URL absolute. */
export interface FeedDocument {
  title: string;
  /** The HTML page the feed follows. */
  pageUrl: string;
  /** This feed's own address (without any token). */
  selfUrl: string;
  /** The feed's GUID (tag: URI). */
  id: string;
  language: string;
  /** The newest item's update, or the time of writing for an empty feed. */
  updated: Date;
  items: (FeedItem & { guid: string; url: string })[];
}

// XML 1.0 allows tab, LF, CR and U+0020 onwards, except surrogates (paired ones come through as
// one code point with the u flag) and U+FFFE/U+FFFF.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const el = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`;
/** RFC 822 (RFC 1123's four-digit year), as RSS 2.0 wants: "Sat, 05 Dec 2026 03:11:48 GMT". */
export const rfc822 = (d: Date) => d.toUTCString();
/** RFC 3339, as Atom wants. */
export const rfc3339 = (d: Date) => d.toISOString();

export function rss(doc: FeedDocument): string {
  const items = doc.items.map((i) => [
    '<item>',
    el('title', i.title),
    el('link', i.url),
    el('guid', i.guid, ' isPermaLink="false"'),
    el('pubDate', rfc822(i.published)),
    ...(i.categories ?? []).map((c) => el('category', c)),
    el('description', i.html),
    '</item>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    el('title', doc.title),
    el('link', doc.pageUrl),
    el('description', doc.title),
    el('language', doc.language),
    el('lastBuildDate', rfc822(doc.updated)),
    el('generator', 'Praxis'),
    `<atom:link href="${xmlText(doc.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atom(doc: FeedDocument): string {
  const entries = doc.items.map((i) => [
    `<entry xml:lang="${xmlText(i.language)}">`,
    el('id', i.guid),
    el('title', i.title),
    `<link rel="alternate" type="text/html" href="${xmlText(i.url)}"/>`,
    el('published', rfc3339(i.published)),
    el('updated', rfc3339(i.updated)),
    ...(i.categories ?? []).map((c) => `<category term="${xmlText(c)}"/>`),
    el('content', i.html, ' type="html"'),
    '</entry>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(doc.language)}">`,
    el('id', doc.id),
    el('title', doc.title),
    el('updated', rfc3339(doc.updated)),
    `<link rel="self" type="application/atom+xml" href="${xmlText(doc.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(doc.pageUrl)}"/>`,
    '<author><name>Praxis</name></author>',
    el('generator', 'Praxis'),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
