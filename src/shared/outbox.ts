// The outbox: effects after a write (e-mail, search indexing, notifications, badges, webhooks) are
// rows written in the SAME transaction as the change, and applied later by a worker. A crash
// between commit and effect loses nothing; a failed effect is retried with backoff.
//
// Delivery is at least once: handlers must be idempotent (a unique constraint, an upsert, a
// version check). Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so any number of
// workers can run without taking the same row; a worker that dies leaves its lease to expire.
import { affected, one, rows, type Queryable } from '../db/sql.js';

export interface OutboxMessage<P = unknown> {
  id: number;
  topic: string;
  key: string | null;
  payload: P;
  attempts: number;
  createdAt: Date;
}

export interface OutboxHandler {
  /** How many rows one call may receive (e.g. search indexing applies batches). */
  batchSize?: number;
  /** Throwing retries the whole batch later. */
  handle(messages: OutboxMessage[]): Promise<void>;
}

export type OutboxHandlers = Record<string, OutboxHandler>;

export const MAX_ATTEMPTS = 12;
export const LEASE_SECONDS = 120;

/** Backoff after the n-th failed attempt: 2 s, 4 s, 8 s … capped at one hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 2 ** Math.max(1, attempts));

/**
 * Records an effect. Pass the transaction's manager: the row commits or rolls back with the change.
 * `key` groups rows about the same thing (e.g. "search:thread:12") for handlers that care about order.
 */
export async function addToOutbox(
  db: Queryable,
  topic: string,
  payload: unknown,
  opts: { key?: string; delaySeconds?: number } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO outbox (topic, key, payload, available_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [topic, opts.key ?? null, JSON.stringify(payload), opts.delaySeconds ?? 0],
  );
  await db.query(`SELECT pg_notify('outbox', $1)`, [topic]);
}

/**
 * Removes one field from a row's payload and returns what it held, or null once it is gone. For
 * personal data a handler needs once (a typed e-mail address): the handled row, kept for
 * OUTBOX_KEEP_DAYS, no longer carries it. Call it in the handler's transaction, so the removal
 * commits together with the effect and a retry of a handled row finds nothing left to do.
 */
export async function takeFromPayload(db: Queryable, id: number, field: string): Promise<string | null> {
  const row = await one<{ value: string | null }>(db,
    `WITH old AS (SELECT id, payload ->> $2::text AS value FROM outbox WHERE id = $1 FOR UPDATE)
     UPDATE outbox o SET payload = o.payload - $2::text FROM old WHERE o.id = old.id
     RETURNING old.value`,
    [id, field],
  );
  return row?.value ?? null;
}

interface Row {
  id: number;
  topic: string;
  key: string | null;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

/** Claims up to `limit` due rows of one topic for `workerId`. The claim itself commits at once. */
export async function claim(db: Queryable, topic: string, limit: number, workerId: string, leaseSeconds = LEASE_SECONDS): Promise<OutboxMessage[]> {
  const list = await rows<Row>(db,
    `UPDATE outbox o SET locked_until = now() + make_interval(secs => $4), locked_by = $3,
            attempts = o.attempts + 1
      WHERE o.id IN (
        SELECT id FROM outbox
         WHERE topic = $1 AND processed_at IS NULL AND failed_at IS NULL AND available_at <= now()
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY id LIMIT $2
         FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.topic, o.key, o.payload, o.attempts, o.created_at`,
    [topic, limit, workerId, leaseSeconds],
  );
  return list
    .map((r) => ({ id: Number(r.id), topic: r.topic, key: r.key, payload: r.payload, attempts: r.attempts, createdAt: r.created_at }))
    .sort((a, b) => a.id - b.id);
}

export async function markDone(db: Queryable, ids: number[], workerId: string): Promise<void> {
  await db.query(
    `UPDATE outbox SET processed_at = now(), locked_until = NULL, last_error = NULL
      WHERE id = ANY($1::bigint[]) AND locked_by = $2 AND processed_at IS NULL`,
    [ids, workerId],
  );
}

/** Only rows this worker still holds: a row whose lease another worker took over is left to it. */
export async function markFailed(db: Queryable, messages: OutboxMessage[], error: unknown, workerId: string): Promise<void> {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  for (const m of messages) {
    const dead = m.attempts >= MAX_ATTEMPTS;
    await db.query(
      `UPDATE outbox SET locked_until = NULL, last_error = $2,
              available_at = now() + make_interval(secs => $3),
              failed_at = CASE WHEN $4::boolean THEN now() ELSE NULL END
        WHERE id = $1 AND locked_by = $5 AND processed_at IS NULL`,
      [m.id, text.slice(0, 2000), backoffSeconds(m.attempts), dead, workerId],
    );
  }
}

/**
 * Deletes rows handled (or given up) more than `keepDays` ago. Sent e-mails carry addresses and
 * links, including a deleted member's old address: they are kept only as long as they help to
 * trace a problem. Returns the number of rows deleted.
 */
export async function pruneOutbox(db: Queryable, keepDays: number): Promise<number> {
  return affected(db,
    `DELETE FROM outbox
      WHERE (processed_at IS NOT NULL AND processed_at < now() - make_interval(days => $1))
         OR (failed_at IS NOT NULL AND failed_at < now() - make_interval(days => $1))`,
    [keepDays],
  );
}

/**
 * Processes what is due, topic by topic, until nothing is left or `maxBatches` is reached.
 * Returns the number of rows handled successfully. Used by the worker loop and by tests.
 */
export async function processOutbox(
  db: Queryable,
  handlers: OutboxHandlers,
  opts: { workerId: string; maxBatches?: number; leaseSeconds?: number; onError?: (topic: string, err: unknown) => void },
): Promise<number> {
  let handled = 0;
  let batches = 0;
  const max = opts.maxBatches ?? 100;
  for (;;) {
    let progressed = false;
    for (const [topic, handler] of Object.entries(handlers)) {
      if (batches >= max) return handled;
      const messages = await claim(db, topic, handler.batchSize ?? 10, opts.workerId, opts.leaseSeconds);
      if (messages.length === 0) continue;
      batches++;
      progressed = true;
      try {
        await handler.handle(messages);
        await markDone(db, messages.map((m) => m.id), opts.workerId);
        handled += messages.length;
      } catch (err) {
        opts.onError?.(topic, err);
        await markFailed(db, messages, err, opts.workerId);
      }
    }
    if (!progressed) return handled;
  }
}
