// "Members": registrations and approvals over the period (rollups), members waiting for approval now
// (linked to the approvals list), and active members by role and by kind of administration
// (aggregates only, never names). All but the approvals waiting come from the section's snapshot
// (dashboard.snapshots.ts: as of the worker's last refresh, at most about 5 minutes old): counting
// the members by role and kind reads every account (20,000 at network scale). The approvals waiting
// are counted on every view from their partial index (users_pending_idx: only the pending accounts).
import { type DashboardSection, type SectionContext, type CsvTable, readsOf } from '../dashboard.section.js';
import { bucketsOf, periodQuery } from '../dashboard.period.js';
import { chart } from '../dashboard.charts.js';
import { change, formatNumber } from '../dashboard.format.js';
import { membersByAdministrationKind, membersByRole, pendingApprovals, rollupsByDay } from '../activity.queries.js';
import { seriesOf, sumOf } from '../activity.series.js';
import { exportCount } from '../dashboard.privacy.js';
import { snapshot } from '../dashboard.snapshots.js';

const METRICS = ['registration', 'approval'];

async function overTime(c: SectionContext) {
  const rows = await rollupsByDay(readsOf(c), METRICS, c.period.prevFrom, c.period.to);
  const buckets = bucketsOf(c.period, c.lang);
  const series = METRICS.map((m) => ({ metric: m, name: c.t(`dashboard.members.metric.${m}`), values: seriesOf(rows, m, 'sum', buckets) }));
  return { rows, buckets, series };
}

const roleLabel = (c: SectionContext, role: string) => c.t(`roles.${role}`);
const kindLabel = (c: SectionContext, kind: string) => (kind ? c.t(`administrations.kind.${kind}`) : c.t('dashboard.members.noAdministration'));

/** What the snapshot keeps: the period's figures and today's members by role and kind. */
async function kept(c: SectionContext) {
  const query = periodQuery(c.period);
  const [{ rows, buckets, series }, roles, kinds] = await Promise.all([
    overTime(c), membersByRole(readsOf(c)), membersByAdministrationKind(readsOf(c))]);
  const totals = METRICS.map((m) => {
    const now = sumOf(rows, m, c.period.from, c.period.to);
    const before = sumOf(rows, m, c.period.prevFrom, c.period.prevTo);
    const ch = change(c.lang, now, before);
    return { label: c.t(`dashboard.members.metric.${m}`), value: formatNumber(c.lang, now), before: formatNumber(c.lang, before), change: ch.text, direction: ch.direction };
  });
  const title = c.t('dashboard.members.overTime');
  return {
    totals,
    chart: chart({
      id: 'dash-members-registrations', title, kind: 'bar',
      summary: c.t('dashboard.members.summary', { list: totals.map((t) => `${t.label}: ${t.value} (${t.change})`).join('; ') }),
      labels: buckets.map((b) => b.label), series: series.map((s) => ({ name: s.name, values: s.values })),
      format: (n) => formatNumber(c.lang, n, Number.isInteger(n) ? 0 : 1),
    }),
    csv: { registrations: `/dashboard/members/registrations.csv?${query}`, roles: `/dashboard/members/roles.csv?${query}`, kinds: `/dashboard/members/kinds.csv?${query}` },
    roles: roles.map((r) => ({ label: roleLabel(c, r.role), value: formatNumber(c.lang, r.n) })),
    kinds: kinds.map((k) => ({ label: kindLabel(c, k.kind), value: formatNumber(c.lang, k.n) })),
  };
}

async function load(c: SectionContext) {
  const [data, pending] = await Promise.all([snapshot(c, 'members', () => kept(c)), pendingApprovals(readsOf(c))]);
  return { ...data, pending: formatNumber(c.lang, pending) };
}

export const membersSection: DashboardSection = {
  key: 'members',
  order: 80,
  title: 'dashboard.members.title',
  partial: 'dashboard/members',
  load,
  csv: {
    registrations: async (c): Promise<CsvTable> => {
      const { buckets, series } = await overTime(c);
      return {
        header: [c.t('dashboard.activity.csv.from'), c.t('dashboard.activity.csv.to'), ...series.map((s) => s.name)],
        rows: buckets.map((b, i) => [b.from, b.to, ...series.map((s) => s.values[i] ?? 0)]),
      };
    },
    roles: async (c): Promise<CsvTable> => ({
      header: [c.t('dashboard.members.role'), c.t('dashboard.members.count')],
      rows: (await membersByRole(readsOf(c))).map((r) => [roleLabel(c, r.role), r.n]),
    }),
    kinds: async (c): Promise<CsvTable> => ({
      header: [c.t('dashboard.members.kind'), c.t('dashboard.members.count')],
      // A kind can be a single administration (a city state): 1 to 4 members read "< 5".
      rows: (await membersByAdministrationKind(readsOf(c))).map((k) => [kindLabel(c, k.kind), exportCount(k.n)]),
    }),
  },
};
