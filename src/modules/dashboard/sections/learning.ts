// Section "learning": for the attempts started in the period, per course and per quiz the funnel
// started → submitted → passed (learners), the pass rate (passed of submitted) and the median
// attempts per learner; and the guide chapters whose questions fail most.
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { formatNumber, formatPercent } from '../dashboard.format.js';
import { csvNumber } from '../dashboard.stats.js';
import { courseFunnel, failedChaptersIn, quizFunnel, type FunnelRow } from '../learning.queries.js';
import { keptWhole } from '../dashboard.snapshots.js';

const rate = (r: FunnelRow) => (r.submitted ? r.passed / r.submitted : null);

function funnelView(c: SectionContext, rows: FunnelRow[], base: string) {
  return rows.map((r) => ({
    href: `${base}${r.slug}`, title: r.title,
    started: formatNumber(c.lang, r.started), submitted: formatNumber(c.lang, r.submitted), passed: formatNumber(c.lang, r.passed),
    passRate: rate(r) === null ? '–' : formatPercent(c.lang, rate(r)!),
    medianAttempts: r.medianAttempts === null ? '–' : formatNumber(c.lang, r.medianAttempts, 1),
  }));
}

async function load(c: SectionContext) {
  const { from, to } = c.period;
  const [courses, quizzes, chapters] = await Promise.all([courseFunnel(readsOf(c), from, to), quizFunnel(readsOf(c), from, to), failedChaptersIn(readsOf(c), from, to)]);
  return {
    courses: funnelView(c, courses, '/academy/courses/'),
    quizzes: funnelView(c, quizzes, '/academy/quizzes/'),
    chapters: chapters.map((ch) => ({
      href: `/guides/${ch.guideSlug}/${ch.chapterSlug}`, guide: ch.guideTitle ?? ch.guideSlug, chapter: ch.chapterTitle ?? ch.chapterSlug,
      answered: formatNumber(c.lang, ch.answered), failed: formatNumber(c.lang, ch.failed), failedShare: formatPercent(c.lang, ch.failedShare / 100),
    })),
  };
}

const funnelCsv = (which: 'courses' | 'quizzes') => async (c: SectionContext): Promise<CsvTable> => {
  const rows = await (which === 'courses' ? courseFunnel : quizFunnel)(readsOf(c), c.period.from, c.period.to);
  return {
    header: ['slug', c.t(`dashboard.learning.${which === 'courses' ? 'course' : 'quiz'}`), c.t('dashboard.learning.started'), c.t('dashboard.learning.submitted'),
      c.t('dashboard.learning.passed'), c.t('dashboard.learning.passRate'), c.t('dashboard.learning.medianAttempts')],
    rows: rows.map((r) => [r.slug, r.title, r.started, r.submitted, r.passed, csvNumber(rate(r), 4), csvNumber(r.medianAttempts)]),
  };
};

export const learningSection: DashboardSection = {
  key: 'learning',
  order: 50,
  title: 'dashboard.learning.title',
  partial: 'dashboard/learning',
  ...keptWhole('learning', load),
  csv: {
    courses: funnelCsv('courses'),
    quizzes: funnelCsv('quizzes'),
    async chapters(c): Promise<CsvTable> {
      const rows = await failedChaptersIn(readsOf(c), c.period.from, c.period.to);
      return {
        header: [c.t('dashboard.learning.guide'), c.t('dashboard.learning.chapter'), c.t('dashboard.learning.answered'), c.t('dashboard.learning.failed'), c.t('dashboard.learning.failedShare')],
        rows: rows.map((r) => [r.guideTitle ?? r.guideSlug, r.chapterTitle ?? r.chapterSlug, r.answered, r.failed, csvNumber(r.failedShare / 100, 4)]),
      };
    },
  },
};
