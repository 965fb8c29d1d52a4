// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import { Foundation1763700000000 } from './1763700000000-foundation.js';
import { Notifications1763700001000 } from './1763700001000-notifications.js';
import { Usecases1763700003000 } from './1763700003000-usecases.js';
import { Guides1763700004000 } from './1763700004000-guides.js';
import { Forum1763700002000 } from './1763700002000-forum.js';
import { Academy1763700005000 } from './1763700005000-academy.js';
import { Search1763700006000 } from './1763700006000-search.js';
import { UsecasesReviewReminders1763700009000 } from './1763700009000-usecases-review-reminders.js';
import { SearchSampling1763700010000 } from './1763700010000-search-sampling.js';
import { Privacy1763700013000 } from './1763700013000-privacy.js';
import { SignInPrivacy1763700017000 } from './1763700017000-sign-in-privacy.js';
import { ExternalImages1763700020000 } from './1763700020000-external-images.js';
import { ContentLanguage1763700040000 } from './1763700040000-content-language.js';
import { SearchCompounds1763700050000 } from './1763700050000-search-compounds.js';
import { NotificationVars1763700060000 } from './1763700060000-notification-vars.js';
import { NotificationVarsBackfill1763700061000 } from './1763700061000-notification-vars-backfill.js';
import { NotificationLanguage1763700070000 } from './1763700070000-notification-language.js';
import { EventsFoundation1763700080000 } from './1763700080000-events-foundation.js';
import { ForumRestrictedCategories1763700081000 } from './1763700081000-forum-restricted-categories.js';
import { GroupPublications1763700085000 } from './1763700085000-group-publications.js';
import { EventCalendar1763700083000 } from './1763700083000-event-calendar.js';
import { EventResults1763700086000 } from './1763700086000-event-results.js';
import { Prevotes1763700084000 } from './1763700084000-prevotes.js';

