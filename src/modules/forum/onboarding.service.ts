// Following categories and tags chosen on the welcome page: open categories and existing tags
// only; an unknown or restricted id is refused and nothing is written.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, invalid } from '../../shared/errors.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { setFollowLevel } from './follows.store.js';
import { existingTagIds, openCategoryIds } from './onboarding.queries.js';

export async function followForOnboarding(ctx: AppContext, actor: Actor, categoryIds: number[], tagIds: number[]): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canFollow(actor)) throw forbidden();
    const categories = await openCategoryIds(db, categoryIds);
    const tags = await existingTagIds(db, tagIds);
    if (categories.length !== new Set(categoryIds).size) throw invalid('validation.summary', { categories: 'validation.invalid' });
    if (tags.length !== new Set(tagIds).size) throw invalid('validation.summary', { tags: 'validation.invalid' });
    // A level the member chose before (e.g. muted) stays.
    for (const id of categories) await setFollowLevel(db, actor.id, 'category', id, 'watching', false);
    for (const id of tags) await setFollowLevel(db, actor.id, 'tag', id, 'watching', false);
  });
}
