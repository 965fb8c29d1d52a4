// SQL for webhooks: endpoints for the admin pages, the fan-out of a resource event into one delivery
// per matching endpoint, the visibility look-ups, the attempts and the delivery log.
import { affected, one, rows, type Queryable } from '../../db/sql.js';
import type { ResourceVisibility } from '../../shared/resource-events.js';
import type { WebhookEventType } from './webhooks.model.js';

export interface EndpointRow {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  includeNetwork: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  enabled: boolean;
  disabledReason: 'admin' | 'failures' | null;
  disabledAt: Date | null;
  consecutiveFailures: number;
  createdAt: Date;
}

const COLUMNS = `e.id, e.url, e.description, e.events, e.include_network AS "includeNetwork", e.secret, e.previous_secret AS "previousSecret",
  e.previous_secret_until AS "previousSecretUntil", e.enabled, e.disabled_reason AS "disabledReason", e.disabled_at AS "disabledAt",
  e.consecutive_failures AS "consecutiveFailures", e.created_at AS "createdAt"`;

export interface EndpointListRow extends EndpointRow {
  lastStatus: string | null;
  lastAttemptAt: Date | null;
}

/** Every endpoint with its latest delivery's state, oldest first. */
export const listEndpoints = (db: Queryable) => rows<EndpointListRow>(db,
  `SELECT ${COLUMNS}, d.status AS "lastStatus", d.last_attempt_at AS "lastAttemptAt"
     FROM webhook_endpoints e
     LEFT JOIN LATERAL (SELECT status, last_attempt_at FROM webhook_deliveries WHERE endpoint_id = e.id ORDER BY id DESC LIMIT 1) d ON true
    ORDER BY e.id`);

export const endpointById = (db: Queryable, id: number, lock = false) =>
  one<EndpointRow>(db, `SELECT ${COLUMNS} FROM webhook_endpoints e WHERE e.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);

export const deleteEndpoint = (db: Queryable, id: number) => affected(db, `DELETE FROM webhook_endpoints WHERE id = $1`, [id]);

/** Enabled endpoints subscribed to `type` that may receive a resource of this visibility. */
export const subscribers = (db: Queryable, type: string, visibility: ResourceVisibility) => rows<{ id: number }>(db,
  `SELECT id FROM webhook_endpoints WHERE enabled AND $1 = ANY(events) AND ($2 = 'public' OR ($2 = 'network' AND include_network)) ORDER BY id`,
  [type, visibility]);

/** A new delivery, unless the endpoint has one for this event already; its id, or null. */
export const insertDelivery = async (db: Queryable, d: { endpointId: number; messageId: string; eventKey: string; type: string; body: string }) =>
  (await one<{ id: string }>(db,
    `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_key, type, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (endpoint_id, event_key) DO NOTHING RETURNING id`,
    [d.endpointId, d.messageId, d.eventKey, d.type, d.body]))?.id ?? null;

export interface DeliveryRow {
  id: string;
  endpointId: number;
  messageId: string;
  type: string;
  body: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  firstAttemptAt: Date | null;
}

/** The delivery; `lock` in the transaction that records an attempt (a second worker waits, then finds it done). */
export const deliveryForAttempt = (db: Queryable, id: string, lock = false) => one<DeliveryRow>(db,
  `SELECT id, endpoint_id AS "endpointId", message_id AS "messageId", type, body, status, attempts, first_attempt_at AS "firstAttemptAt"
     FROM webhook_deliveries WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);

export async function recordAttempt(db: Queryable, a: { deliveryId: string; attempt: number; statusCode: number | null; responseMs: number; error: string | null; body: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, response_ms, error, response_body) VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.deliveryId, a.attempt, a.statusCode, a.responseMs, a.error?.slice(0, 500) ?? null, a.body]);
}

export async function updateDelivery(db: Queryable, id: string, status: 'pending' | 'succeeded' | 'failed', attempts: number): Promise<void> {
  await db.query(
    `UPDATE webhook_deliveries SET status = $2, attempts = $3, first_attempt_at = coalesce(first_attempt_at, now()), last_attempt_at = now(),
            completed_at = CASE WHEN $2 = 'pending' THEN NULL ELSE now() END
      WHERE id = $1`, [id, status, attempts]);
}

/** After a success: the failure count starts again. */
export const endpointSucceeded = (db: Queryable, id: number) =>
  db.query(`UPDATE webhook_endpoints SET consecutive_failures = 0 WHERE id = $1`, [id]);

