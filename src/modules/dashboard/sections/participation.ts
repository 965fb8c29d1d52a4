// "Where participation comes from": the most engaged administrations (activity per member, so small
// towns are visible), a map of the 16 Länder with the activity per member of each, the same by kind
// of administration and by size class, and the administrations that were active in the previous
// period and not in this one ("drifting away"). Activity is the rollups' threads, replies, published
// use cases, adoptions and submitted quiz attempts of an administration's members; members are its
// active accounts today. CSVs write per-administration counts of 1 to 4 as "< 5" (dashboard.privacy.ts).
import { ADMINISTRATION_KINDS, SIZE_CLASSES, STATE_CODES } from '../../administrations/index.js';
import { formatDate } from '../../../shared/i18n.js';
import type { CsvValue } from '../../../shared/csv.js';
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { periodQuery } from '../dashboard.period.js';
import { change, formatNumber } from '../dashboard.format.js';
import { choropleth } from '../dashboard.map.js';
import { csvNumber } from '../dashboard.stats.js';
import { exportCount, isSmall, SMALL_COUNT } from '../dashboard.privacy.js';
import { administrationActivity, type AdministrationActivity } from '../participation.queries.js';
import { keptWhole } from '../dashboard.snapshots.js';

/**
 * An administration enters the ranking with at least this much activity in the period (the export
 * threshold): otherwise one reply from a one-member administration (1,0 per member) would top the
 * list every time. The members column says how many people a figure stands for.
 */
export const MIN_ACTIVITY = SMALL_COUNT;
const TOP = 10;

const perMember = (activity: number, members: number) => (members > 0 ? activity / members : null);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');

/** The ranking: per member, then activity, then name; only administrations with members and ≥ MIN_ACTIVITY. */
export function engaged(rows: AdministrationActivity[]): AdministrationActivity[] {
  return rows.filter((r) => r.now >= MIN_ACTIVITY && r.members > 0)
    .sort((a, b) => perMember(b.now, b.members)! - perMember(a.now, a.members)! || b.now - a.now || byName(a, b));
}

/** Active in the previous period, not in this one; most previous activity first. */
export function drifting(rows: AdministrationActivity[]): AdministrationActivity[] {
  return rows.filter((r) => r.before > 0 && r.now === 0)
    .sort((a, b) => b.before - a.before || (b.lastBefore ?? '').localeCompare(a.lastBefore ?? '') || byName(a, b));
}

export interface GroupFigures { key: string; active: number; activity: number; members: number; perMember: number | null }

/** Administrations grouped by a key (Land, kind, size class; '' for none), in the order of `keys`. */
export function groupsOf(rows: AdministrationActivity[], keyOf: (r: AdministrationActivity) => string, keys: readonly string[]): GroupFigures[] {
  const out = new Map(keys.map((k) => [k, { key: k, active: 0, activity: 0, members: 0, perMember: null as number | null }]));
  for (const r of rows) {
    const g = out.get(keyOf(r));
    if (!g) continue;
    g.active += r.now > 0 ? 1 : 0;
    g.activity += r.now;
    g.members += r.members;
  }
  return [...out.values()].map((g) => ({ ...g, perMember: perMember(g.activity, g.members) }));
}

const stateGroups = (rows: AdministrationActivity[]) => groupsOf(rows, (r) => r.state, STATE_CODES);
const kindGroups = (rows: AdministrationActivity[]) =>
  groupsOf(rows, (r) => r.kind, ADMINISTRATION_KINDS).filter((g) => rows.some((r) => r.kind === g.key));
const sizeGroups = (rows: AdministrationActivity[]) =>
  groupsOf(rows, (r) => r.sizeClass ?? '', [...SIZE_CLASSES, '']).filter((g) => rows.some((r) => (r.sizeClass ?? '') === g.key));

const stateName = (c: SectionContext, code: string) => c.t(`states.${code}`);
const kindName = (c: SectionContext, kind: string) => c.t(`administrations.kind.${kind}`);
const sizeName = (c: SectionContext, size: string) => (size ? c.t(`sizeClass.${size}`) : c.t('dashboard.participation.sizes.unknown'));
const profile = (r: AdministrationActivity) => `/administrations/${r.slug}`;
const ratio = (c: SectionContext, n: number | null) => (n === null ? '–' : formatNumber(c.lang, n, 2));

/** States ordered for the table: most activity per member first, those without members last. */
const ranked = (c: SectionContext, groups: GroupFigures[]) => [...groups].sort((a, b) =>
  (b.perMember ?? -1) - (a.perMember ?? -1) || b.activity - a.activity || stateName(c, a.key).localeCompare(stateName(c, b.key), c.lang));

function groupView(c: SectionContext, g: GroupFigures, name: string, href: string | null) {
  return {
    name, href,
    active: formatNumber(c.lang, g.active), activity: formatNumber(c.lang, g.activity),
    members: formatNumber(c.lang, g.members), perMember: ratio(c, g.perMember),
  };
}

