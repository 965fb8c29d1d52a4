// Helpers for the start-page tests.

/** The HTML of one start-page block (its <section id="start-<key>">), or '' when the page has none. */
export function blockOf(html: string, key: string): string {
  const start = html.indexOf(`<section class="kern-stack start-block" id="start-${key}"`);
  if (start < 0) return '';
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}
