// Category writes (facilitators): create, edit, archive and order. Every function takes the
// transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import type { CategoryInput } from './forum.schemas.js';

/** Inserts a category in the facilitator's language; null when the slug is taken. */
export async function insertCategory(db: Db, input: CategoryInput, actorId: number): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_categories (slug, name, description, position, is_public, language)
     VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $6))
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [input.slug, input.name, input.description, input.position, input.isPublic, actorId]);
  return row?.id ?? null;
}

/** A category locked for update (null when missing). */
export async function lockCategory(db: Db, id: number): Promise<{ id: number; isPublic: boolean } | null> {
  return one(db, `SELECT id, is_public AS "isPublic" FROM forum_categories WHERE id = $1 FOR UPDATE`, [id]);
}

/** Whether another category already uses the slug. */
export async function categorySlugTaken(db: Db, slug: string, exceptId: number): Promise<boolean> {
  return !!(await one(db, `SELECT 1 FROM forum_categories WHERE slug = $1 AND id <> $2`, [slug, exceptId]));
}

export async function updateCategoryRow(db: Db, id: number, input: CategoryInput): Promise<void> {
  await affected(db,
    `UPDATE forum_categories SET slug = $2, name = $3, description = $4, position = $5, is_public = $6, updated_at = now() WHERE id = $1`,
    [id, input.slug, input.name, input.description, input.position, input.isPublic]);
}

/** Every thread of the category (to queue them for the search index). */
export async function threadIdsInCategory(db: Db, categoryId: number): Promise<number[]> {
  return (await rows<{ id: number }>(db, `SELECT id FROM forum_threads WHERE category_id = $1`, [categoryId])).map((t) => t.id);
}

/** Archives a category (keeping the first date) or brings it back; false when there is none with that id. */
export async function setCategoryArchived(db: Db, id: number, archived: boolean): Promise<boolean> {
  return (await affected(db,
    `UPDATE forum_categories SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END, updated_at = now() WHERE id = $1 RETURNING id`,
    [id, archived])) > 0;
}

/** All categories in list order, locked for renumbering. */
export async function lockCategoryOrder(db: Db): Promise<number[]> {
  return (await rows<{ id: number }>(db, `SELECT id FROM forum_categories ORDER BY position, name FOR UPDATE`)).map((c) => c.id);
}

/** Stores the order: positions become 10, 20, 30 … in the order given. */
export async function renumberCategories(db: Db, ids: number[]): Promise<void> {
  await affected(db,
    `UPDATE forum_categories c SET position = o.pos FROM unnest($1::int[]) WITH ORDINALITY AS o(id, pos) WHERE c.id = o.id`,
    [ids]);
  await affected(db, `UPDATE forum_categories SET position = position * 10`);
}
