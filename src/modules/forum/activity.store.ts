// What the forum's activity facts are read from (forum.activity.ts builds the events): accepted
// answers and helpful votes that hold today. One statement each, for one thread or reply or (null)
// for the whole forum (the recognition backfill).
import { rows, type Queryable } from '../../db/sql.js';

const TAGS = `ARRAY(SELECT g.name FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id ORDER BY g.name)`;

export interface AcceptanceRow {
  threadId: number;
  title: string;
  slug: string;
  threadAuthorId: number | null;
  replyId: number;
  replyAuthorId: number;
  tags: string[];
  /** When the acceptance began as far as the data tells: the forum keeps no date of it, so the reply's. */
  at: Date;
}

/** Accepted answers that count: reply and thread visible (neither hidden, deleted nor merged away), the reply's author a member. */
export async function holdingAcceptances(db: Queryable, threadId: number | null): Promise<AcceptanceRow[]> {
  return rows(db,
    `SELECT t.id AS "threadId", t.title, t.slug, t.author_id AS "threadAuthorId", r.id AS "replyId", r.author_id AS "replyAuthorId",
            r.created_at AS at, ${TAGS} AS tags
       FROM forum_threads t JOIN forum_replies r ON r.id = t.accepted_reply_id
      WHERE ($1::int IS NULL OR t.id = $1) AND t.hidden_at IS NULL AND t.merged_into_id IS NULL
        AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND r.author_id IS NOT NULL`,
    [threadId]);
}

export interface VoteRow {
  replyId: number;
  voterId: number;
  replyAuthorId: number;
  threadId: number;
  title: string;
  slug: string;
  tags: string[];
  at: Date;
}

/** Helpful votes that count: on a reply neither hidden nor deleted whose author is a member. */
export async function holdingVotes(db: Queryable, replyId: number | null): Promise<VoteRow[]> {
  return rows(db,
    `SELECT v.reply_id AS "replyId", v.user_id AS "voterId", r.author_id AS "replyAuthorId", t.id AS "threadId", t.title, t.slug,
            v.created_at AS at, ${TAGS} AS tags
       FROM forum_votes v JOIN forum_replies r ON r.id = v.reply_id JOIN forum_threads t ON t.id = r.thread_id
      WHERE ($1::int IS NULL OR v.reply_id = $1) AND r.deleted_at IS NULL AND r.hidden_at IS NULL AND r.author_id IS NOT NULL`,
    [replyId]);
}

export interface ReplySubject {
  replyId: number;
  replyAuthorId: number | null;
  threadId: number;
  title: string;
  slug: string;
  tags: string[];
}

/** The reply with its thread, for an event about one vote (null when the reply is gone). */
export async function replySubject(db: Queryable, replyId: number): Promise<ReplySubject | null> {
  return (await rows<ReplySubject>(db,
    `SELECT r.id AS "replyId", r.author_id AS "replyAuthorId", t.id AS "threadId", t.title, t.slug, ${TAGS} AS tags
       FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id WHERE r.id = $1`,
    [replyId]))[0] ?? null;
}
