// Section "hot topics": per kind (forum tags, use-case policy areas, methods) the ten with the most
// activity in the period against the previous period (bar chart and table, linked to the lists
// behind them), the five rising fastest, and the threads and use cases behind the top three. Counts
// come from the rollups (a tag: new threads + replies in its threads; a policy area or method: use
// cases published); only the few linked threads and use cases are read from their tables.
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { periodQuery } from '../dashboard.period.js';
import { hbarChart } from '../dashboard.charts.js';
import { change, formatNumber } from '../dashboard.format.js';
import { busiestThreads, newestUseCases, totalsByDim, type DimTotals } from '../topics.queries.js';
import { termLabel } from '../../usecases/index.js';
import type { Lang } from '../../../shared/i18n.js';
import { keptWhole } from '../dashboard.snapshots.js';

interface Kind {
  key: 'tags' | 'topics' | 'methods';
  metrics: string[];
  label: (key: string, lang: Lang) => string;
  href: (key: string) => string;
  /** The use-case column whose newest cases are listed behind the top entries (tags list threads). */
  cases?: 'policy_areas' | 'methods';
}

export const TOPIC_KINDS: Kind[] = [
  { key: 'tags', metrics: ['thread_tag', 'reply_tag'], label: (k) => k, href: (k) => `/forum/tags/${encodeURIComponent(k)}` },
  { key: 'topics', metrics: ['usecase_topic'], label: (k, lang) => termLabel('policy-areas', k, lang),
    href: (k) => `/use-cases?topic=${encodeURIComponent(k)}`, cases: 'policy_areas' },
  { key: 'methods', metrics: ['usecase_method'], label: (k, lang) => termLabel('methods', k, lang),
    href: (k) => `/use-cases?method=${encodeURIComponent(k)}`, cases: 'methods' },
];

const TOP = 10;
const RISING = 5;
const BEHIND = 3;

export interface Entry { key: string; now: number; before: number }

/** The kind's entries with activity in either period, summed over its metrics, most active first. */
export function entriesOf(totals: DimTotals[], metrics: string[]): Entry[] {
  const by = new Map<string, Entry>();
  for (const r of totals) {
    if (!metrics.includes(r.metric)) continue;
    const e = by.get(r.dim) ?? { key: r.dim, now: 0, before: 0 };
    e.now += r.now;
    e.before += r.before;
    by.set(r.dim, e);
  }
  return [...by.values()].sort((a, b) => b.now - a.now || b.before - a.before || a.key.localeCompare(b.key));
}

/** Up to `n` entries that gained: the biggest absolute gain first, then the biggest relative gain (new ones first). */
export function risingOf(entries: Entry[], n = RISING): Entry[] {
  const rel = (e: Entry) => (e.before === 0 ? Infinity : (e.now - e.before) / e.before);
  return entries.filter((e) => e.now > e.before)
    .sort((a, b) => (b.now - b.before) - (a.now - a.before) || rel(b) - rel(a) || a.key.localeCompare(b.key))
    .slice(0, n);
}

async function entriesByKind(c: SectionContext): Promise<Map<Kind, Entry[]>> {
  const totals = await totalsByDim(readsOf(c), TOPIC_KINDS.flatMap((k) => k.metrics), c.period);
  return new Map(TOPIC_KINDS.map((k) => [k, entriesOf(totals, k.metrics)]));
}

async function behind(c: SectionContext, kind: Kind, top: Entry[]) {
  const keys = top.slice(0, BEHIND).map((e) => e.key);
  if (!kind.cases) {
    const threads = await busiestThreads(readsOf(c), keys, c.period.from, c.period.to, BEHIND);
    return keys.map((k) => ({
      label: kind.label(k, c.lang), href: kind.href(k),
      items: threads.filter((t) => t.tag === k).map((t) => ({
        title: t.title, href: `/forum/threads/${t.id}-${t.slug}`,
        note: c.t(t.replies === 1 ? 'dashboard.topics.replyOne' : 'dashboard.topics.replies', { n: formatNumber(c.lang, t.replies) }),
      })),
    }));
  }
  const cases = await newestUseCases(readsOf(c), kind.cases, keys, c.period.from, c.period.to, BEHIND);
  return keys.map((k) => ({
    label: kind.label(k, c.lang), href: kind.href(k),
    items: cases.filter((u) => u.key === k).map((u) => ({ title: u.title, href: `/use-cases/${u.slug}`, date: u.publishedAt })),
  }));
}

async function kindView(c: SectionContext, kind: Kind, entries: Entry[], query: string) {
  const top = entries.filter((e) => e.now > 0).slice(0, TOP);
  const title = c.t(`dashboard.topics.${kind.key}.title`);
  const row = (e: Entry) => {
    const ch = change(c.lang, e.now, e.before);
    return {
      key: e.key, label: kind.label(e.key, c.lang), href: kind.href(e.key),
      now: formatNumber(c.lang, e.now), before: formatNumber(c.lang, e.before),
      change: e.before === 0 && e.now > 0 ? c.t('dashboard.topics.new') : ch.text, direction: ch.direction, isNew: e.before === 0,
    };
  };
  const rows = top.map(row);
  return {
    key: kind.key, title,
    definition: c.t(`dashboard.topics.${kind.key}.definition`),
    csv: `/dashboard/topics/${kind.key}.csv?${query}`,
    top: rows,
    rising: risingOf(entries).map((e) => ({ ...row(e), gain: `+${formatNumber(c.lang, e.now - e.before)}` })),
    behind: top.length ? await behind(c, kind, top) : [],
    behindTitle: c.t(`dashboard.topics.${kind.key}.behind`),
    chart: top.length ? hbarChart({
      id: `dash-topics-${kind.key}`, title: c.t('dashboard.topics.chartTitle', { what: title }),
      summary: c.t('dashboard.topics.chartSummary', { what: title, list: rows.slice(0, 3).map((r) => `${r.label} (${r.now})`).join(', ') }),
      labels: rows.map((r) => r.label),
      series: [
        { name: c.t('dashboard.topics.period'), values: top.map((e) => e.now) },
        { name: c.t('dashboard.topics.previous'), values: top.map((e) => e.before) },
      ],
      format: (n) => formatNumber(c.lang, n),
    }) : null,
  };
}

async function load(c: SectionContext) {
  const byKind = await entriesByKind(c);
  const kinds = await Promise.all(TOPIC_KINDS.map((k) => kindView(c, k, byKind.get(k)!, periodQuery(c.period))));
  return { kinds, empty: kinds.every((k) => !k.top.length) };
}

function csvOf(kind: Kind) {
  return async (c: SectionContext): Promise<CsvTable> => {
    const entries = (await entriesByKind(c)).get(kind)!;
    return {
      header: ['label', 'key', 'period', 'previous', 'change'].map((h) => c.t(`dashboard.topics.csv.${h}`)),
      rows: entries.map((e) => [kind.label(e.key, c.lang), e.key, e.now, e.before, e.now - e.before]),
    };
  };
}

export const topicsSection: DashboardSection = {
  key: 'topics',
  order: 20,
  title: 'dashboard.topics.title',
  partial: 'dashboard/topics',
  ...keptWhole('topics', load),
  csv: Object.fromEntries(TOPIC_KINDS.map((k) => [k.key, csvOf(k)])),
};
