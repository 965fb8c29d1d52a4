// Helpers the forum's services share: visibility as "not found", notifications only to those who
// may read the post, rendering a post with its mentions, and queueing a whole thread for the search index.
import { notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import type { Db } from '../../db/sql.js';
import { notify, type NotificationInput } from '../notifications/index.js';
import { extractMentions, renderPost } from './forum.markdown.js';
import { forumPolicy, type Actor, type ThreadFacts } from './forum.policy.js';
import { activeMembersByHandle } from './forum.queries.js';
import { readersAmong, replyIdsOf } from './forum.store.js';

/** The stable address a guide chapter cites for a thread (it redirects to the current slug). */
export const threadSourceUrl = (threadId: number) => `/forum/threads/${threadId}`;

/** A thread the actor may not see is reported as missing, not as forbidden. */
export function mustSee(actor: Actor | undefined, t: ThreadFacts): void {
  if (!forumPolicy.canSeeThread(actor, t)) throw notFound();
}

/**
 * Sends the forum's notifications about a post in a category to those who may read it: anyone for
 * an ordinary category; for a restricted one only its listed members and facilitators/admins, so
 * no title of a members-only thread reaches anyone else (a mentioned non-member, a follower of one
 * of its tags, a member who has left the group).
 */
export async function notifyReaders(db: Db, category: { categoryId: number; restricted: boolean }, list: NotificationInput[]): Promise<void> {
  const readers = category.restricted ? await readersAmong(db, category.categoryId, list.map((n) => n.userId)) : null;
  for (const n of list) if (!readers || readers.has(n.userId)) await notify(db, n);
}

/** Renders a post and finds the members it mentions (active members only become links). */
export async function render(db: Db, source: string): Promise<{ html: string; mentioned: Map<string, number> }> {
  const handles = extractMentions(source);
  const mentioned = handles.length ? await activeMembersByHandle(db, handles) : new Map<string, number>();
  return { html: renderPost(source, new Set(mentioned.keys())), mentioned };
}

/** The thread and every reply of it go to the search index again (visibility or address changed). */
export async function queueThreadAndReplies(db: Db, threadId: number): Promise<void> {
  await queueSearchIndex(db, 'thread', threadId);
  for (const id of await replyIdsOf(db, threadId)) await queueSearchIndex(db, 'reply', id);
}
