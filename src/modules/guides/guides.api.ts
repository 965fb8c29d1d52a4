// Guides and their chapters in the JSON API (/api/v1/guides, /api/v1/guides/{guide}/chapters):
// published guides only; all public (guides have no network-only content).
import { z } from 'zod';
import type { ApiResource, AppContext } from '../module.js';
import { apiChapter, apiChapters, apiGuide, apiGuides, type ApiChapterRow, type ApiGuideRow } from './api.queries.js';

const guideItem = z
  .object({
    slug: z.string().describe('Unique, stable key: /api/v1/guides/{slug}.'),
    title: z.string().describe('Title, in the guide\'s language.'),
    summary: z.string().describe('Short summary (plain text, may be empty).'),
    language: z.enum(['de', 'en']).describe('Language of the guide.'),
    tags: z.array(z.string()).describe('Tags (as in the "tag" filter).'),
    chapterCount: z.number().int().describe('Number of chapters.'),
    verifiedOn: z.iso.date().nullable().describe('When an expert last checked the content (YYYY-MM-DD), or null.'),
    nextReviewOn: z.iso.date().nullable().describe('When the next check is due (YYYY-MM-DD), or null.'),
    publishedAt: z.iso.datetime().nullable().describe('When it was first published (RFC 3339); null for guides imported before this was recorded.'),
    updatedAt: z.iso.datetime().describe('When it last changed (RFC 3339).'),
    url: z.url().describe('The guide\'s page on Praxis.'),
    chaptersUrl: z.url().describe('Its chapters in the API.'),
  })
  .describe('A published guide as listed.');

const chapterItem = z
  .object({
    slug: z.string().describe('Key of the chapter within its guide: /api/v1/guides/{guide}/chapters/{chapter}.'),
    title: z.string().describe('Title of the chapter.'),
    position: z.number().int().describe('Place in the guide, from 1.'),
    updatedAt: z.iso.datetime().describe('When it last changed (RFC 3339).'),
    url: z.url().describe('The chapter\'s page on Praxis.'),
  })
  .describe('A chapter of a guide as listed.');

const chapterDetail = chapterItem
  .extend({
    html: z.string().describe('The chapter\'s text as sanitised HTML.'),
    source: z
      .object({ url: z.string().describe('Address of the source.'), title: z.string().nullable().describe('Its title, or null.') })
      .nullable()
      .describe('Where the chapter was taken from (e.g. a forum thread), or null.'),
  })
  .describe('A chapter with its text.');

const guideDetail = guideItem
  .extend({ chapters: z.array(chapterItem).describe('The chapters in order (without their text).') })
  .describe('A published guide with its table of contents.');

export function guideApi(ctx: AppContext): ApiResource[] {
  const base = ctx.config.baseUrl;
  const guide = (g: ApiGuideRow) => ({
    slug: g.slug,
    title: g.title,
    summary: g.summary,
    language: g.language,
    tags: g.tags,
    chapterCount: g.chapterCount,
    verifiedOn: g.verifiedOn,
    nextReviewOn: g.nextReviewOn,
    publishedAt: g.publishedAt?.toISOString() ?? null,
    updatedAt: g.updatedAt.toISOString(),
    url: `${base}/guides/${g.slug}`,
    chaptersUrl: `${base}/api/v1/guides/${g.slug}/chapters`,
  });
  const chapter = (guideSlug: string, c: ApiChapterRow) => ({
    slug: c.slug,
    title: c.title,
    position: c.position,
    updatedAt: c.updatedAt.toISOString(),
    url: `${base}/guides/${guideSlug}/${c.slug}`,
  });
  const guides: ApiResource = {
    tag: 'Guides',
    path: '/guides',
    detailPath: '/guides/{slug}',
    pathParams: { slug: 'The guide\'s slug.' },
    summary: { list: 'Published guides.', detail: 'One published guide with its table of contents.', order: 'In the order of the guides page (curated order, then title).' },
    names: { item: 'GuideSummary', detail: 'Guide' },
    item: guideItem,
    detailSchema: guideDetail,
    filters: [
      { name: 'tag', description: 'Tag.', schema: z.string().min(1).max(100), multiple: true },
      { name: 'language', description: 'Language of the guide.', schema: z.enum(['de', 'en']), multiple: true },
    ],
    cursor: z.tuple([z.number().int(), z.string(), z.number().int()]),
    async list(ds, { filters: f, limit, after }) {
      const rows = await apiGuides(ds, { tag: f.tag as string[] | undefined, language: f.language as string[] | undefined }, limit, after as [number, string, number] | null);
      return rows.map((g) => ({ entry: { data: guide(g), networkOnly: false }, key: [g.sortOrder, g.title, g.id] }));
    },
    async detail(ds, { params }) {
      const g = await apiGuide(ds, params.slug!);
      if (!g) return null;
      const chapters = await apiChapters(ds, g.id, 1000, null);
      return { data: { ...guide(g), chapters: chapters.map((c) => chapter(g.slug, c)) }, networkOnly: false };
    },
  };
  const chapters: ApiResource = {
    tag: 'Guides',
    path: '/guides/{guide}/chapters',
    detailPath: '/guides/{guide}/chapters/{chapter}',
    pathParams: { guide: 'The guide\'s slug.', chapter: 'The chapter\'s slug.' },
    summary: { list: 'The chapters of a published guide.', detail: 'One chapter with its text.', order: 'In the guide\'s order.' },
    names: { item: 'GuideChapterSummary', detail: 'GuideChapter' },
    item: chapterItem,
    detailSchema: chapterDetail,
    filters: [],
    cursor: z.tuple([z.number().int()]),
    async list(ds, { params, limit, after }) {
      const g = await apiGuide(ds, params.guide!);
      if (!g) return null;
      const rows = await apiChapters(ds, g.id, limit, (after?.[0] as number | undefined) ?? null);
      return rows.map((c) => ({ entry: { data: chapter(g.slug, c), networkOnly: false }, key: [c.position] }));
    },
    async detail(ds, { params }) {
      const g = await apiGuide(ds, params.guide!);
      const c = g ? await apiChapter(ds, g.id, params.chapter!) : null;
      if (!g || !c) return null;
      return {
        data: { ...chapter(g.slug, c), html: c.bodyHtml, source: c.sourceUrl ? { url: c.sourceUrl, title: c.sourceTitle } : null },
        networkOnly: false,
      };
    },
  };
  return [guides, chapters];
}
