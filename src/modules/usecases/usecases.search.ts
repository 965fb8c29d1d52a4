// The search contract: documents for published use cases (drafts and missing ids are reported
// gone, so the index drops them). Topics are the policy areas; tags add the administration's name,
// state, size class and the methods, so search can facet and rank "municipalities like mine".
import type { EntityManager } from 'typeorm';
import type { SearchDocument } from '../../shared/search-index.js';
import { publishedCaseRows } from './search.queries.js';
import { narrativeText } from './usecases.export.js';

export async function useCaseDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows = await publishedCaseRows(db, ids);
  return rows.map((r) => ({
    id: `use_case:${r.id}`,
    type: 'use_case' as const,
    title: r.title,
    body: `${r.summary} ${narrativeText(r.narrative)}`.trim(),
    tags: [r.administration, r.state, r.sizeClass, r.status].filter(Boolean),
    topics: r.policyAreas,
    methods: r.methods,
    administration: r.administration,
    state: r.state,
    sizeClass: r.sizeClass,
    language: r.language === 'en' ? 'en' : 'de',
    visibility: r.visibility === 'public' ? 'public' : 'network',
    url: `/use-cases/${r.slug}`,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  }));
}