/** After a failure: the new count of failures in a row. */
export const endpointFailed = async (db: Queryable, id: number) =>
  (await one<{ n: number }>(db, `UPDATE webhook_endpoints SET consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures AS n`, [id]))?.n ?? 0;

/** Disables an enabled endpoint; true when this call did it. */
export const disableEndpoint = async (db: Queryable, id: number, reason: 'admin' | 'failures') =>
  (await affected(db, `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, disabled_at = now(), updated_at = now() WHERE id = $1 AND enabled`, [id, reason])) > 0;

export const enableEndpoint = async (db: Queryable, id: number) =>
  (await affected(db, `UPDATE webhook_endpoints SET enabled = true, disabled_reason = NULL, disabled_at = NULL, consecutive_failures = 0, updated_at = now() WHERE id = $1 AND NOT enabled`, [id])) > 0;

export const activeAdmins = (db: Queryable) => rows<{ id: number }>(db, `SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id`);

export interface LogRow {
  deliveryId: string;
  messageId: string;
  type: string;
  status: string;
  attempt: number | null;
  attemptedAt: Date | null;
  statusCode: number | null;
  responseMs: number | null;
  error: string | null;
  responseBody: string | null;
  createdAt: Date;
}

/** The endpoint's delivery log, newest first: one row per attempt (a delivery not yet tried: one row without). */
export const deliveryLog = (db: Queryable, endpointId: number, limit = 50) => rows<LogRow>(db,
  `SELECT d.id AS "deliveryId", d.message_id AS "messageId", d.type, d.status, a.attempt, a.attempted_at AS "attemptedAt", a.status_code AS "statusCode",
          a.response_ms AS "responseMs", a.error, a.response_body AS "responseBody", d.created_at AS "createdAt"
     FROM webhook_deliveries d LEFT JOIN webhook_attempts a ON a.delivery_id = d.id
    WHERE d.endpoint_id = $1
    ORDER BY d.id DESC, a.attempt DESC NULLS FIRST LIMIT $2`, [endpointId, limit]);

/** Deliveries finished more than `days` ago go, with their attempts. */
export const pruneDeliveries = (db: Queryable, days: number) =>
  affected(db, `DELETE FROM webhook_deliveries WHERE completed_at < now() - make_interval(days => $1)`, [days]);

// --- who may see the resource of an activity-derived event (the publisher did not say) ----------

export const useCaseVisibility = async (db: Queryable, id: number): Promise<ResourceVisibility | null> =>
  (await one<{ v: ResourceVisibility }>(db, `SELECT CASE WHEN visibility = 'public' THEN 'public' ELSE 'network' END AS v FROM use_cases WHERE id = $1`, [id]))?.v ?? null;

/** A reply's thread: public category, members' category, or a closed group's. */
export const replyVisibility = async (db: Queryable, replyId: number): Promise<ResourceVisibility | null> =>
  (await one<{ v: ResourceVisibility }>(db,
    `SELECT CASE WHEN c.restricted THEN 'restricted' WHEN c.is_public THEN 'public' ELSE 'network' END AS v
       FROM forum_replies r JOIN forum_threads t ON t.id = r.thread_id JOIN forum_categories c ON c.id = t.category_id WHERE r.id = $1`, [replyId]))?.v ?? null;

export const administrationName = async (db: Queryable, id: number) =>
  (await one<{ name: string; slug: string }>(db, `SELECT name, slug FROM administrations WHERE id = $1`, [id]));

/**
 * A handled resource event keeps its type and ids only: the title and address leave the outbox row
 * (kept for a while), so it holds no text of anybody's contribution — as handled activity rows.
 */
export async function scrubResourceEvent(db: Queryable, outboxId: number): Promise<void> {
  await db.query(
    `UPDATE outbox SET payload = jsonb_set(payload, '{resource}', (payload -> 'resource') - 'title' - 'url')
      WHERE id = $1 AND payload ? 'resource'`, [outboxId]);
}

/** What an event.created delivery tells of the event: kind, format, start and end (ISO 8601), place; never the online link. */
export async function eventFacts(db: Queryable, id: number): Promise<{ kind: string; format: string; startsAt: string; endsAt: string; place: string | null } | null> {
  return one(db,
    `SELECT kind, format, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt",
            to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endsAt", nullif(place, '') AS place
       FROM events WHERE id = $1`, [id]);
}
