// Moderation: members flag posts (enough flags hide a post until a facilitator looks); facilitators
// hide and show posts, dismiss flags, lock, pin, move and merge threads. Each action runs in one
// transaction with its audit entry, notifications and search-index rows.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import type { Db } from '../../db/sql.js';
import { recordAudit } from '../audit/index.js';
import type { FlagReason } from './forum.entity.js';
import { trackForumActivity } from './forum.activity.js';
import { mustSee, notifyReaders, queueThreadAndReplies } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import { loadThread, lockReply } from './forum.store.js';
import {
  addFlag, categoryForMove, mergeThreadInto, openFlaggers, resolveOpenFlags, setPostHidden, setThreadCategory, setThreadFlag,
} from './moderation.store.js';

/** Distinct members flagging one post before it is hidden until a facilitator reviews it. */
export const AUTO_HIDE_FLAGS = 3;

/** The opening post (replyId null) or a reply, locked for the moderation write that follows. */
async function loadPost(db: Db, threadId: number, replyId: number | null, actor: Actor) {
  const t = await loadThread(db, threadId, 'UPDATE', actor.id);
  if (replyId === null) return { t, post: { authorId: t.authorId, hiddenAt: t.hiddenAt, deletedAt: null, hiddenPending: false } };
  const r = await lockReply(db, replyId);
  if (r.threadId !== threadId) throw notFound();
  return { t, post: r };
}

/** What hiding or showing a post may change: the thread's accepted answer, and the reply's votes. */
const postScope = (t: { id: number; authorId: number | null }, replyId: number | null) =>
  ({ threadId: t.id, ...(replyId ? { replyId } : {}), acceptedBy: t.authorId });

async function searchPost(db: Db, threadId: number, replyId: number | null) {
  await queueSearchIndex(db, replyId ? 'reply' : 'thread', replyId ?? threadId);
}

export async function flagPost(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null, input: { reason: FlagReason; text: string }): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { t, post } = await loadPost(db, threadId, replyId, actor);
    mustSee(actor, t);
    if (!forumPolicy.canFlag(actor, post)) throw forbidden();
    if (!(await addFlag(db, { threadId, replyId, userId: actor.id, reason: input.reason, text: input.text }))) throw conflict('forum.flag.already');
    const n = await openFlaggers(db, threadId, replyId);
    if (n >= AUTO_HIDE_FLAGS && !post.hiddenAt) {
      const publishActivity = await trackForumActivity(db, postScope(t, replyId));
      await setPostHidden(db, threadId, replyId, true, null, true);
      await publishActivity();
      await recordAudit(db, { actorId: null, action: 'forum.post.autoHide', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, details: { flags: n } });
      await searchPost(db, threadId, replyId);
    }
    return replyId ? `${threadUrl(t)}#reply-${replyId}` : threadUrl(t);
  });
}

/** A facilitator hides a post (closing its open flags) with a reason the author is told. */
export async function hidePost(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null, reason: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const { t, post } = await loadPost(db, threadId, replyId, actor);
    const publishActivity = await trackForumActivity(db, postScope(t, replyId));
    await setPostHidden(db, threadId, replyId, true, reason, false);
    await publishActivity();
    await resolveOpenFlags(db, threadId, replyId, actor.id, 'hidden');
    const url = replyId ? `${threadUrl(t)}#reply-${replyId}` : threadUrl(t);
    if (post.authorId) {
      await notifyReaders(db, t, [{ userId: post.authorId, kind: 'forum.hidden', title: `${t.title} — ${reason}`, language: t.language, url, actorId: actor.id, subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId }]);
    }
    await recordAudit(db, { actorId: actor.id, action: 'forum.post.hide', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, reason });
    await searchPost(db, threadId, replyId);
    return url;
  });
}

