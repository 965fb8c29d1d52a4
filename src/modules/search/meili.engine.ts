// The Meilisearch adapter (used when MEILI_URL is set), with the official client. Index settings
// (searchable / filterable / sortable attributes, typo tolerance, German stop words and synonyms
// from content/search/) are applied idempotently by setup(), which the worker runs at boot.
// Writes wait for their task (only the worker and the reindex CLI write); searches never wait.
// Languages: Meilisearch does not stem, and its language settings (localizedAttributes) apply per
// attribute, not per document; the index tells it which languages the text may be in (the content
// languages), so that it tokenises and normalises for those instead of guessing among all it knows,
// and each search names them too (locales). See meiliLocales(). With only German and English
// configured (the default) neither is set: the index and its searches stay exactly as they were.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch, type Settings, type Task } from 'meilisearch';
import YAML from 'yaml';
import { projectRoot } from '../../paths.js';
import type { SearchDocument } from '../../shared/search-index.js';
import { sizeClassOf, SIZE_CLASSES, type SizeClass } from '../administrations/index.js';
import {
  emptyFacets,
  DEFAULT_PER_PAGE,
  MAX_COUNTED,
  MAX_PER_PAGE,
  type Audience,
  type EngineHealth,
  type FacetName,
  type Rebuild,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
  type Suggestion,
  type VersionedDocument,
} from './search.engine.js';
import { HL_END, HL_START, highlightHtml, joinedForms, stripMarkers } from './search.text.js';

export interface MeiliEngineOptions {
  host: string;
  apiKey?: string;
  /** Index uid (tests use their own). */
  index?: string;
  /** The content languages (CONTENT_LANGUAGES, default de,en). */
  languages?: readonly string[];
}

/**
 * The ISO 639-1 codes Meilisearch accepts as locales (its settings reference, localizedAttributes);
 * Norwegian is "nb" there. A content language it does not know is left out: naming it would make
 * the settings update fail.
 */
const MEILI_LOCALES = new Set(
  ('af ak am ar az be bn bg ca cs da de el en eo et fi fr gu he hi hr hu hy id it jv ja kn ka km ko la lv lt ml mr mk my ne nl nb or pa fa '
    + 'pl pt ro ru si sk sl sn es sr sv ta te tl th tk tr uk ur uz vi yi zh zu').split(' '),
);

/** The locales of the content languages that Meilisearch knows ("no"/"nn" as "nb"), in order, once each. */
export function meiliLocales(languages: readonly string[]): string[] {
  return [...new Set(languages.map((l) => (l === 'no' || l === 'nn' ? 'nb' : l)).filter((l) => MEILI_LOCALES.has(l)))];
}

/** Whether locales are named at all: not with German and English alone, where Meilisearch detects them as before. */
const localised = (languages: readonly string[]) => languages.some((l) => l !== 'de' && l !== 'en');

/**
 * The `locales` of a search: the languages a query may be in — those of a language filter, otherwise
 * every content language — or none (Meilisearch detects) with German and English alone.
 */
export function meiliQueryLocales(languages: readonly string[], filterLanguages?: readonly string[]): string[] | undefined {
  if (!localised(languages)) return undefined;
  const locales = meiliLocales(filterLanguages?.length ? filterLanguages : languages);
  return locales.length ? locales : undefined;
}

const SEARCHABLE = ['title', 'tags', 'body', 'compounds'] as const;

const ATTRIBUTE: Record<FacetName, string> = {
  type: 'type',
  topic: 'topics',
  method: 'methods',
  administration: 'administration',
  state: 'state',
  sizeClass: 'sizeClass',
  language: 'language',
};

/**
 * A SearchDocument as stored in Meilisearch: a safe primary key, a sortable time, the version, and
 * `compounds`: the hyphenated words of the text written as one (see compoundsOf).
 */
interface MeiliDoc extends SearchDocument {
  key: string;
  updatedTs: number;
  version: number;
  compounds: string;
}

/**
 * The hyphenated words of a text joined ("Vorab-Abstimmung" → "vorababstimmung vorabstimmung"),
 * searchable last, so that a compound typed whole finds the hyphenated spelling. The other way
 * ("Bürger-Haushalt" finding "Bürgerhaushalt") Meilisearch does itself: it also searches
 * consecutive query words concatenated. Not covered: a hyphenated query whose parts overlap in
 * the joined word ("Vorab-Abstimmung" → "Vorabstimmung"); the PostgreSQL engine finds it.
 */
