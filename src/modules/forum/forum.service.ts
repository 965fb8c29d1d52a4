// Forum writes. Each runs in one transaction: load (with a row lock where order matters) →
// authorise with forum.policy → write with atomic counter updates → notifications, audit and
// search-index rows in the same transaction.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { recordAudit } from '../audit/index.js';
import { promoteToGuide } from '../guides/index.js';
import { notify } from '../notifications/index.js';
import type { FlagReason, FollowLevel, FollowTarget } from './forum.entity.js';
import { extractMentions, renderPost } from './forum.markdown.js';
import { forumPolicy, type Actor, type ThreadFacts } from './forum.policy.js';
import { threadUrl } from './forum.queries.js';
import type { CategoryInput, EditThreadInput, PromoteFormInput, ThreadInput } from './forum.schemas.js';
import { returned, type Db } from '../../db/sql.js';

/** Distinct members flagging one post before it is hidden until a facilitator reviews it. */
export const AUTO_HIDE_FLAGS = 3;


interface LockedThread extends ThreadFacts {
  id: number;
  title: string;
  slug: string;
  categoryId: number;
  acceptedReplyId: number | null;
  replyCount: number;
  bodySource: string;
  pinnedAt: Date | null;
  language: string;
}

/** `NONE` where only atomic counter updates follow (a share lock would deadlock on the upgrade). */
async function loadThread(db: Db, id: number, lock: 'UPDATE' | 'SHARE' | 'NONE'): Promise<LockedThread> {
  const [t] = await db.query(
    `SELECT t.id, t.title, t.slug, t.kind, t.category_id AS "categoryId", t.author_id AS "authorId",
            t.accepted_reply_id AS "acceptedReplyId", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
            t.hidden_at AS "hiddenAt", t.merged_into_id AS "mergedIntoId", t.reply_count AS "replyCount",
            t.body_source AS "bodySource", t.language, c.is_public AS "isPublic", c.archived_at AS "archivedAt"
       FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
      WHERE t.id = $1 ${lock === 'NONE' ? '' : `FOR ${lock} OF t`}`,
    [id],
  );
  if (!t) throw notFound();
  return t;
}

interface LockedReply {
  id: number;
  threadId: number;
  parentId: number | null;
  authorId: number | null;
  bodySource: string;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenPending: boolean;
}

async function loadReply(db: Db, id: number): Promise<LockedReply> {
  const [r] = await db.query(
    `SELECT id, thread_id AS "threadId", parent_id AS "parentId", author_id AS "authorId", body_source AS "bodySource",
            deleted_at AS "deletedAt", hidden_at AS "hiddenAt", hidden_pending AS "hiddenPending"
       FROM forum_replies WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!r) throw notFound();
  return r;
}

/** A thread the actor may not see is reported as missing, not as forbidden. */
function mustSee(actor: Actor | undefined, t: ThreadFacts): void {
  if (!forumPolicy.canSeeThread(actor, t)) throw notFound();
}

async function knownHandles(db: Db, source: string): Promise<Map<string, number>> {
  const handles = extractMentions(source);
  if (!handles.length) return new Map();
  const rows: { id: number; handle: string }[] = await db.query(
    `SELECT id, handle FROM users WHERE handle = ANY($1) AND status = 'active'`, [handles]);
  return new Map(rows.map((r) => [r.handle, r.id]));
}

/** Renders a post and finds the members it mentions (active members only become links). */
export async function render(db: Db, source: string): Promise<{ html: string; mentioned: Map<string, number> }> {
  const mentioned = await knownHandles(db, source);
  return { html: renderPost(source, new Set(mentioned.keys())), mentioned };
}

async function setTags(db: Db, threadId: number, tags: string[]): Promise<void> {
  await db.query(`DELETE FROM forum_thread_tags WHERE thread_id = $1`, [threadId]);
  if (!tags.length) return;
  await db.query(`INSERT INTO forum_tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [tags]);
  await db.query(
    `INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name = ANY($2) ON CONFLICT DO NOTHING`,
    [threadId, tags],
  );
}