function stateMap(c: SectionContext, states: GroupFigures[]) {
  const values = Object.fromEntries(states.map((g) => [g.key, g.perMember]));
  const top = ranked(c, states).filter((g) => (g.perMember ?? 0) > 0).slice(0, 3);
  const p = (k: string, vars?: Record<string, unknown>) => c.t(`dashboard.participation.map.${k}`, vars);
  const summary = p(top.length ? 'summary' : 'summaryEmpty', {
    top: top.map((g) => `${stateName(c, g.key)} (${ratio(c, g.perMember)})`).join(', '),
    zero: formatNumber(c.lang, states.filter((g) => g.perMember === 0).length),
    none: formatNumber(c.lang, states.filter((g) => g.perMember === null).length),
  });
  return choropleth({
    id: 'dash-participation-map', title: p('title'), summary, codes: STATE_CODES, values,
    label: (code, v) => (v === null ? p('labelNoData', { state: stateName(c, code) }) : p('label', { state: stateName(c, code), value: ratio(c, v) })),
    legend: {
      heading: p('legend'),
      range: (from, to, first, last) => p(first ? 'rangeFirst' : last ? 'rangeLast' : 'range', { from: formatNumber(c.lang, from, 2), to: formatNumber(c.lang, to, 2) }),
      zero: p('zero'), noData: p('noData'),
    },
  });
}

async function load(c: SectionContext) {
  const query = periodQuery(c.period);
  const rows = await administrationActivity(readsOf(c), c.period);
  const states = stateGroups(rows);
  return {
    minActivity: formatNumber(c.lang, MIN_ACTIVITY),
    engaged: engaged(rows).slice(0, TOP).map((r) => {
      const ch = change(c.lang, r.now, r.before);
      return {
        name: r.name, href: profile(r), state: stateName(c, r.state),
        activity: formatNumber(c.lang, r.now), before: formatNumber(c.lang, r.before), change: ch.text, direction: ch.direction,
        members: formatNumber(c.lang, r.members), perMember: ratio(c, perMember(r.now, r.members)),
      };
    }),
    map: stateMap(c, states),
    states: ranked(c, states).map((g) => groupView(c, g, stateName(c, g.key), `/administrations?state=${g.key}`)),
    kinds: kindGroups(rows).map((g) => groupView(c, g, kindName(c, g.key), `/administrations?kind=${g.key}`)),
    sizes: sizeGroups(rows).map((g) => groupView(c, g, sizeName(c, g.key), g.key ? `/administrations?size=${g.key}` : null)),
    drifting: drifting(rows).slice(0, TOP).map((r) => ({
      name: r.name, href: profile(r), state: stateName(c, r.state),
      before: formatNumber(c.lang, r.before), last: formatDate(c.lang, r.lastBefore), members: formatNumber(c.lang, r.members),
    })),
    csv: Object.fromEntries(['administrations', 'states', 'kinds', 'sizes', 'drifting'].map((k) => [k, `/dashboard/participation/${k}.csv?${query}`])),
  };
}

const col = (c: SectionContext, key: string) => c.t(`dashboard.participation.col.${key}`);

/** Per member in a CSV: empty when either count is suppressed (it would give the hidden count away). */
const csvPerMember = (activity: number, members: number): CsvValue =>
  (isSmall(activity) || isSmall(members) ? null : csvNumber(perMember(activity, members), 4));

function groupCsv(c: SectionContext, head: string, groups: GroupFigures[], name: (key: string) => string): CsvTable {
  return {
    header: [head, col(c, 'active'), col(c, 'activity'), col(c, 'members'), col(c, 'perMember')],
    rows: groups.map((g) => [name(g.key), g.active, exportCount(g.activity), exportCount(g.members), csvPerMember(g.activity, g.members)]),
  };
}

export const participationSection: DashboardSection = {
  key: 'participation',
  order: 30,
  title: 'dashboard.participation.title',
  partial: 'dashboard/participation',
  ...keptWhole('participation', load),
  csv: {
    // Every administration active in the period: the ranked ones in ranking order, then the rest.
    async administrations(c): Promise<CsvTable> {
      const rows = await administrationActivity(readsOf(c), c.period);
      const top = engaged(rows);
      const rest = rows.filter((r) => r.now > 0 && !top.includes(r)).sort((a, b) => b.now - a.now || byName(a, b));
      return {
        header: [col(c, 'administration'), col(c, 'state'), col(c, 'kind'), col(c, 'activity'), col(c, 'previous'), col(c, 'members'), col(c, 'perMember'), 'URL'],
        rows: [...top, ...rest].map((r) => [r.name, stateName(c, r.state), kindName(c, r.kind), exportCount(r.now), exportCount(r.before),
          exportCount(r.members), csvPerMember(r.now, r.members), profile(r)]),
      };
    },
    states: async (c) => groupCsv(c, col(c, 'state'), ranked(c, stateGroups(await administrationActivity(readsOf(c), c.period))), (k) => stateName(c, k)),
    kinds: async (c) => groupCsv(c, col(c, 'kind'), kindGroups(await administrationActivity(readsOf(c), c.period)), (k) => kindName(c, k)),
    sizes: async (c) => groupCsv(c, col(c, 'size'), sizeGroups(await administrationActivity(readsOf(c), c.period)), (k) => sizeName(c, k)),
    async drifting(c): Promise<CsvTable> {
      const rows = drifting(await administrationActivity(readsOf(c), c.period));
      return {
        header: [col(c, 'administration'), col(c, 'state'), col(c, 'previous'), col(c, 'lastActivity'), col(c, 'members'), 'URL'],
        rows: rows.map((r) => [r.name, stateName(c, r.state), exportCount(r.before), r.lastBefore, exportCount(r.members), profile(r)]),
      };
    },
  },
};
