// Search test helpers: documents with sensible defaults, and engines on their own tables / index
// so that test files running in parallel never see each other's documents.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { entities } from '../../src/composition.js';
import { createDataSource } from '../../src/db/data-source.js';
import type { AppContext } from '../../src/modules/module.js';
import { MeiliSearchEngine } from '../../src/modules/search/meili.engine.js';
import { PostgresSearchEngine, type PostgresEngineOptions } from '../../src/modules/search/postgres.engine.js';
import type { SearchEngine, VersionedDocument } from '../../src/modules/search/search.engine.js';
import type { SearchDocType } from '../../src/shared/search-index.js';
import { migrateOnce, testConfig, useTestApp, type TestApp } from './app.js';
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

/** Engine options other than the table names (those are the fixture's own). */
export type EngineOptions = Omit<PostgresEngineOptions, 'documents' | 'lexicon'>;

/** The engine's tables, `${tables}_docs` and `${tables}_lex`. */
const onTables = (tables: string, options: EngineOptions = {}): PostgresEngineOptions => ({ ...options, documents: `${tables}_docs`, lexicon: `${tables}_lex` });

async function dropTables(ds: DataSource, tables: string): Promise<void> {
  await ds.query(`DROP TABLE IF EXISTS ${tables}_docs`);
  await ds.query(`DROP TABLE IF EXISTS ${tables}_lex`);
}

/** What usePostgresEngine gives a describe; `ds` and `engine` are there from its beforeAll on. */
export interface PostgresEngineFixture {
  readonly t: TestApp;
  readonly ds: DataSource;
  /** Set up on tables of its own, holding the fixture's documents. */
  readonly engine: PostgresSearchEngine;
  /** The prefix of the engine's tables: `${tables}_docs`, `${tables}_lex`. */
  readonly tables: string;
  /** Another engine over the same tables, with other options (limits, languages). */
  sameTables(options?: EngineOptions): PostgresSearchEngine;
}

/**
 * The test app and a PostgreSQL engine on tables of its own for one describe (call it where
 * useTestApp would be called): the tables are created and `documents` indexed in beforeAll, and
 * dropped in an afterAll registered before useTestApp's, so while the data source is still open.
 */
export function usePostgresEngine(
  prefix: string,
  o: { app?: Record<string, string>; options?: EngineOptions | ((ctx: AppContext) => EngineOptions); documents?: VersionedDocument[] } = {},
): PostgresEngineFixture {
  const tables = uniq(prefix);
  afterAll(async () => {
    if (t.ctx) await dropTables(t.ctx.ds, tables);
  });
  const t = useTestApp(o.app);
  let engine: PostgresSearchEngine | undefined;
  beforeAll(async () => {
    engine = new PostgresSearchEngine(t.ctx.ds, onTables(tables, typeof o.options === 'function' ? o.options(t.ctx) : o.options));
    await engine.setup();
    if (o.documents?.length) await engine.index(o.documents);
  });
  return {
    t,
    tables,
    get ds() {
      return t.ctx.ds;
    },
    get engine() {
      if (!engine) throw new Error('usePostgresEngine: the engine is set up in beforeAll');
      return engine;
    },
    sameTables: (options) => new PostgresSearchEngine(t.ctx.ds, onTables(tables, options)),
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
        const tables = uniq('search_t_');
        const engine = new PostgresSearchEngine(ds, onTables(tables, { languages: o.languages }));
        await engine.setup();
        return Object.assign(engine, { dispose: () => dropTables(ds, tables) });
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

/** What useEngineUnderTest gives a describe; `engine` is there from its beforeAll on. */
export interface EngineUnderTestFixture {
  /** `under`'s engine on an index (tables) of its own, holding the fixture's documents. */
  readonly engine: SearchEngine;
}

/**
 * One engine under test for one describe, on a data source of its own (no app): the data source is
 * opened and migrated, the engine made and `documents` indexed in beforeAll; in afterAll the engine
 * is disposed (its tables dropped) before the data source closes.
 */
export function useEngineUnderTest(under: EngineUnderTest, documents: VersionedDocument[]): EngineUnderTestFixture {
  const ds = createDataSource(testConfig().DATABASE_URL!, { entities, poolMax: 4 });
  let engine: (SearchEngine & { dispose(): Promise<void> }) | undefined;
  beforeAll(async () => {
    await ds.initialize();
    await migrateOnce(ds);
    engine = await under.make(ds);
    await engine.index(documents);
  });
  afterAll(async () => {
    await engine?.dispose();
    if (ds.isInitialized) await ds.destroy();
  });
  return {
    get engine() {
      if (!engine) throw new Error('useEngineUnderTest: the engine is made in beforeAll');
      return engine;
    },
  };
}
