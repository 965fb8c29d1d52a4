// The entities are the one declaration of every table: TypeORM's schema builder, comparing them with
// the migrated test database, must find nothing to change, and every table must have an entity.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { SnakeNamingStrategy } from '../../src/db/naming.js';
import { entities } from '../../src/composition.js';
import { migrateOnce } from '../support/app.js';

/**
 * Tables in the public schema that no entity owns, and why:
 * - migrations: TypeORM's own record of the migrations that ran;
 * - session: connect-pg-simple's store for express-session (the library reads and writes it);
 * - typeorm_metadata: TypeORM's own bookkeeping, should a schema build ever create it.
 */
const NOT_OWNED = new Set(['migrations', 'session', 'typeorm_metadata']);

/**
 * Scratch copies of search_documents / search_lexicon that PostgresSearchEngine makes: a test's own
 * engine tables (`search_<x>_docs`, `search_<x>_lex`, see tests/support/search-factories.ts) and a
 * rebuild's `<table>_new_<suffix>` (renamed `…_old` before it is dropped). Other test files running
 * beside this one create and drop them.
 */
const SEARCH_SCRATCH = /^search_[a-z0-9_]+_(docs|lex)(_new_[a-z0-9]+(_old)?)?$|^search_(documents|lexicon)_new_[a-z0-9]+(_old)?$/;

/**
 * Statements TypeORM 1.1 proposes although entity and database agree. PostgreSQL 16+ shows a
 * `DEFAULT current_date` as CURRENT_DATE, while TypeORM rewrites the entity's current_date to
 * ('now'::text)::date (how older servers showed it; typeorm/typeorm#7517) and lower-cases it, so the two
 * never compare equal. Only these exact statements are ignored; anything else about the column is not.
 */
const TYPEORM_MISREADS = new Set([
  `ALTER TABLE "forum_thread_views" ALTER COLUMN "day" SET DEFAULT ('now'::text)::date`,
]);

/**
 * TypeORM reads the expression of a generated column (administrations.size_class) from its own
 * metadata table, not from the catalogue; our migrations do not keep that table. So the test writes
 * one, temporary (this session only; the pool has one connection, which the schema builder uses too):
 * PostgreSQL compiles the entity's expression beside the migrated one, and when both come out the same
 * the entity's text is recorded, otherwise the migrated one (and the schema builder reports the change).
 */
const METADATA_TABLE = 'schema_drift_typeorm_metadata';

async function recordGeneratedColumns(ds: DataSource): Promise<void> {
  await ds.query(`CREATE TEMP TABLE ${METADATA_TABLE} (type text NOT NULL, database text, schema text, "table" text, name text, value text)`);
  const [{ db, schema }] = (await ds.query(`SELECT current_database() AS db, current_schema() AS schema`)) as { db: string; schema: string }[];
  for (const meta of ds.entityMetadatas) {
    for (const column of meta.columns.filter((c) => c.generatedType && c.asExpression)) {
      const compiled = async (table: string, col: string) => {
        const [row] = (await ds.query(
          `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d
             JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
            WHERE d.adrelid = $1::regclass AND a.attname = $2 AND a.attgenerated = 's'`, [table, col],
        )) as { expr: string }[];
        return row?.expr;
      };
      const migrated = await compiled(meta.tableName, column.databaseName);
      if (migrated === undefined) continue; // not generated in the database: the schema builder says so
      await ds.query(`CREATE TEMP TABLE schema_drift_expr (LIKE ${meta.tableName})`);
      await ds.query(`ALTER TABLE schema_drift_expr DROP COLUMN ${column.databaseName}`);
      await ds.query(`ALTER TABLE schema_drift_expr ADD COLUMN ${column.databaseName} ${column.type as string}
                        GENERATED ALWAYS AS (${column.asExpression}) STORED`);
      const declared = await compiled('pg_temp.schema_drift_expr', column.databaseName);
      await ds.query(`DROP TABLE pg_temp.schema_drift_expr`);
      await ds.query(`INSERT INTO ${METADATA_TABLE} VALUES ('GENERATED_COLUMN', $1, $2, $3, $4, $5)`,
        [db, schema, meta.tableName, column.databaseName, declared === migrated ? column.asExpression : migrated]);
    }
  }
}

describe('schema drift', () => {
  let ds: DataSource;

  beforeAll(async () => {
    const options = {
      type: 'postgres' as const,
      url: process.env.TEST_DATABASE_URL,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each' as const,
      namingStrategy: new SnakeNamingStrategy(),
      synchronize: false,
      logging: false,
    };
    const migrator = new DataSource({ ...options, migrations, extra: { max: 2, application_name: 'praxis-schema-drift' } });
    await migrator.initialize();
    try {
      await migrateOnce(migrator);
    } finally {
      await migrator.destroy();
    }
    ds = new DataSource({
      ...options,
      entities,
      metadataTableName: METADATA_TABLE,
      extra: { max: 1, application_name: 'praxis-schema-drift' },
    });
    await ds.initialize();
    await recordGeneratedColumns(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('when the schema builder compares the entities with the migrated database, then it has nothing to change', async () => {
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    const pending = upQueries
      .filter((q) => !TYPEORM_MISREADS.has(q.query))
      .map((q) => q.query + (q.parameters?.length ? ` -- ${JSON.stringify(q.parameters)}` : ''));
    expect(pending.join(';\n')).toBe('');
  });

  it('when the public schema is listed, then every table has an entity', async () => {
    const rows = (await ds.query(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { name: string }[];
    const declared = new Set(ds.entityMetadatas.map((m) => m.tableName));
    const withoutEntity = rows.map((r) => r.name).filter((n) => !declared.has(n) && !NOT_OWNED.has(n) && !SEARCH_SCRATCH.test(n));
    expect(withoutEntity).toEqual([]);
  });
});
