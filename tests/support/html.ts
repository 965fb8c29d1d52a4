// Parsed HTML for assertions about structure: the effective language of a piece of text, the
// <select>s of a page. htmlparser2 comes with sanitize-html (the app's own sanitiser).
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

export type { Element };

const isElement = (n: ChildNode | null): n is Element => !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

export function parseHtml(html: string) {
  return parseDocument(html);
}

/** Every element below `root` (depth first), optionally only those named `name`. */
export function elements(root: { children: ChildNode[] }, name?: string): Element[] {
  const out: Element[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (isElement(n)) {
        if (!name || n.name === name) out.push(n);
        walk(n.children);
      }
    }
  };
  walk(root.children);
  return out;
}

/** The text inside `el`, tags removed. */
export function textOf(el: { children: ChildNode[] }): string {
  return el.children.map((c) => (c.type === 'text' ? c.data : 'children' in c ? textOf(c as Element) : '')).join('');
}

/** The language `el` is in: its own lang attribute or the nearest ancestor's. */
export function langOf(el: Element): string | null {
  for (let n: Element | null = el; n; n = isElement(n.parent as ChildNode) ? (n.parent as Element) : null) {
    if (n.attribs.lang !== undefined) return n.attribs.lang;
  }
  return null;
}

/** The innermost elements whose text contains `needle` (what a reader sees as that piece of content). */
export function elementsContaining(html: string, needle: string): Element[] {
  const all = elements(parseHtml(html)).filter((e) => e.name !== 'script' && e.name !== 'style' && textOf(e).includes(needle));
  return all.filter((e) => !all.some((o) => o !== e && isInside(o, e)));
}

function isInside(inner: Element, outer: Element): boolean {
  for (let n = inner.parent; n; n = n.parent) if (n === outer) return true;
  return false;
}
