// Helpers the forum's services share: visibility as "not found", rendering a post with its
// mentions, and queueing a whole thread for the search index.
import { notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import type { Db } from '../../db/sql.js';
import { extractMentions, renderPost } from './forum.markdown.js';
import { forumPolicy, type Actor, type ThreadFacts } from './forum.policy.js';
import { activeMembersByHandle } from './forum.queries.js';
import { replyIdsOf } from './forum.store.js';

/** The stable address a guide chapter cites for a thread (it redirects to the current slug). */
export const threadSourceUrl = (threadId: number) => `/forum/threads/${threadId}`;

/** A thread the actor may not see is reported as missing, not as forbidden. */
export function mustSee(actor: Actor | undefined, t: ThreadFacts): void {
  if (!forumPolicy.canSeeThread(actor, t)) throw notFound();
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
