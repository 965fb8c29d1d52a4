// Forum and Q&A: categories, threads (questions and discussions), replies, votes, accepted answers,
// tags, follows, mentions, flags and moderation; feeds the search index with threads and replies.
import { forumApi } from './forum.api.js';
import { idsOf } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { forumActivityHistory } from './forum.activity.js';
import { loadDemoForum } from './forum.demo.js';
import { forumEntities } from './forum.entity.js';
import { relatedThreads } from './related.queries.js';
import { deleteForumData, exportForumData, forumUserColumns } from './forum.privacy.js';
import { forumRouter } from './forum.routes.js';
import { forumStartBlocks } from './forum.start.js';
import { replySource, threadSource } from './forum.search.js';
import { answeredQuestions } from './onboarding.queries.js';
import { forumCategoryFeed, forumLatestFeed, forumTagFeed } from './forum.feeds.js';

export { findSimilarThreads, isCategoryMember, visibleThreadsByIds, type SimilarThread } from './forum.queries.js';
// Restricted (members-only) categories, e.g. a working group's: created and their member lists kept
// by the module that owns the group, inside its transaction.
export { createRestrictedCategory, setCategoryMember } from './categories.service.js';
export type { RestrictedCategoryInput } from './forum.schemas.js';
export { forumPolicy } from './forum.policy.js';
// The welcome page (/welcome) lists open categories and common tags and follows the member's choice.
export { followableCategories, followableTags, type FollowChoice } from './onboarding.queries.js';
export { followForOnboarding } from './onboarding.service.js';

export const forumModule: PraxisModule = {
  name: 'forum',
  entities: forumEntities,
  router: forumRouter,
  // Guides list threads sharing their tags under "Passend dazu".
  relatedToGuide: [relatedThreads],
  adminLinks: [
    { href: '/forum/flags', label: 'forum.adminLinks.flags' },
    { href: '/forum/admin/categories', label: 'forum.adminLinks.categories' },
  ],
  loadDemo: loadDemoForum,
  searchSources: { thread: threadSource, reply: replySource },
  searchIds: { thread: idsOf('forum_threads'), reply: idsOf('forum_replies') },
  userColumns: forumUserColumns,
  exportUserData: exportForumData,
  deleteUserData: deleteForumData,
  // Accepted answers, answered questions and helpful votes that hold today (the recognition backfill).
  activityHistory: forumActivityHistory,
  // The visitors' home page: questions with an accepted answer (a count only: members-only categories count too, closed ones do not).
  networkFigures: async (ds) => [{ order: 40, label: 'pages.visitor.figures.answered', value: await answeredQuestions(ds) }],
  // "Mein Praxis": replies to my threads, followed threads with unread replies, open questions in my topics, open flags (facilitators).
  startPageBlocks: forumStartBlocks,
  // The newest threads, of all categories, of one and of one tag, as RSS and Atom (src/modules/feeds).
  feeds: [forumLatestFeed, forumCategoryFeed, forumTagFeed],
  // Threads in the JSON API /api/v1/forum/threads (src/modules/api).
  api: (ctx) => [forumApi(ctx)],
};
