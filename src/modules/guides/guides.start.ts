// The guides' block on the facilitators' start page ("Mein Praxis"): the review queue and overdue guides.
import { isFacilitator } from '../../shared/identity.js';
import type { StartBlockLoader } from '../module.js';
import { guidesNeedingCare, type GuideCareRow } from './start.queries.js';

const view = (list: GuideCareRow[]) => list.map((g) => ({ title: g.title, language: g.language, at: g.at, href: g.kind === 'review' ? `/guides/${g.slug}/review` : `/guides/${g.slug}` }));
const more = (list: GuideCareRow[]) => Math.max(0, (list[0]?.total ?? 0) - list.length);

export const guideCareBlock: StartBlockLoader = async (ds, { user }) => {
  if (!isFacilitator(user)) return null;
  const found = await guidesNeedingCare(ds);
  const review = found.filter((g) => g.kind === 'review');
  const due = found.filter((g) => g.kind === 'due');
  return {
    key: 'guides-care', order: 60, partial: 'guides/start-care', title: 'guides.start.title',
    data: { review: view(review), reviewMore: more(review), due: view(due), dueMore: more(due) },
    showAll: { href: '/guides/review', label: 'guides.start.all' },
    empty: found.length === 0,
  };
};
