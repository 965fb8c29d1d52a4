// The PostgreSQL engine counts facets, totals and ranks in its one search statement (GROUP BY over the
// candidates, ORDER BY in SQL): these must equal what a direct count over the documents gives, and
// the pages must follow the documented order (title matches by rank, then newest, then id).
import { describe, expect, it } from '@jest/globals';
import type { PostgresSearchEngine } from '../../../src/modules/search/postgres.engine.js';
import { FACETS, type FacetCount, type FacetName, type SearchResult, type VersionedDocument } from '../../../src/modules/search/search.engine.js';
import { doc, usePostgresEngine } from '../../support/search-factories.js';

const STATES = ['BY', 'NW', 'HE', null];
const SIZES = ['lt10k', '10k-20k', null];
/** 120 documents; every third has "Zaunkönig" in its title, every one in its body; facets vary, arrays repeat values. */
const corpus: VersionedDocument[] = Array.from({ length: 120 }, (_, i) =>
  doc({
    id: `${['thread', 'reply', 'use_case'][i % 3]}:${i + 1}`,
    title: i % 3 === 0 ? `Zaunkönig ${i + 1}` : `Bericht ${i + 1}`,
    body: `Ein Zaunkönig im Park, Nummer ${i + 1}.`,
    topics: i % 4 === 0 ? ['finance', 'finance', 'mobility'] : i % 4 === 1 ? ['mobility'] : [],
    methods: i % 5 === 0 ? ['survey'] : [],
    administration: i % 6 === 0 ? null : `Verwaltung ${i % 7}`,
    state: STATES[i % STATES.length]!,
    sizeClass: SIZES[i % SIZES.length]!,
    language: i % 10 === 0 ? 'en' : 'de',
    visibility: i % 2 ? 'public' : 'network',
    // Several documents share a time, so the id decides between them.
    updatedAt: new Date(Date.UTC(2026, 0, 1 + (i % 40))).toISOString(),
  }),
);

/** The facet counts of `docs` as the contract defines them (array values once per document, sorted). */
function directCounts(docs: VersionedDocument[]): Record<FacetName, FacetCount[]> {
  const values: Record<FacetName, (d: VersionedDocument) => (string | null)[]> = {
    type: (d) => [d.type], topic: (d) => [...new Set(d.topics)], method: (d) => [...new Set(d.methods)],
    administration: (d) => [d.administration], state: (d) => [d.state], sizeClass: (d) => [d.sizeClass], language: (d) => [d.language],
  };
  const out = {} as Record<FacetName, FacetCount[]>;
  for (const facet of FACETS) {
    const counts = new Map<string, number>();
    for (const d of docs) for (const v of values[facet](d)) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    out[facet] = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}

/** Every page of a search, concatenated. */
async function allHits(engine: PostgresSearchEngine, q: Parameters<PostgresSearchEngine['search']>[0]): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const r: SearchResult = await engine.search({ ...q, page, perPage: 7 });
    ids.push(...r.hits.map((h) => h.id));
    if (r.hits.length < 7) return ids;
  }
}

describe('search counts and ranking in SQL (PostgreSQL engine)', () => {
  const pg = usePostgresEngine('search_sqlc_', { options: { titleCandidates: 200, candidates: 500 }, documents: corpus });

  it('when every match is a candidate, then total and facet counts equal a direct count, for members and visitors', async () => {
    const member = await pg.engine.search({ q: 'Zaunkönig', audience: 'member' });
    expect(member.total).toBe(120);
    expect(member.totalIsLowerBound).toBe(false);
    expect(member.facets).toEqual(directCounts(corpus));
    const visitor = await pg.engine.search({ q: 'Zaunkönig', audience: 'visitor' });
    const visible = corpus.filter((d) => d.visibility === 'public');
    expect(visitor.total).toBe(visible.length);
    expect(visitor.facets).toEqual(directCounts(visible));
  });

  it('when filters are applied, then the counts are those of the filtered matches', async () => {
    const r = await pg.engine.search({ q: 'Zaunkönig', audience: 'member', filters: { state: ['BY', 'HE'], topic: ['mobility'] } });
    const kept = corpus.filter((d) => (d.state === 'BY' || d.state === 'HE') && d.topics.includes('mobility'));
    expect(kept.length).toBeGreaterThan(5);
    expect(r.total).toBe(kept.length);
    expect(r.facets).toEqual(directCounts(kept));
  });

  it('when the query has no words, then the newest documents are counted and listed', async () => {
    const r = await pg.engine.search({ q: '', audience: 'member', filters: { type: ['use_case'] } });
    const kept = corpus.filter((d) => d.type === 'use_case');
    expect(r.total).toBe(kept.length);
    expect(r.facets).toEqual(directCounts(kept));
    expect(await allHits(pg.engine, { q: '', audience: 'member', filters: { type: ['use_case'] } }))
      .toEqual([...kept].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || (a.id < b.id ? -1 : 1)).map((d) => d.id));
  });

  it('when paging by relevance, then title matches come first (equal rank: newest, then id), then the other matches newest first', async () => {
    const newest = (a: VersionedDocument, b: VersionedDocument) => b.updatedAt.localeCompare(a.updatedAt) || (a.id < b.id ? -1 : 1);
    const inTitle = corpus.filter((d) => d.title.startsWith('Zaunkönig')).sort(newest);
    const others = corpus.filter((d) => !d.title.startsWith('Zaunkönig')).sort(newest);
    expect(await allHits(pg.engine, { q: 'Zaunkönig', audience: 'member' })).toEqual([...inTitle, ...others].map((d) => d.id));
  });

  it('when the reader prefers a language, then its documents come first within the same order', async () => {
    const ids = await allHits(pg.engine, { q: 'Zaunkönig', audience: 'member', preferLanguage: 'en' });
    const english = corpus.filter((d) => d.language === 'en').length;
    expect(ids.slice(0, english).every((id) => corpus.find((d) => d.id === id)!.language === 'en')).toBe(true);
    expect(new Set(ids).size).toBe(120);
  });

  it('when there are more matches than candidates, then the total is the candidates and reported as a lower bound', async () => {
    const small = pg.sameTables({ titleCandidates: 10, candidates: 30 });
    const r = await small.search({ q: 'Zaunkönig', audience: 'member', perPage: 50 });
    expect(r.totalIsLowerBound).toBe(true);
    expect(r.total).toBeGreaterThanOrEqual(30);
    expect(r.total).toBeLessThanOrEqual(40);
    expect(r.facets.type.reduce((n, f) => n + f.count, 0)).toBe(r.total);
    expect(r.hits).toHaveLength(r.total);
  });
});
