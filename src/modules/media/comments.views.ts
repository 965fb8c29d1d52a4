// Timed comments as the views get them: per video, the comments in the video's time order, each
// with its moment as a link that seeks the player (an upload; an embed cannot be reached from the
// page, so its moments are plain times), author, date, body (a placeholder for hidden ones unless
// the reader may read them) and the actions the reader may take; and the form, or a sign-in link.
import { formatClock } from '../../shared/webvtt.js';
import type { Actor } from '../../shared/identity.js';
import { commentAnchor, commentsPolicy as policy } from './comments.policy.js';
import type { CommentRow } from './comments.store.js';

export interface CommentView {
  id: number;
  anchor: string;
  clock: string;
  seconds: number;
  /** "#t=252&v=<video id>": media.js seeks the player on the page; null for an embed. */
  href: string | null;
  authorName: string | null;
  authorHandle: string | null;
  createdAt: Date;
  edited: boolean;
  hidden: boolean;
  /** The text is shown (not hidden, or the reader may read hidden ones). */
  showBody: boolean;
  bodyHtml: string;
  language: string;
  hiddenReason: string | null;
  openFlags: number;
  mine: boolean;
  canFlag: boolean;
  flagged: boolean;
  canModerate: boolean;
  editUrl: string;
  deleteAction: string;
  flagUrl: string;
  moderateUrl: string;
}

export interface CommentsBlock {
  videoId: string;
  domId: string;
  sectionId: string;
  title: string;
  language: string;
  seekable: boolean;
  comments: CommentView[];
  /** The form's action for members who may comment; null otherwise. */
  action: string | null;
  /** Visitors: where to sign in (back to this page). */
  signInUrl: string | null;
  /** The video's length ("12:30") when known: the hint says the moment must lie within it. */
  duration: string | null;
}

export const commentUrl = (id: number) => `/media/comments/${id}`;

export function commentView(c: CommentRow, actor: Actor | undefined, seekable: boolean): CommentView {
  const seconds = Math.floor(c.atMs / 1000);
  const canReadHidden = policy.canReadHidden(actor, c);
  return {
    id: c.id,
    anchor: commentAnchor(c.id),
    clock: formatClock(seconds),
    seconds,
    href: seekable ? `#t=${seconds}&v=${c.videoId}` : null,
    authorName: c.authorName,
    authorHandle: c.authorHandle,
    createdAt: c.createdAt,
    edited: !!c.editedAt,
    hidden: !!c.hiddenAt,
    showBody: !c.hiddenAt || canReadHidden,
    bodyHtml: !c.hiddenAt || canReadHidden ? c.bodyHtml : '',
    language: c.language,
    hiddenReason: policy.canModerate(actor) ? c.hiddenReason : null,
    openFlags: policy.canModerate(actor) ? c.openFlags : 0,
    mine: policy.canChange(actor, c),
    canFlag: policy.canFlag(actor, c) && !c.flaggedByViewer,
    flagged: !!actor && c.flaggedByViewer,
    canModerate: policy.canModerate(actor),
    editUrl: `${commentUrl(c.id)}/edit`,
    deleteAction: `${commentUrl(c.id)}/delete`,
    flagUrl: `${commentUrl(c.id)}/flag`,
    moderateUrl: `${commentUrl(c.id)}/${c.hiddenAt ? 'show' : 'hide'}`,
  };
}

export function commentsBlockView(video: { id: string; title: string; seekable: boolean; durationMs: number | null }, rows: CommentRow[], o: {
  actor: Actor | undefined; language: string; canComment: boolean; pageUrl: string;
}): CommentsBlock {
  return {
    videoId: video.id,
    domId: `video-${video.id}`,
    sectionId: `video-${video.id}-comments`,
    title: video.title,
    language: o.language,
    seekable: video.seekable,
    comments: rows.filter((r) => r.videoId === video.id).map((r) => commentView(r, o.actor, video.seekable)),
    action: o.canComment ? `/media/videos/${video.id}/comments` : null,
    signInUrl: o.actor ? null : `/login?next=${encodeURIComponent(o.pageUrl)}`,
    duration: video.durationMs === null ? null : formatClock(video.durationMs / 1000),
  };
}
