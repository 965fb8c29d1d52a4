// Writes of the search module outside the engines and the indexer: the knowledge-gap counts.
import { rows, type Db } from '../../db/sql.js';

/** Counts one more search for the (normalised) query today that found nothing. */
export async function countZeroResult(db: Db, query: string): Promise<void> {
  await rows(db,
    `INSERT INTO search_zero_results (day, query) VALUES (current_date, $1)
     ON CONFLICT (day, query) DO UPDATE SET count = search_zero_results.count + 1`,
    [query],
  );
}
