// Section "health": use cases and guides past their review date, unverified use cases, and open
// flags (forum posts, use-case comments) now: counts linked to the lists that exist, and the oldest
// items (up to 10 each). Not tied to the period: these are what waits today. The oldest items are
// read on every view (11 rows per kind from an index in their order); up to 10 of a kind, that
// list is also its exact count; beyond, the count comes from the section's snapshot (every matching
// row counted by the worker with each refresh: at most about 5 minutes old, and never below 11).
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { formatNumber } from '../dashboard.format.js';
import { HEALTH_KINDS, HEALTH_SHOWN as SHOWN, healthItems, healthLists, healthTotals, type HealthKind } from '../health.queries.js';
import { snapshot } from '../dashboard.snapshots.js';

/** The list behind each count, where one exists (unverified use cases have none yet). */
const LISTS: Record<HealthKind, string | null> = {
  caseReview: '/use-cases/review',
  guideReview: '/guides/review',
  unverified: null,
  forumFlags: '/forum/flags',
  commentFlags: '/use-cases/flags',
};

async function load(c: SectionContext) {
  const [lists, totals] = await Promise.all([
    healthLists(readsOf(c)),
    // Without snapshots (tests of the section, the benchmark's timing) every total is counted.
    snapshot(c, 'health', () => healthTotals(readsOf(c)))]);
  const groups = HEALTH_KINDS.map((kind) => {
    const rows = lists[kind];
    const total = rows.length <= SHOWN ? rows.length : Math.max(totals[kind], rows.length);
    const items = rows.slice(0, SHOWN);
    return {
      kind, id: `dash-health-${kind}`, heading: c.t(`dashboard.health.${kind}`), total: formatNumber(c.lang, total), empty: total === 0,
      href: LISTS[kind], items, since: c.t(`dashboard.health.since.${kind}`),
    };
  });
  return { groups };
}

const csv = (kind: HealthKind) => async (c: SectionContext): Promise<CsvTable> => {
  const items = await healthItems(readsOf(c), kind, SHOWN);
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
