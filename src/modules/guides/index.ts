// Guides: curated training guides (chapters in Markdown) from content/guides and the app, with
// revisions, four-eyes publishing, content health (review dates) and members' reading progress.
import { idsOf } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { Guide, GuideChapter, GuideRead, GuideRevision } from './guide.entity.js';
import { syncGuides } from './guides.content.js';
import { memberProgress } from './guides.queries.js';
import { guidesRouter } from './guides.routes.js';
import { guideChapterDocuments } from './guides.search.js';
import { remindDueGuides } from './guides.service.js';
import { REVIEW_DUE_TOPIC } from './guides.store.js';

export { promoteToGuide, remindDueGuides, type PromoteInput } from './guides.service.js';
export { chaptersCiting, memberProgress, promotionTargets } from './guides.queries.js';
export { registerRelatedFinder, relatedFinders, RELATED_LIMIT, type RelatedFinder, type RelatedItem } from './guides.related.js';
export { syncGuides } from './guides.content.js';

export const guidesModule: PraxisModule = {
  name: 'guides',
  entities: [Guide, GuideChapter, GuideRevision, GuideRead],
  router: guidesRouter,
  adminLinks: [{ href: '/guides/review', label: 'guides.adminLinks.review' }],
  outboxHandlers: (ctx) => ({ [REVIEW_DUE_TOPIC]: { batchSize: 50, handle: async () => void (await remindDueGuides(ctx)) } }),
  contentSync: async (ctx, opts) => {
    const report = await syncGuides(ctx, opts);
    await remindDueGuides(ctx);
    return report;
  },
  searchSources: { guide_chapter: guideChapterDocuments },
  searchIds: { guide_chapter: idsOf('guide_chapters') },
  // Reading progress is personal: shown on the member's own profile only.
  memberProfileSection: async (ds, userId, viewer) => {
    if (viewer?.id !== userId) return null;
    const guides = await memberProgress(ds, userId);
    return guides.length ? { partial: 'guides/member-progress', data: { guides } } : null;
  },
  exportUserData: async (ds, userId) => ({
    chaptersRead: await ds.query(
      `SELECT g.slug AS guide, c.slug AS chapter, r.read_at AS "readAt" FROM guide_reads r
         JOIN guide_chapters c ON c.id = r.chapter_id JOIN guides g ON g.id = c.guide_id WHERE r.user_id = $1 ORDER BY r.read_at`, [userId]),
    revisions: await ds.query(`SELECT guide_id AS "guideId", message, created_at AS "createdAt" FROM guide_revisions WHERE author_id = $1 ORDER BY id`, [userId]),
  }),
};
