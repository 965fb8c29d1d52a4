// The SQL helper against the real driver: TypeORM answers UPDATE and DELETE with [rows, rowCount]
// and every other statement with the rows; rows()/one()/affected() give the same shape for both,
// on the data source and inside a transaction.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { affected, one, rows, type Queryable } from '../../src/db/sql.js';
import { inTransaction } from '../../src/db/transaction.js';
import { poolOf } from '../../src/db/pool.js';
import { useTestApp } from '../support/app.js';

describe('src/db/sql.ts', () => {
  // In a schema of its own: the schema-drift test, running beside this one, lists the public schema's tables.
  const table = `sql_helper_test.t${process.pid}`;
  // Declared before useTestApp's own afterAll (which closes the data source), so it runs first.
  afterAll(async () => {
    await t.ctx.ds.query(`DROP SCHEMA IF EXISTS sql_helper_test CASCADE`);
  });
  const t = useTestApp();

  beforeAll(async () => {
    await t.ctx.ds.query(`CREATE SCHEMA IF NOT EXISTS sql_helper_test`);
    await t.ctx.ds.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text NOT NULL)`);
  });

  const roundTrip = async (db: Queryable, base: number) => {
    const inserted = await rows<{ id: number }>(db, `INSERT INTO ${table} (id, label) VALUES ($1, 'a'), ($2, 'b') RETURNING id`, [base, base + 1]);
    const updated = await rows<{ id: number; label: string }>(db, `UPDATE ${table} SET label = label || '!' WHERE id >= $1 RETURNING id, label`, [base]);
    const first = await one<{ label: string }>(db, `SELECT label FROM ${table} WHERE id = $1`, [base + 1]);
    const none = await one(db, `SELECT label FROM ${table} WHERE id = -1`);
    const touched = await affected(db, `UPDATE ${table} SET label = 'c' WHERE id >= $1`, [base]);
    const gone = await affected(db, `DELETE FROM ${table} WHERE id >= $1 RETURNING id`, [base]);
    const nothing = await affected(db, `DELETE FROM ${table} WHERE id >= $1`, [base]);
    return { inserted: inserted.map((r) => r.id), updated: updated.map((r) => r.label).sort(), first, none, touched, gone, nothing };
  };
  const expected = (base: number) => ({ inserted: [base, base + 1], updated: ['a!', 'b!'], first: { label: 'b!' }, none: null, touched: 2, gone: 2, nothing: 0 });

  it('when statements run on the data source, then rows, one and affected see the rows and counts of every kind of statement', async () => {
    expect(await roundTrip(t.ctx.ds, 10)).toEqual(expected(10));
  });

  it('when the same statements run in a transaction, then the results have the same shape', async () => {
    expect(await inTransaction(t.ctx.ds, (db) => roundTrip(db, 20))).toEqual(expected(20));
  });

  it('when the pool behind the data source is asked for, then it is the initialised pg pool the data source queries through', async () => {
    const pool = poolOf(t.ctx.ds);
    const before = pool.totalCount;
    expect(before).toBeGreaterThan(0);
    const { rows: [row] } = await pool.query<{ n: number }>('SELECT 41 + 1 AS n');
    expect(row!.n).toBe(42);
  });
});
