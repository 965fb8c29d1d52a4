// The search contract for courses: turns course ids into search documents (archived ones vanish).
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument } from '../../shared/search-index.js';
import { coursesForSearch } from './academy.queries.js';

export async function courseSearchSource(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const courses = await coursesForSearch(db, ids);
  return courses.map((c) => ({
    id: `course:${c.id}`,
    type: 'course' as const,
    title: c.title,
    body: [markdownToText(c.summary), c.quizzes].filter(Boolean).join('\n'),
    tags: c.guideSlugs,
    topics: [],
    methods: [],
    administration: null,
    state: null,
    sizeClass: null,
    language: c.language,
    visibility: 'public' as const,
    url: `/academy/courses/${c.slug}`,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
  }));
}