async function follow(db: Db, userId: number, targetType: FollowTarget, targetId: number, level: FollowLevel, overwrite: boolean): Promise<void> {
  await db.query(
    `INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, target_type, target_id) DO ${overwrite ? 'UPDATE SET level = EXCLUDED.level' : 'NOTHING'}`,
    [userId, targetType, targetId, level],
  );
}

async function recordMentions(db: Db, threadId: number, replyId: number | null, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.query(
    `INSERT INTO forum_mentions (thread_id, reply_id, user_id) SELECT $1, $2, unnest($3::int[])
     ON CONFLICT DO NOTHING RETURNING user_id AS "userId"`,
    [threadId, replyId, ids],
  );
  return returned<{ userId: number }>(rows).map((r) => r.userId);
}

/**
 * Who hears about a new post: mentioned members, the author of the post replied to, and members
 * watching the thread, its category or one of its tags — each once, nobody who muted the thread.
 */
async function notifyNewPost(db: Db, o: {
  actorId: number; threadId: number; categoryId: number; title: string; language: string; url: string; replyId: number | null;
  parentAuthorId: number | null; mentionedIds: number[];
}): Promise<void> {
  const watchers: { userId: number; muted: boolean }[] = await db.query(
    `SELECT u.user_id AS "userId",
            EXISTS (SELECT 1 FROM forum_follows m WHERE m.user_id = u.user_id AND m.target_type = 'thread' AND m.target_id = $1 AND m.level = 'muted') AS muted
       FROM (SELECT DISTINCT f.user_id FROM forum_follows f
              WHERE f.level = 'watching' AND ((f.target_type = 'thread' AND f.target_id = $1)
                 OR (f.target_type = 'category' AND f.target_id = $2)
                 OR (f.target_type = 'tag' AND f.target_id IN (SELECT tag_id FROM forum_thread_tags WHERE thread_id = $1)))
             UNION SELECT unnest($3::int[])) u`,
    [o.threadId, o.categoryId, [...o.mentionedIds, ...(o.parentAuthorId ? [o.parentAuthorId] : [])]],
  );
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

export async function createThread(ctx: AppContext, actor: Actor, input: ThreadInput): Promise<{ id: number; slug: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const [cat] = await db.query(`SELECT id, is_public AS "isPublic", archived_at AS "archivedAt" FROM forum_categories WHERE id = $1`, [input.categoryId]);
    if (!cat) throw invalid('validation.summary', { categoryId: 'forum.validation.category' });
    if (!forumPolicy.canStartThread(actor, cat)) throw invalid('validation.summary', { categoryId: 'forum.validation.categoryArchived' });
    const { html, mentioned } = await render(db, input.body);
    const slug = slugify(input.title);
    const [t] = await db.query(
      `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT language FROM users WHERE id = $5)) RETURNING id, language`,
      [cat.id, input.kind, input.title, slug, actor.id, input.body, html],
    );
    await db.query(`INSERT INTO forum_revisions (thread_id, editor_id, title, body_source) VALUES ($1, $2, $3, $4)`, [t.id, actor.id, input.title, input.body]);
    await setTags(db, t.id, input.tags);
    await follow(db, actor.id, 'thread', t.id, 'watching', true);
    const mentionedIds = await recordMentions(db, t.id, null, [...mentioned.values()]);
    await notifyNewPost(db, { actorId: actor.id, threadId: t.id, categoryId: cat.id, title: input.title, language: t.language, url: threadUrl({ id: t.id, slug }), replyId: null, parentAuthorId: null, mentionedIds });
    await queueSearchIndex(db, 'thread', t.id);
    return { id: t.id, slug };
  });
}

