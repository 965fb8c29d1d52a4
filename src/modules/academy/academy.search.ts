// The search contract for courses: turns course ids into search documents (archived ones vanish).
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument } from '../../shared/search-index.js';

export async function courseSearchSource(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows = await db.query(
    `SELECT c.id, c.slug, c.title, c.summary, c.language, c.guide_slugs AS "guideSlugs", c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            coalesce((SELECT string_agg(q.title, ' · ' ORDER BY cq.position) FROM academy_course_quizzes cq
                        JOIN academy_quizzes q ON q.id = cq.quiz_id WHERE cq.course_id = c.id), '') AS quizzes
       FROM academy_courses c WHERE c.id = ANY($1) AND c.archived_at IS NULL`, [ids]);
  return rows.map((c: { id: number; slug: string; title: string; summary: string; language: 'de' | 'en'; guideSlugs: string[]; createdAt: Date; updatedAt: Date; quizzes: string }) => ({
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
