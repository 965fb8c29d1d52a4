// Category writes (facilitators): create, edit, archive and order. Every function takes the
// transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import { Not } from 'typeorm';
import type { CategoryInput } from './forum.schemas.js';
import { ForumCategory, ForumCategoryMember, ForumThread } from './forum.entity.js';

/** Inserts a category in the facilitator's language; null when the slug is taken. */
export async function insertCategory(db: Db, input: CategoryInput, actorId: number): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_categories (slug, name, description, position, is_public, language)
     VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $6))
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [input.slug, input.name, input.description, input.position, input.isPublic, actorId]);
  return row?.id ?? null;
}

/** Inserts a restricted (members-only, never public) category at the end of the list; null when the slug is taken. */
export async function insertRestrictedCategory(db: Db, c: { slug: string; name: string; description: string; language: 'de' | 'en' }): Promise<number | null> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_categories (slug, name, description, position, is_public, restricted, language)
     VALUES ($1, $2, $3, (SELECT coalesce(max(position), 0) + 10 FROM forum_categories), false, true, $4)
     ON CONFLICT (slug) DO NOTHING RETURNING id`,
    [c.slug, c.name, c.description, c.language]);
  return row?.id ?? null;
}

/** Whether there is a restricted category with that id. */
export async function restrictedCategoryExists(db: Db, id: number): Promise<boolean> {
  return db.existsBy(ForumCategory, { id, restricted: true });
}

/** Lists the member for the category (nothing when listed already). */
export async function addCategoryMember(db: Db, categoryId: number, userId: number): Promise<void> {
  await rows(db,
    `INSERT INTO forum_category_members (category_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [categoryId, userId]);
}

/** Takes the member off the category's list (nothing when not listed). */
export async function removeCategoryMember(db: Db, categoryId: number, userId: number): Promise<void> {
  await db.delete(ForumCategoryMember, { categoryId, userId });
}

/** A category locked for update (null when missing). */
export async function lockCategory(db: Db, id: number): Promise<{ id: number; isPublic: boolean; restricted: boolean } | null> {
  return one(db, `SELECT id, is_public AS "isPublic", restricted FROM forum_categories WHERE id = $1 FOR UPDATE`, [id]);
}

/** Whether another category already uses the slug. */
export async function categorySlugTaken(db: Db, slug: string, exceptId: number): Promise<boolean> {
  return db.existsBy(ForumCategory, { slug, id: Not(exceptId) });
}

export async function updateCategoryRow(db: Db, id: number, input: CategoryInput): Promise<void> {
  await db.update(ForumCategory, { id }, {
    slug: input.slug, name: input.name, description: input.description, position: input.position, isPublic: input.isPublic,
    updatedAt: () => 'now()',
  });
}

/** Every thread of the category (to queue them for the search index). */
export async function threadIdsInCategory(db: Db, categoryId: number): Promise<number[]> {
  return (await db.find(ForumThread, { select: { id: true }, where: { categoryId } })).map((t) => t.id);
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