export async function updateThread(ctx: AppContext, actor: Actor, threadId: number, input: EditThreadInput): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'UPDATE');
    mustSee(actor, t);
    if (!forumPolicy.canEditThread(actor, t)) throw forbidden();
    const { html, mentioned } = await render(db, input.body);
    const slug = slugify(input.title);
    await db.query(
      `UPDATE forum_threads SET title = $2, slug = $3, body_source = $4, body_html = $5, updated_at = now(),
              edited_at = CASE WHEN now() - created_at > interval '10 minutes' THEN now() ELSE edited_at END
        WHERE id = $1`,
      [threadId, input.title, slug, input.body, html],
    );
    await db.query(`INSERT INTO forum_revisions (thread_id, editor_id, title, body_source) VALUES ($1, $2, $3, $4)`, [threadId, actor.id, input.title, input.body]);
    await setTags(db, threadId, input.tags);
    const newly = await recordMentions(db, threadId, null, [...mentioned.values()]);
    for (const userId of newly) {
      await notify(db, { userId, kind: 'forum.mention', title: input.title, language: t.language, url: threadUrl({ id: threadId, slug }), actorId: actor.id, subjectType: 'forum_thread', subjectId: threadId });
    }
    if (actor.id !== t.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.post.edit', subjectType: 'forum_thread', subjectId: threadId });
    }
    await queueSearchIndex(db, 'thread', threadId);
    return threadUrl({ id: threadId, slug });
  });
}

export async function createReply(ctx: AppContext, actor: Actor, threadId: number, input: { body: string; parentId: number | null }): Promise<{ id: number; url: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const t = await loadThread(db, threadId, 'NONE');
    mustSee(actor, t);
    if (!forumPolicy.canReply(actor, t)) throw forbidden();
    let parentAuthorId: number | null = t.authorId;
    if (input.parentId) {
      const [p] = await db.query(`SELECT author_id AS "authorId" FROM forum_replies WHERE id = $1 AND thread_id = $2 AND deleted_at IS NULL`, [input.parentId, threadId]);
      if (!p) throw invalid('validation.summary', { body: 'forum.validation.parentGone' });
      parentAuthorId = p.authorId;
    }
    const { html, mentioned } = await render(db, input.body);
    const [r] = await db.query(
      `INSERT INTO forum_replies (thread_id, parent_id, author_id, body_source, body_html, language)
       VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $3)) RETURNING id`,
      [threadId, input.parentId, actor.id, input.body, html],
    );
    await db.query(`INSERT INTO forum_revisions (thread_id, reply_id, editor_id, body_source) VALUES ($1, $2, $3, $4)`, [threadId, r.id, actor.id, input.body]);
    await db.query(`UPDATE forum_threads SET reply_count = reply_count + 1, last_activity_at = greatest(last_activity_at, now()) WHERE id = $1`, [threadId]);
    await follow(db, actor.id, 'thread', threadId, 'normal', false);
    const mentionedIds = await recordMentions(db, threadId, r.id, [...mentioned.values()]);
    const url = `${threadUrl(t)}#reply-${r.id}`;
    await notifyNewPost(db, { actorId: actor.id, threadId, categoryId: t.categoryId, title: t.title, language: t.language, url, replyId: r.id, parentAuthorId, mentionedIds });
    await queueSearchIndex(db, 'reply', r.id);
    return { id: r.id, url };
  });
}

