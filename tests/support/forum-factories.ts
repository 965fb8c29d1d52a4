// Forum factories: categories, threads and replies written straight to the database (fast, no
// notifications); tests that exercise the service post through the app instead.
import type { DataSource } from 'typeorm';
import { renderMarkdown } from '../../src/shared/markdown.js';
import { createUser, uniq, type TestUser } from './factories.js';

export interface TestCategory { id: number; slug: string; name: string }
export interface TestThread { id: number; slug: string; title: string; url: string; categoryId: number; authorId: number }

export async function createCategory(ds: DataSource, o: Partial<{ isPublic: boolean; archived: boolean; name: string }> = {}): Promise<TestCategory> {
  const slug = uniq('cat-');
  const name = o.name ?? `Bereich ${slug}`;
  const [row] = await ds.query(
    `INSERT INTO forum_categories (slug, name, is_public, archived_at) VALUES ($1, $2, $3, CASE WHEN $4 THEN now() END) RETURNING id`,
    [slug, name, o.isPublic ?? false, o.archived ?? false]);
  return { id: row.id, slug, name };
}

export async function createThread(ds: DataSource, o: Partial<{ category: TestCategory; author: TestUser; title: string; body: string; kind: string; locked: boolean; tags: string[] }> = {}): Promise<TestThread & { author: TestUser; category: TestCategory }> {
  const category = o.category ?? (await createCategory(ds));
  const author = o.author ?? (await createUser(ds));
  const title = o.title ?? `Frage ${uniq('t')} zur Beteiligung`;
  const body = o.body ?? 'Wie macht ihr das?';
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const [row] = await ds.query(
    `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, locked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 THEN now() END) RETURNING id`,
    [category.id, o.kind ?? 'question', title, slug, author.id, body, renderMarkdown(body), o.locked ?? false]);
  await ds.query(`INSERT INTO forum_revisions (thread_id, editor_id, title, body_source) VALUES ($1, $2, $3, $4)`, [row.id, author.id, title, body]);
  for (const tag of o.tags ?? []) {
    await ds.query(`INSERT INTO forum_tags (name) VALUES ($1) ON CONFLICT DO NOTHING`, [tag]);
    await ds.query(`INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name = $2`, [row.id, tag]);
  }
  return { id: row.id, slug, title, url: `/forum/threads/${row.id}-${slug}`, categoryId: category.id, authorId: author.id, author, category };
}

export async function createReply(ds: DataSource, thread: { id: number }, o: Partial<{ author: TestUser; body: string; parentId: number }> = {}): Promise<{ id: number; author: TestUser }> {
  const author = o.author ?? (await createUser(ds));
  const body = o.body ?? `Antwort ${uniq()}`;
  const [row] = await ds.query(
    `INSERT INTO forum_replies (thread_id, parent_id, author_id, body_source, body_html) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [thread.id, o.parentId ?? null, author.id, body, renderMarkdown(body)]);
  await ds.query(`INSERT INTO forum_revisions (thread_id, reply_id, editor_id, body_source) VALUES ($1, $2, $3, $4)`, [thread.id, row.id, author.id, body]);
  await ds.query(`UPDATE forum_threads SET reply_count = reply_count + 1, last_activity_at = now() WHERE id = $1`, [thread.id]);
  return { id: row.id, author };
}

/** A snapshot of everything a forum write could change, to compare before and after a refusal. */
export async function forumState(ds: DataSource, threadId: number): Promise<unknown> {
  const [state] = await ds.query(
    `SELECT row_to_json(t) AS thread,
            (SELECT coalesce(json_agg(r ORDER BY r.id), '[]') FROM forum_replies r WHERE r.thread_id = t.id) AS replies,
            (SELECT count(*)::int FROM forum_votes v JOIN forum_replies r ON r.id = v.reply_id WHERE r.thread_id = t.id) AS votes,
            (SELECT count(*)::int FROM forum_revisions WHERE thread_id = t.id) AS revisions,
            (SELECT count(*)::int FROM forum_flags WHERE thread_id = t.id) AS flags,
            (SELECT count(*)::int FROM forum_follows WHERE target_type = 'thread' AND target_id = t.id) AS follows,
            (SELECT count(*)::int FROM audit_log WHERE (subject_type = 'forum_thread' AND subject_id = t.id::text)
               OR (subject_type = 'forum_reply' AND subject_id IN (SELECT id::text FROM forum_replies WHERE thread_id = t.id))) AS audit,
            (SELECT count(*)::int FROM notifications WHERE url LIKE '/forum/threads/' || t.id || '-%') AS notifications
       FROM forum_threads t WHERE t.id = $1`,
    [threadId]);
  return state;
}
