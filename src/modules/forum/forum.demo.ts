// Demo forum from content/demo/forum/: categories.yml and one Markdown file per thread (front
// matter: category, kind, author, tags, created; replies follow "---reply …---" separators).
// Idempotent: a category is upserted by slug; a thread is skipped when its title already exists.
// A thread is dated `daysAgo` before the load, its replies `hoursLater`; the votes of the file, and
// up to two more "helpful" votes per reply from members registered by then (the background activity
// the dashboard counts), follow the reply within weeks, at times drawn from a seed per file.
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
import { seededRandom } from '../../shared/seeded-random.js';
import { extractMentions, renderPost } from './forum.markdown.js';
import { normaliseTags } from './forum.schemas.js';
import * as store from './demo.store.js';

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

const HOUR_MS = 3_600_000;

export async function loadDemoForum(ctx: AppContext, now = new Date()): Promise<void> {
  const categories = categoryFile.parse(parse(readFileSync(path.join(dir(), 'categories.yml'), 'utf8')));
  const files = readdirSync(dir()).filter((f) => f.endsWith('.md')).sort();
  await inTransaction(ctx.ds, async (db) => {
    const catIds = new Map<string, number>();
    for (const [i, c] of categories.entries()) catIds.set(c.slug, await store.upsertDemoCategory(db, c, (i + 1) * 10));
    const users = await store.activeMembers(db);
    const userId = new Map(users.map((u) => [u.handle, u.id]));
    const known = new Set(userId.keys());
    const uid = (h: string, file: string) => {
      const id = userId.get(h);
      if (!id) throw new Error(`${file}: unknown member @${h}`);
      return id;
    };
    for (const file of files) {
      const { head, body, replies } = parseThreadFile(readFileSync(path.join(dir(), file), 'utf8'), now);
      if (await store.threadTitled(db, head.title)) continue;
      const rng = seededRandom(`forum:${file}`);
      const categoryId = catIds.get(head.category);
      if (!categoryId) throw new Error(`${file}: unknown category ${head.category}`);
      const created = new Date(now.getTime() - head.daysAgo * 86_400_000);
      const authorId = uid(head.author, file);
      const threadId = await store.insertDemoThread(db, {
        categoryId, kind: head.kind, title: head.title, slug: slugify(head.title), authorId,
        bodySource: body, bodyHtml: renderPost(body, known), views: head.views, createdAt: created,
      });
      const tags = normaliseTags(head.tags.join(','));
      if (tags.length) await store.tagThread(db, threadId, tags);
      await store.watchThread(db, authorId, threadId);
      const replyIds: number[] = [];
      let last = created;
      for (const r of replies) {
        const at = new Date(created.getTime() + r.head.hoursLater * 3_600_000);
        if (at > last) last = at;
        const rAuthor = uid(r.head.author, file);
        // A vote comes 1 hour to 3 weeks after the reply (never in the future); the extra voters had registered by then.
        const voteAt = () => new Date(Math.min(now.getTime() - 60_000, at.getTime() + rng.int(1, 21 * 24) * HOUR_MS));
        const votes = [...new Set(r.head.votes)].filter((h) => h !== r.head.author).map((h) => ({ userId: uid(h, file), at: voteAt() }));
        for (let n = rng.int(0, 2); n > 0; n--) {
          const vote = { userId: 0, at: voteAt() };
          const eligible = users.filter((u) => u.id !== rAuthor && u.joinedAt < vote.at && !votes.some((v) => v.userId === u.id));
          if (!eligible.length) break;
          votes.push({ ...vote, userId: rng.pick(eligible).id });
        }
        const replyId = await store.insertDemoReply(db, {
          threadId, parentId: r.head.parent ? replyIds[r.head.parent - 1] ?? null : null, authorId: rAuthor,
          bodySource: r.body, bodyHtml: renderPost(r.body, known), voteCount: votes.length, createdAt: at,
        });
        replyIds.push(replyId);
        if (votes.length) await store.insertVotes(db, replyId, votes);
        const mentioned = extractMentions(r.body).filter((h) => userId.has(h)).map((h) => userId.get(h)!);
        if (mentioned.length) await store.insertMentions(db, threadId, replyId, mentioned);
        if (r.head.accepted) await store.acceptAnswer(db, threadId, replyId);
        await queueSearchIndex(db, 'reply', replyId);
      }
      await store.setThreadActivity(db, threadId, replies.length, last);
      await queueSearchIndex(db, 'thread', threadId);
    }
  });
}
