// The visitors' home page: the most recently published guides (published guides are public).
import type { DataSource } from 'typeorm';
import { rows, type Db } from '../../db/sql.js';

export async function recentGuides(db: DataSource | Db, limit = 3): Promise<{ slug: string; title: string; summary: string; language: string }[]> {
  return rows(db,
    `SELECT slug, title, summary, language FROM guides WHERE status = 'published' AND translation_of_id IS NULL ORDER BY published_at DESC NULLS LAST, id DESC LIMIT $1`, [limit]);
}
