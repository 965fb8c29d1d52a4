// Section "gaps" (knowledge gaps): the queries searched most often in the period without any result,
// and those whose results nobody opened — top 10 each from the daily rollups, completed from the
// search module's log for those ten (members among the searchers, median results); aggregates only,
// never who searched. Each row links to a pre-filled question in the forum ("ask the network") and
// to a new guide chapter on the topic; CSVs of both lists.
import { type CsvTable, type DashboardSection, type SectionContext, readsOf } from '../dashboard.section.js';
import { change, formatNumber } from '../dashboard.format.js';
import { medianResultsUnopened, searchersWithoutResults } from '../../search/index.js';
import { topUnfound, topUnopened } from '../gaps.queries.js';
import { keptWhole } from '../dashboard.snapshots.js';

const TOP = 10;

/** Queries are stored in lower case; a question or chapter title starts with a capital. */
const titled = (query: string) => query.charAt(0).toLocaleUpperCase('de-DE') + query.slice(1);

/** The two ways to close a gap: ask in the forum, write a guide chapter (both pre-filled). */
function actions(query: string) {
  const title = new URLSearchParams({ title: titled(query) }).toString();
  return { askHref: `/forum/new?${title}`, chapterHref: `/guides/chapters/new?${title}` };
}

async function unfound(c: SectionContext) {
  const { from, to, prevFrom, prevTo } = c.period;
  const top = await topUnfound(readsOf(c), from, to, prevFrom, prevTo, TOP);
  const searchers = top.length ? await searchersWithoutResults(readsOf(c), top.map((r) => r.query), { from, to }) : new Map<string, number>();
  return top.map((r) => ({ ...r, searchers: searchers.get(r.query) ?? 0 }));
}

async function unopened(c: SectionContext) {
  const { from, to } = c.period;
  const top = await topUnopened(readsOf(c), from, to, TOP);
  const results = top.length ? await medianResultsUnopened(readsOf(c), top.map((r) => r.query), { from, to }) : new Map<string, number>();
  return top.map((r) => ({ ...r, results: results.get(r.query) ?? 0 }));
}

async function load(c: SectionContext) {
  const [none, notOpened] = await Promise.all([unfound(c), unopened(c)]);
  const n = (v: number) => formatNumber(c.lang, v);
  return {
    unfound: none.map((r) => ({
      query: r.query, searches: n(r.searches), searchers: n(r.searchers), days: n(r.days), before: n(r.before),
      change: change(c.lang, r.searches, r.before), ...actions(r.query),
    })),
    unopened: notOpened.map((r) => ({ query: r.query, searches: n(r.searches), results: n(r.results), days: n(r.days), ...actions(r.query) })),
  };
}

export const gapsSection: DashboardSection = {
  key: 'gaps',
  order: 60,
  title: 'dashboard.gaps.title',
  partial: 'dashboard/gaps',
  ...keptWhole('gaps', load),
  csv: {
    async 'no-results'(c): Promise<CsvTable> {
      const rows = await unfound(c);
      return {
        header: ['query', 'searches', 'searchers', 'days', 'previous'].map((h) => c.t(`dashboard.gaps.head.${h}`)),
        rows: rows.map((r) => [r.query, r.searches, r.searchers, r.days, r.before]),
      };
    },
    async 'not-opened'(c): Promise<CsvTable> {
      const rows = await unopened(c);
      return {
        header: ['query', 'searches', 'results', 'days'].map((h) => c.t(`dashboard.gaps.head.${h}`)),
        rows: rows.map((r) => [r.query, r.searches, r.results, r.days]),
      };
    },
  },
};
