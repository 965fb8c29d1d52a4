// The forum's blocks on the member start page: one bounded statement each, whatever the number
// of threads and replies; visibility as everywhere in the forum (categoryVisibleSql, hidden and
// deleted posts left out).
import type { Queryable } from '../../db/sql.js';
import { preparedQuery } from '../../db/prepared.js';
import { categoryVisibleSql } from './forum.queries.js';

/**
 * How many items a start-page block lists: written into the statements' text, not passed as a
 * parameter — with `LIMIT $n` PostgreSQL's generic plan assumes a tenth of the rows are read, so it
 * planned these statements anew on every execution (tests/db/generic-plans.test.ts).
 */
export const START_LIMIT = 5;
/** Unread replies are counted up to this many per thread ("at least 100"), so a busy thread costs no more. */
export const UNREAD_CAP = 100;

/** $1 = signed in (true), $2 = member id, $3 = facilitator. */
const VISIBLE_THREAD = `${categoryVisibleSql('$1', '$2', '$3')} AND t.merged_into_id IS NULL AND (t.hidden_at IS NULL OR t.author_id = $2::int OR $3::boolean)`;
/** A reply the member may see that someone else wrote. */
const OTHERS_REPLY = `r.deleted_at IS NULL AND r.hidden_at IS NULL AND r.author_id IS DISTINCT FROM $2::int`;

export interface StartThreadRow {
  id: number;
  slug: string;
  title: string;
  language: string;
  count: number;
  at: Date;
  total: number;
}

/** Threads the member started with replies from others since `since`, newest reply first. */
export async function repliesOnMyThreads(db: Queryable, memberId: number, facilitator: boolean, since: Date): Promise<StartThreadRow[]> {
  return preparedQuery<StartThreadRow>(db, 'start-forum-my-threads',
    `SELECT t.id, t.slug, t.title, t.language, count(*)::int AS count, max(r.created_at) AS at, count(*) OVER ()::int AS total
       FROM forum_threads t
       JOIN forum_categories c ON c.id = t.category_id
       JOIN forum_replies r ON r.thread_id = t.id AND r.created_at > $4 AND ${OTHERS_REPLY}
      WHERE t.author_id = $2 AND t.last_activity_at > $4 AND ${VISIBLE_THREAD}
      GROUP BY t.id ORDER BY max(r.created_at) DESC, t.id DESC LIMIT ${START_LIMIT}`,
    [true, memberId, facilitator, since]);
}

/**
 * Threads the member watches with replies since they last opened the thread (or, never opened,
 * since they began watching it); `count` is the number of unread replies, at most UNREAD_CAP.
 */
export async function unreadFollowedThreads(db: Queryable, memberId: number, facilitator: boolean): Promise<StartThreadRow[]> {
  return preparedQuery<StartThreadRow>(db, 'start-forum-followed',
    `SELECT t.id, t.slug, t.title, t.language, u.count, t.last_activity_at AS at, count(*) OVER ()::int AS total
       FROM forum_follows f
       JOIN forum_threads t ON t.id = f.target_id
       JOIN forum_categories c ON c.id = t.category_id
       LEFT JOIN forum_thread_reads rd ON rd.user_id = f.user_id AND rd.thread_id = t.id
       CROSS JOIN LATERAL (SELECT count(*)::int AS count FROM (
                             SELECT 1 FROM forum_replies r
                              WHERE r.thread_id = t.id AND r.created_at > coalesce(rd.last_read_at, f.created_at) AND ${OTHERS_REPLY}
                              LIMIT ${UNREAD_CAP}) capped) u
      WHERE f.user_id = $2 AND f.target_type = 'thread' AND f.level = 'watching'
        AND t.last_activity_at > coalesce(rd.last_read_at, f.created_at) AND u.count > 0 AND ${VISIBLE_THREAD}
      ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ${START_LIMIT}`,
    [true, memberId, facilitator]);
}

/** An open question (the forum's "unanswered": no accepted answer) someone else asked, visible and not locked. */
const OPEN_QUESTION = `t.kind = 'question' AND t.accepted_reply_id IS NULL AND t.merged_into_id IS NULL
  AND t.hidden_at IS NULL AND t.locked_at IS NULL AND t.author_id IS DISTINCT FROM $2::int`;

/**
 * Open questions in the categories and tags the member watches, not their own, newest first;
 * `count` is the number of replies so far. Bounded per followed target: the newest few of each
 * category (forum_threads_unanswered_category_idx) and of each tag (newest thread ids first), so
 * the cost does not grow with the number of threads in them. `total` is 0: the block links to
 * the full list instead of counting it.
 */
export async function unansweredInMyTopics(db: Queryable, memberId: number, facilitator: boolean): Promise<StartThreadRow[]> {
  return preparedQuery<StartThreadRow>(db, 'start-forum-unanswered',
    `WITH mine AS (SELECT target_type, target_id FROM forum_follows
                    WHERE user_id = $2 AND target_type IN ('category', 'tag') AND level = 'watching'),
          found AS (
            SELECT x.id FROM mine m CROSS JOIN LATERAL (
              SELECT t.id FROM forum_threads t WHERE t.category_id = m.target_id AND ${OPEN_QUESTION}
               ORDER BY t.created_at DESC LIMIT ${START_LIMIT}) x
             WHERE m.target_type = 'category'
            UNION
            SELECT x.id FROM mine m CROSS JOIN LATERAL (
              SELECT t.id FROM forum_thread_tags tt JOIN forum_threads t ON t.id = tt.thread_id
               WHERE tt.tag_id = m.target_id AND ${OPEN_QUESTION}
               ORDER BY tt.thread_id DESC LIMIT ${START_LIMIT}) x
             WHERE m.target_type = 'tag')
     SELECT t.id, t.slug, t.title, t.language, t.reply_count AS count, t.created_at AS at, 0 AS total
       FROM found JOIN forum_threads t ON t.id = found.id
       JOIN forum_categories c ON c.id = t.category_id
      WHERE c.archived_at IS NULL AND ${VISIBLE_THREAD}
      ORDER BY t.created_at DESC, t.id DESC LIMIT ${START_LIMIT}`,
    [true, memberId, facilitator]);
}

/** Open flags, oldest first (facilitators only: the caller checks), one row per flagged thread. */
export async function openFlags(db: Queryable): Promise<StartThreadRow[]> {
  return preparedQuery<StartThreadRow>(db, 'start-forum-flags',
    `SELECT t.id, t.slug, t.title, t.language, count(*)::int AS count, min(f.created_at) AS at, count(*) OVER ()::int AS total
       FROM forum_flags f JOIN forum_threads t ON t.id = f.thread_id
      WHERE f.status = 'open'
      GROUP BY t.id ORDER BY min(f.created_at), t.id LIMIT ${START_LIMIT}`,
    []);
}
