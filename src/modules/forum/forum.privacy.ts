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
import { returned, type Db } from '../../db/sql.js';


export const forumUserColumns = {
  'forum_threads.author_id': 'threads',
  'forum_replies.author_id': 'replies',
  'forum_revisions.editor_id': 'revisions',
  'forum_votes.user_id': 'votes',
  'forum_follows.user_id': 'follows',
  'forum_thread_views.user_id': 'threadViews',
  'forum_flags.user_id': 'flags',
  'forum_flags.resolved_by': 'flagsResolved',
  'forum_mentions.user_id': 'mentions',
};

export async function exportForumData(ds: DataSource, userId: number): Promise<Record<string, unknown>> {
  const q = (sql: string) => ds.query(sql, [userId]);
  return {
    threads: await q(
      `SELECT t.id, t.kind, c.slug AS category, t.title, t.body_source AS body,
              ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name) AS tags,
              t.created_at AS "createdAt", t.edited_at AS "editedAt", t.hidden_at AS "hiddenAt", t.hidden_reason AS "hiddenReason"
         FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE t.author_id = $1 ORDER BY t.id`),
    replies: await q(
      `SELECT id, thread_id AS "threadId", parent_id AS "parentId", body_source AS body, created_at AS "createdAt",
              edited_at AS "editedAt", deleted_at AS "deletedAt", hidden_at AS "hiddenAt", hidden_reason AS "hiddenReason"
         FROM forum_replies WHERE author_id = $1 ORDER BY id`),
    // The edit history: every version the member saved (of their own posts or, as a facilitator, of others').
    revisions: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", title, body_source AS body, created_at AS "createdAt"
         FROM forum_revisions WHERE editor_id = $1 ORDER BY id`),
    votes: await q(`SELECT reply_id AS "replyId", created_at AS "createdAt" FROM forum_votes WHERE user_id = $1 ORDER BY created_at`),
    follows: await q(
      `SELECT target_type AS "targetType", target_id AS "targetId", level, created_at AS "createdAt"
         FROM forum_follows WHERE user_id = $1 ORDER BY created_at`),
    // Read marks: the days the member opened a thread.
    threadViews: await q(`SELECT thread_id AS "threadId", day FROM forum_thread_views WHERE user_id = $1 ORDER BY day, thread_id`),
    flags: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", reason, text, status, created_at AS "createdAt", resolved_at AS "resolvedAt"
         FROM forum_flags WHERE user_id = $1 ORDER BY id`),
    flagsResolved: await q(
      `SELECT thread_id AS "threadId", reply_id AS "replyId", status, resolved_at AS "resolvedAt"
         FROM forum_flags WHERE resolved_by = $1 ORDER BY id`),
    // Posts that mention the member.
    mentions: await q(`SELECT thread_id AS "threadId", reply_id AS "replyId", created_at AS "createdAt" FROM forum_mentions WHERE user_id = $1 ORDER BY id`),
  };
}

export async function deleteForumData(db: Db, member: FormerMember, contributions: ContributionsChoice): Promise<void> {
  await forgetMentions(db, member);
  await db.query(`DELETE FROM forum_follows WHERE user_id = $1`, [member.id]);
  await db.query(`DELETE FROM forum_thread_views WHERE user_id = $1`, [member.id]);
  if (contributions === 'remove') {
    await removeVotesAndFlags(db, member.id);
    await removeReplies(db, member.id);
    await removeThreads(db, member.id);
  } else {
    // Kept posts no longer name an administration (search documents carry the author's).
    for (const { id } of await db.query(`SELECT id FROM forum_threads WHERE author_id = $1`, [member.id])) await queueSearchIndex(db, 'thread', id);
    for (const { id } of await db.query(`SELECT id FROM forum_replies WHERE author_id = $1`, [member.id])) await queueSearchIndex(db, 'reply', id);
  }
}