export async function updateReply(ctx: AppContext, actor: Actor, replyId: number, body: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const r = await loadReply(db, replyId);
    const t = await loadThread(db, r.threadId, 'SHARE');
    mustSee(actor, t);
    if (!forumPolicy.canEditReply(actor, t, r)) throw forbidden();
    const { html, mentioned } = await render(db, body);
    await db.query(
      `UPDATE forum_replies SET body_source = $2, body_html = $3, updated_at = now(),
              edited_at = CASE WHEN now() - created_at > interval '10 minutes' THEN now() ELSE edited_at END
        WHERE id = $1`,
      [replyId, body, html],
    );
    await db.query(`INSERT INTO forum_revisions (thread_id, reply_id, editor_id, body_source) VALUES ($1, $2, $3, $4)`, [t.id, replyId, actor.id, body]);
    const url = `${threadUrl(t)}#reply-${replyId}`;
    for (const userId of await recordMentions(db, t.id, replyId, [...mentioned.values()])) {
      await notify(db, { userId, kind: 'forum.mention', title: t.title, language: t.language, url, actorId: actor.id, subjectType: 'forum_reply', subjectId: replyId });
    }
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
    const r = await loadReply(db, replyId);
    const t = await loadThread(db, r.threadId, 'UPDATE');
    mustSee(actor, t);
    if (!forumPolicy.canDeleteReply(actor, t, r)) throw forbidden();
    const [child] = await db.query(`SELECT 1 FROM forum_replies WHERE parent_id = $1 LIMIT 1`, [replyId]);
    if (child) {
      await db.query(`UPDATE forum_replies SET deleted_at = now(), body_source = '', body_html = '', updated_at = now() WHERE id = $1`, [replyId]);
      // The deleted text must not live on in the edit history (or as mentions).
      await db.query(`DELETE FROM forum_revisions WHERE reply_id = $1`, [replyId]);
      await db.query(`DELETE FROM forum_mentions WHERE reply_id = $1`, [replyId]);
    } else {
      await db.query(`DELETE FROM forum_replies WHERE id = $1`, [replyId]);
    }
    await db.query(
      `UPDATE forum_threads SET reply_count = reply_count - 1,
              accepted_reply_id = CASE WHEN accepted_reply_id = $2 THEN NULL ELSE accepted_reply_id END
        WHERE id = $1`,
      [t.id, replyId],
    );
    await queueSearchIndex(db, 'reply', replyId);
    if (t.acceptedReplyId === replyId) await queueSearchIndex(db, 'thread', t.id);
    return threadUrl(t);
  });
}

/** Adds the actor's vote, or takes it back. Returns whether the actor now votes for the reply. */
export async function toggleVote(ctx: AppContext, actor: Actor, replyId: number): Promise<{ voted: boolean; url: string }> {
  return inTransaction(ctx.ds, async (db) => {
    const [r] = await db.query(
      `SELECT id, thread_id AS "threadId", author_id AS "authorId", deleted_at AS "deletedAt", hidden_at AS "hiddenAt" FROM forum_replies WHERE id = $1`,
      [replyId]);
    if (!r) throw notFound();
    const t = await loadThread(db, r.threadId, 'SHARE');
    mustSee(actor, t);
    if (!forumPolicy.canVote(actor, t, r)) throw forbidden();
    const url = `${threadUrl(t)}#reply-${replyId}`;
    const added = returned(await db.query(
      `INSERT INTO forum_votes (reply_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [replyId, actor.id]));
    if (added.length) {
      await db.query(`UPDATE forum_replies SET vote_count = vote_count + 1 WHERE id = $1`, [replyId]);
      return { voted: true, url };
    }
    const removed = returned(await db.query(`DELETE FROM forum_votes WHERE reply_id = $1 AND user_id = $2 RETURNING 1`, [replyId, actor.id]));
    if (removed.length) await db.query(`UPDATE forum_replies SET vote_count = vote_count - 1 WHERE id = $1`, [replyId]);
    return { voted: false, url };
  });
}

export async function acceptReply(ctx: AppContext, actor: Actor, replyId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const [r] = await db.query(
      `SELECT id, thread_id AS "threadId", author_id AS "authorId", deleted_at AS "deletedAt", hidden_at AS "hiddenAt" FROM forum_replies WHERE id = $1`,
      [replyId]);
    if (!r) throw notFound();
    const t = await loadThread(db, r.threadId, 'UPDATE');
    mustSee(actor, t);
    if (!forumPolicy.canAccept(actor, t, r)) throw forbidden();
    if (t.acceptedReplyId === replyId) return threadUrl(t);
    await db.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [t.id, replyId]);
    if (r.authorId) {
      await notify(db, { userId: r.authorId, kind: 'forum.accepted', title: t.title, language: t.language, url: `${threadUrl(t)}#reply-${replyId}`, actorId: actor.id, subjectType: 'forum_reply', subjectId: replyId });
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
    const t = await loadThread(db, threadId, 'UPDATE');
    mustSee(actor, t);
    if (!forumPolicy.canAccept(actor, t) || !t.acceptedReplyId) throw forbidden();
    await db.query(`UPDATE forum_threads SET accepted_reply_id = NULL WHERE id = $1`, [threadId]);
    if (actor.id !== t.authorId) {
      await recordAudit(db, { actorId: actor.id, action: 'forum.answer.unaccept', subjectType: 'forum_thread', subjectId: t.id, details: { previous: t.acceptedReplyId } });
    }
    await queueSearchIndex(db, 'thread', t.id);
    return threadUrl(t);
  });
}

export async function setFollow(ctx: AppContext, actor: Actor, targetType: FollowTarget, targetId: number, level: FollowLevel): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canFollow(actor)) throw forbidden();
    const table = { thread: 'forum_threads', category: 'forum_categories', tag: 'forum_tags' }[targetType];
    const [exists] = await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [targetId]);
    if (!exists) throw notFound();
    if (targetType === 'thread') mustSee(actor, await loadThread(db, targetId, 'SHARE'));
    await follow(db, actor.id, targetType, targetId, level, true);
  });
}

