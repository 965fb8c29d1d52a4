// Academy: courses of guides and quizzes, attempts graded on the server, GIFT import, item
// statistics, certificates and Open Badges 2.0 assertions. Guides are linked by slug, not by key.
import { courseApi } from './academy.api.js';
import type { DataSource } from 'typeorm';
import { idsOf } from '../../shared/search-index.js';
import type { PraxisModule } from '../module.js';
import { academyActivityHistory } from './academy.activity.js';
import { academyRouter } from './academy.routes.js';
import { Attempt, AttemptAnswer, ExtraAttempt } from './attempt.entity.js';
import { CourseTranslation, QuestionTranslation, QuizTranslation } from './translations.entity.js';
import { BadgeAssertion, Certificate } from './certificate.entity.js';
import { Course, CourseQuiz } from './course.entity.js';
import { Question, Quiz } from './quiz.entity.js';
import { courseSearchSource } from './academy.search.js';
import { courseTranslationSearchIds, courseTranslationSearchSource } from './translations.search.js';
import { syncAcademy } from './academy.content.js';
import { loadDemoAcademy } from './academy.demo.js';
import { assertionsOfUser, failedChapters, memberCertificates, relatedCourses, relatedQuizzes } from './academy.queries.js';
import { assertionJson, badgeUrls } from './badges.js';
import { deleteAcademyData, exportAcademyData } from './academy.privacy.js';
import { CLOSE_ATTEMPT_TOPIC } from './attempts.model.js';
import { closeExpiredAttempt, closeOverdueAttempts } from './attempts.service.js';
import { completeCourseAfterVideos } from './certificates.service.js';
import { COURSE_VIDEOS_TOPIC } from '../media/index.js';
import { coursesInProgressBlock } from './academy.start.js';

export { Course, Quiz, Question, Attempt, Certificate, BadgeAssertion };
// The welcome page (/welcome) points new members to this course.
export { introductoryCourse } from './intro.queries.js';

/** The member's Open Badges 2.0 assertions of course certificates (not revoked), as hosted JSON-LD documents, for a backpack. */
export async function academyAssertionDocuments(ds: DataSource, baseUrl: string, userId: number) {
  const urls = badgeUrls(baseUrl);
  return (await assertionsOfUser(ds, userId)).map((a) => assertionJson(urls, a));
}

export const academyModule: PraxisModule = {
  name: 'academy',
  entities: [Course, CourseQuiz, Quiz, Question, Attempt, AttemptAnswer, ExtraAttempt, Certificate, BadgeAssertion, QuizTranslation, QuestionTranslation, CourseTranslation],
  router: academyRouter,
  // Courses in the JSON API /api/v1/academy/courses (src/modules/api).
  api: (ctx) => [courseApi(ctx)],
  // Guides list the courses that include them and the quizzes testing their chapters.
  relatedToGuide: [relatedCourses, relatedQuizzes],
  // Guide pages show their owners the chapters learners fail most.
  difficultGuideChapters: (ds, guideSlug, limit) => failedChapters(ds, guideSlug, limit),
  adminLinks: [{ href: '/academy/manage', label: 'academy.adminLinks.manage' }],
  contentSync: (ctx) => syncAcademy(ctx),
  // The demo members' attempts and certificates over the last 12 months (after the quizzes are synced).
  loadDemoActivity: loadDemoAcademy,
  // Timed attempts close when their time runs out (a delayed row per attempt); housekeeping
  // catches any attempt that has no such row. Certificates waiting for required videos are issued
  // when the media module says they may be complete.
  outboxHandlers: (ctx) => ({
    [CLOSE_ATTEMPT_TOPIC]: {
      batchSize: 20,
      handle: async (messages) => {
        for (const m of messages) await closeExpiredAttempt(ctx, Number((m.payload as { attemptId: number }).attemptId));
      },
    },
    // A course video became watched, or a video requirement went away (src/modules/media): the
    // certificates that were only waiting for the videos.
    [COURSE_VIDEOS_TOPIC]: {
      batchSize: 20,
      handle: async (messages) => {
        for (const m of messages) await completeCourseAfterVideos(ctx, m.payload);
      },
    },
  }),
  housekeeping: (ctx) => closeOverdueAttempts(ctx),
  // The member's certificates on their profile (signed-in viewers), each linking to its verification page.
  memberProfileSection: async (ds, userId, viewer) => {
    if (!viewer) return null;
    const certificates = (await memberCertificates(ds, userId)).filter((c) => !c.revokedAt);
    if (!certificates.length) return null;
    return { partial: 'academy/profile', data: { certificates: certificates.map((c) => ({ ...c, verifyUrl: `/academy/certificates/${c.id}/verify` })) } };
  },
  // Courses, and their translations as documents in their language (type facet "course").
  searchSources: { course: courseSearchSource, course_translation: courseTranslationSearchSource },
  searchIds: { course: idsOf('academy_courses'), course_translation: courseTranslationSearchIds },
  userColumns: {
    'academy_quizzes.created_by': 'quizzesCreated',
    'academy_quiz_translations.updated_by_id': 'quizTranslationsSaved',
    'academy_course_translations.updated_by_id': 'courseTranslationsSaved',
    'academy_attempts.user_id': 'attempts',
    'academy_extra_attempts.user_id': 'extraAttempts',
    'academy_extra_attempts.granted_by': 'extraAttemptsGranted',
    'academy_certificates.user_id': 'certificates',
    'academy_badge_assertions.user_id': 'badges',
    'academy_badge_assertions.revoked_by': 'badgesRevoked',
  },
  exportUserData: exportAcademyData,
  deleteUserData: deleteAcademyData,
  // Quizzes passed and certificates standing (the recognition backfill).
  activityHistory: academyActivityHistory,
  // "Mein Praxis": my courses in progress with the next quiz.
  startPageBlocks: [coursesInProgressBlock],
};
