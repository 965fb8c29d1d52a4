// Plain view objects for the forum templates (never entities, never raw rows with secrets).
import { diffWordsWithSpace } from 'diff';
import { forumPolicy, type Actor } from './forum.policy.js';
import { threadUrl, type ReplyRow, type RevisionRow, type ThreadListRow, type ThreadRow } from './forum.queries.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function threadListView(rows: ThreadListRow[]) {
  return rows.map((t) => ({ ...t, url: threadUrl(t), isQuestion: t.kind === 'question' }));
}

export function threadView(t: ThreadRow, actor: Actor | undefined) {
  const facts = t;
  return {
    ...t,
    url: threadUrl(t),
    isQuestion: t.kind === 'question',
    answered: t.acceptedReplyId !== null,
    edited: !!t.editedAt,
    locked: !!t.lockedAt,
    pinned: !!t.pinnedAt,
    archived: !!t.archivedAt,
    hidden: !!t.hiddenAt,
    removed: !!t.removedAt,
    bodyHtml: t.bodyHtml,
    canReply: forumPolicy.canReply(actor, facts),
    canEdit: forumPolicy.canEditThread(actor, facts) && !t.removedAt,
    canFlag: forumPolicy.canFlag(actor, t) && !t.hiddenAt && !t.removedAt,
    canFollow: forumPolicy.canFollow(actor),
    canModerate: forumPolicy.canModerate(actor),
    canUnaccept: !!t.acceptedReplyId && forumPolicy.canAccept(actor, facts),
    followLevel: t.followLevel ?? 'normal',
  };
}

export function replyView(r: ReplyRow, t: ThreadRow, actor: Actor | undefined) {
  const hiddenFromViewer = !!r.hiddenAt && !forumPolicy.canSeeHiddenPost(actor, r);
  return {
    ...r,
    deleted: !!r.deletedAt,
    hidden: !!r.hiddenAt,
    hiddenFromViewer,
    bodyHtml: r.deletedAt || hiddenFromViewer ? '' : r.bodyHtml,
    edited: !!r.editedAt,
    accepted: t.acceptedReplyId === r.id,
    canVote: forumPolicy.canVote(actor, t, r),
    canEdit: forumPolicy.canEditReply(actor, t, r),
    canDelete: forumPolicy.canDeleteReply(actor, t, r),
    canAccept: t.acceptedReplyId !== r.id && forumPolicy.canAccept(actor, t, r),
    canFlag: forumPolicy.canFlag(actor, r) && !r.hiddenAt,
    canReply: forumPolicy.canReply(actor, t) && !r.deletedAt,
    canModerate: forumPolicy.canModerate(actor) && !r.deletedAt,
  };
}

/** Each revision with the words added and removed since the one before, as safe HTML. */
export function revisionsView(revs: RevisionRow[]) {
  return revs.map((r, i) => {
    const prev = revs[i - 1];
    const before = prev ? `${prev.title ? prev.title + '\n\n' : ''}${prev.bodySource}` : '';
    const after = `${r.title ? r.title + '\n\n' : ''}${r.bodySource}`;
    const diffHtml = diffWordsWithSpace(before, after)
      .map((part) => (part.added ? `<ins>${escape(part.value)}</ins>` : part.removed ? `<del>${escape(part.value)}</del>` : escape(part.value)))
      .join('');
    return { number: i + 1, createdAt: r.createdAt, editorName: r.editorName, diffHtml, first: i === 0, language: r.language };
  }).reverse();
}
