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

export { promoteInTransaction, promoteToGuide, remindDueGuides, type PromoteInput } from './guides.service.js';
export { chaptersCiting, chapterTitles, guideTitles, memberProgress, promotionTargets, type ChapterTitle } from './guides.queries.js';
export { RELATED_LIMIT } from './guides.related.js';
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
  userColumns: {
    'guides.owner_id': 'owned',
    'guide_revisions.author_id': 'revisions',
    'guide_revisions.reviewer_id': 'reviews',
    'guide_reads.user_id': 'chaptersRead',
  },
  exportUserData: async (ds, userId) => ({
    chaptersRead: await ds.query(
      `SELECT g.slug AS guide, c.slug AS chapter, r.read_at AS "readAt" FROM guide_reads r
         JOIN guide_chapters c ON c.id = r.chapter_id JOIN guides g ON g.id = c.guide_id WHERE r.user_id = $1 ORDER BY r.read_at`, [userId]),
    owned: await ds.query(`SELECT slug, title FROM guides WHERE owner_id = $1 ORDER BY id`, [userId]),
    revisions: await ds.query(
      `SELECT g.slug AS guide, r.chapter_uid AS "chapterUid", r.origin, r.status, r.message, r.snapshot, r.created_at AS "createdAt"
         FROM guide_revisions r JOIN guides g ON g.id = r.guide_id WHERE r.author_id = $1 ORDER BY r.id`, [userId]),
    reviews: await ds.query(
      `SELECT g.slug AS guide, r.status, r.review_comment AS "comment", r.reviewed_at AS "reviewedAt"
         FROM guide_revisions r JOIN guides g ON g.id = r.guide_id WHERE r.reviewer_id = $1 ORDER BY r.id`, [userId]),
  }),
  // Reading progress goes; owned guides lose their owner (the review queue shows them to every
  // facilitator). Guide texts are the network's curated, reviewed work: revisions and reviews
  // stay in both variants, shown as by "former member".
  deleteUserData: async (db, member) => {
    await db.query(`DELETE FROM guide_reads WHERE user_id = $1`, [member.id]);
    await db.query(`UPDATE guides SET owner_id = NULL WHERE owner_id = $1`, [member.id]);
  },
};
