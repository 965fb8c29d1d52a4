// The search contract for working groups: group pages and published results, both for signed-in
// members ('network'). Drafts, drafts in review and archived groups are reported gone.
import type { EntityManager } from 'typeorm';
import { markdownToText } from '../../shared/markdown.js';
import type { SearchDocument } from '../../shared/search-index.js';
import { groupDocRows, publicationDocRows } from './groups.queries.js';

const lang = (l: string): 'de' | 'en' => (l === 'en' ? 'en' : 'de');
const iso = (d: Date) => new Date(d).toISOString();

export async function groupDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  return (await groupDocRows(db, ids)).map((g) => ({
    id: `group:${g.id}`, type: 'group' as const, title: g.name,
    body: `${markdownToText(g.purposeSource)} ${g.guidingQuestions.join(' ')}`.trim(),
    tags: g.themes, topics: [], methods: [], administration: null, state: null, sizeClass: null,
    language: lang(g.language), visibility: 'network' as const, url: `/groups/${g.slug}`, createdAt: iso(g.createdAt), updatedAt: iso(g.updatedAt),
  }));
}

export async function groupResultDocuments(db: EntityManager, ids: number[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  return (await publicationDocRows(db, ids)).map((p) => ({
    id: `group_result:${p.id}`, type: 'group_result' as const, title: p.title, body: markdownToText(p.bodySource),
    tags: [p.groupName, ...p.themes], topics: [], methods: [], administration: null, state: null, sizeClass: null,
    language: lang(p.language), visibility: 'network' as const, url: `/groups/${p.groupSlug}/publications/${p.slug}`,
    createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt),
  }));
}
