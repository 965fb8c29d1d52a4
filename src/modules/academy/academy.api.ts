// Academy courses in the JSON API (/api/v1/academy/courses): every course not archived, with its
// guides and quizzes (all public, as the academy's pages are). Members' attempts and certificates
// are personal and never in the API.
import { z } from 'zod';
import type { ApiResource, AppContext } from '../module.js';
import { apiCourse, apiCourses, type ApiCourseRow } from './api.queries.js';

const item = z
  .object({
    slug: z.string().describe('Unique, stable key: /api/v1/academy/courses/{slug}.'),
    title: z.string().describe('Title, in the course\'s language.'),
    summary: z.string().describe('Summary (plain text / Markdown source, may be empty).'),
    language: z.enum(['de', 'en']).describe('Language of the course.'),
    guides: z.array(z.string()).describe('Slugs of the guides the course works through, in order (/api/v1/guides/{slug}).'),
    quizCount: z.number().int().describe('Number of quizzes.'),
    updatedAt: z.iso.datetime().describe('When it last changed (RFC 3339).'),
    url: z.url().describe('The course\'s page on Praxis.'),
  })
  .describe('An academy course as listed.');

const detail = item
  .extend({
    summaryHtml: z.string().describe('The summary as sanitised HTML.'),
    quizzes: z
      .array(z.object({
        slug: z.string().describe('The quiz\'s slug.'),
        title: z.string().describe('Its title.'),
        language: z.enum(['de', 'en']).describe('Its language.'),
        url: z.url().describe('The quiz\'s page on Praxis (taking it needs an account).'),
      }))
      .describe('The quizzes of the course, in order.'),
  })
  .describe('An academy course with its quizzes.');

export function courseApi(ctx: AppContext): ApiResource {
  const base = ctx.config.baseUrl;
  const present = (c: ApiCourseRow) => ({
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    language: c.language,
    guides: c.guideSlugs,
    quizCount: c.quizzes.length,
    updatedAt: c.updatedAt.toISOString(),
    url: `${base}/academy/courses/${c.slug}`,
  });
  return {
    tag: 'Academy',
    path: '/academy/courses',
    detailPath: '/academy/courses/{slug}',
    pathParams: { slug: 'The course\'s slug.' },
    summary: { list: 'Academy courses.', detail: 'One course with its quizzes.', order: 'By title.' },
    names: { item: 'CourseSummary', detail: 'Course' },
    item,
    detailSchema: detail,
    filters: [{ name: 'language', description: 'Language of the course.', schema: z.enum(['de', 'en']), multiple: true }],
    cursor: z.tuple([z.string(), z.number().int()]),
    async list(ds, { filters: f, limit, after }) {
      const rows = await apiCourses(ds, (f.language as string[] | undefined) ?? null, limit, after as [string, number] | null);
      return rows.map((c) => ({ entry: { data: present(c), networkOnly: false }, key: [c.title, c.id] }));
    },
    async detail(ds, { params }) {
      const c = await apiCourse(ds, params.slug!);
      if (!c) return null;
      return {
        data: { ...present(c), summaryHtml: c.summaryHtml, quizzes: c.quizzes.map((q) => ({ ...q, url: `${base}/academy/quizzes/${q.slug}` })) },
        networkOnly: false,
      };
    },
  };
}