/**
 * Other people's posts that @mention the member: the handle is replaced by "ehemaliges Mitglied"
 * (the forum's content language) in the source and the edit history, the HTML is rendered again
 * and the search documents are queued, so the old handle leaves the posts, the index and — once
 * no document holds it — the search lexicon.
 */
async function forgetMentions(db: Db, member: FormerMember): Promise<void> {
  const posts: { threadId: number; replyId: number | null }[] = await db.query(
    `SELECT DISTINCT thread_id AS "threadId", reply_id AS "replyId" FROM forum_mentions WHERE user_id = $1`, [member.id]);
  const former = translate(DEFAULT_LANG, 'forum.formerMember');
  for (const { threadId, replyId } of posts) {
    const table = replyId ? 'forum_replies' : 'forum_threads';
    const id = replyId ?? threadId;
    const [post] = await db.query(`SELECT body_source AS "source", body_html AS "html" FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (!post) continue;
    const source = replaceMention(post.source, member.handle, former);
    let html: string;
    try {
      html = (await render(db, source)).html;
    } catch {
      // The text no longer passes today's renderer: take the link out of the stored HTML instead.
      html = post.html.replace(new RegExp(`<a [^>]*href="/members/${member.handle}"[^>]*>@${member.handle}</a>`, 'gi'), former);
    }
    await db.query(`UPDATE ${table} SET body_source = $2, body_html = $3 WHERE id = $1`, [id, source, html]);
    const revisions: { id: number; source: string }[] = await db.query(
      `SELECT id, body_source AS "source" FROM forum_revisions WHERE thread_id = $1 AND reply_id IS NOT DISTINCT FROM $2::int`, [threadId, replyId]);
    for (const r of revisions) {
      const next = replaceMention(r.source, member.handle, former);
      if (next !== r.source) await db.query(`UPDATE forum_revisions SET body_source = $2 WHERE id = $1`, [r.id, next]);
    }
    await queueSearchIndex(db, replyId ? 'reply' : 'thread', id);
  }
  await db.query(`DELETE FROM forum_mentions WHERE user_id = $1`, [member.id]);
}

async function removeVotesAndFlags(db: Db, userId: number): Promise<void> {
  await db.query(
    `UPDATE forum_replies r SET vote_count = r.vote_count - 1 FROM forum_votes v WHERE v.reply_id = r.id AND v.user_id = $1`, [userId]);
  await db.query(`DELETE FROM forum_votes WHERE user_id = $1`, [userId]);
  await db.query(`DELETE FROM forum_flags WHERE user_id = $1`, [userId]);
}

/** The member's replies, newest first, so that a reply answered only by the member's own goes too. */
async function removeReplies(db: Db, userId: number): Promise<void> {
  const replies: { id: number; threadId: number; deletedAt: Date | null }[] = await db.query(
    `SELECT id, thread_id AS "threadId", deleted_at AS "deletedAt" FROM forum_replies WHERE author_id = $1 ORDER BY id DESC FOR UPDATE`, [userId]);
  for (const r of replies) {
    const [t] = await db.query(`SELECT accepted_reply_id AS "acceptedReplyId" FROM forum_threads WHERE id = $1 FOR UPDATE`, [r.threadId]);
    const [child] = await db.query(`SELECT 1 FROM forum_replies WHERE parent_id = $1 LIMIT 1`, [r.id]);
    if (child) {
      // Keeps its place for the answers to it, like a reply its author deleted.
      await db.query(
        `UPDATE forum_replies SET deleted_at = coalesce(deleted_at, now()), body_source = '', body_html = '', hidden_reason = NULL WHERE id = $1`,
        [r.id]);
      for (const table of ['forum_revisions', 'forum_mentions', 'forum_flags']) await db.query(`DELETE FROM ${table} WHERE reply_id = $1`, [r.id]);
    } else {
      await db.query(`DELETE FROM forum_replies WHERE id = $1`, [r.id]);
    }
    await db.query(
      `UPDATE forum_threads SET reply_count = reply_count - $3::int,
              accepted_reply_id = CASE WHEN accepted_reply_id = $2 THEN NULL ELSE accepted_reply_id END
        WHERE id = $1`,
      [r.threadId, r.id, r.deletedAt ? 0 : 1]);
    await queueSearchIndex(db, 'reply', r.id);
    // The thread's document carries its accepted answer.
    if (t?.acceptedReplyId === r.id) await queueSearchIndex(db, 'thread', r.threadId);
  }
  await forgetNotificationsAbout(db, 'forum_reply', replies.map((r) => r.id));
}

/** The member's threads: gone when nobody else replied, otherwise an empty shell that keeps the others' replies. */
async function removeThreads(db: Db, userId: number): Promise<void> {
  const threads: { id: number; othersReplied: boolean }[] = await db.query(
    `SELECT t.id, EXISTS (SELECT 1 FROM forum_replies r WHERE r.thread_id = t.id AND r.deleted_at IS NULL) AS "othersReplied"
       FROM forum_threads t WHERE t.author_id = $1 ORDER BY t.id FOR UPDATE OF t`, [userId]);
  const removedTitle = translate(DEFAULT_LANG, 'forum.removedTitle');
  const tagIds: number[] = (await db.query(
    `SELECT DISTINCT tt.tag_id AS id FROM forum_thread_tags tt JOIN forum_threads t ON t.id = tt.thread_id WHERE t.author_id = $1`, [userId]))
    .map((r: { id: number }) => r.id);
  for (const t of threads) {
    const replyIds: number[] = (await db.query(`SELECT id FROM forum_replies WHERE thread_id = $1`, [t.id])).map((r: { id: number }) => r.id);
    if (t.othersReplied) {
      const [{ slug }] = await db.query(`SELECT slug FROM forum_threads WHERE id = $1`, [t.id]);
      const url = { from: threadUrl({ id: t.id, slug }), to: threadUrl({ id: t.id, slug: slugify(removedTitle) }) };
      await db.query(
        `UPDATE forum_threads SET title = $2, slug = $3, body_source = '', body_html = '', hidden_reason = NULL, removed_at = now()
          WHERE id = $1`, [t.id, removedTitle, slugify(removedTitle)]);
      for (const table of ['forum_thread_tags', 'forum_revisions', 'forum_mentions', 'forum_flags']) {
        await db.query(`DELETE FROM ${table} WHERE thread_id = $1${table === 'forum_thread_tags' ? '' : ' AND reply_id IS NULL'}`, [t.id]);
      }
      // The replies' notifications and search documents showed the thread's title.
      await retitleNotificationsAbout(db, 'forum_thread', [t.id], removedTitle, url);
      await retitleNotificationsAbout(db, 'forum_reply', replyIds, removedTitle, url);
    } else {
      await db.query(`DELETE FROM forum_threads WHERE id = $1`, [t.id]);
      await db.query(`DELETE FROM forum_follows WHERE target_type = 'thread' AND target_id = $1`, [t.id]);
      await forgetNotificationsAbout(db, 'forum_thread', [t.id]);
      await forgetNotificationsAbout(db, 'forum_reply', replyIds);
    }
    await queueSearchIndex(db, 'thread', t.id);
    for (const id of replyIds) await queueSearchIndex(db, 'reply', id);
  }
  // A tag only the member's threads used goes (with the follows of it).
  const orphans: number[] = returned<{ id: number }>(await db.query(
    `DELETE FROM forum_tags g WHERE g.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM forum_thread_tags tt WHERE tt.tag_id = g.id) RETURNING g.id`,
    [tagIds])).map((r) => r.id);
  if (orphans.length) await db.query(`DELETE FROM forum_follows WHERE target_type = 'tag' AND target_id = ANY($1::int[])`, [orphans]);
}
