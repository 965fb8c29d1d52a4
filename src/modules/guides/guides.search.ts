// The search contract: one document per PUBLISHED chapter (guides are public). Chapters of drafts
// never published, archived guides or deleted chapters are reported gone and leave the index.
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument } from '../../shared/search-index.js';

export async function guideChapterDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows = await db.query(
    `SELECT c.id, c.slug, c.title, c.body_source AS source, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
            g.slug AS "guideSlug", g.title AS "guideTitle", g.tags, g.language
       FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
      WHERE c.id = ANY($1) AND g.status = 'published' ORDER BY c.guide_id, c.position, c.id`, [ids]);
  return rows.map((r: Record<string, unknown>) => ({
    id: `guide_chapter:${r.id}`,
    type: 'guide_chapter' as const,
    title: `${r.guideTitle}: ${r.title}`,
    body: markdownToText(String(r.source)),
    tags: r.tags as string[],
    topics: [],
    methods: [],
    administration: null,
    state: null,
    sizeClass: null,
    language: r.language === 'en' ? 'en' : 'de',
    visibility: 'public' as const,
    url: `/guides/${r.guideSlug}/${r.slug}`,
    createdAt: new Date(r.createdAt as string).toISOString(),
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  }));
}
