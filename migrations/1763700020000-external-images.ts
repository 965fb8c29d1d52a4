import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sanitizeMarkdownHtml } from '../src/shared/markdown.js';

/** Columns holding HTML rendered from Markdown (text), and the one holding it per section (jsonb). */
export const RENDERED_HTML_COLUMNS: [table: string, column: string][] = [
  ['forum_threads', 'body_html'],
  ['forum_replies', 'body_html'],
  ['use_case_comments', 'body_html'],
  ['guide_chapters', 'body_html'],
  ['academy_courses', 'summary_html'],
  ['academy_questions', 'text_html'],
  ['academy_questions', 'explanation_html'],
];

// Data only (issue 11, item 12): HTML rendered before images from other sites became links, and
// before every image got an alt, passes through today's sanitiser once more. The sanitiser is
// idempotent on its own output, so only the images change. Not undone by `down`.
export class ExternalImages1763700020000 implements MigrationInterface {
  name = 'ExternalImages1763700020000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, column] of RENDERED_HTML_COLUMNS) {
      const rows: { id: number; html: string }[] = await q.query(`SELECT id, ${column} AS html FROM ${table} WHERE ${column} LIKE '%<img%'`);
      for (const row of rows) {
        const html = sanitizeMarkdownHtml(row.html);
        if (html !== row.html) await q.query(`UPDATE ${table} SET ${column} = $1 WHERE id = $2`, [html, row.id]);
      }
    }
    const cases: { id: number; html: Record<string, string> }[] = await q.query(
      `SELECT id, narrative_html AS html FROM use_cases WHERE narrative_html::text LIKE '%<img%'`);
    for (const row of cases) {
      const html = Object.fromEntries(Object.entries(row.html).map(([k, v]) => [k, typeof v === 'string' ? sanitizeMarkdownHtml(v) : v]));
      await q.query(`UPDATE use_cases SET narrative_html = $1 WHERE id = $2`, [JSON.stringify(html), row.id]);
    }
  }

  async down(): Promise<void> {
    // The old HTML showed images the CSP blocked; there is nothing worth restoring.
  }
}
