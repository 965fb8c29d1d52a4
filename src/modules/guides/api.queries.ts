// The JSON API's guide rows (/api/v1/guides and their chapters): published guides only (a draft,
// in-review or archived guide is not found), in the guides page's order (sort order, title), and
// a guide's chapters in their order.
import type { DataSource } from 'typeorm';
import { one, rows } from '../../db/sql.js';

export interface ApiGuideRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  sortOrder: number;
  chapterCount: number;
  verifiedOn: string | null;
  nextReviewOn: string | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export interface ApiChapterRow {
  slug: string;
  title: string;
  position: number;
  bodyHtml: string;
  sourceUrl: string | null;
  sourceTitle: string | null;
  updatedAt: Date;
}

const COLUMNS = `g.id, g.slug, g.title, g.summary, g.language, g.tags, g.sort_order AS "sortOrder",
  (SELECT count(*)::int FROM guide_chapters c WHERE c.guide_id = g.id) AS "chapterCount",
  g.verified_on::text AS "verifiedOn", g.next_review_on::text AS "nextReviewOn", g.published_at AS "publishedAt", g.updated_at AS "updatedAt"`;

export async function apiGuides(ds: DataSource, f: { tag?: string[]; language?: string[] }, limit: number, after: [number, string, number] | null): Promise<ApiGuideRow[]> {
  return rows<ApiGuideRow>(ds,
    `SELECT ${COLUMNS} FROM guides g
      WHERE g.status = 'published' AND g.translation_of_id IS NULL AND ($2::text[] IS NULL OR g.tags && $2::text[]) AND ($3::text[] IS NULL OR g.language = ANY($3::text[]))
        AND ($4::int IS NULL OR (g.sort_order, g.title, g.id) > ($4::int, $5::text, $6::int))
      ORDER BY g.sort_order, g.title, g.id LIMIT $1`,
    [limit, f.tag ?? null, f.language ?? null, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null]);
}

export const apiGuide = (ds: DataSource, slug: string) =>
  one<ApiGuideRow>(ds, `SELECT ${COLUMNS} FROM guides g WHERE g.slug = $1 AND g.status = 'published'`, [slug]);

const CHAPTER = `c.slug, c.title, c.position, c.body_html AS "bodyHtml", c.source_url AS "sourceUrl", c.source_title AS "sourceTitle", c.updated_at AS "updatedAt"`;

export const apiChapters = (ds: DataSource, guideId: number, limit: number, afterPosition: number | null) => rows<ApiChapterRow>(ds,
  `SELECT ${CHAPTER} FROM guide_chapters c WHERE c.guide_id = $1 AND ($3::int IS NULL OR c.position > $3) ORDER BY c.position LIMIT $2`,
  [guideId, limit, afterPosition]);

export const apiChapter = (ds: DataSource, guideId: number, slug: string) =>
  one<ApiChapterRow>(ds, `SELECT ${CHAPTER} FROM guide_chapters c WHERE c.guide_id = $1 AND c.slug = $2`, [guideId, slug]);
