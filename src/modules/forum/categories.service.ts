// Categories (facilitators): create, edit, archive and order the forum's categories; every change
// is audited, and a change of visibility sends the category's posts to the search index again.
// Restricted (members-only) categories and their member lists are written by another module (e.g.
// working groups) inside its own transaction, through the forum's index.
import type { AppContext } from '../module.js';
import type { Db } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import { queueThreadAndReplies } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { restrictedCategorySchema, type CategoryInput, type RestrictedCategoryInput } from './forum.schemas.js';
import {
  addCategoryMember, categorySlugTaken, insertCategory, insertRestrictedCategory, lockCategory, lockCategoryOrder, removeCategoryMember, renumberCategories,
  restrictedCategoryExists, setCategoryArchived, threadIdsInCategory, updateCategoryRow,
} from './categories.store.js';

export async function createCategory(ctx: AppContext, actor: Actor, input: CategoryInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const id = await insertCategory(db, input, actor.id);
    if (id === null) throw conflict('validation.summary', { slug: 'forum.validation.slugTaken' });
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.create', subjectType: 'forum_category', subjectId: id, details: { ...input } });
  });
}

export async function updateCategory(ctx: AppContext, actor: Actor, id: number, input: CategoryInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const before = await lockCategory(db, id);
    if (!before) throw notFound();
    if (await categorySlugTaken(db, input.slug, id)) throw conflict('validation.summary', { slug: 'forum.validation.slugTaken' });
    // A restricted category is never public, whatever the form says.
    const change = { ...input, isPublic: input.isPublic && !before.restricted };
    await updateCategoryRow(db, id, change);
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.update', subjectType: 'forum_category', subjectId: id, details: { ...change } });
    if (before.isPublic !== change.isPublic) {
      // Visibility changed: every document of the category needs its new visibility in the index.
      for (const threadId of await threadIdsInCategory(db, id)) await queueThreadAndReplies(db, threadId);
    }
  });
}

export async function archiveCategory(ctx: AppContext, actor: Actor, id: number, archived: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    if (!(await setCategoryArchived(db, id, archived))) throw notFound();
    await recordAudit(db, { actorId: actor.id, action: archived ? 'forum.category.archive' : 'forum.category.unarchive', subjectType: 'forum_category', subjectId: id });
  });
}

/** Moves a category one place up or down in the list (positions are renumbered 10, 20, 30 …). */
export async function reorderCategory(ctx: AppContext, actor: Actor, id: number, direction: 'up' | 'down'): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const list = await lockCategoryOrder(db);
    const i = list.indexOf(id);
    if (i < 0) throw notFound();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    await renumberCategories(db, list);
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.reorder', subjectType: 'forum_category', subjectId: id, details: { direction } });
  });
}

/**
 * A restricted (members-only) category, created inside the caller's transaction by the module that
 * owns the group (which authorises the action): never public, at the end of the list. Only the
 * members listed with setCategoryMember and facilitators/admins see it and its threads; its posts
 * are not indexed for search. Invalid input (the category form's rules) and a taken slug are refused;
 * `actorId` (who acted, if a member did) goes into the audit entry.
 */
export async function createRestrictedCategory(db: Db, input: RestrictedCategoryInput, actorId: number | null = null): Promise<number> {
  const parsed = restrictedCategorySchema.safeParse(input);
  if (!parsed.success) {
    throw invalid('validation.summary', Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  }
  const id = await insertRestrictedCategory(db, parsed.data);
  if (id === null) throw conflict('validation.summary', { slug: 'forum.validation.slugTaken' });
  await recordAudit(db, { actorId, action: 'forum.category.create', subjectType: 'forum_category', subjectId: id, details: { ...parsed.data, restricted: true } });
  return id;
}

/**
 * Lists (present) or unlists a member for a restricted category, inside the caller's transaction;
 * repeating either is harmless. Nothing needs reindexing: the category's posts are not in the
 * search index. 404 when there is no restricted category with that id.
 */
export async function setCategoryMember(db: Db, categoryId: number, userId: number, present: boolean): Promise<void> {
  if (!(await restrictedCategoryExists(db, categoryId))) throw notFound();
  if (present) await addCategoryMember(db, categoryId, userId);
  else await removeCategoryMember(db, categoryId, userId);
}
