// Reads for the welcome page and the visitors' home page: the categories and tags a new member may
// follow, what they follow already, and the count of answered public questions.
import type { DataSource } from 'typeorm';
import { one, rows, type Db } from '../../db/sql.js';

export interface FollowChoice {
  id: number;
  label: string;
  followed: boolean;
}

/** Open (not restricted, not archived) categories in their order, and the member's current follows. */
export async function followableCategories(db: DataSource | Db, userId: number): Promise<FollowChoice[]> {
  return rows(db,
    `SELECT c.id, c.name AS label,
            EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $1 AND f.target_type = 'category' AND f.target_id = c.id AND f.level <> 'muted') AS followed
       FROM forum_categories c WHERE NOT c.restricted AND c.archived_at IS NULL ORDER BY c.position, c.name, c.id LIMIT 50`,
    [userId]);
}

/** The most used tags (a short list, most threads first), and the member's current follows. */
export async function followableTags(db: DataSource | Db, userId: number, limit = 15): Promise<FollowChoice[]> {
  return rows(db,
    `SELECT t.id, t.name AS label,
            EXISTS (SELECT 1 FROM forum_follows f WHERE f.user_id = $1 AND f.target_type = 'tag' AND f.target_id = t.id AND f.level <> 'muted') AS followed
       FROM forum_tags t
       LEFT JOIN LATERAL (SELECT count(*) AS n FROM forum_thread_tags tt WHERE tt.tag_id = t.id) u ON true
      ORDER BY u.n DESC, t.name LIMIT $2`,
    [userId, limit]);
}

/** Which of `ids` are open categories (not restricted, not archived). */
export async function openCategoryIds(db: Db, ids: number[]): Promise<number[]> {
  const found = await rows<{ id: number }>(db,
    `SELECT id FROM forum_categories WHERE id = ANY($1::int[]) AND NOT restricted AND archived_at IS NULL`, [ids]);
  return found.map((r) => r.id);
}

export async function existingTagIds(db: Db, ids: number[]): Promise<number[]> {
  const found = await rows<{ id: number }>(db, `SELECT id FROM forum_tags WHERE id = ANY($1::int[])`, [ids]);
  return found.map((r) => r.id);
}

/** Questions with an accepted answer, not hidden or merged, outside closed (restricted) categories: a count reveals no content, so members-only categories count, as network-only use cases do in their figure. */
export async function answeredQuestions(db: DataSource | Db): Promise<number> {
  const r = await one<{ n: string }>(db,
    `SELECT count(*) AS n FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE t.kind = 'question' AND t.accepted_reply_id IS NOT NULL AND t.merged_into_id IS NULL AND t.hidden_at IS NULL
        AND NOT c.restricted`);
  return Number(r?.n ?? 0);
}