export function compoundsOf(...texts: string[]): string {
  const out = new Set<string>();
  for (const text of texts) {
    for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu)) {
      for (const joined of joinedForms(m[0].split('-').slice(0, 4))) out.add(joined);
    }
  }
  return [...out].join(' ');
}

/** Meilisearch ids allow only [A-Za-z0-9_-]: "thread:12" becomes "thread-12". */
export const meiliKey = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '-');

/** German stop words and synonyms, from content/search/*.yml (readable, curated files). */
export function searchVocabulary(dir = path.join(projectRoot, 'content', 'search')): { stopWords: string[]; synonyms: Record<string, string[]> } {
  const read = (file: string): unknown => {
    try {
      return YAML.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const stop = read('stopwords.yml') as { words?: string[] } | undefined;
  const syn = read('synonyms.yml') as { groups?: string[][] } | undefined;
  const synonyms: Record<string, string[]> = {};
  for (const group of syn?.groups ?? []) {
    for (const word of group) synonyms[word] = group.filter((w) => w !== word);
  }
  return { stopWords: stop?.words ?? [], synonyms };
}

export function meiliSettings(languages: readonly string[] = ['de', 'en']): Settings {
  const vocabulary = searchVocabulary();
  const locales = localised(languages) ? meiliLocales(languages) : [];
  return {
    searchableAttributes: [...SEARCHABLE],
    // The searched text is in one of the content languages (which one is not known per attribute).
    localizedAttributes: locales.length ? [{ attributePatterns: [...SEARCHABLE], locales }] : [],
    displayedAttributes: ['*'],
    filterableAttributes: ['type', 'topics', 'methods', 'administration', 'state', 'sizeClass', 'language', 'visibility'],
    sortableAttributes: ['updatedTs'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 255 } },
    stopWords: vocabulary.stopWords,
    synonyms: vocabulary.synonyms,
    pagination: { maxTotalHits: MAX_COUNTED },
    faceting: { maxValuesPerFacet: 100 },
  };
}

function quote(value: string): string {
  return JSON.stringify(value);
}

async function settled(p: { waitTask: (o?: { timeout?: number }) => Promise<Task> }): Promise<Task> {
  const task = await p.waitTask({ timeout: 60_000 });
  if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`);
  return task;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  readonly uid: string;
  private readonly languages: readonly string[];

  constructor(opts: MeiliEngineOptions) {
    this.client = new Meilisearch({ host: opts.host, apiKey: opts.apiKey });
    this.uid = opts.index ?? 'praxis';
    this.languages = opts.languages ?? ['de', 'en'];
  }

  private queryLocales(filters: SearchQuery['filters']): string[] | undefined {
    return meiliQueryLocales(this.languages, filters?.language);
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getIndex(uid);
    } catch {
      await settled(this.client.createIndex(uid, { primaryKey: 'key' }));
    }
    await settled(this.client.index(uid).updateSettings(meiliSettings(this.languages)));
  }

  async setup(): Promise<void> {
    await this.ensureIndex(this.uid);
  }

  private async write(uid: string, docs: VersionedDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const payload: MeiliDoc[] = docs.map((d) => ({
      key: meiliKey(d.id),
      id: d.id,
      type: d.type,
      title: stripMarkers(d.title),
      body: stripMarkers(d.body),
      tags: d.tags.map(stripMarkers),
      topics: d.topics,
      methods: d.methods,
      administration: d.administration,
      state: d.state,
      sizeClass: d.sizeClass,
      language: d.language,
      visibility: d.visibility,
      url: d.url,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      updatedTs: Date.parse(d.updatedAt),
      version: d.version,
      compounds: compoundsOf(d.title, ...d.tags, d.body),
    }));
    await settled(this.client.index(uid).addDocuments(payload, { primaryKey: 'key' }));
  }

  index(docs: VersionedDocument[]): Promise<void> {
    return this.write(this.uid, docs);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await settled(this.client.index(this.uid).deleteDocuments(ids.map(meiliKey)));
  }

  private filter(audience: Audience, filters: SearchQuery['filters'] = {}, like?: SearchQuery['like']): string[] {
    const out: string[] = [];
    if (audience !== 'member') out.push(`visibility = "public"`);
    if (like) {
      // No sort by a computed score here: "like mine" keeps the use cases of the reference's Land or
      // of its size class and the neighbouring ones (a factor of about 3 either way).
      const at = SIZE_CLASSES.indexOf(sizeClassOf(like.population) ?? ('' as SizeClass));
      const near = at < 0 ? [] : SIZE_CLASSES.slice(Math.max(0, at - 1), at + 2);
      out.push(`type = "use_case"`);
      out.push(near.length ? `(state = ${quote(like.state)} OR sizeClass IN [${near.map(quote).join(', ')}])` : `state = ${quote(like.state)}`);
    }
    for (const [facet, values] of Object.entries(filters) as [FacetName, string[]][]) {
      if (!ATTRIBUTE[facet] || !values?.length) continue;
      out.push(`${ATTRIBUTE[facet]} IN [${values.map(quote).join(', ')}]`);
    }
    return out;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, query.perPage ?? DEFAULT_PER_PAGE));
    const page = Math.min(Math.max(1, Math.floor(MAX_COUNTED / perPage)), Math.max(1, query.page ?? 1));
    const res = await this.client.index<MeiliDoc>(this.uid).search(query.q, {
      filter: this.filter(query.audience, query.filters, query.sort === 'similar' ? query.like : undefined),
      facets: query.facets === false ? undefined : Object.values(ATTRIBUTE),
      page,
      hitsPerPage: perPage,
      sort: query.sort === 'date' || !query.q.trim() ? ['updatedTs:desc'] : undefined,
      attributesToRetrieve: ['id', 'type', 'title', 'url', 'language', 'administration', 'updatedAt'],
      attributesToCrop: ['body'],
      cropLength: 40,
      attributesToHighlight: ['title', 'body'],
      highlightPreTag: HL_START,
      highlightPostTag: HL_END,
      locales: this.queryLocales(query.filters),
    });
    const facets = emptyFacets();
    for (const facet of Object.keys(ATTRIBUTE) as FacetName[]) {
      const dist = res.facetDistribution?.[ATTRIBUTE[facet]] ?? {};
      facets[facet] = Object.entries(dist)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    const total = res.totalHits ?? 0;
    // The reader's language first within the page (stable: relevance order kept inside each group).
    const prefer = query.sort !== 'date' && query.q.trim() ? query.preferLanguage : undefined;
    const ordered = prefer ? [...res.hits.filter((h) => h.language === prefer), ...res.hits.filter((h) => h.language !== prefer)] : res.hits;
    return {
      hits: ordered.map((h) => ({
        id: h.id,
        type: h.type,
        title: h.title,
        titleHtml: highlightHtml(String(h._formatted?.title ?? h.title)),
        url: h.url,
        language: h.language,
        administration: h.administration,
        updatedAt: h.updatedAt,
        excerptHtml: highlightHtml(String(h._formatted?.body ?? '')),
      })),
      total: Math.min(total, MAX_COUNTED),
      totalIsLowerBound: total >= MAX_COUNTED,
      facets,
      // Meilisearch applies typo tolerance inside its ranking and does not report corrections.
      corrections: [],
      page,
      perPage,
    };
  }

  async suggest(prefix: string, audience: Audience, limit = 8): Promise<Suggestion[]> {
    if (prefix.trim().length < 2) return [];
    const res = await this.client.index<MeiliDoc>(this.uid).search(prefix, {
      filter: this.filter(audience),
      limit,
      attributesToRetrieve: ['title', 'url', 'type', 'language'],
      attributesToSearchOn: ['title', 'tags'],
      locales: this.queryLocales(undefined),
    });
    return res.hits.map((h) => ({ title: h.title, url: h.url, type: h.type, language: h.language }));
  }

  async health(): Promise<EngineHealth> {
    try {
      const h = await this.client.health();
      const stats = await this.client.index(this.uid).getStats().catch(() => undefined);
      return { ok: h.status === 'available', engine: this.name, detail: stats ? `${stats.numberOfDocuments} documents` : h.status };
    } catch (err) {
      return { ok: false, engine: this.name, detail: (err as Error).message };
    }
  }

  async startRebuild(): Promise<Rebuild> {
    await this.ensureIndex(this.uid);
    const next = `${this.uid}_rebuild_${Date.now().toString(36)}`;
    await this.ensureIndex(next);
    return {
      index: (docs) => this.write(next, docs),
      swap: async () => {
        // Atomic on the server: searches see the old documents until the swap task succeeds.
        await settled(this.client.swapIndexes([{ indexes: [this.uid, next], rename: false }]));
        await settled(this.client.deleteIndex(next));
      },
      abort: async () => {
        await this.client.deleteIndexIfExists(next);
      },
    };
  }

  /** Removes this engine's index (tests). */
  async drop(): Promise<void> {
    await this.client.deleteIndexIfExists(this.uid);
  }
}
