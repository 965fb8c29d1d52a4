// The visitors' home page: the most recently published guides (published guides are public).
import type { DataSource } from 'typeorm';
import type { Db } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';

/** How many the visitors' home page lists. */
export const RECENT_GUIDES = 3;

/** A named statement with its limit written in, as the page's other lists (planned once per connection). */
export async function recentGuides(db: DataSource | Db): Promise<{ slug: string; title: string; summary: string; language: string }[]> {
  return preparedQuery(db, 'guides-recent-public',
    `SELECT slug, title, summary, language FROM guides WHERE status = 'published' AND translation_of_id IS NULL ORDER BY published_at DESC NULLS LAST, id DESC LIMIT ${RECENT_GUIDES}`, []);
}
