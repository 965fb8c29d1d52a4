// The search port: what the search page, the suggestions, the indexer and the reindex CLI need
// from an engine. Two adapters implement it (PostgreSQL full-text search, Meilisearch) and pass
// the same contract test suite (tests/modules/search/contract.test.ts).
import type { SearchDocType, SearchDocument } from '../../shared/search-index.js';
import type { SimilarityRef } from '../administrations/index.js';

export const FACETS = ['type', 'topic', 'method', 'administration', 'state', 'sizeClass', 'language'] as const;
export type FacetName = (typeof FACETS)[number];

/** Who is searching: a visitor sees only public documents (also in counts); a member sees all. */
export type Audience = 'visitor' | 'member';

/** A document with the version of the change it reflects (the outbox id; higher wins). */
export interface VersionedDocument extends SearchDocument {
  version: number;
}

export interface SearchQuery {
  q: string;
  audience: Audience;
  /** Values within a facet are alternatives (OR); facets combine with AND. */
  filters?: Partial<Record<FacetName, string[]>>;
  page?: number;
  perPage?: number;
  /**
   * 'similar': "municipalities like mine" with the reference in `like`. PostgreSQL ranks use-case
   * hits by the similarity score over what a document holds (Land, size class; the kind is not
   * indexed), other hits after them; Meilisearch cannot sort by a computed score and keeps only the
   * use cases in the reference's Land or of a neighbouring size class, by relevance (README).
   */
  sort?: 'relevance' | 'date' | 'similar';
  like?: SimilarityRef;
  /** Compute facet counts (default true). */
  facets?: boolean;
  /**
   * The reader's language: by relevance, documents in it come first (PostgreSQL over every
   * candidate; Meilisearch, which cannot boost by a field, within each page of results).
   */
  preferLanguage?: string;
}

export interface SearchHit {
  id: string;
  type: SearchDocType;
  title: string;
  /** The title as sanitised HTML with <mark> around matched words. */
  titleHtml: string;
  url: string;
  /** Sanitised HTML: escaped text with <mark> around matches, nothing else. */
  excerptHtml: string;
  language: string;
  administration: string | null;
  updatedAt: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching documents (at most MAX_COUNTED; `totalIsLowerBound` says when there are more). */
  total: number;
  totalIsLowerBound: boolean;
  facets: Record<FacetName, FacetCount[]>;
  /** Query words that were replaced by a lexicon word (one typo). */
  corrections: { from: string; to: string }[];
  page: number;
  perPage: number;
}

export interface Suggestion {
  title: string;
  url: string;
  type: SearchDocType;
  /** The document's language, so the title can be marked (WCAG 3.1.2). */
  language: string;
}

export interface EngineHealth {
  ok: boolean;
  engine: string;
  detail?: string;
}

/** A new index being built beside the live one; `swap` makes it live atomically. */
export interface Rebuild {
  index(docs: VersionedDocument[]): Promise<void>;
  swap(): Promise<void>;
  abort(): Promise<void>;
}

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Idempotent: creates the index and applies its settings. Called at worker boot and by reindex. */
  setup(): Promise<void>;
  /**
   * Upserts; resolves when applied. Ordering between workers is the indexer's job (its version
   * gate); the PostgreSQL adapter also refuses to replace a document by a lower version.
   */
  index(docs: VersionedDocument[]): Promise<void>;
  /** Resolves when applied. */
  delete(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Titles for as-you-type suggestions; the last word is a prefix. */
  suggest(prefix: string, audience: Audience, limit?: number): Promise<Suggestion[]>;
  health(): Promise<EngineHealth>;
  /** Starts building a fresh index beside the live one (reindex without downtime). */
  startRebuild(): Promise<Rebuild>;
  close?(): Promise<void>;
}

export const MAX_COUNTED = 10_000;
export const MAX_PER_PAGE = 50;
export const DEFAULT_PER_PAGE = 20;

export function emptyFacets(): Record<FacetName, FacetCount[]> {
  return { type: [], topic: [], method: [], administration: [], state: [], sizeClass: [], language: [] };
}
