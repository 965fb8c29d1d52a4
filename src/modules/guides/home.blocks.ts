// The guides' block on the visitors' home page: the newest published guides.
import type { VisitorBlockLoader } from '../module.js';
import { recentGuides } from './home.queries.js';

export const recentGuidesBlock: VisitorBlockLoader = async (ds) => {
  const found = await recentGuides(ds);
  return {
    key: 'guides-recent',
    order: 20,
    partial: 'guides/recent-block',
    title: 'pages.visitor.guidesTitle',
    showAll: { href: '/guides', label: 'pages.visitor.guidesAll' },
    empty: !found.length,
    data: { items: found.map((g) => ({ href: `/guides/${g.slug}`, title: g.title, summary: g.summary, language: g.language })) },
  };
};
