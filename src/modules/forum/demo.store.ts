// The SQL of the demo forum (forum.demo.ts). Every function takes the loading transaction's `db`.
import { one, rows, type Db } from '../../db/sql.js';
import { ForumRevision, ForumThread } from './forum.entity.js';
import type { NewThread } from './threads.store.js';

/** Inserts the category, or renames and re-describes the one with this slug; returns its id. */
export async function upsertDemoCategory(
  db: Db, c: { slug: string; name: string; description: string; public: boolean }, position: number,
): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_categories (slug, name, description, position, is_public) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description RETURNING id`,
    [c.slug, c.name, c.description, position, c.public]);
  return row!.id;
}

/** Active members with the time they registered (background votes come only from those registered by then). */
export async function activeMembers(db: Db): Promise<{ id: number; handle: string; joinedAt: Date }[]> {
  return rows(db, `SELECT id, handle, created_at AS "joinedAt" FROM users WHERE status = 'active' ORDER BY id`);
}

export async function threadTitled(db: Db, title: string): Promise<boolean> {
  return db.existsBy(ForumThread, { title });
}

/** A demo thread: a new thread's fields, plus its view count and age. */
export interface DemoThread extends NewThread {
  views: number;
  createdAt: Date;
}

/** Inserts the thread and its first saved version; returns its id. */
export async function insertDemoThread(db: Db, t: DemoThread): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, views, created_at, updated_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id`,
    [t.categoryId, t.kind, t.title, t.slug, t.authorId, t.bodySource, t.bodyHtml, t.views, t.createdAt]);
  const id = row!.id;
  await db.insert(ForumRevision, { threadId: id, editorId: t.authorId, title: t.title, bodySource: t.bodySource, createdAt: t.createdAt });
  return id;
}

/** Tags the thread (creating tags not known yet). */
export async function tagThread(db: Db, threadId: number, tags: string[]): Promise<void> {
  await rows(db, `INSERT INTO forum_tags (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [tags]);
  await rows(db, `INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name = ANY($2)`, [threadId, tags]);
}

/** The member watches the thread (kept when already followed). */
export async function watchThread(db: Db, userId: number, threadId: number): Promise<void> {
  await rows(db,
    `INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, 'thread', $2, 'watching') ON CONFLICT DO NOTHING`,
    [userId, threadId]);
}

export interface DemoReply {
  threadId: number;
  parentId: number | null;
  authorId: number;
  bodySource: string;
  bodyHtml: string;
  voteCount: number;
  createdAt: Date;
}

/** Inserts the reply and its first saved version; returns its id. */
export async function insertDemoReply(db: Db, r: DemoReply): Promise<number> {
  const row = await one<{ id: number }>(db,
    `INSERT INTO forum_replies (thread_id, parent_id, author_id, body_source, body_html, vote_count, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [r.threadId, r.parentId, r.authorId, r.bodySource, r.bodyHtml, r.voteCount, r.createdAt]);
  const id = row!.id;
  await db.insert(ForumRevision, { threadId: r.threadId, replyId: id, editorId: r.authorId, bodySource: r.bodySource, createdAt: r.createdAt });
  return id;
}

/** The members' "helpful" votes on the reply, each at its time. */
export async function insertVotes(db: Db, replyId: number, votes: { userId: number; at: Date }[]): Promise<void> {
  await rows(db, `INSERT INTO forum_votes (reply_id, user_id, created_at) SELECT $1, unnest($2::int[]), unnest($3::timestamptz[])`,
    [replyId, votes.map((v) => v.userId), votes.map((v) => v.at)]);
}

export async function insertMentions(db: Db, threadId: number, replyId: number, userIds: number[]): Promise<void> {
  await rows(db,
    `INSERT INTO forum_mentions (thread_id, reply_id, user_id) SELECT $1, $2, unnest($3::int[]) ON CONFLICT DO NOTHING`,
    [threadId, replyId, userIds]);
}

export async function acceptAnswer(db: Db, threadId: number, replyId: number): Promise<void> {
  await db.update(ForumThread, { id: threadId }, { acceptedReplyId: replyId });
}

/** The thread's reply count and last activity once its replies are in. */
export async function setThreadActivity(db: Db, threadId: number, replyCount: number, lastActivityAt: Date): Promise<void> {
  await db.update(ForumThread, { id: threadId }, { replyCount, lastActivityAt });
}
