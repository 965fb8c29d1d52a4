// Forum and Q&A: categories, threads (questions and discussions), replies, votes, accepted answers,
// tags, follows, mentions, flags and moderation; feeds the search index with threads and replies.
import { idsOf } from '../../shared/search-index.js';
import { registerRelatedFinder } from '../guides/index.js';
import type { PraxisModule } from '../module.js';
import { loadDemoForum } from './forum.demo.js';
import { forumEntities } from './forum.entity.js';
import { relatedThreads } from './forum.related.js';
import { forumRouter } from './forum.routes.js';
import { replySource, threadSource } from './forum.search.js';

export { findSimilarThreads, type SimilarThread } from './forum.queries.js';
export { forumPolicy } from './forum.policy.js';

// Guides list threads sharing their tags under "Passend dazu".
registerRelatedFinder(relatedThreads);

export const forumModule: PraxisModule = {
  name: 'forum',
  entities: forumEntities,
  router: forumRouter,
  adminLinks: [
    { href: '/forum/flags', label: 'forum.adminLinks.flags' },
    { href: '/forum/admin/categories', label: 'forum.adminLinks.categories' },
  ],
  loadDemo: loadDemoForum,
  searchSources: { thread: threadSource, reply: replySource },
  searchIds: { thread: idsOf('forum_threads'), reply: idsOf('forum_replies') },
  exportUserData: async (ds, userId) => ({
    threads: await ds.query(`SELECT id, title, body_source AS body, created_at AS "createdAt" FROM forum_threads WHERE author_id = $1 ORDER BY id`, [userId]),
    replies: await ds.query(`SELECT id, thread_id AS "threadId", body_source AS body, created_at AS "createdAt" FROM forum_replies WHERE author_id = $1 ORDER BY id`, [userId]),
    votes: await ds.query(`SELECT reply_id AS "replyId", created_at AS "createdAt" FROM forum_votes WHERE user_id = $1`, [userId]),
    follows: await ds.query(`SELECT target_type AS "targetType", target_id AS "targetId", level FROM forum_follows WHERE user_id = $1`, [userId]),
  }),
};
