// Section "health": use cases and guides past their review date, unverified use cases, and open
// flags (forum posts, use-case comments) now: counts linked to the lists that exist, and the oldest
// items (up to 10 each). Not tied to the period: these are what waits today.
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { formatNumber } from '../dashboard.format.js';
import { HEALTH_KINDS, healthItems, type HealthKind } from '../health.queries.js';

/** The list behind each count, where one exists (unverified use cases have none yet). */
const LISTS: Record<HealthKind, string | null> = {
  caseReview: '/use-cases/review',
  guideReview: '/guides/review',
  unverified: null,
  forumFlags: '/forum/flags',
  commentFlags: '/use-cases/flags',
};

async function load(c: SectionContext) {
  const groups = await Promise.all(HEALTH_KINDS.map(async (kind) => {
    const { total, items } = await healthItems(readsOf(c), kind);
    return {
      kind, id: `dash-health-${kind}`, heading: c.t(`dashboard.health.${kind}`), total: formatNumber(c.lang, total), empty: total === 0,
      href: LISTS[kind], items, since: c.t(`dashboard.health.since.${kind}`),
    };
  }));
  return { groups };
}

const csv = (kind: HealthKind) => async (c: SectionContext): Promise<CsvTable> => {
  const { items } = await healthItems(readsOf(c), kind);
  return {
    header: [c.t('dashboard.health.item'), c.t(`dashboard.health.since.${kind}`), 'URL'],
    rows: items.map((i) => [i.title, i.since, i.href]),
  };
};

export const healthSection: DashboardSection = {
  key: 'health',
  order: 70,
  title: 'dashboard.health.title',
  partial: 'dashboard/health',
  load,
  csv: Object.fromEntries(HEALTH_KINDS.map((k) => [k, csv(k)])),
};
