// Writes of the search module outside the engines: the knowledge-gap counts and the search log, the
// indexer's version gate and the rebuild's outbox bookkeeping (where it starts, the changes queued
// again after the swap).
import { affected, one, rows, type Db, type Queryable } from '../../db/sql.js';

/**
 * Logs one search and, when it found nothing, counts it as a zero-result query of today — in one
 * statement (atomic on its own: the results page pays one round trip and one commit, not four).
 */
export async function logSearch(db: Queryable, query: string, results: number, userId: number | null): Promise<void> {
  await rows(db,
    `WITH logged AS (INSERT INTO search_log (query, results, user_id) VALUES ($1, $2, $3))
     INSERT INTO search_zero_results (day, query) SELECT current_date, $1 WHERE $2::int = 0
     ON CONFLICT (day, query) DO UPDATE SET count = search_zero_results.count + 1`,
    [query, results, userId],
  );
}

/**
 * Marks the newest search for `query` of the last hour that no result was opened from yet — the
 * member's own when `userId` is set, else a visitor's — as opened. Returns whether one was found.
 */
export async function markSearchOpened(db: Queryable, query: string, userId: number | null): Promise<boolean> {
  return (await affected(db,
    `UPDATE search_log SET opened_at = now()
      WHERE id = (SELECT id FROM search_log
                   WHERE query = $1 AND opened_at IS NULL AND results > 0 AND at > now() - interval '1 hour'
                     AND user_id IS NOT DISTINCT FROM $2::int
                   ORDER BY at DESC LIMIT 1)`,
    [query, userId],
  )) > 0;
}

/** Forgets who searched in searches older than `days` days (the member id becomes null). Returns how many. */
export async function forgetSearchers(db: Queryable, days: number): Promise<number> {
  return affected(db,
    `UPDATE search_log SET user_id = NULL WHERE user_id IS NOT NULL AND at < now() - make_interval(days => $1::int)`,
    [days],
  );
}

/** Account deletion: the member's searches stay in the aggregates, without the member. */
export async function forgetSearchesOf(db: Queryable, userId: number): Promise<void> {
  await rows(db, `UPDATE search_log SET user_id = NULL WHERE user_id = $1`, [userId]);
}

/**
 * The indexer's version gate: upserts the gate rows of these documents (in the given order) where the
 * version is newer than the one applied; returns the documents whose version won. The rows stay
 * locked until the transaction ends.
 */
export async function passVersionGate(db: Db, docIds: string[], versions: number[], deleted: boolean[]): Promise<string[]> {
  const won = await rows<{ doc_id: string }>(db,
    `INSERT INTO search_versions AS v (doc_id, version, deleted)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::boolean[])
     ON CONFLICT (doc_id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, applied_at = now()
       WHERE v.version < excluded.version
     RETURNING doc_id`,
    [docIds, versions, deleted],
  );
  return won.map((r) => r.doc_id);
}

/** The newest outbox id (0 when the outbox is empty), as PostgreSQL's bigint text. */
export async function newestOutboxId(db: Queryable): Promise<string> {
  return (await one<{ since: string }>(db, `SELECT coalesce(max(id), 0)::bigint AS since FROM outbox`))!.since;
}

/** Queues again the newest change per key of `topic` recorded after outbox id `since`, and wakes the workers. Returns how many. */
export async function requeueChangesSince(db: Queryable, topic: string, since: number): Promise<number> {
  const row = await one<{ n: number }>(db,
    `WITH again AS (
       INSERT INTO outbox (topic, key, payload)
       SELECT DISTINCT ON (key) topic, key, payload FROM outbox
        WHERE topic = $1 AND id > $2 ORDER BY key, id DESC
       RETURNING 1)
     SELECT count(*)::int AS n FROM again`,
    [topic, since],
  );
  await rows(db, `SELECT pg_notify('outbox', $1)`, [topic]);
  return row!.n;
}
