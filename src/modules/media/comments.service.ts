// Timed comments on training videos: a member comments at a moment of a published video; the
// Markdown is rendered once, on write; the chapter's owner (the guide's owner; for a course, who
// added the video) is notified; authors edit and delete their own; members flag a comment once
// (facilitators are told, the comment joins the queue at /media/comments/flags); facilitators hide
// and show comments again with a reason, which resolves the open flags and goes to the audit log.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { Db, Queryable } from '../../db/sql.js';
import { conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { plainExcerpt } from '../../shared/excerpt.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { formatClock } from '../../shared/webvtt.js';
import { activeFacilitators } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { commentAnchor, commentsPolicy as policy, factsOf } from './comments.policy.js';
import type { CommentInput } from './comments.schemas.js';
import * as store from './comments.store.js';
import type { Actor } from './media.policy.js';
import * as media from './media.store.js';

export const COMMENT_KIND = 'media.comment';
export const FLAG_KIND = 'media.commentFlag';

/** The video and its parent for someone who may read its comments; 404 for everyone else. */
export async function readableVideo(db: Queryable, actor: Actor | undefined, videoId: string): Promise<{ video: media.VideoRow; parent: media.Parent }> {
  const video = await media.findVideo(db, videoId);
  if (!video) throw notFound();
  const p = media.parentOf(video);
  const parent = await media.findParent(db, p.kind, p.id);
  if (!parent || !policy.canRead(actor, factsOf(video, parent))) throw notFound();
  return { video, parent };
}

/** The moment must lie within the video when its length is known (embeds: not known). */
function checkMoment(video: media.VideoRow, atMs: number): void {
  if (video.durationMs !== null && atMs > video.durationMs) throw invalid('validation.summary', { at: 'mediaComments.validation.timeBeyond' });
}

export async function addComment(ctx: AppContext, actor: Actor | undefined, videoId: string, input: CommentInput): Promise<string> {
  const html = renderMarkdown(input.body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const { video, parent } = await readableVideo(db, actor, videoId);
    if (!policy.canComment(actor, factsOf(video, parent))) throw forbidden();
    checkMoment(video, input.at);
    const id = await store.insertComment(db, { videoId, authorId: actor!.id, atMs: input.at, body: input.body, html });
    const url = `${parent.url}#${commentAnchor(id)}`;
    const owner = await store.ownerOfVideo(db, videoId);
    if (owner) {
      await notify(db, {
        userId: owner, kind: COMMENT_KIND, title: video.title, language: parent.language, url, actorId: actor!.id,
        subjectType: 'media_video_comment', subjectId: id,
      });
    }
    return url;
  });
}

/** A comment with its video, locked, for a write by someone who may still read it (404 otherwise). */
async function commentForWrite(db: Db, actor: Actor | undefined, id: number) {
  const comment = await store.findComment(db, id, true);
  if (!comment) throw notFound();
  const { video, parent } = await readableVideo(db, actor, comment.videoId);
  return { comment, video, parent, url: `${parent.url}#${commentAnchor(id)}` };
}

/** The comment for its author's edit form (404 when it is not there, 403 for anyone else). */
export async function ownComment(db: Queryable, actor: Actor | undefined, id: number) {
  const comment = await store.findComment(db, id);
  if (!comment) throw notFound();
  const { video, parent } = await readableVideo(db, actor, comment.videoId);
  if (!policy.canChange(actor, comment)) throw forbidden();
  return { comment, video, parent, url: `${parent.url}#${commentAnchor(id)}` };
}

export async function editComment(ctx: AppContext, actor: Actor | undefined, id: number, input: CommentInput): Promise<string> {
  const html = renderMarkdown(input.body, 'body');
  return inTransaction(ctx.ds, async (db) => {
    const { comment, video, url } = await commentForWrite(db, actor, id);
    if (!policy.canChange(actor, comment)) throw forbidden();
    checkMoment(video, input.at);
    await store.updateComment(db, id, { atMs: input.at, body: input.body, html });
    return url;
  });
}

/** The author deletes their comment (and the flags on it). Returns the page it was on. */
export async function deleteComment(ctx: AppContext, actor: Actor | undefined, id: number): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { comment, parent, video } = await commentForWrite(db, actor, id);
    if (!policy.canChange(actor, comment)) throw forbidden();
    await store.deleteComment(db, id);
    return `${parent.url}#video-${video.id}-comments`;
  });
}

/** A member reports a comment, once; the facilitators are told. */
export async function flagComment(ctx: AppContext, actor: Actor | undefined, id: number, reason: string): Promise<string> {
  return inTransaction(ctx.ds, async (db) => {
    const { comment, video, parent, url } = await commentForWrite(db, actor, id);
    if (!policy.canFlag(actor, comment)) throw forbidden();
    if (!(await store.insertFlag(db, id, actor!.id, reason))) throw conflict('mediaComments.flag.already');
    for (const { id: facilitatorId } of await activeFacilitators(db)) {
      await notify(db, {
        userId: facilitatorId, kind: FLAG_KIND, title: video.title, language: parent.language, url: '/media/comments/flags', actorId: actor!.id,
        subjectType: 'media_video_comment', subjectId: id,
      });
    }
    return url;
  });
}

/** Facilitators hide (or show again) a comment with a reason; open flags on it are resolved. */
export async function moderateComment(ctx: AppContext, actor: Actor | undefined, id: number, hide: boolean, reason: string): Promise<string> {
  if (!policy.canModerate(actor)) throw forbidden();
  return inTransaction(ctx.ds, async (db) => {
    const comment = await store.findComment(db, id, true);
    if (!comment) throw notFound();
    const { video, parent } = await anyVideo(db, comment.videoId);
    await store.setHidden(db, id, hide, actor!.id, reason);
    const resolved = await store.resolveFlags(db, id);
    await recordAudit(db, {
      actorId: actor!.id, action: hide ? 'media_video_comment.hidden' : 'media_video_comment.shown', subjectType: 'media_video_comment', subjectId: id,
      reason, details: { video: video.title, moment: formatClock(comment.atMs / 1000), flags: resolved },
    });
    return `${parent.url}#${commentAnchor(id)}`;
  });
}

/** Facilitators find nothing wrong: the open flags are resolved, the comment stays as it is. */
export async function dismissFlags(ctx: AppContext, actor: Actor | undefined, id: number): Promise<void> {
  if (!policy.canModerate(actor)) throw forbidden();
  await inTransaction(ctx.ds, async (db) => {
    const comment = await store.findComment(db, id, true);
    if (!comment) throw notFound();
    const { video } = await anyVideo(db, comment.videoId);
    const resolved = await store.resolveFlags(db, id);
    await recordAudit(db, {
      actorId: actor!.id, action: 'media_video_comment.flagsDismissed', subjectType: 'media_video_comment', subjectId: id,
      details: { video: video.title, moment: formatClock(comment.atMs / 1000), flags: resolved },
    });
  });
}

/** A video and its parent whatever their state (facilitators moderating); 404 when gone. */
export async function anyVideo(db: Queryable, videoId: string): Promise<{ video: media.VideoRow; parent: media.Parent }> {
  const video = await media.findVideo(db, videoId);
  if (!video) throw notFound();
  const p = media.parentOf(video);
  const parent = await media.findParent(db, p.kind, p.id);
  if (!parent) throw notFound();
  return { video, parent };
}

/** Facilitators' queue: comments with open flags, oldest first; the comment as read, not its Markdown. */
export async function flaggedComments(db: Queryable) {
  return (await store.openFlags(db)).map((r) => ({ ...r, excerpt: plainExcerpt(r.body, 200) }));
}
