// Follows and who hears about new posts: members watch, follow normally or mute a thread, a
// category or a tag; a new post notifies the watchers (and mentioned members) in its transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, notFound } from '../../shared/errors.js';
import type { Db } from '../../db/sql.js';
import { notify } from '../notifications/index.js';
import type { FollowLevel, FollowTarget } from './forum.entity.js';
import { mustSee } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { loadThread } from './forum.store.js';
import { followTargetExists, newPostAudience, setFollowLevel } from './follows.store.js';

export async function setFollow(ctx: AppContext, actor: Actor, targetType: FollowTarget, targetId: number, level: FollowLevel): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canFollow(actor)) throw forbidden();
    if (!(await followTargetExists(db, targetType, targetId))) throw notFound();
    if (targetType === 'thread') mustSee(actor, await loadThread(db, targetId, 'SHARE'));
    await setFollowLevel(db, actor.id, targetType, targetId, level, true);
  });
}

/**
 * Who hears about a new post: mentioned members, the author of the post replied to, and members
 * watching the thread, its category or one of its tags — each once, nobody who muted the thread.
 */
export async function notifyNewPost(db: Db, o: {
  actorId: number; threadId: number; categoryId: number; title: string; language: string; url: string; replyId: number | null;
  parentAuthorId: number | null; mentionedIds: number[];
}): Promise<void> {
  const watchers = await newPostAudience(db, o.threadId, o.categoryId, [...o.mentionedIds, ...(o.parentAuthorId ? [o.parentAuthorId] : [])]);
  const muted = new Set(watchers.filter((w) => w.muted).map((w) => w.userId));
  const sent = new Set<number>([o.actorId]);
  const send = async (userId: number, kind: string) => {
    if (sent.has(userId) || muted.has(userId)) return;
    sent.add(userId);
    await notify(db, { userId, kind, title: o.title, language: o.language, url: o.url, actorId: o.actorId, subjectType: o.replyId ? 'forum_reply' : 'forum_thread', subjectId: o.replyId ?? o.threadId });
  };
  for (const id of o.mentionedIds) await send(id, 'forum.mention');
  if (o.parentAuthorId) await send(o.parentAuthorId, 'forum.replyToMe');
  for (const w of watchers) await send(w.userId, o.replyId ? 'forum.reply' : 'forum.newThread');
}
