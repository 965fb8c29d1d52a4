// preparedQuery against the real driver: which Queryables run a NAMED statement (parsed once per
// connection) and which a plain one. The statement looks itself up in pg_prepared_statements: a
// named statement is parsed into the session before it runs, so it finds itself; a plain
// (unnamed) one never appears there.
import { describe, expect, it } from '@jest/globals';
import { preparedQuery } from '../../src/db/prepared.js';
import { replicaReads } from '../../src/db/replica.js';
import type { Queryable } from '../../src/db/sql.js';
import { inTransaction } from '../../src/db/transaction.js';
import { useTestApp } from '../support/app.js';

describe('src/db/prepared.ts', () => {
  const t = useTestApp();
  const SELF = `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`;
  const named = async (db: Queryable, name: string) => (await preparedQuery<{ n: number }>(db, name, SELF, [name]))[0]!.n === 1;

  it('when run on the data source, then the statement is a named one', async () => {
    expect(await named(t.ctx.ds, `test-prepared-ds-${process.pid}`)).toBe(true);
  });

  it('when run through replicaReads() reading the primary (no replicas here), then it is a named one too', async () => {
    expect(await named(replicaReads(t.ctx.ds), `test-prepared-reads-${process.pid}`)).toBe(true);
  });

  it('when run inside a transaction, then it is a plain statement on the transaction', async () => {
    expect(await inTransaction(t.ctx.ds, (db) => named(db, `test-prepared-tx-${process.pid}`))).toBe(false);
  });
});