/** The opening post (replyId null) or a reply, locked for the moderation write that follows. */
async function loadPost(db: Db, threadId: number, replyId: number | null) {
  const t = await loadThread(db, threadId, 'UPDATE');
  if (replyId === null) return { t, post: { authorId: t.authorId, hiddenAt: t.hiddenAt, deletedAt: null, hiddenPending: false } };
  const r = await loadReply(db, replyId);
  if (r.threadId !== threadId) throw notFound();
  return { t, post: r };
}

async function searchPost(db: Db, threadId: number, replyId: number | null) {
  await queueSearchIndex(db, replyId ? 'reply' : 'thread', replyId ?? threadId);
}

async function setHidden(db: Db, threadId: number, replyId: number | null, hidden: boolean, reason: string | null, pending: boolean) {
  const table = replyId ? 'forum_replies' : 'forum_threads';
  await db.query(
    `UPDATE ${table} SET hidden_at = CASE WHEN $2 THEN coalesce(hidden_at, now()) END, hidden_reason = $3, hidden_pending = $4 WHERE id = $1`,
    [replyId ?? threadId, hidden, reason, pending],
  );
}

export async function flagPost(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null, input: { reason: FlagReason; text: string }): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { t, post } = await loadPost(db, threadId, replyId);
    mustSee(actor, t);
    if (!forumPolicy.canFlag(actor, post)) throw forbidden();
    const added = returned(await db.query(
      `INSERT INTO forum_flags (thread_id, reply_id, user_id, reason, text) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [threadId, replyId, actor.id, input.reason, input.text]));
    if (!added.length) throw conflict('forum.flag.already');
    const [{ n }] = await db.query(
      `SELECT count(DISTINCT user_id)::int AS n FROM forum_flags WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int AND status = 'open'`,
      [threadId, replyId]);
    if (n >= AUTO_HIDE_FLAGS && !post.hiddenAt) {
      await setHidden(db, threadId, replyId, true, null, true);
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
    const { t, post } = await loadPost(db, threadId, replyId);
    await setHidden(db, threadId, replyId, true, reason, false);
    await db.query(
      `UPDATE forum_flags SET status = 'hidden', resolved_by = $3, resolved_at = now()
        WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int AND status = 'open'`,
      [threadId, replyId, actor.id]);
    const url = replyId ? `${threadUrl(t)}#reply-${replyId}` : threadUrl(t);
    if (post.authorId) {
      await notify(db, { userId: post.authorId, kind: 'forum.hidden', title: `${t.title} — ${reason}`, language: t.language, url, actorId: actor.id, subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId });
    }
    await recordAudit(db, { actorId: actor.id, action: 'forum.post.hide', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, reason });
    await searchPost(db, threadId, replyId);
    return url;
  });
}

