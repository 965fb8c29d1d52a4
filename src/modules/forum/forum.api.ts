// Forum threads in the JSON API (/api/v1/forum/threads): visitors and read:public tokens see the
// public categories' threads; a read:network token's member also the members' categories they may
// see signed in (never a restricted one they are not listed for). Authors are not named: the API
// hands out content, not who wrote it.
import { z } from 'zod';
import type { ApiReader, ApiResource, AppContext } from '../module.js';
import { apiReplies, apiThread, apiThreads, type ApiThreadRow } from './api.queries.js';
import { threadUrl, viewerOf } from './forum.queries.js';

const item = z
  .object({
    id: z.number().int().describe('Unique, stable key: /api/v1/forum/threads/{id}.'),
    title: z.string().describe('Title, in the thread\'s language.'),
    kind: z.enum(['question', 'discussion']).describe('A question (may get an accepted answer) or a discussion.'),
    language: z.enum(['de', 'en']).describe('Language of the thread.'),
    category: z
      .object({
        slug: z.string().describe('The category\'s slug (as in the "category" filter).'),
        name: z.string().describe('Its name.'),
        public: z.boolean().describe('true: visible to everyone; false: to members of the network only (read:network token).'),
      })
      .describe('The category the thread is in.'),
    tags: z.array(z.string()).describe('Tags (as in the "tag" filter).'),
    replyCount: z.number().int().describe('Replies shown.'),
    answered: z.boolean().describe('A question with an accepted answer.'),
    locked: z.boolean().describe('Closed for new replies.'),
    createdAt: z.iso.datetime().describe('When it was started (RFC 3339).'),
    lastActivityAt: z.iso.datetime().describe('When it last got a reply or an edit (RFC 3339).'),
    url: z.url().describe('The thread\'s page on Praxis.'),
  })
  .describe('A forum thread as listed.');

const reply = z
  .object({
    id: z.number().int().describe('The reply\'s id.'),
    parentId: z.number().int().nullable().describe('The reply it answers, or null for a reply to the thread.'),
    html: z.string().describe('The reply as sanitised HTML.'),
    language: z.enum(['de', 'en']).describe('Its language.'),
    votes: z.number().int().describe('Members who found it helpful.'),
    accepted: z.boolean().describe('The accepted answer of the question.'),
    createdAt: z.iso.datetime().describe('When it was written (RFC 3339).'),
  })
  .describe('A reply in a thread.');

const detail = item
  .extend({
    html: z.string().describe('The opening post as sanitised HTML.'),
    replies: z.array(reply).describe('The replies, oldest first (at most 500).'),
  })
  .describe('A forum thread with its opening post and replies.');

const viewer = (reader: ApiReader) => viewerOf(reader.member ?? undefined);

export function forumApi(ctx: AppContext): ApiResource {
  const present = (t: ApiThreadRow) => ({
    id: t.id,
    title: t.title,
    kind: t.kind,
    language: t.language,
    category: { slug: t.categorySlug, name: t.categoryName, public: t.categoryPublic },
    tags: t.tags,
    replyCount: t.replyCount,
    answered: t.answered,
    locked: t.locked,
    createdAt: t.createdAt.toISOString(),
    lastActivityAt: t.lastActivityAt.toISOString(),
    url: `${ctx.config.baseUrl}${threadUrl(t)}`,
  });
  return {
    tag: 'Forum',
    path: '/forum/threads',
    detailPath: '/forum/threads/{id}',
    pathParams: { id: 'The thread\'s id.' },
    summary: { list: 'Forum threads the reader may see.', detail: 'One thread with its replies.', order: 'Newest first (by when they were started).' },
    names: { item: 'ForumThreadSummary', detail: 'ForumThread' },
    item,
    detailSchema: detail,
    filters: [
      { name: 'category', description: 'Category, by slug.', schema: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(100), multiple: true },
      { name: 'tag', description: 'Tag.', schema: z.string().min(1).max(100), multiple: true },
      { name: 'kind', description: 'Questions or discussions.', schema: z.enum(['question', 'discussion']), multiple: true },
      { name: 'answered', description: 'Questions with (true) or without (false) an accepted answer.', schema: z.enum(['true', 'false']) },
    ],
    cursor: z.tuple([z.number().int().positive()]),
    async list(ds, { filters: f, reader, limit, after }) {
      const rows = await apiThreads(ds, viewer(reader), {
        category: f.category as string[] | undefined,
        tag: f.tag as string[] | undefined,
        kind: f.kind as string[] | undefined,
        answered: f.answered === undefined ? undefined : f.answered === 'true',
      }, limit, (after?.[0] as number | undefined) ?? null);
      return rows.map((t) => ({ entry: { data: present(t), networkOnly: !t.categoryPublic }, key: [t.id] }));
    },
    async detail(ds, { params, reader }) {
      if (!/^[1-9]\d{0,8}$/.test(params.id!)) return null;
      const t = await apiThread(ds, viewer(reader), Number(params.id));
      if (!t) return null;
      const replies = await apiReplies(ds, t.id);
      return {
        data: {
          ...present(t),
          html: t.bodyHtml,
          replies: replies.map((r) => ({
            id: r.id, parentId: r.parentId, html: r.bodyHtml, language: r.language, votes: r.voteCount,
            accepted: r.id === t.acceptedReplyId, createdAt: r.createdAt.toISOString(),
          })),
        },
        networkOnly: !t.categoryPublic,
      };
    },
  };
}
