// Academy: courses of guides and quizzes, attempts graded on the server, GIFT import, item
// statistics, certificates and Open Badges 2.0 assertions. Guides are linked by slug, not by key.
import { idsOf } from '../../shared/search-index.js';
import { registerRelatedFinder } from '../guides/index.js';
import type { PraxisModule } from '../module.js';
import { relatedCourses, relatedQuizzes } from './academy.related.js';
import { academyRouter } from './academy.routes.js';
import { Attempt, AttemptAnswer, ExtraAttempt } from './attempt.entity.js';
import { BadgeAssertion, Certificate } from './certificate.entity.js';
import { Course, CourseQuiz } from './course.entity.js';
import { Question, Quiz } from './quiz.entity.js';
import { courseSearchSource } from './academy.search.js';
import { syncAcademy } from './academy.sync.js';

export { failedChapters, type FailedChapterRow } from './academy.queries.js';
export { Course, Quiz, Question, Attempt, Certificate, BadgeAssertion };

// Guides list the courses that include them and the quizzes testing their chapters.
registerRelatedFinder(relatedCourses);
registerRelatedFinder(relatedQuizzes);

export const academyModule: PraxisModule = {
  name: 'academy',
  entities: [Course, CourseQuiz, Quiz, Question, Attempt, AttemptAnswer, ExtraAttempt, Certificate, BadgeAssertion],
  router: academyRouter,
  adminLinks: [{ href: '/academy/manage', label: 'academy.adminLinks.manage' }],
  contentSync: (ctx) => syncAcademy(ctx),
  searchSources: { course: courseSearchSource },
  searchIds: { course: idsOf('academy_courses') },
  exportUserData: async (ds, userId) => ({
    attempts: await ds.query(
      `SELECT q.slug AS quiz, a.number, a.state, a.started_at AS "startedAt", a.submitted_at AS "submittedAt", a.percent, a.passed
         FROM academy_attempts a JOIN academy_quizzes q ON q.id = a.quiz_id WHERE a.user_id = $1 ORDER BY a.id`, [userId]),
    certificates: await ds.query(
      `SELECT ce.id, c.slug AS course, ce.issued_at AS "issuedAt" FROM academy_certificates ce JOIN academy_courses c ON c.id = ce.course_id
        WHERE ce.user_id = $1 ORDER BY ce.issued_at`, [userId]),
  }),
};
