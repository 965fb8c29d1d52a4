// "Activity over time": per group (forum, use cases, learning, weekly active members) a chart over
// the period's weeks or months, the period's totals with the change against the previous period,
// links to the lists behind the figures, and each chart's numbers as CSV. Reads only rollups.
import { type DashboardSection, type SectionContext, type CsvTable, readsOf } from '../dashboard.section.js';
import { bucketsOf, periodQuery } from '../dashboard.period.js';
import { chart } from '../dashboard.charts.js';
import { change, formatNumber } from '../dashboard.format.js';
import { rollupsByDay } from '../activity.queries.js';
import { readRange, seriesOf, valueOf, type Aggregate } from '../activity.series.js';
import { keptWhole } from '../dashboard.snapshots.js';

interface Group { key: string; metrics: string[]; how: Aggregate; href: Record<string, string>; more?: { href: string; label: string } }

export const ACTIVITY_GROUPS: Group[] = [
  { key: 'forum', metrics: ['thread', 'reply', 'accepted'], how: 'sum', href: { thread: '/forum', reply: '/forum', accepted: '/forum' },
    more: { href: '/forum?view=unanswered', label: 'dashboard.activity.unanswered' } },
  { key: 'usecases', metrics: ['usecase_published', 'adoption'], how: 'sum', href: { usecase_published: '/use-cases', adoption: '/use-cases' } },
  { key: 'learning', metrics: ['quiz_attempt', 'certificate', 'chapter_published'], how: 'sum', href: { quiz_attempt: '/academy', certificate: '/academy', chapter_published: '/guides' } },
  { key: 'active', metrics: ['active_members_week'], how: 'weekly', href: {} },
];

async function groupData(c: SectionContext, g: Group) {
  const range = readRange(c.period);
  const rows = await rollupsByDay(readsOf(c), g.metrics, range.from, range.to);
  const buckets = bucketsOf(c.period, c.lang);
  const series = g.metrics.map((m) => ({ metric: m, name: c.t(`dashboard.activity.metric.${m}`), values: seriesOf(rows, m, g.how, buckets) }));
  return { rows, buckets, series };
}

async function load(c: SectionContext) {
  const query = periodQuery(c.period);
  const digits = (how: Aggregate) => (how === 'weekly' ? 1 : 0);
  return {
    groups: await Promise.all(ACTIVITY_GROUPS.map(async (g) => {
      const { rows, buckets, series } = await groupData(c, g);
      const totals = g.metrics.map((m) => {
        const now = valueOf(rows, m, g.how, c.period.from, c.period.to);
        const before = valueOf(rows, m, g.how, c.period.prevFrom, c.period.prevTo);
        const ch = change(c.lang, now, before);
        return {
          label: c.t(`dashboard.activity.metric.${m}`), value: formatNumber(c.lang, now, digits(g.how)),
          before: formatNumber(c.lang, before, digits(g.how)), change: ch.text, direction: ch.direction, href: g.href[m],
        };
      });
      const title = c.t(`dashboard.activity.group.${g.key}`);
      return {
        key: g.key, title, totals, more: g.more && { href: g.more.href, label: c.t(g.more.label) },
        csv: `/dashboard/activity/${g.key}.csv?${query}`,
        chart: chart({
          id: `dash-activity-${g.key}`, title, kind: g.how === 'weekly' ? 'line' : 'bar',
          summary: c.t('dashboard.activity.summary', { what: title, list: totals.map((t) => `${t.label}: ${t.value} (${t.change})`).join('; ') }),
          labels: buckets.map((b) => b.label), series: series.map((s) => ({ name: s.name, values: s.values })),
          format: (n) => formatNumber(c.lang, n, Number.isInteger(n) ? 0 : 1),
        }),
      };
    })),
  };
}

function csvOf(g: Group) {
  return async (c: SectionContext): Promise<CsvTable> => {
    const { buckets, series } = await groupData(c, g);
    return {
      header: [c.t('dashboard.activity.csv.from'), c.t('dashboard.activity.csv.to'), ...series.map((s) => s.name)],
      rows: buckets.map((b, i) => [b.from, b.to, ...series.map((s) => s.values[i] ?? 0)]),
    };
  };
}

export const activitySection: DashboardSection = {
  key: 'activity',
  order: 10,
  title: 'dashboard.activity.title',
  partial: 'dashboard/activity',
  ...keptWhole('activity', load),
  csv: Object.fromEntries(ACTIVITY_GROUPS.map((g) => [g.key, csvOf(g)])),
};