import { RecognitionLedger1763700090000 } from './1763700090000-recognition-ledger.js';
import { RecognitionAssertions1763700091000 } from './1763700091000-recognition-assertions.js';
import { RecognitionPass1763700093000 } from './1763700093000-recognition-pass.js';
import { RecognitionPreferences1763700094000 } from './1763700094000-recognition-preferences.js';
import { RecognitionMicrodegrees1763700092000 } from './1763700092000-recognition-microdegrees.js';
import { AcademyAssertionTombstones1763700095000 } from './1763700095000-academy-assertion-tombstones.js';
import { RecognitionBackfill1763700096000 } from './1763700096000-recognition-backfill.js';
import { NotificationPreferencesTopicFollows1763700100000 } from './1763700100000-notification-preferences-topic-follows.js';
import { AdministrationKindCityState1763700101000 } from './1763700101000-administration-kind-city-state.js';
import { NotificationDigests1763700103000 } from './1763700103000-notification-digests.js';
import { HomeVisits1763700104000 } from './1763700104000-home-visits.js';
import { DashboardQuestionsIndex1763700111000 } from './1763700111000-dashboard-questions-index.js';
import { DashboardRepliesCreatedIndex1763700120000 } from './1763700120000-dashboard-replies-created-index.js';
import { SearchLog1763700140000 } from './1763700140000-search-log.js';
import { ForumUnansweredCategoryIndex1763700104100 } from './1763700104100-forum-unanswered-category-index.js';
import { UseCasesStartIndexes1763700104200 } from './1763700104200-use-cases-start-indexes.js';
import { OnboardingProfile1763700105000 } from './1763700105000-onboarding-profile.js';
import { DashboardDaily1763700110000 } from './1763700110000-dashboard-daily.js';
import { ForumCategoryCounters1763700190000 } from './1763700190000-forum-category-counters.js';
import { DashboardReplyTimesIndex1763700160000 } from './1763700160000-dashboard-reply-times-index.js';
import { PersonalAccessTokens1763700200000 } from './1763700200000-personal-access-tokens.js';
import { DashboardSnapshots1763700600000 } from './1763700600000-dashboard-snapshots.js';
import { DashboardMonthlyPerAdministration1763700600001 } from './1763700600001-dashboard-monthly-per-administration.js';
import { WebhooksEventCreated1763700600002 } from './1763700600002-webhooks-event-created.js';
import { GuideTranslations1764900200000 } from './1764900200000-guide-translations.js';
import { CourseTranslations1764900500001 } from './1764900500001-course-translations.js';
import { MediaComments1764900600000 } from './1764900600000-media-comments.js';
import { SearchLanguages1764901000000 } from './1764901000000-search-languages.js';
import { DashboardScale1764901500000 } from './1764901500000-dashboard-scale.js';
import { UseCaseTranslationNarrative1764901600000 } from './1764901600000-use-case-translation-narrative.js';
import { AcademyTranslationEditors1764900900000 } from './1764900900000-academy-translation-editors.js';
import { QuizTranslations1764900500000 } from './1764900500000-quiz-translations.js';
import { UseCaseTranslations1764900200001 } from './1764900200001-use-case-translations.js';
import { Media1764900100000 } from './1764900100000-media.js';
import { Sso1763700300000 } from './1763700300000-sso.js';
import { DashboardDailyTotal1763700170000 } from './1763700170000-dashboard-daily-total.js';
import { DashboardQuestionTimes1763700170001 } from './1763700170001-dashboard-question-times.js';
import { DashboardOpenQuestionsIndex1763700170002 } from './1763700170002-dashboard-open-questions-index.js';
import { DashboardMonthly1763700170003 } from './1763700170003-dashboard-monthly.js';
import { DashboardDailyCoveringIndex1763700170004 } from './1763700170004-dashboard-daily-covering-index.js';
import { DashboardChapterAnswers1763700170005 } from './1763700170005-dashboard-chapter-answers.js';
import { DashboardDailyTotalCoveringIndex1763700170006 } from './1763700170006-dashboard-daily-total-covering-index.js';
import { Webhooks1763700500000 } from './1763700500000-webhooks.js';
import { RateLimitHits1764900300000 } from './1764900300000-rate-limit-hits.js';
import { MediaWatching1764900700000 } from './1764900700000-media-watching.js';
import { UseCaseTranslationRevisions1764900800000 } from './1764900800000-use-case-translation-revisions.js';
import { ForumTagCounters1764901100000 } from './1764901100000-forum-tag-counters.js';
import { UseCaseFacets1764901200000 } from './1764901200000-use-case-facets.js';
import { QuizTranslationFeedback1764901400000 } from './1764901400000-quiz-translation-feedback.js';
import { UseCaseFacetPairs1764901700000 } from './1764901700000-use-case-facet-pairs.js';
import { UseCasesPublicRecentIndex1764901800000 } from './1764901800000-use-cases-public-recent-index.js';
import { SearchSampleIndexes1764901900000 } from './1764901900000-search-sample-indexes.js';
export const migrations = [
  Foundation1763700000000,
  Notifications1763700001000,
  Forum1763700002000,
  Usecases1763700003000,
  Guides1763700004000,
  Academy1763700005000,
  Search1763700006000,
  UsecasesReviewReminders1763700009000,
  SearchSampling1763700010000,
  Privacy1763700013000,
  SignInPrivacy1763700017000,
  ExternalImages1763700020000,
  ContentLanguage1763700040000,
  SearchCompounds1763700050000,
  NotificationVars1763700060000,
  NotificationVarsBackfill1763700061000,
  NotificationLanguage1763700070000,
  EventsFoundation1763700080000,
  ForumRestrictedCategories1763700081000,
  EventCalendar1763700083000,
  Prevotes1763700084000,
  GroupPublications1763700085000,
  EventResults1763700086000,
  RecognitionLedger1763700090000,
  RecognitionAssertions1763700091000,
  RecognitionMicrodegrees1763700092000,
  RecognitionPass1763700093000,
  RecognitionPreferences1763700094000,
  AcademyAssertionTombstones1763700095000,
  RecognitionBackfill1763700096000,
  NotificationPreferencesTopicFollows1763700100000,
  AdministrationKindCityState1763700101000,
  NotificationDigests1763700103000,
  HomeVisits1763700104000,
  ForumUnansweredCategoryIndex1763700104100,
  UseCasesStartIndexes1763700104200,
  OnboardingProfile1763700105000,
  DashboardDaily1763700110000,
  DashboardQuestionsIndex1763700111000,
  DashboardRepliesCreatedIndex1763700120000,
  SearchLog1763700140000,
  DashboardReplyTimesIndex1763700160000,
  DashboardDailyTotal1763700170000,
  DashboardQuestionTimes1763700170001,
  DashboardOpenQuestionsIndex1763700170002,
  DashboardMonthly1763700170003,
  DashboardDailyCoveringIndex1763700170004,
  DashboardChapterAnswers1763700170005,
  DashboardDailyTotalCoveringIndex1763700170006,
  ForumCategoryCounters1763700190000,
  PersonalAccessTokens1763700200000,
  Sso1763700300000,
  Webhooks1763700500000,
  DashboardSnapshots1763700600000,
  DashboardMonthlyPerAdministration1763700600001,
  WebhooksEventCreated1763700600002,
  Media1764900100000,
  GuideTranslations1764900200000,
  UseCaseTranslations1764900200001,
  RateLimitHits1764900300000,
  QuizTranslations1764900500000,
  CourseTranslations1764900500001,
  MediaWatching1764900700000,
  MediaComments1764900600000,
  SearchLanguages1764901000000,
  AcademyTranslationEditors1764900900000,
  UseCaseTranslationRevisions1764900800000,
  ForumTagCounters1764901100000,
  UseCaseFacets1764901200000,
  QuizTranslationFeedback1764901400000,
  DashboardScale1764901500000,
  UseCaseTranslationNarrative1764901600000,
  UseCaseFacetPairs1764901700000,
  UseCasesPublicRecentIndex1764901800000,
  SearchSampleIndexes1764901900000,
];
