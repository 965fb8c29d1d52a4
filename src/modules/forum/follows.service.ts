// Follows and who hears about new posts: members watch, follow normally or mute a thread, a
// category or a tag; a new post notifies the watchers (and mentioned members) in its transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, notFound } from '../../shared/errors.js';
import type { Db } from '../../db/sql.js';
import type { NotificationInput } from '../notifications/index.js';
import type { FollowLevel, FollowTarget } from './forum.entity.js';
import { mustSee, notifyReaders } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { categoryFacts, loadThread } from './forum.store.js';
import { followTargetExists, newPostAudience, setFollowLevel } from './follows.store.js';

export async function setFollow(ctx: AppContext, actor: Actor, targetType: FollowTarget, targetId: number, level: FollowLevel): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canFollow(actor)) throw forbidden();
    if (!(await followTargetExists(db, targetType, targetId))) throw notFound();
    if (targetType === 'thread') mustSee(actor, await loadThread(db, targetId, 'SHARE', actor.id));
    if (targetType === 'category') {
      const c = await categoryFacts(db, targetId, actor.id);
      if (!c || !forumPolicy.canSeeCategory(actor, c)) throw notFound();
    }
    await setFollowLevel(db, actor.id, targetType, targetId, level, true);
  });
}

/**
 * Who hears about a new post: mentioned members, the author of the post replied to, and members
 * watching the thread, its category or one of its tags — each once, nobody who muted the thread,
 * and in a restricted category nobody who may not read it.
 */
export async function notifyNewPost(db: Db, o: {
  actorId: number; threadId: number; categoryId: number; restricted: boolean; title: string; language: string; url: string; replyId: number | null;
  parentAuthorId: number | null; mentionedIds: number[];
}): Promise<void> {
  const watchers = await newPostAudience(db, o.threadId, o.categoryId, [...o.mentionedIds, ...(o.parentAuthorId ? [o.parentAuthorId] : [])]);
  const muted = new Set(watchers.filter((w) => w.muted).map((w) => w.userId));
  const sent = new Set<number>([o.actorId]);
  const list: NotificationInput[] = [];
  const send = (userId: number, kind: string) => {
    if (sent.has(userId) || muted.has(userId)) return;
    sent.add(userId);
    list.push({ userId, kind, title: o.title, language: o.language, url: o.url, actorId: o.actorId, subjectType: o.replyId ? 'forum_reply' : 'forum_thread', subjectId: o.replyId ?? o.threadId });
  };
  for (const id of o.mentionedIds) send(id, 'forum.mention');
  if (o.parentAuthorId) send(o.parentAuthorId, 'forum.replyToMe');
  for (const w of watchers) send(w.userId, o.replyId ? 'forum.reply' : 'forum.newThread');
  await notifyReaders(db, { categoryId: o.categoryId, restricted: o.restricted }, list);
}
