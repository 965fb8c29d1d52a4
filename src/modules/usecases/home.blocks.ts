// What the use-case library adds to pages of other modules: the visitors' home page (figure and
// newest public cases) and a member's profile (their interests and the topics they follow).
import type { DataSource } from 'typeorm';
import type { NetworkFigure, ProfileSectionLoader, VisitorBlockLoader } from '../module.js';
import { formatDate } from '../../shared/i18n.js';
import { ownProfileValues } from '../accounts/index.js';
import { publishedUseCaseCount, recentPublicUseCases } from './home.queries.js';
import { topicFollowsOf } from './topic-follows.store.js';
import { termLabel } from './usecases.taxonomy.js';

export const useCaseFigures = async (ds: DataSource): Promise<NetworkFigure[]> =>
  [{ order: 30, label: 'pages.visitor.figures.useCases', value: await publishedUseCaseCount(ds) }];

export const recentUseCasesBlock: VisitorBlockLoader = async (ds, lang) => {
  const found = await recentPublicUseCases(ds);
  return {
    key: 'usecases-recent',
    order: 10,
    partial: 'usecases/recent-block',
    title: 'usecases.topics.recentTitle',
    showAll: { href: '/use-cases', label: 'usecases.topics.recentAll' },
    empty: !found.length,
    data: {
      items: found.map((c) => ({
        href: `/use-cases/${c.slug}`, title: c.title, summary: c.summary, language: c.language,
        administrationName: c.administrationName, publishedAt: c.publishedAt ? formatDate(lang, c.publishedAt) : '',
      })),
    },
  };
};

/** The member's interests (policy areas, from their profile) and the topics and methods they follow. */
export const interestsSection: ProfileSectionLoader = async (ds, userId, viewer) => {
  if (!viewer) return null;
  const [profile, follows] = await Promise.all([ownProfileValues(ds, userId), topicFollowsOf(ds, userId)]);
  const lang = viewer.language;
  const interests = (profile?.interests ?? []).map((k) => ({ label: termLabel('policy-areas', k, lang), href: `/use-cases?topic=${encodeURIComponent(k)}` }));
  // What a member follows is their own business: shown to themselves only.
  const followed = (viewer.id === userId ? follows : []).map((f) => ({
    label: termLabel(f.facet === 'topic' ? 'policy-areas' : 'methods', f.key, lang), href: `/use-cases?${f.facet}=${encodeURIComponent(f.key)}`,
  }));
  if (!interests.length && !followed.length) return null;
  return { partial: 'usecases/interests-section', data: { interests, followed, own: viewer.id === userId } };
};
