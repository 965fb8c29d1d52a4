// "Passend dazu" on a guide page: courses that include the guide, and quizzes with questions that
// test one of its chapters (`//! chapter: guide/chapter`). Two bounded queries, five items each.
import type { RelatedFinder, RelatedItem } from '../module.js';

export const relatedCourses: RelatedFinder = async (ds, guide) =>
  ds.query(
    `SELECT 'course' AS kind, title, language, '/academy/courses/' || slug AS url FROM academy_courses
      WHERE archived_at IS NULL AND $1 = ANY(guide_slugs) ORDER BY title LIMIT 5`, [guide.slug]) as Promise<RelatedItem[]>;

export const relatedQuizzes: RelatedFinder = async (ds, guide) =>
  ds.query(
    `SELECT 'quiz' AS kind, q.title, q.language, '/academy/quizzes/' || q.slug AS url FROM academy_quizzes q
      WHERE q.archived_at IS NULL AND EXISTS (
        SELECT 1 FROM academy_questions x WHERE x.quiz_id = q.id AND x.archived_at IS NULL AND split_part(x.chapter_ref, '/', 1) = $1)
      ORDER BY q.title LIMIT 5`, [guide.slug]) as Promise<RelatedItem[]>;