export async function unhidePost(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null, reason: string | null): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const { t, post } = await loadPost(db, threadId, replyId);
    if (!post.hiddenAt) throw conflict('forum.moderation.notHidden');
    await setHidden(db, threadId, replyId, false, null, false);
    await recordAudit(db, { actorId: actor.id, action: 'forum.post.unhide', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, reason });
    await searchPost(db, threadId, replyId);
    return replyId ? `${threadUrl(t)}#reply-${replyId}` : threadUrl(t);
  });
}

/** Flags rejected: they close, and a post hidden only by flags shows again. */
export async function dismissFlags(ctx: AppContext, actor: Actor, threadId: number, replyId: number | null): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const { post } = await loadPost(db, threadId, replyId);
    const closed = returned(await db.query(
      `UPDATE forum_flags SET status = 'dismissed', resolved_by = $3, resolved_at = now()
        WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int AND status = 'open' RETURNING id`,
      [threadId, replyId, actor.id]));
    if (!closed.length) throw conflict('forum.flag.noneOpen');
    if (post.hiddenPending) {
      await setHidden(db, threadId, replyId, false, null, false);
      await searchPost(db, threadId, replyId);
    }
    await recordAudit(db, { actorId: actor.id, action: 'forum.flags.dismiss', subjectType: replyId ? 'forum_reply' : 'forum_thread', subjectId: replyId ?? threadId, details: { flags: closed.length } });
  });
}

type ThreadSwitch = 'lock' | 'unlock' | 'pin' | 'unpin';

export async function switchThread(ctx: AppContext, actor: Actor, threadId: number, what: ThreadSwitch): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const t = await loadThread(db, threadId, 'UPDATE');
    const column = what === 'lock' || what === 'unlock' ? 'locked_at' : 'pinned_at';
    const on = what === 'lock' || what === 'pin';
    await db.query(`UPDATE forum_threads SET ${column} = ${on ? 'coalesce(' + column + ', now())' : 'NULL'} WHERE id = $1`, [threadId]);
    await recordAudit(db, { actorId: actor.id, action: `forum.thread.${what}`, subjectType: 'forum_thread', subjectId: threadId });
    return threadUrl(t);
  });
}

async function queueThreadAndReplies(db: Db, threadId: number): Promise<void> {
  await queueSearchIndex(db, 'thread', threadId);
  const replies: { id: number }[] = await db.query(`SELECT id FROM forum_replies WHERE thread_id = $1 ORDER BY id`, [threadId]);
  for (const r of replies) await queueSearchIndex(db, 'reply', r.id);
}

