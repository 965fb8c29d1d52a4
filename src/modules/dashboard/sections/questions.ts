// Section "questions": open questions by age now (linked to the forum's unanswered list), and for
// the questions asked in the period the median and 90th percentile hours to the first reply and to
// the accepted answer, per week or month (chart) and for the period against the previous one, and
// the share answered (first reply) within 48 hours.
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { bucketsOf } from '../dashboard.period.js';
import { chart } from '../dashboard.charts.js';
import { change, formatNumber, formatPercent } from '../dashboard.format.js';
import { csvNumber } from '../dashboard.stats.js';
import { oldestOpenQuestions, openQuestionsByAge, questionTimes, type TimeFigures } from '../questions.queries.js';
import { keptWhole } from '../dashboard.snapshots.js';

const UNANSWERED = '/forum?view=unanswered';

/** The period, the previous one and the period's buckets, in one query. */
async function periodFigures(c: SectionContext) {
  const buckets = bucketsOf(c.period, c.lang);
  const [now, before, ...perBucket] = await questionTimes(readsOf(c), [
    { from: c.period.from, to: c.period.to }, { from: c.period.prevFrom, to: c.period.prevTo }, ...buckets]);
  return { now: now!, before: before!, buckets: buckets.map((b, i) => ({ ...b, ...perBucket[i]! })) };
}

const FIELDS = ['firstMedian', 'firstP90', 'acceptedMedian', 'acceptedP90'] as const;

async function load(c: SectionContext) {
  const [open, oldest, fig] = await Promise.all([openQuestionsByAge(readsOf(c)), oldestOpenQuestions(readsOf(c)), periodFigures(c)]);
  const hours = (n: number | null) => (n === null ? '–' : c.t('dashboard.questions.hours', { n: formatNumber(c.lang, n, 1) }));
  const share = (n: number | null) => (n === null ? '–' : formatPercent(c.lang, n));
  const cmp = (a: number | null, b: number | null) => (a === null || b === null ? null : change(c.lang, Math.round(a * 10), Math.round(b * 10)));
  const rows = [
    { label: c.t('dashboard.questions.asked'), now: formatNumber(c.lang, fig.now.asked), before: formatNumber(c.lang, fig.before.asked), change: change(c.lang, fig.now.asked, fig.before.asked) },
    ...FIELDS.map((f) => ({ label: c.t(`dashboard.questions.${f}`), now: hours(fig.now[f]), before: hours(fig.before[f]), change: cmp(fig.now[f], fig.before[f]) })),
    { label: c.t('dashboard.questions.within48'), now: share(fig.now.within48), before: share(fig.before.within48), change: cmp(fig.now.within48, fig.before.within48) },
  ];
  const series = FIELDS.map((f) => ({ name: c.t(`dashboard.questions.${f}`), values: fig.buckets.map((b) => Number((b[f] ?? 0).toFixed(1))) }));
  return {
    open: [
      { label: c.t('dashboard.questions.age.underDay'), count: formatNumber(c.lang, open.underDay) },
      { label: c.t('dashboard.questions.age.week'), count: formatNumber(c.lang, open.week) },
      { label: c.t('dashboard.questions.age.older'), count: formatNumber(c.lang, open.older) },
    ],
    openTotal: formatNumber(c.lang, open.underDay + open.week + open.older),
    unansweredHref: UNANSWERED,
    oldest: oldest.map((q) => ({ ...q, href: `/forum/threads/${q.id}-${q.slug}` })),
    rows,
    chart: chart({
      id: 'dash-questions-times',
      title: c.t('dashboard.questions.chartTitle'),
      summary: c.t('dashboard.questions.chartSummary', {
        asked: formatNumber(c.lang, fig.now.asked), first: hours(fig.now.firstMedian), accepted: hours(fig.now.acceptedMedian), within48: share(fig.now.within48),
      }),
      labels: fig.buckets.map((b) => b.label),
      series,
      kind: 'line',
      format: (n) => formatNumber(c.lang, n, 1),
    }),
  };
}

const HEAD = ['asked', ...FIELDS, 'within48'] as const;
const headOf = (c: SectionContext) => HEAD.map((h) => c.t(`dashboard.questions.${h}`));
const cells = (f: TimeFigures) => [f.asked, ...FIELDS.map((k) => csvNumber(f[k])), csvNumber(f.within48, 4)];

export const questionsSection: DashboardSection = {
  key: 'questions',
  order: 40,
  title: 'dashboard.questions.title',
  partial: 'dashboard/questions',
  ...keptWhole('questions', load),
  csv: {
    async open(c): Promise<CsvTable> {
      const open = await openQuestionsByAge(readsOf(c));
      return {
        header: [c.t('dashboard.questions.age.head'), c.t('dashboard.questions.count')],
        rows: [[c.t('dashboard.questions.age.underDay'), open.underDay], [c.t('dashboard.questions.age.week'), open.week], [c.t('dashboard.questions.age.older'), open.older]],
      };
    },
    async oldest(c): Promise<CsvTable> {
      const rows = await oldestOpenQuestions(readsOf(c));
      return {
        header: [c.t('dashboard.questions.question'), c.t('dashboard.questions.category'), c.t('dashboard.questions.askedAt'), 'URL'],
        rows: rows.map((q) => [q.title, q.categoryName, q.createdAt, `/forum/threads/${q.id}-${q.slug}`]),
      };
    },
    async times(c): Promise<CsvTable> {
      const fig = await periodFigures(c);
      return {
        header: [c.t('dashboard.questions.from'), c.t('dashboard.questions.to'), ...headOf(c)],
        rows: [
          ...fig.buckets.map((b) => [b.from, b.to, ...cells(b)]),
        ],
      };
    },
    async period(c): Promise<CsvTable> {
      const fig = await periodFigures(c);
      return {
        header: [c.t('dashboard.questions.from'), c.t('dashboard.questions.to'), ...headOf(c)],
        rows: [[c.period.from, c.period.to, ...cells(fig.now)], [c.period.prevFrom, c.period.prevTo, ...cells(fig.before)]],
      };
    },
  },
};
