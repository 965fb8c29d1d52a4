// The search contract for course translations (issue 18): a translated course is a document in its
// language ('course_translation', keyed by courseTranslationKey) with the type facet "course", whose
// result opens the original's address with `?lang=`. Its body lists the course's quizzes by their
// translated titles, so a quiz translation is found through its course (quizzes have no documents
// of their own). A translation still identical to the original is left out.
import type { EntityManager } from 'typeorm';
import type { Queryable } from '../../db/sql.js';
import { markdownToText } from '../../shared/markdown.js';
import { queueSearchIndex, type SearchDocument } from '../../shared/search-index.js';
import {
  courseTranslationKey, courseTranslationKeys, courseTranslationKeysOf, courseTranslationOfKey, courseTranslationsForSearch,
} from './translations.store.js';

export async function courseTranslationSearchSource(db: EntityManager, keys: number[]): Promise<SearchDocument[]> {
  const pairs = keys.flatMap((k) => courseTranslationOfKey(k) ?? []);
  // Every content language: the engines stem each in its own configuration (postgres.engine.ts).
  const found = await courseTranslationsForSearch(db, pairs);
  return found.map((t) => ({
    id: `course_translation:${courseTranslationKey(t.courseId, t.language)}`,
    type: 'course' as const,
    title: t.title,
    body: [markdownToText(t.summary), t.quizzes].filter(Boolean).join('\n'),
    tags: t.guideSlugs,
    topics: [],
    methods: [],
    administration: null,
    state: null,
    sizeClass: null,
    language: t.language,
    visibility: 'public' as const,
    url: `/academy/courses/${t.slug}?lang=${t.language}`,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  }));
}

export const courseTranslationSearchIds = (db: EntityManager, after: number, limit: number) => courseTranslationKeys(db, after, limit);

/** Queues a course's translation document in `language` (in the transaction of the change). */
export const queueCourseTranslationIndex = (db: Queryable, courseId: number, language: string) =>
  queueSearchIndex(db as EntityManager, 'course_translation', courseTranslationKey(courseId, language));

/** Queues the courses' documents and their translations' (their title, summary, quizzes or state changed). */
export async function queueCoursesIndex(db: Queryable, courseIds: number[]): Promise<void> {
  for (const id of courseIds) await queueSearchIndex(db as EntityManager, 'course', id);
  for (const key of await courseTranslationKeysOf(db, courseIds)) await queueSearchIndex(db as EntityManager, 'course_translation', key);
}
