// The group's discussion: a members-only ("restricted") forum category, which only the group's
// active members and facilitators see. The one place the groups part talks to the forum.
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../shared/errors.js';
import { createRestrictedCategory, setCategoryMember } from '../forum/index.js';

export interface DiscussionGroup {
  id: number;
  slug: string;
  name: string;
  language: 'de' | 'en';
  categoryId: number | null;
}

/** The forum's slug rule allows 60 characters; a group slug taken by another category gets a suffix. */
const categorySlug = (group: DiscussionGroup, suffix = '') => `ak-${group.slug}`.slice(0, 60 - suffix.length).replace(/-+$/, '') + suffix;

/** Opens the group's members-only category (when it has none yet), in the caller's transaction; returns its id. */
export async function openDiscussion(db: EntityManager, group: DiscussionGroup, actorId: number | null = null): Promise<number> {
  if (group.categoryId) return group.categoryId;
  const name = group.name.length > 100 ? `${group.name.slice(0, 99)}…` : group.name.padEnd(2, '.');
  const input = { name, description: '', language: group.language };
  try {
    return await createRestrictedCategory(db, { ...input, slug: categorySlug(group) }, actorId);
  } catch (err) {
    // The slug is taken (a category of that name existed before the group; the insert skips a
    // conflict, so the transaction goes on): add a suffix once.
    if (!(err instanceof AppError) || err.status !== 409) throw err;
    return createRestrictedCategory(db, { ...input, slug: categorySlug(group, `-${randomBytes(2).toString('hex')}`) }, actorId);
  }
}

/** Adds a member to (present) or removes them from (not present) the group's category. */
export async function syncDiscussionMember(db: EntityManager, group: DiscussionGroup, userId: number, present: boolean): Promise<void> {
  if (group.categoryId) await setCategoryMember(db, group.categoryId, userId, present);
}
