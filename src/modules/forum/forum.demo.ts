// Demo forum from content/demo/forum/: categories.yml and one Markdown file per thread (front
// matter: category, kind, author, tags, created; replies follow "---reply …---" separators).
// Idempotent: a category is upserted by slug; a thread is skipped when its title already exists.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { contentDir } from '../../paths.js';
import { fillRelativeDates } from '../../shared/relative-dates.js';
import { slugify } from '../../shared/slug.js';
import { queueSearchIndex } from '../../shared/search-index.js';
import { extractMentions, renderPost } from './forum.markdown.js';
import { normaliseTags } from './forum.schemas.js';

const dir = () => path.join(contentDir, 'demo', 'forum');

const categoryFile = z.array(z.object({
  slug: z.string(), name: z.string(), description: z.string().default(''), public: z.boolean().default(false),
}));

const threadHead = z.object({
  title: z.string().min(10).max(150),
  category: z.string(),
  kind: z.enum(['question', 'discussion']),
  author: z.string(),
  tags: z.array(z.string()).max(5).default([]),
  daysAgo: z.number().int().min(0).default(7),
  views: z.number().int().min(0).default(0),
});
const replyHead = z.object({
  author: z.string(),
  accepted: z.boolean().default(false),
  votes: z.array(z.string()).default([]),
  /** 1-based number of the reply this one answers. */
  parent: z.number().int().positive().optional(),
  hoursLater: z.number().min(0).default(2),
});

interface ParsedThread {
  head: z.infer<typeof threadHead>;
  body: string;
  replies: { head: z.infer<typeof replyHead>; body: string }[];
}

/**
 * `---\nyaml\n---\nbody` then any number of `---reply\nyaml\n---\nbody` sections. Dates in the text are
 * relative to `now` (`{in 21 days}`), so an announcement is always ahead of the reader.
 */
export function parseThreadFile(text: string, now: Date = new Date()): ParsedThread {
  const parts = fillRelativeDates(text, now).replace(/\r\n/g, '\n').split(/^---(reply)?\n([\s\S]*?)^---\n/m);
  // split gives: ['', undefined, yaml, body, 'reply', yaml, body, …]
  const head = threadHead.parse(parse(parts[2]!));
  const replies: ParsedThread['replies'] = [];
  for (let i = 4; i + 2 < parts.length; i += 3) {
    if (parts[i] !== 'reply') break;
    replies.push({ head: replyHead.parse(parse(parts[i + 1]!) ?? {}), body: (parts[i + 2] ?? '').trim() });
  }
  return { head, body: (parts[3] ?? '').trim(), replies };
}

export async function loadDemoForum(ctx: AppContext): Promise<void> {
  const categories = categoryFile.parse(parse(readFileSync(path.join(dir(), 'categories.yml'), 'utf8')));
  const files = readdirSync(dir()).filter((f) => f.endsWith('.md')).sort();
  await inTransaction(ctx.ds, async (db) => {
    const catIds = new Map<string, number>();
    for (const [i, c] of categories.entries()) {
      const [row] = await db.query(
        `INSERT INTO forum_categories (slug, name, description, position, is_public) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description RETURNING id`,
        [c.slug, c.name, c.description, (i + 1) * 10, c.public]);
      catIds.set(c.slug, row.id);
    }
    const users: { id: number; handle: string }[] = await db.query(`SELECT id, handle FROM users WHERE status = 'active'`);
    const userId = new Map(users.map((u) => [u.handle, u.id]));
    const known = new Set(userId.keys());
    const uid = (h: string, file: string) => {
      const id = userId.get(h);
      if (!id) throw new Error(`${file}: unknown member @${h}`);
      return id;
    };
    for (const file of files) {
      const { head, body, replies } = parseThreadFile(readFileSync(path.join(dir(), file), 'utf8'));
      const [exists] = await db.query(`SELECT 1 FROM forum_threads WHERE title = $1`, [head.title]);
      if (exists) continue;
      const categoryId = catIds.get(head.category);
      if (!categoryId) throw new Error(`${file}: unknown category ${head.category}`);
      const created = new Date(Date.now() - head.daysAgo * 86_400_000);
      const authorId = uid(head.author, file);
      const [t] = await db.query(
        `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, views, created_at, updated_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) RETURNING id`,
        [categoryId, head.kind, head.title, slugify(head.title), authorId, body, renderPost(body, known), head.views, created]);
      await db.query(`INSERT INTO forum_revisions (thread_id, editor_id, title, body_source, created_at) VALUES ($1, $2, $3, $4, $5)`, [t.id, authorId, head.title, body, created]);
      const tags = normaliseTags(head.tags.join(','));
      if (tags.length) {
        await db.query(`INSERT INTO forum_tags (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [tags]);
        await db.query(`INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name = ANY($2)`, [t.id, tags]);
      }
      await db.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, 'thread', $2, 'watching') ON CONFLICT DO NOTHING`, [authorId, t.id]);
      const replyIds: number[] = [];
      let last = created;
      for (const r of replies) {
        const at = new Date(created.getTime() + r.head.hoursLater * 3_600_000);
        if (at > last) last = at;
        const rAuthor = uid(r.head.author, file);
        const voters = [...new Set(r.head.votes)].filter((h) => h !== r.head.author).map((h) => uid(h, file));
        const [row] = await db.query(
          `INSERT INTO forum_replies (thread_id, parent_id, author_id, body_source, body_html, vote_count, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
          [t.id, r.head.parent ? replyIds[r.head.parent - 1] ?? null : null, rAuthor, r.body, renderPost(r.body, known), voters.length, at]);
        replyIds.push(row.id);
        await db.query(`INSERT INTO forum_revisions (thread_id, reply_id, editor_id, body_source, created_at) VALUES ($1, $2, $3, $4, $5)`, [t.id, row.id, rAuthor, r.body, at]);
        if (voters.length) await db.query(`INSERT INTO forum_votes (reply_id, user_id) SELECT $1, unnest($2::int[])`, [row.id, voters]);
        const mentioned = extractMentions(r.body).filter((h) => userId.has(h)).map((h) => userId.get(h)!);
        if (mentioned.length) {
          await db.query(`INSERT INTO forum_mentions (thread_id, reply_id, user_id) SELECT $1, $2, unnest($3::int[]) ON CONFLICT DO NOTHING`, [t.id, row.id, mentioned]);
        }
        if (r.head.accepted) await db.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [t.id, row.id]);
        await queueSearchIndex(db, 'reply', row.id);
      }
      await db.query(`UPDATE forum_threads SET reply_count = $2, last_activity_at = $3 WHERE id = $1`, [t.id, replies.length, last]);
      await queueSearchIndex(db, 'thread', t.id);
    }
  });
}