export async function moveThread(ctx: AppContext, actor: Actor, threadId: number, categoryId: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canModerate(actor)) throw forbidden();
    const t = await loadThread(db, threadId, 'UPDATE');
    const [cat] = await db.query(`SELECT id, archived_at AS "archivedAt" FROM forum_categories WHERE id = $1`, [categoryId]);
    if (!cat || cat.archivedAt) throw invalid('validation.summary', { categoryId: 'forum.validation.category' });
    if (cat.id === t.categoryId) return threadUrl(t);
    await db.query(`UPDATE forum_threads SET category_id = $2 WHERE id = $1`, [threadId, categoryId]);
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
    const a = await loadThread(db, first, 'UPDATE').catch(() => null);
    const b = await loadThread(db, second, 'UPDATE').catch(() => null);
    const source = sourceId === first ? a : b;
    const target = targetId === first ? a : b;
    if (!source) throw notFound();
    if (!target || target.mergedIntoId) throw invalid('validation.summary', { targetId: 'forum.validation.mergeTarget' });
    if (source.mergedIntoId) throw conflict('forum.moderation.alreadyMerged');
    const [s] = await db.query(`SELECT author_id, body_source, body_html, created_at, hidden_at, hidden_reason, language FROM forum_threads WHERE id = $1`, [sourceId]);
    const [opening] = await db.query(
      `INSERT INTO forum_replies (thread_id, author_id, body_source, body_html, created_at, updated_at, hidden_at, hidden_reason, language)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8) RETURNING id`,
      [targetId, s.author_id, s.body_source, s.body_html, s.created_at, s.hidden_at, s.hidden_reason, s.language]);
    await db.query(`UPDATE forum_revisions SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
    await db.query(`UPDATE forum_flags SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
    await db.query(`UPDATE forum_mentions SET thread_id = $2, reply_id = $3 WHERE thread_id = $1 AND reply_id IS NULL`, [sourceId, targetId, opening.id]);
    for (const table of ['forum_replies', 'forum_revisions', 'forum_flags', 'forum_mentions']) {
      await db.query(`UPDATE ${table} SET thread_id = $2 WHERE thread_id = $1`, [sourceId, targetId]);
    }
    await db.query(
      `INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $2, tag_id FROM forum_thread_tags WHERE thread_id = $1 ON CONFLICT DO NOTHING`,
      [sourceId, targetId]);
    await db.query(
      `UPDATE forum_threads SET reply_count = (SELECT count(*) FROM forum_replies WHERE thread_id = $1 AND deleted_at IS NULL),
              last_activity_at = greatest(last_activity_at, $2) WHERE id = $1`,
      [targetId, (await db.query(`SELECT last_activity_at FROM forum_threads WHERE id = $1`, [sourceId]))[0].last_activity_at]);
    await db.query(`UPDATE forum_threads SET merged_into_id = $2, reply_count = 0, accepted_reply_id = NULL WHERE id = $1`, [sourceId, targetId]);
    await recordAudit(db, { actorId: actor.id, action: 'forum.thread.merge', subjectType: 'forum_thread', subjectId: sourceId, details: { into: targetId } });
    await queueSearchIndex(db, 'thread', sourceId);
    await queueThreadAndReplies(db, targetId);
    return threadUrl(target);
  });
}

// Categories (facilitators).

export async function createCategory(ctx: AppContext, actor: Actor, input: CategoryInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const taken = returned(await db.query(
      `INSERT INTO forum_categories (slug, name, description, position, is_public, language)
       VALUES ($1, $2, $3, $4, $5, (SELECT language FROM users WHERE id = $6))
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [input.slug, input.name, input.description, input.position, input.isPublic, actor.id]));
    if (!taken.length) throw conflict('validation.summary', { slug: 'forum.validation.slugTaken' });
    const [c] = taken as { id: number }[];
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.create', subjectType: 'forum_category', subjectId: c!.id, details: { ...input } });
  });
}

export async function updateCategory(ctx: AppContext, actor: Actor, id: number, input: CategoryInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const [before] = await db.query(`SELECT id, is_public AS "isPublic" FROM forum_categories WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) throw notFound();
    const [clash] = await db.query(`SELECT 1 FROM forum_categories WHERE slug = $1 AND id <> $2`, [input.slug, id]);
    if (clash) throw conflict('validation.summary', { slug: 'forum.validation.slugTaken' });
    await db.query(
      `UPDATE forum_categories SET slug = $2, name = $3, description = $4, position = $5, is_public = $6, updated_at = now() WHERE id = $1`,
      [id, input.slug, input.name, input.description, input.position, input.isPublic]);
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.update', subjectType: 'forum_category', subjectId: id, details: { ...input } });
    if (before.isPublic !== input.isPublic) {
      // Visibility changed: every document of the category needs its new visibility in the index.
      const threads: { id: number }[] = await db.query(`SELECT id FROM forum_threads WHERE category_id = $1`, [id]);
      for (const t of threads) await queueThreadAndReplies(db, t.id);
    }
  });
}

