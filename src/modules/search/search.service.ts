// Writes of the search module: anonymised zero-result queries (no user, no session: the
// normalised query and a count per day) feed the dashboard's knowledge gaps.
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction.js';
import { countZeroResult } from './search.store.js';
import { normaliseQueryForGaps } from './search.text.js';

export async function recordZeroResult(ds: DataSource, q: string): Promise<void> {
  const query = normaliseQueryForGaps(q);
  if (query.length < 2) return;
  await inTransaction(ds, (db) => countZeroResult(db, query));
}
