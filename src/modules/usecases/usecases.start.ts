// The use cases' blocks on the member start page ("Mein Praxis"), registered through startPageBlocks.
import { similarityReasons } from '../administrations/index.js';
import type { StartBlockLoader } from '../module.js';
import { usecasesPolicy } from './usecases.policy.js';
import { casesInMyTopics, casesLikeMine, casesNeedingCare, commentsOnMyCases, type StartCaseRow } from './start.queries.js';

const caseItem = (r: StartCaseRow) => ({
  title: r.title, language: r.language, href: `/use-cases/${r.slug}`, administrationName: r.administrationName,
  at: r.at, count: r.count, freshness: r.freshness,
});
const more = (list: { total: number }[]) => Math.max(0, (list[0]?.total ?? 0) - list.length);

/** Comments from others on the cases I own or edit, since my last visit. */
export const commentsOnMyCasesBlock: StartBlockLoader = async (ds, { user, since }) => {
  const list = await commentsOnMyCases(ds, user.id, since);
  return {
    key: 'usecases-comments', order: 11, partial: 'usecases/start-cases', title: 'usecases.start.comments.title',
    data: { items: list.map(caseItem), more: more(list), countKey: 'usecases.start.newComments', emptyKey: 'usecases.start.comments.empty', emptyHref: '/use-cases/new', emptyLink: 'usecases.start.comments.emptyLink' },
    showAll: { href: '/use-cases/mine', label: 'usecases.start.comments.all' },
    empty: list.length === 0,
  };
};

/** New and updated cases from administrations like mine, each with why it is alike. */
export const likeMineBlock: StartBlockLoader = async (ds, { user, since }) => {
  const list = user.administrationId === null ? [] : await casesLikeMine(ds, user.administrationId, since);
  const items = list.map((r) => ({
    ...caseItem(r),
    reasons: similarityReasons({ kind: r.refKind, population: r.refPopulation, state: r.refState }, { kind: r.kind, population: r.population, state: r.state })
      .map((key) => `usecases.start.reason.${key}`),
  }));
  return {
    key: 'usecases-like-mine', order: 20, partial: 'usecases/start-cases', title: 'usecases.start.likeMine.title',
    data: user.administrationId === null
      ? { items, emptyKey: 'usecases.start.likeMine.noAdministration', emptyHref: '/me', emptyLink: 'usecases.start.likeMine.noAdministrationLink' }
      : { items, emptyKey: 'usecases.start.likeMine.empty', emptyHref: '/use-cases/new', emptyLink: 'usecases.start.likeMine.emptyLink' },
    showAll: { href: '/use-cases?sort=similar', label: 'usecases.start.likeMine.all' },
    empty: items.length === 0,
  };
};

/** Cases matching the topics and methods I follow. */
export const followedTopicsBlock: StartBlockLoader = async (ds, { user, since }) => {
  const list = await casesInMyTopics(ds, user.id, since);
  return {
    key: 'usecases-topics', order: 22, partial: 'usecases/start-cases', title: 'usecases.start.topics.title',
    data: { items: list.map(caseItem), more: more(list), emptyKey: 'usecases.start.topics.empty', emptyHref: '/use-cases', emptyLink: 'usecases.start.topics.emptyLink' },
    showAll: { href: '/use-cases', label: 'usecases.start.topics.all' },
    empty: list.length === 0,
  };
};

/** Facilitators: cases past their review date and open comment flags (null for members). */
export const caseCareBlock: StartBlockLoader = async (ds, { user }) => {
  if (!usecasesPolicy.isFacilitator(user)) return null;
  const { overdue, openFlags } = await casesNeedingCare(ds);
  return {
    key: 'usecases-care', order: 62, partial: 'usecases/start-care', title: 'usecases.start.care.title',
    data: { overdue: overdue.map((r) => ({ title: r.title, language: r.language, href: `/use-cases/${r.slug}`, at: r.at })), more: more(overdue), openFlags },
    showAll: { href: '/use-cases/review', label: 'usecases.start.care.all' },
    empty: overdue.length === 0 && openFlags === 0,
  };
};

export const usecasesStartBlocks: StartBlockLoader[] = [commentsOnMyCasesBlock, likeMineBlock, followedTopicsBlock, caseCareBlock];
