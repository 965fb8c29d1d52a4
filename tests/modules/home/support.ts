// Helpers for the start-page tests.

/** The HTML of one start-page block (its <section id="start-<key>">), or '' when the page has none. */
export function blockOf(html: string, key: string): string {
  const at = html.indexOf(` id="start-${key}"`);
  if (at < 0) return '';
  const start = html.lastIndexOf('<section ', at);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}
