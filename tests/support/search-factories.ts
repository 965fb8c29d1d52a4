// Search test helpers: documents with sensible defaults, and engines on their own tables / index
// so that test files running in parallel never see each other's documents.
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MeiliSearchEngine } from '../../src/modules/search/meili.engine.js';
import { PostgresSearchEngine } from '../../src/modules/search/postgres.engine.js';
import type { SearchEngine, VersionedDocument } from '../../src/modules/search/search.engine.js';
import type { SearchDocType } from '../../src/shared/search-index.js';
import { uniq } from './factories.js';

/** Numeric ids that no other test uses (the version gate table is shared by all test files). */
export const nextId = (): number => randomInt(1, 2 ** 47);

export function doc(o: Partial<VersionedDocument> & { id: string }): VersionedDocument {
  const [type] = o.id.split(':') as [SearchDocType];
  const now = new Date('2026-01-01T00:00:00Z').toISOString();
  return {
    type,
    title: 'Ohne Titel',
    body: '',
    tags: [],
    topics: [],
    methods: [],
    administration: null,
    state: null,
    sizeClass: null,
    language: 'de',
    visibility: 'public',
    url: `/x/${o.id}`,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...o,
  };
}

export interface EngineUnderTest {
  name: string;
  make(ds: DataSource): Promise<SearchEngine & { dispose(): Promise<void> }>;
}

/**
 * PostgreSQL always; Meilisearch only when MEILI_URL is set. `languages`: the content languages the
 * engines are configured with (CONTENT_LANGUAGES; the engines' default is de,en).
 */
export function enginesUnderTest(o: { languages?: readonly string[] } = {}): EngineUnderTest[] {
  const list: EngineUnderTest[] = [
    {
      name: 'postgres',
      async make(ds) {
        const name = uniq('search_t_');
        const engine = new PostgresSearchEngine(ds, { documents: `${name}_docs`, lexicon: `${name}_lex`, languages: o.languages });
        await engine.setup();
        return Object.assign(engine, {
          async dispose() {
            await ds.query(`DROP TABLE IF EXISTS ${name}_docs`);
            await ds.query(`DROP TABLE IF EXISTS ${name}_lex`);
          },
        });
      },
    },
  ];
  if (process.env.MEILI_URL) {
    list.push({
      name: 'meilisearch',
      async make() {
        const engine = new MeiliSearchEngine({ host: process.env.MEILI_URL!, apiKey: process.env.MEILI_MASTER_KEY, index: uniq('praxis_test_'), languages: o.languages });
        await engine.setup();
        return Object.assign(engine, { dispose: () => engine.drop() });
      },
    });
  } else {
    console.log('search contract: Meilisearch suite skipped (MEILI_URL is not set); running against PostgreSQL only.');
  }
  return list;
}
