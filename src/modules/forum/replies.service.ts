// Replies: answering, editing and deleting replies, votes and the accepted answer. Each write runs
// in one transaction: load (with a row lock where order matters) → authorise with forum.policy →
// write with atomic counter updates → notifications, audit and search-index rows.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { forbidden, invalid, notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { recordAudit } from '../audit/index.js';
import { publishVote, trackForumActivity } from './forum.activity.js';
import { mustSee, notifyReaders, render } from './forum.model.js';
import { forumPolicy, type Actor } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import { addReplyRevision, loadThread, lockReply, recordMentions } from './forum.store.js';
import { notifyNewPost } from './follows.service.js';
import { setFollowLevel } from './follows.store.js';
import {
  addVote, blankOutReply, countNewReply, countRemovedReply, deleteReplyRow, hasAnswers, insertReply, parentReplyAuthor, removeVote, replyFacts,
  setAcceptedReply, updateReplyText,
} from './replies.store.js';

export async function createReply(ctx: AppContext, actor: Actor, threadId: number, input: { body: string; parentId: number | null }): Promise<{ id: number; url: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'NONE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canReply(actor, t)) throw forbidden();
    let parentAuthorId: number | null = t.authorId;
    if (input.parentId) {
      const p = await parentReplyAuthor(db, input.parentId, threadId);
      if (!p) throw invalid('validation.summary', { body: 'forum.validation.parentGone' });
      parentAuthorId = p.authorId;
    }
    const { html, mentioned } = await render(db, input.body);
    const replyId = await insertReply(db, { threadId, parentId: input.parentId, authorId: actor.id, bodySource: input.body, bodyHtml: html });
    await addReplyRevision(db, threadId, replyId, actor.id, input.body);
    await countNewReply(db, threadId);
    await setFollowLevel(db, actor.id, 'thread', threadId, 'normal', false);
    const mentionedIds = await recordMentions(db, threadId, replyId, [...mentioned.values()]);
    const url = `${threadUrl(t)}#reply-${replyId}`;
    await notifyNewPost(db, { actorId: actor.id, threadId, categoryId: t.categoryId, restricted: t.restricted, title: t.title, language: t.language, url, replyId, parentAuthorId, mentionedIds });
    await queueSearchIndex(db, 'reply', replyId);
    return { id: replyId, url };
  });
}

export async function updateReply(ctx: AppContext, actor: Actor, replyId: number, body: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const r = await lockReply(db, replyId);
    const t = await loadThread(db, r.threadId, 'SHARE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canEditReply(actor, t, r)) throw forbidden();
    const { html, mentioned } = await render(db, body);
    await updateReplyText(db, replyId, body, html);
    await addReplyRevision(db, t.id, replyId, actor.id, body);
    const url = `${threadUrl(t)}#reply-${replyId}`;
    const newly = await recordMentions(db, t.id, replyId, [...mentioned.values()]);
    await notifyReaders(db, t, newly.map((userId) => (
      { userId, kind: 'forum.mention', title: t.title, language: t.language, url, actorId: actor.id, subjectType: 'forum_reply', subjectId: replyId })));
    if (actor.id !== r.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.post.edit', subjectType: 'forum_reply', subjectId: replyId });
    }
    await queueSearchIndex(db, 'reply', replyId);
    if (t.acceptedReplyId === replyId) await queueSearchIndex(db, 'thread', t.id);
    return url;
  });
}

/** Removes the reply, or — when others replied to it — keeps its place and shows it as deleted. */
export async function deleteReply(ctx: AppContext, actor: Actor, replyId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const r = await lockReply(db, replyId);
    const t = await loadThread(db, r.threadId, 'UPDATE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canDeleteReply(actor, t, r)) throw forbidden();
    const publishActivity = await trackForumActivity(db, { threadId: t.id, replyId, acceptedBy: t.authorId });
    // The deleted text must not live on in the edit history (or as mentions).
    if (await hasAnswers(db, replyId)) await blankOutReply(db, replyId);
    else await deleteReplyRow(db, replyId);
    await countRemovedReply(db, t.id, replyId);
    await publishActivity();
    await queueSearchIndex(db, 'reply', replyId);
    if (t.acceptedReplyId === replyId) await queueSearchIndex(db, 'thread', t.id);
    return threadUrl(t);
  });
}

/** Adds the actor's vote, or takes it back. Returns whether the actor now votes for the reply. */
export async function toggleVote(ctx: AppContext, actor: Actor, replyId: number): Promise<{ voted: boolean; url: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const r = await replyFacts(db, replyId);
    if (!r) throw notFound();
    const t = await loadThread(db, r.threadId, 'SHARE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canVote(actor, t, r)) throw forbidden();
    const url = `${threadUrl(t)}#reply-${replyId}`;
    const voted = await addVote(db, replyId, actor.id);
    if (!voted) await removeVote(db, replyId, actor.id);
    await publishVote(db, replyId, actor.id, voted);
    return { voted, url };
  });
}

export async function acceptReply(ctx: AppContext, actor: Actor, replyId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const r = await replyFacts(db, replyId);
    if (!r) throw notFound();
    const t = await loadThread(db, r.threadId, 'UPDATE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canAccept(actor, t, r)) throw forbidden();
    if (t.acceptedReplyId === replyId) return threadUrl(t);
    const publishActivity = await trackForumActivity(db, { threadId: t.id, acceptedBy: actor.id });
    await setAcceptedReply(db, t.id, replyId);
    await publishActivity();
    if (r.authorId) {
      await notifyReaders(db, t, [{ userId: r.authorId, kind: 'forum.accepted', title: t.title, language: t.language, url: `${threadUrl(t)}#reply-${replyId}`, actorId: actor.id, subjectType: 'forum_reply', subjectId: replyId }]);
    }
    if (actor.id !== t.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.answer.accept', subjectType: 'forum_thread', subjectId: t.id, details: { replyId, previous: t.acceptedReplyId } });
    }
    await queueSearchIndex(db, 'thread', t.id);
    return threadUrl(t);
  });
}

export async function unacceptReply(ctx: AppContext, actor: Actor, threadId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'UPDATE', actor.id);
    mustSee(actor, t);
    if (!forumPolicy.canAccept(actor, t) || !t.acceptedReplyId) throw forbidden();
    const publishActivity = await trackForumActivity(db, { threadId, acceptedBy: actor.id });
    await setAcceptedReply(db, threadId, null);
    await publishActivity();
    if (actor.id !== t.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.answer.unaccept', subjectType: 'forum_thread', subjectId: t.id, details: { previous: t.acceptedReplyId } });
    }
    await queueSearchIndex(db, 'thread', t.id);
    return threadUrl(t);
  });
}
