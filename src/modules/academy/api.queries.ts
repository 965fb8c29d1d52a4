// The JSON API's course rows (/api/v1/academy/courses): courses not archived, by title then id
// (the cursor's keyset), with their quizzes (not archived) in order.
import { one, rows, type Queryable } from '../../db/sql.js';
import type { CourseRow } from './academy.queries.js';

/** A course as its page reads it (without its source file) and its quizzes. */
export type ApiCourseRow = Omit<CourseRow, 'source'> & {
  quizzes: { slug: string; title: string; language: string }[];
  updatedAt: Date;
};

const COLUMNS = `c.id, c.slug, c.title, c.summary, c.summary_html AS "summaryHtml", c.language, c.guide_slugs AS "guideSlugs", c.updated_at AS "updatedAt",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('slug', q.slug, 'title', q.title, 'language', q.language) ORDER BY cq.position)
              FROM academy_course_quizzes cq JOIN academy_quizzes q ON q.id = cq.quiz_id
             WHERE cq.course_id = c.id AND q.archived_at IS NULL), '[]'::jsonb) AS quizzes`;

export const apiCourses = (db: Queryable, language: string[] | null, limit: number, after: [string, number] | null) => rows<ApiCourseRow>(db,
  `SELECT ${COLUMNS} FROM academy_courses c
    WHERE c.archived_at IS NULL AND ($2::text[] IS NULL OR c.language = ANY($2::text[]))
      AND ($3::text IS NULL OR (c.title, c.id) > ($3::text, $4::int))
    ORDER BY c.title, c.id LIMIT $1`,
  [limit, language, after?.[0] ?? null, after?.[1] ?? null]);

export const apiCourse = (db: Queryable, slug: string) =>
  one<ApiCourseRow>(db, `SELECT ${COLUMNS} FROM academy_courses c WHERE c.slug = $1 AND c.archived_at IS NULL`, [slug]);
