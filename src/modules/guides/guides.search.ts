// The search contract: one document per PUBLISHED chapter (guides are public). Chapters of drafts
// never published, archived guides or deleted chapters are reported gone and leave the index.
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import { searchLanguage, type SearchDocument } from '../../shared/search-index.js';
import { publishedChapterRows } from './search.queries.js';

export async function guideChapterDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows = await publishedChapterRows(db, ids);
  return rows.map((r) => ({
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
    language: searchLanguage(r.language),
    visibility: 'public' as const,
    url: `/guides/${r.guideSlug}/${r.slug}${r.translated ? `?lang=${String(r.language)}` : ''}`,
    createdAt: new Date(r.createdAt as string).toISOString(),
    updatedAt: new Date(r.updatedAt as string).toISOString(),
  }));
}
