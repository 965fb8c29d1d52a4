// Thread writes: the opening post and its tags. Every function takes the transaction's `db`.
import { affected, one, rows, type Db } from '../../db/sql.js';
import { ForumThreadTag } from './forum.entity.js';

export interface NewThread {
  categoryId: number;
  kind: string;
  title: string;
  slug: string;
  authorId: number;
  bodySource: string;
  bodyHtml: string;
}

/** Inserts the thread in its author's language; returns its id and that language. */
export async function insertThread(db: Db, t: NewThread): Promise<{ id: number; language: string }> {
  const row = await one<{ id: number; language: string }>(db,
    `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT language FROM users WHERE id = $5)) RETURNING id, language`,
    [t.categoryId, t.kind, t.title, t.slug, t.authorId, t.bodySource, t.bodyHtml],
  );
  return row!;
}

/** New title and text; an edit after the first ten minutes is shown as edited. */
export async function updateThreadText(db: Db, id: number, title: string, slug: string, bodySource: string, bodyHtml: string): Promise<void> {
  await affected(db,
    `UPDATE forum_threads SET title = $2, slug = $3, body_source = $4, body_html = $5, updated_at = now(),
            edited_at = CASE WHEN now() - created_at > interval '10 minutes' THEN now() ELSE edited_at END
      WHERE id = $1`,
    [id, title, slug, bodySource, bodyHtml],
  );
}

/** Replaces the thread's tags (tags not known yet are created). */
export async function setThreadTags(db: Db, threadId: number, tags: string[]): Promise<void> {
  await db.delete(ForumThreadTag, { threadId });
  if (!tags.length) return;
  await rows(db, `INSERT INTO forum_tags (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [tags]);
  await rows(db,
    `INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name = ANY($2) ON CONFLICT DO NOTHING`,
    [threadId, tags],
  );
}
