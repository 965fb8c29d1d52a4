// Guides: curated training guides (chapters in Markdown) from content/guides and the app, with
// revisions, four-eyes publishing, content health (review dates) and members' reading progress.
import { guideApi } from './guides.api.js';
import { idsOf } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { Guide, GuideChapter, GuideRead, GuideRevision } from './guide.entity.js';
import { guidesActivityHistory } from './guides.activity.js';
import { syncGuides } from './guides.content.js';
import { loadDemoGuideDates } from './guides.demo.js';
import { guidesDataOfMember, memberProgress } from './guides.queries.js';
import { guidesRouter } from './guides.routes.js';
import { guideChapterDocuments } from './guides.search.js';
import { remindDueGuides } from './guides.service.js';
import { eraseGuidesDataOfMember, REVIEW_DUE_TOPIC } from './guides.store.js';
import { recentGuidesBlock } from './home.blocks.js';
import { guideCareBlock } from './guides.start.js';
import { guideFeed } from './guides.feeds.js';

export { promoteInTransaction, promoteToGuide, remindDueGuides, type PromoteInput } from './guides.service.js';
export { chapterLinks, chaptersCiting, chapterTitles, guideTitles, memberProgress, promotionTargets, type ChapterLink, type ChapterTitle } from './guides.queries.js';
export { RELATED_LIMIT } from './guides.related.js';
export { syncGuides } from './guides.content.js';

export const guidesModule: PraxisModule = {
  name: 'guides',
  entities: [Guide, GuideChapter, GuideRevision, GuideRead],
  router: guidesRouter,
  adminLinks: [{ href: '/guides/review', label: 'guides.adminLinks.review' }, { href: '/guides/translations', label: 'translations.overview.title' }],
  outboxHandlers: (ctx) => ({ [REVIEW_DUE_TOPIC]: { batchSize: 50, handle: async () => void (await remindDueGuides(ctx)) } }),
  contentSync: async (ctx, opts) => {
    const report = await syncGuides(ctx, opts);
    await remindDueGuides(ctx);
    return report;
  },
  // The demo guides were published over the year (after the content sync has imported them).
  loadDemoActivity: loadDemoGuideDates,
  searchSources: { guide_chapter: guideChapterDocuments },
  searchIds: { guide_chapter: idsOf('guide_chapters') },
  // Reading progress is personal: shown on the member's own profile only.
  memberProfileSection: async (ds, userId, viewer) => {
    if (viewer?.id !== userId) return null;
    const guides = await memberProgress(ds, userId);
    return guides.length ? { partial: 'guides/member-progress', data: { guides } } : null;
  },
  userColumns: {
    'guides.owner_id': 'owned',
    'guide_revisions.author_id': 'revisions',
    'guide_revisions.reviewer_id': 'reviews',
    'guide_reads.user_id': 'chaptersRead',
  },
  exportUserData: (ds, userId) => guidesDataOfMember(ds, userId),
  // Published chapters with a member as author (the recognition backfill).
  activityHistory: guidesActivityHistory,
  // The visitors' home page: the newest published guides.
  visitorHomeBlocks: [recentGuidesBlock],
  // Reading progress goes; owned guides lose their owner (the review queue shows them to every
  // facilitator). Guide texts are the network's curated, reviewed work: revisions and reviews
  // stay in both variants, shown as by "former member".
  deleteUserData: (db, member) => eraseGuidesDataOfMember(db, member.id),
  // "Mein Praxis" for facilitators: drafts waiting for review and guides past their review date.
  startPageBlocks: [guideCareBlock],
  // New guides and guide updates as RSS and Atom (src/modules/feeds).
  feeds: [guideFeed],
  // Published guides and their chapters in the JSON API /api/v1/guides (src/modules/api).
  api: (ctx) => guideApi(ctx),
};
