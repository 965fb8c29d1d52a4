// "Related" on a guide page: use cases, forum threads, courses and quizzes that fit the guide.
// Each module contributes a finder from its own index.ts (usecases, forum, academy): matching by
// shared tags (or, for the academy, by the guide's slug), visible items only, at most five per kind,
// each one bounded query. The viewer decides what may be shown (members-only content needs a session).
import type { DataSource } from 'typeorm';

export interface RelatedItem {
  kind: 'use_case' | 'thread' | 'course' | 'quiz';
  title: string;
  /** The item's own language ('de' | 'en'), for lang="…" on English pages. */
  language: string;
  url: string;
}

export interface RelatedGuide {
  id: number;
  slug: string;
  tags: string[];
}

export interface RelatedViewer {
  /** Signed-in members may see network-only use cases and members-only threads. */
  signedIn: boolean;
}

export type RelatedFinder = (ds: DataSource, guide: RelatedGuide, viewer: RelatedViewer) => Promise<RelatedItem[]>;

/** At most this many items per finder. */
export const RELATED_LIMIT = 5;

export const relatedFinders: RelatedFinder[] = [];

const KIND_ORDER: RelatedItem['kind'][] = ['use_case', 'thread', 'course', 'quiz'];

export function registerRelatedFinder(finder: RelatedFinder): void {
  if (!relatedFinders.includes(finder)) relatedFinders.push(finder);
}

export async function relatedForGuide(ds: DataSource, guide: RelatedGuide, viewer: RelatedViewer = { signedIn: false }): Promise<RelatedItem[]> {
  const lists = await Promise.all(relatedFinders.map((f) => f(ds, guide, viewer)));
  // Same order whatever order the modules registered in: use cases, threads, courses, quizzes.
  return lists.flatMap((l) => l.slice(0, RELATED_LIMIT)).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}