export async function archiveCategory(ctx: AppContext, actor: Actor, id: number, archived: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const done = returned(await db.query(
      `UPDATE forum_categories SET archived_at = CASE WHEN $2 THEN coalesce(archived_at, now()) END, updated_at = now() WHERE id = $1 RETURNING id`,
      [id, archived]));
    if (!done.length) throw notFound();
    await recordAudit(db, { actorId: actor.id, action: archived ? 'forum.category.archive' : 'forum.category.unarchive', subjectType: 'forum_category', subjectId: id });
  });
}

/** Moves a category one place up or down in the list (positions are renumbered 10, 20, 30 …). */
export async function reorderCategory(ctx: AppContext, actor: Actor, id: number, direction: 'up' | 'down'): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    if (!forumPolicy.canManageCategories(actor)) throw forbidden();
    const list: { id: number }[] = await db.query(`SELECT id FROM forum_categories ORDER BY position, name FOR UPDATE`);
    const i = list.findIndex((c) => c.id === id);
    if (i < 0) throw notFound();
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    await db.query(
      `UPDATE forum_categories c SET position = o.pos FROM unnest($1::int[]) WITH ORDINALITY AS o(id, pos) WHERE c.id = o.id`,
      [list.map((c) => c.id)]);
    await db.query(`UPDATE forum_categories SET position = position * 10`);
    await recordAudit(db, { actorId: actor.id, action: 'forum.category.reorder', subjectType: 'forum_category', subjectId: id, details: { direction } });
  });
}

/** The stable address a guide chapter cites for a thread (it redirects to the current slug). */
export const threadSourceUrl = (threadId: number) => `/forum/threads/${threadId}`;

/**
 * Promote to guide: a facilitator turns the accepted answer of a thread into a draft revision of a
 * guide (appended to a chapter or as a new one). The guides module writes the draft in its own
 * transaction and it goes through four-eyes review; the forum itself changes nothing.
 */
export async function promoteAnswer(ctx: AppContext, actor: Actor | undefined, threadId: number, input: PromoteFormInput): Promise<{ revisionId: number; guideSlug: string }> {
  if (!forumPolicy.canPromote(actor)) throw forbidden();
  const t = await loadThread(ctx.ds.manager, threadId, 'NONE');
  if (t.mergedIntoId || t.hiddenAt) throw notFound();
  const [answer] = t.acceptedReplyId
    ? await ctx.ds.query(`SELECT body_source AS "bodySource" FROM forum_replies WHERE id = $1 AND deleted_at IS NULL AND hidden_at IS NULL`, [t.acceptedReplyId])
    : [];
  if (!answer) throw conflict('forum.promote.noAcceptedAnswer');
  const [guide] = await ctx.ds.query(`SELECT slug FROM guides WHERE id = $1 AND status = 'published'`, [input.guideId]);
  if (!guide) throw invalid('validation.summary', { guideId: 'forum.promote.guideUnknown' });
  if (input.chapterId) {
    const [chapter] = await ctx.ds.query(`SELECT 1 FROM guide_chapters WHERE id = $1 AND guide_id = $2`, [input.chapterId, input.guideId]);
    if (!chapter) throw invalid('validation.summary', { chapterId: 'forum.promote.chapterMismatch' });
  }
  const revisionId = await promoteToGuide(ctx, actor, {
    guideId: input.guideId,
    ...(input.chapterId ? { chapterId: input.chapterId } : { newChapterTitle: input.newChapterTitle }),
    sourceUrl: threadSourceUrl(t.id),
    sourceTitle: t.title,
    markdown: input.markdown,
  });
  return { revisionId, guideSlug: guide.slug as string };
}
