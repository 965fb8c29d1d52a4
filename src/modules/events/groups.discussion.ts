// The group's discussion: a members-only forum category. The one place the groups part talks to the
// forum's restricted categories, so the merge with the forum-restricted branch touches only this file.
import type { EntityManager } from 'typeorm';

export interface DiscussionGroup {
  id: number;
  slug: string;
  name: string;
  language: 'de' | 'en';
  categoryId: number | null;
}

/**
 * Opens the group's members-only category (when it has none yet) and returns its id, or null while
 * the forum has no restricted categories.
 * TODO(forum-restricted): call the forum's `createRestrictedCategory(db, { slug, name, description, language })`
 * from src/modules/forum/index.ts, store the id with setGroupCategory, and add the active members with
 * `setCategoryMember(db, categoryId, userId, true)`.
 */
export async function openDiscussion(_db: EntityManager, group: DiscussionGroup): Promise<number | null> {
  return group.categoryId;
}

/**
 * Adds a member to (present) or removes them from (not present) the group's category.
 * TODO(forum-restricted): call the forum's `setCategoryMember(db, group.categoryId, userId, present)`
 * when group.categoryId is set.
 */
export async function syncDiscussionMember(_db: EntityManager, _group: DiscussionGroup, _userId: number, _present: boolean): Promise<void> {
  // no-op until the forum's restricted categories are merged
}