export async function unhidePost(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null, reason: string | null): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const { t, post } = await loadPost(db, threadId, replyId, actor);
    if (!post.hiddenAt) throw conflict('forum.moderation.notHidden');
    const publishActivity = await trackForumActivity(db, postScope(t, replyId));
    await setPostHidden(db, threadId, replyId, false, null, false);
    await publishActivity();
    await recordAudit(db, { actorId: actor.id, action: 'forum.post.unhide', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, reason });
    await searchPost(db, threadId, replyId);
    return replyId ? `${threadUrl(t)}#reply-${replyId}` : threadUrl(t);
  });
}

/** Flags rejected: they close, and a post hidden only by flags shows again. */
export async function dismissFlags(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const { t, post } = await loadPost(db, threadId, replyId, actor);
    const closed = await resolveOpenFlags(db, threadId, replyId, actor.id, 'dismissed');
    if (!closed) throw conflict('forum.flag.noneOpen');
    if (post.hiddenPending) {
      const publishActivity = await trackForumActivity(db, postScope(t, replyId));
      await setPostHidden(db, threadId, replyId, false, null, false);
      await publishActivity();
      await searchPost(db, threadId, replyId);
    }
    await recordAudit(db, { actorId: actor.id, action: 'forum.flags.dismiss', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, details: { flags: closed } });
  });
}

type ThreadSwitch = 'lock' | 'unlock' | 'pin' | 'unpin';

export async function switchThread(ctx: AppContext, actor: Actor, threadId: number, what: ThreadSwitch): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const t = await loadThread(db, threadId, 'UPDATE', actor.id);
    await setThreadFlag(db, threadId, what === 'lock' || what === 'unlock' ? 'locked' : 'pinned', what === 'lock' || what === 'pin');
    await recordAudit(db, { actorId: actor.id, action: `forum.thread.${what}`, subjectType: 'forum_thread', subjectId: threadId });
    return threadUrl(t);
  });
}

export async function moveThread(ctx: AppContext, actor: Actor, threadId: number, categoryId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const t = await loadThread(db, threadId, 'UPDATE', actor.id);
    const cat = await categoryForMove(db, categoryId);
    if (!cat || cat.archivedAt) throw invalid('validation.summary', { categoryId: 'forum.validation.category' });
    if (cat.id === t.categoryId) return threadUrl(t);
    await setThreadCategory(db, threadId, categoryId);
    await recordAudit(db, { actorId: actor.id, action: 'forum.thread.move', subjectType: 'forum_thread', subjectId: threadId, details: { from: t.categoryId, to: categoryId } });
    await queueThreadAndReplies(db, threadId);
    return threadUrl(t);
  });
}

/**
 * Merges `sourceId` into `targetId`: the source's question becomes a reply (keeping its date), its
 * replies, votes, revisions, flags and tags move over, and the old thread points to the new one.
 */
export async function mergeThread(ctx: AppContext, actor: Actor, sourceId: number, targetId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    if (sourceId === targetId) throw invalid('validation.summary', { targetId: 'forum.validation.mergeSelf' });
    // Lock both in id order so two crossing merges cannot deadlock.
    const [first, second] = sourceId < targetId ? [sourceId, targetId] : [targetId, sourceId];
    const a = await loadThread(db, first, 'UPDATE', actor.id).catch(() => null);
    const b = await loadThread(db, second, 'UPDATE', actor.id).catch(() => null);
    const source = sourceId === first ? a : b;
    const target = targetId === first ? a : b;
    if (!source) throw notFound();
    if (!target || target.mergedIntoId) throw invalid('validation.summary', { targetId: 'forum.validation.mergeTarget' });
    if (source.mergedIntoId) throw conflict('forum.moderation.alreadyMerged');
    // The source's accepted answer no longer counts (its thread is gone into the other).
    const publishActivity = await trackForumActivity(db, { threadId: sourceId, acceptedBy: source.authorId });
    await mergeThreadInto(db, sourceId, targetId);
    await publishActivity();
    await recordAudit(db, { actorId: actor.id, action: 'forum.thread.merge', subjectType: 'forum_thread', subjectId: sourceId, details: { into: targetId } });
    await queueSearchIndex(db, 'thread', sourceId);
    await queueThreadAndReplies(db, targetId);
    return threadUrl(target);
  });
}
