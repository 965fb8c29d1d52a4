// Categories (facilitators): create, edit, archive and order the forum's categories; every change
// is audited, and a change of visibility sends the category's posts to the search index again.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { recordAudit } from '../audit/index.js';
import { queueThreadAndReplies } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import type { CategoryInput } from './forum.schemas.js';
import {
  categorySlugTaken, insertCategory, lockCategory, lockCategoryOrder, renumberCategories, setCategoryArchived, threadIdsInCategory, updateCategoryRow,
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
    await updateCategoryRow(db, id, input);
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.update', subjectType: 'forum_category', subjectId: id, details: { ...input } });
    if (before.isPublic !== input.isPublic) {
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
