// The use-case library: structured case stories of participation projects with facets, revisions,
// comments, follows, ★ "we want this too" adoptions, the reuse kit (attachments) and open-data exports.
import { UseCaseTranslation } from './use-case-translation.entity.js';
import { UseCaseTranslationRevision } from './use-case-translation-revision.entity.js';
import { translationsRouter } from './translations.routes.js';
import { Router } from 'express';
import { idsOf } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { UseCaseAdoption } from './use-case-adoption.entity.js';
import { UseCaseAttachment } from './use-case-attachment.entity.js';
import { UseCaseComment } from './use-case-comment.entity.js';
import { UseCaseCommentFlag } from './use-case-comment-flag.entity.js';
import { UseCaseContact, UseCaseEditor, UseCaseFollow, UseCaseTopicFollow } from './use-case-member.entity.js';
import { UseCaseRevision } from './use-case-revision.entity.js';
import { UseCase } from './use-case.entity.js';
import { UseCaseFacetCount, UseCaseFacetPairCount, UseCaseFacets } from './use-case-facets.entity.js';
import { usecasesActivityHistory } from './usecases.activity.js';
import { loadDemoUseCases } from './usecases.demo.js';
import { announceHandler, USECASE_ANNOUNCE_TOPIC } from './usecases.announce.js';
import { remindDueUseCases, USECASE_REVIEW_DUE_TOPIC } from './usecases.health.js';
import { administrationSection } from './usecases.queries.js';
import { relatedUseCases } from './related.queries.js';
import { ATTACHMENT_PURGE_TOPIC, attachmentPurgeHandler, deleteUsecasesData, exportUsecasesData, usecasesUserColumns } from './usecases.privacy.js';
import { usecasesRouter } from './usecases.routes.js';
import { useCaseDocuments } from './usecases.search.js';
import { termLabel } from './usecases.taxonomy.js';
import { interestsSection, recentUseCasesBlock, useCaseFigures } from './home.blocks.js';
import { topicFollowsRouter } from './topic-follows.routes.js';
import { usecasesStartBlocks } from './usecases.start.js';
import { useCaseApi } from './usecases.api.js';
import { useCaseFeed } from './usecases.feeds.js';

export { UseCase };
export { completeness, type Completeness } from './usecases.completeness.js';
export { taxonomy, termLabel } from './usecases.taxonomy.js';
export { remindDueUseCases } from './usecases.health.js';
export { visibleUseCases, type UseCaseLink } from './case.queries.js';
// The welcome page (/welcome): topic and method keys checked against the taxonomy, the member's follows, and the write.
export { topicKeysField } from './topic-follows.schemas.js';
export { topicFollowsOf, type TopicFacet } from './topic-follows.store.js';
export { followTopics } from './topic-follows.service.js';

export const usecasesModule: PraxisModule = {
  name: 'usecases',
  entities: [UseCaseTranslation, UseCaseTranslationRevision, UseCase, UseCaseAdoption, UseCaseAttachment, UseCaseComment, UseCaseRevision, UseCaseEditor, UseCaseContact,
    UseCaseFollow, UseCaseCommentFlag, UseCaseTopicFollow, UseCaseFacets, UseCaseFacetCount, UseCaseFacetPairCount],
  // Topic follows and translations first: /use-cases/topics and /use-cases/translations are not a case's slug.
  router: (ctx) => Router().use(topicFollowsRouter(ctx), translationsRouter(ctx), usecasesRouter(ctx)),
  // Guides list use cases sharing their tags under "Passend dazu".
  relatedToGuide: [relatedUseCases],
  adminLinks: [
    { href: '/use-cases/review', label: 'usecases.adminLinks.review' },
    { href: '/use-cases/flags', label: 'usecases.adminLinks.flags' },
    { href: '/use-cases/translations', label: 'translations.usecase.queue.title' },
  ],
  loadDemo: async (ctx, now) => {
    await loadDemoUseCases(ctx, now);
    await remindDueUseCases(ctx);
  },
  outboxHandlers: (ctx) => ({
    [USECASE_REVIEW_DUE_TOPIC]: { batchSize: 50, handle: async () => void (await remindDueUseCases(ctx)) },
    [ATTACHMENT_PURGE_TOPIC]: attachmentPurgeHandler(ctx),
    // Published: members following its topics and members of similar administrations hear of it.
    [USECASE_ANNOUNCE_TOPIC]: announceHandler(ctx),
  }),
  // The administration's profile lists its use cases and its adoptions.
  administrationProfileSection: async (ds, administrationId, viewer) => ({
    partial: 'usecases/administration-section',
    data: await administrationSection(ds, administrationId, !!viewer),
  }),
  searchSources: { use_case: useCaseDocuments },
  searchIds: { use_case: idsOf('use_cases') },
  // The search page's topic and method facets carry these taxonomy keys.
  searchFacetLabels: {
    topic: (value, lang) => termLabel('policy-areas', value, lang),
    method: (value, lang) => termLabel('methods', value, lang),
  },
  userColumns: usecasesUserColumns,
  exportUserData: exportUsecasesData,
  deleteUserData: deleteUsecasesData,
  // Published, verified and elsewhere implemented cases, for each author (the recognition backfill).
  activityHistory: usecasesActivityHistory,
  // The visitors' home page: how many cases the library holds, and the newest public ones.
  networkFigures: useCaseFigures,
  visitorHomeBlocks: [recentUseCasesBlock],
  // A member's profile: their interests (policy areas) and, for themselves, what they follow.
  memberProfileSection: interestsSection,
  // Newly published cases as RSS and Atom, with the list's filters (src/modules/feeds).
  feeds: [useCaseFeed],
  // Published cases in the JSON API /api/v1/use-cases (src/modules/api).
  api: (ctx) => [useCaseApi(ctx)],
  // "Mein Praxis": comments on my cases, cases like mine and in followed topics, and (facilitators) overdue cases and flags.
  startPageBlocks: usecasesStartBlocks,
};
