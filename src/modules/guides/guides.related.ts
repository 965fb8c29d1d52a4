// "Related" on a guide page: use cases, forum threads and quizzes sharing the guide's tags.
// The other modules are built in parallel; after merging, each contributes a finder here, e.g.
//   relatedFinders.push((ds, g) => findUseCasesByTags(ds, g.tags, 5))   // usecases/index.ts
// matching by shared tags (`tags && $1`), published/visible items only, at most five per kind.
import type { DataSource } from 'typeorm';

export interface RelatedItem {
  kind: 'use_case' | 'thread' | 'quiz';
  title: string;
  url: string;
}

export type RelatedFinder = (ds: DataSource, guide: { id: number; tags: string[] }) => Promise<RelatedItem[]>;

export const relatedFinders: RelatedFinder[] = [];

export async function relatedForGuide(ds: DataSource, guide: { id: number; tags: string[] }): Promise<RelatedItem[]> {
  if (!guide.tags.length) return [];
  const lists = await Promise.all(relatedFinders.map((f) => f(ds, guide)));
  return lists.flat();
}
