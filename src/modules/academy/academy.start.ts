// The academy's block on the member start page ("Mein Praxis"): my courses in progress and what comes next.
import type { StartBlockLoader } from '../module.js';
import { coursesInProgress } from './start.queries.js';
import { coursesWithUnwatchedVideos } from '../media/index.js';

export const coursesInProgressBlock: StartBlockLoader = async (ds, { user }) => {
  const list = await coursesInProgress(ds, user.id);
  // Courses that also wait for a required video (src/modules/media): one query for all of them.
  const videosMissing = new Set(await coursesWithUnwatchedVideos(ds, user.id, list.map((c) => c.id)));
  return {
    key: 'academy-progress', order: 40, partial: 'academy/start-progress', title: 'academy.start.title',
    data: {
      courses: list.map((c) => ({
        title: c.title, language: c.language, href: `/academy/courses/${c.slug}`, quizzes: c.quizzes, passed: c.passed,
        videosHref: videosMissing.has(c.id) ? `/academy/courses/${c.slug}#media-watching` : null,
        next: c.nextSlug ? {
          title: c.nextTitle, language: c.nextLanguage, resume: c.openAttemptId !== null,
          href: c.openAttemptId !== null ? `/academy/attempts/${c.openAttemptId}` : `/academy/quizzes/${c.nextSlug}`,
        } : null,
      })),
    },
    showAll: { href: '/academy', label: 'academy.start.all' },
    empty: list.length === 0,
  };
};
