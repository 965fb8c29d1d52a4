// "Related" on a guide page: use cases, forum threads, courses and quizzes that fit the guide.
// Each module contributes finders through its `relatedToGuide` hook (usecases, forum, academy): matching by
// shared tags (or, for the academy, by the guide's slug), visible items only, at most five per kind,
// each one bounded query. The viewer decides what may be shown (members-only content needs a session).
import type { DataSource } from 'typeorm';
import type { PraxisModule, RelatedGuide, RelatedItem, RelatedViewer } from '../module.js';

/** At most this many items per finder. */
export const RELATED_LIMIT = 5;

const KIND_ORDER: RelatedItem['kind'][] = ['use_case', 'thread', 'course', 'quiz'];

export async function relatedForGuide(modules: readonly PraxisModule[], ds: DataSource, guide: RelatedGuide, viewer: RelatedViewer = { signedIn: false }): Promise<RelatedItem[]> {
  const finders = modules.flatMap((m) => m.relatedToGuide ?? []);
  const lists = await Promise.all(finders.map((f) => f(ds, guide, viewer)));
  // Same order whatever the order of the modules: use cases, threads, courses, quizzes.
  return lists.flatMap((l) => l.slice(0, RELATED_LIMIT)).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
