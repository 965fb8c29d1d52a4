// The forum part of the privacy download and of account deletion. Deletion, in both variants:
// follows and read marks go, and @mentions of the member in other people's posts become
// "ehemaliges Mitglied" (source, edit history and HTML; search re-indexed). Keeping contributions
// re-indexes the member's posts (their administration leaves the search documents). Removing them:
// replies go (a reply others answered keeps its place as "deleted by the author"), threads without
// replies by others go, a thread others replied to keeps their replies under a title and text
// "removed at the author's request", flags and votes go (vote counts follow), tags nobody else uses go.
import type { DataSource } from 'typeorm';
import { queueSearchIndex } from '../../shared/search-index.js';
import { slugify } from '../../shared/slug.js';
import { DEFAULT_LANG, translate } from '../../shared/i18n.js';
import type { ContributionsChoice, FormerMember } from '../module.js';
import { forgetNotificationsAbout, retitleNotificationsAbout } from '../notifications/index.js';
import { replaceMention } from './forum.markdown.js';
import { threadUrl } from './forum.queries.js';
import { render } from './forum.model.js';
import type { Db } from '../../db/sql.js';
import * as store from './privacy.store.js';


export const forumUserColumns = {
  'forum_threads.author_id': 'threads',
  'forum_replies.author_id': 'replies',
  'forum_revisions.editor_id': 'revisions',
  'forum_votes.user_id': 'votes',
  'forum_follows.user_id': 'follows',
  'forum_thread_views.user_id': 'threadViews',
  'forum_thread_reads.user_id': 'threadReads',
  'forum_flags.user_id': 'flags',
  'forum_flags.resolved_by': 'flagsResolved',
  'forum_mentions.user_id': 'mentions',
  'forum_category_members.user_id': 'categoryMemberships',
};

export async function exportForumData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  return store.forumDataOfMember(ds, userId);
}

export async function deleteForumData(db: Db, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  await forgetMentions(db, member);
  await store.deleteFollowsAndReadMarksOf(db, member.id);
  if (contributions === 'remove') {
    await store.deleteVotesAndFlagsBy(db, member.id);
    await removeReplies(db, member.id);
    await removeThreads(db, member.id);
  } else {
    // Kept posts no longer name an administration (search documents carry the author's).
    for (const { id } of await store.threadIdsBy(db, member.id)) await queueSearchIndex(db, 'thread', id);
    for (const { id } of await store.replyIdsBy(db, member.id)) await queueSearchIndex(db, 'reply', id);
  }
}

/**
 * Other people's posts that @mention the member: the handle is replaced by "ehemaliges Mitglied"
 * (the forum's content language) in the source and the edit history, the HTML is rendered again
 * and the search documents are queued, so the old handle leaves the posts, the index and — once
 * no document holds it — the search lexicon.
 */
async function forgetMentions(db: Db, member: FormerMember): Promise<void> {
  const posts = await store.postsMentioning(db, member.id);
  const former = translate(DEFAULT_LANG, 'forum.formerMember');
  for (const { threadId, replyId } of posts) {
    const kind = replyId ? 'reply' : 'thread';
    const id = replyId ?? threadId;
    const post = await store.lockPostText(db, kind, id);
    if (!post) continue;
    const source = replaceMention(post.source, member.handle, former);
    let html: string;
    try {
      html = (await render(db, source)).html;
    } catch {
      // The text no longer passes today's renderer: take the link out of the stored HTML instead.
      html = post.html.replace(new RegExp(`<a [^>]*href="/members/${member.handle}"[^>]*>@${member.handle}</a>`, 'gi'), former);
    }
    await store.rewritePostText(db, kind, id, source, html);
    for (const r of await store.revisionsOfPost(db, threadId, replyId)) {
      const next = replaceMention(r.source, member.handle, former);
      if (next !== r.source) await store.rewriteRevisionText(db, r.id, next);
    }
    await queueSearchIndex(db, kind, id);
  }
  await store.deleteMentionsOf(db, member.id);
}

/** The member's replies, newest first, so that a reply answered only by the member's own goes too. */
async function removeReplies(db: Db, userId: number): Promise<void> {
  const replies = await store.lockRepliesBy(db, userId);
  for (const r of replies) {
    const t = await store.lockThreadAnswer(db, r.threadId);
    // Keeps its place for the answers to it, like a reply its author deleted.
    if (await store.hasAnswers(db, r.id)) await store.blankReply(db, r.id);
    else await store.deleteReply(db, r.id);
    await store.uncountReply(db, r.threadId, r.id, !r.deletedAt);
    await queueSearchIndex(db, 'reply', r.id);
    // The thread's document carries its accepted answer.
    if (t?.acceptedReplyId === r.id) await queueSearchIndex(db, 'thread', r.threadId);
  }
  await forgetNotificationsAbout(db, 'forum_reply', replies.map((r) => r.id));
}

/** The member's threads: gone when nobody else replied, otherwise an empty shell that keeps the others' replies. */
async function removeThreads(db: Db, userId: number): Promise<void> {
  const threads = await store.lockThreadsBy(db, userId);
  const removedTitle = translate(DEFAULT_LANG, 'forum.removedTitle');
  const tagIds = await store.tagIdsOfThreadsBy(db, userId);
  for (const t of threads) {
    const replyIds = await store.replyIdsOfThread(db, t.id);
    if (t.othersReplied) {
      const slug = await store.threadSlug(db, t.id);
      const url = { from: threadUrl({ id: t.id, slug }), to: threadUrl({ id: t.id, slug: slugify(removedTitle) }) };
      await store.blankThread(db, t.id, removedTitle, slugify(removedTitle));
      // The replies' notifications and search documents showed the thread's title.
      await retitleNotificationsAbout(db, 'forum_thread', [t.id], removedTitle, url);
      await retitleNotificationsAbout(db, 'forum_reply', replyIds, removedTitle, url);
    } else {
      await store.deleteThread(db, t.id);
      await forgetNotificationsAbout(db, 'forum_thread', [t.id]);
      await forgetNotificationsAbout(db, 'forum_reply', replyIds);
    }
    await queueSearchIndex(db, 'thread', t.id);
    for (const id of replyIds) await queueSearchIndex(db, 'reply', id);
  }
  // A tag only the member's threads used goes (with the follows of it).
  await store.deleteUnusedTags(db, tagIds);
}
