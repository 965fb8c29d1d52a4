// Writes for webhooks: the admins' changes to endpoints (each audited in its transaction), the
// fan-out of a resource event into deliveries, and one attempt of a delivery with its retry or,
// after repeated failures, the endpoint disabled and the admins told.
import type { AppContext } from '../module.js';
import { inTransaction, type Db } from '../../db/transaction.js';
import { notFound } from '../../shared/errors.js';
import { addToOutbox, type OutboxMessage } from '../../shared/outbox.js';
import type { ResourceEvent, ResourceVisibility } from '../../shared/resource-events.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { WebhookEndpoint } from './webhook.entity.js';
import { openSecret, sealSecret } from '../../shared/secrets.js';
import { isWebhookEventType, newMessageId, newSecret, nextRetryDelay, secretHint, sign, TEST_EVENT_TYPE } from './webhooks.model.js';
import { presenters, webhookBody } from './webhooks.presenters.js';
import type { EndpointInput } from './webhooks.schemas.js';
import { postWebhook, type AttemptResult } from './webhooks.send.js';
import * as store from './webhooks.store.js';

export const DELIVER_TOPIC = 'webhooks.deliver';
/** How long the secret before a rotation still signs (both signatures are sent meanwhile). */
export const ROTATION_OVERLAP_HOURS = 24;

const audit = (db: Db, adminId: number, action: string, endpointId: number, details: Record<string, unknown> = {}) =>
  recordAudit(db, { actorId: adminId, action: `webhook.${action}`, subjectType: 'webhook_endpoint', subjectId: endpointId, details });

// --- admins' changes ----------------------------------------------------------------------------

/** Registers an endpoint; returns its id and the secret, shown to the admin once. */
export async function createEndpoint(ctx: AppContext, adminId: number, input: EndpointInput): Promise<{ id: number; secret: string }> {
  const secret = newSecret();
  return inTransaction(ctx.ds, async (db) => {
    const inserted = await db.insert(WebhookEndpoint, {
      url: input.url, description: input.description, events: input.events, includeNetwork: input.includeNetwork, secret: sealSecret(ctx.config.secretsKey, secret),
    });
    const id = inserted.identifiers[0]!.id as number;
    await audit(db, adminId, 'created', id, { url: input.url, events: input.events, includeNetwork: input.includeNetwork });
    return { id, secret };
  });
}

async function mustLoad(db: Db, id: number) {
  const e = await store.endpointById(db, id, true);
  if (!e) throw notFound();
  return e;
}

export async function updateEndpoint(ctx: AppContext, adminId: number, id: number, input: EndpointInput): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const before = await mustLoad(db, id);
    await db.update(WebhookEndpoint, { id }, { url: input.url, description: input.description, events: input.events, includeNetwork: input.includeNetwork, updatedAt: new Date() });
    const changed = Object.fromEntries((['url', 'description', 'events', 'includeNetwork'] as const)
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k]))
      .map((k) => [k, { from: before[k], to: input[k] }]));
    if (Object.keys(changed).length) await audit(db, adminId, 'updated', id, changed);
  });
}

export async function setEndpointEnabled(ctx: AppContext, adminId: number, id: number, enabled: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await mustLoad(db, id);
    const changed = enabled ? await store.enableEndpoint(db, id) : await store.disableEndpoint(db, id, 'admin');
    if (changed) await audit(db, adminId, enabled ? 'enabled' : 'disabled', id);
  });
}

/**
 * What the admin pages show of an endpoint's secret (its first characters), read with SECRETS_KEY;
 * "?" when it cannot be read (SECRETS_KEY changed or removed), so the page still shows and the admin
 * can rotate the secret.
 */
export function secretHintOf(ctx: AppContext, row: { secret: string }): string {
  try {
    return secretHint(openSecret(ctx.config.secretsKey, row.secret));
  } catch {
    return '?';
  }
}

/** A new secret, returned once; the old one keeps signing alongside for ROTATION_OVERLAP_HOURS. */
export async function rotateSecret(ctx: AppContext, adminId: number, id: number): Promise<string> {
  const secret = newSecret();
  await inTransaction(ctx.ds, async (db) => {
    const before = await mustLoad(db, id);
    await db.update(WebhookEndpoint, { id }, {
      secret: sealSecret(ctx.config.secretsKey, secret), previousSecret: before.secret, previousSecretUntil: new Date(Date.now() + ROTATION_OVERLAP_HOURS * 3600_000), updatedAt: new Date(),
    });
    await audit(db, adminId, 'secret_rotated', id);
  });
  return secret;
}

export async function deleteEndpoint(ctx: AppContext, adminId: number, id: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const before = await mustLoad(db, id);
    await store.deleteEndpoint(db, id);
    await audit(db, adminId, 'deleted', id, { url: before.url });
  });
}

/** Queues a test event for the endpoint (sent by the worker, enabled or not); audited. */
export async function sendTestEvent(ctx: AppContext, adminId: number, id: number): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    await mustLoad(db, id);
    const messageId = newMessageId();
    const timestamp = new Date().toISOString();
    const body = JSON.stringify(webhookBody(TEST_EVENT_TYPE, timestamp, { endpointId: id, message: 'Test event from Praxis' }));
    const deliveryId = await store.insertDelivery(db, { endpointId: id, messageId, eventKey: `${TEST_EVENT_TYPE}:${messageId}`, type: TEST_EVENT_TYPE, body });
    await addToOutbox(db, DELIVER_TOPIC, { deliveryId, attempt: 1 }, { key: `webhook:${deliveryId}` });
    await audit(db, adminId, 'test_sent', id, { messageId });
  });
}

// --- fan-out: one delivery per matching endpoint --------------------------------------------------

async function visibilityOf(db: Db, e: ResourceEvent): Promise<ResourceVisibility | null> {
  if (e.visibility) return e.visibility;
  if (e.type === 'use_case.published' || e.type === 'use_case.adopted') return store.useCaseVisibility(db, Number(e.resource.id));
  if (e.type === 'answer.accepted') return store.replyVisibility(db, Number(e.resource.id));
  return 'public';
}

/** Handles resource events: each becomes a delivery (and its first attempt's outbox row) per endpoint that wants it. Idempotent. */
export async function fanOut(ctx: AppContext, messages: OutboxMessage[]): Promise<void> {
  for (const m of messages) {
    const e = m.payload as ResourceEvent;
    await inTransaction(ctx.ds, async (db) => {
      await store.scrubResourceEvent(db, m.id);
      if (!isWebhookEventType(e.type)) return;
      const visibility = await visibilityOf(db, e);
      // A resource gone meanwhile, or one of a closed group: nothing leaves Praxis.
      if (!visibility || visibility === 'restricted') return;
      const endpoints = await store.subscribers(db, e.type, visibility);
      if (!endpoints.length) return;
      const body = JSON.stringify(webhookBody(e.type, e.at, await presenters[e.type](db, { ...e, visibility }, ctx.config.baseUrl)));
      for (const endpoint of endpoints) {
        const deliveryId = await store.insertDelivery(db, { endpointId: endpoint.id, messageId: newMessageId(), eventKey: e.key, type: e.type, body });
        if (deliveryId) await addToOutbox(db, DELIVER_TOPIC, { deliveryId, attempt: 1 }, { key: `webhook:${deliveryId}` });
      }
    });
  }
}

// --- one attempt ----------------------------------------------------------------------------------

export interface DeliverJob {
  deliveryId: string;
  /** Which attempt this row stands for: a stale duplicate finds the delivery further on and does nothing. */
  attempt: number;
}

/** Options the tests may change (the guard's policy comes from the configuration). */
export interface DeliverOptions {
  timeoutMs?: number;
}

/** The secrets that sign a delivery: the current one, and the previous one during a rotation; null when unreadable. */
function signingSecrets(ctx: AppContext, endpoint: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null }): string[] | null {
  try {
    const secrets = [openSecret(ctx.config.secretsKey, endpoint.secret)];
    if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date()) secrets.push(openSecret(ctx.config.secretsKey, endpoint.previousSecret));
    return secrets;
  } catch {
    return null;
  }
}

export async function deliver(ctx: AppContext, job: DeliverJob, opts: DeliverOptions = {}): Promise<void> {
  const before = await store.deliveryForAttempt(ctx.ds, job.deliveryId);
  if (!before || before.status !== 'pending' || before.attempts !== job.attempt - 1) return;
  const endpoint = await store.endpointById(ctx.ds, before.endpointId);
  if (!endpoint) return;
  const isTest = before.type === TEST_EVENT_TYPE;

  let result: AttemptResult;
  if (!endpoint.enabled && !isTest) {
    result = { ok: false, statusCode: null, responseMs: 0, body: null, error: 'endpoint disabled' };
  } else {
    const secrets = signingSecrets(ctx, endpoint);
    if (!secrets) {
      result = { ok: false, statusCode: null, responseMs: 0, body: null, error: 'signing secret cannot be read (SECRETS_KEY changed or removed): rotate the secret' };
    } else {
      const body = before.body;
      const timestamp = Math.floor(Date.now() / 1000);
      result = await postWebhook(endpoint.url, body, {
        'webhook-id': before.messageId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': sign(secrets, before.messageId, timestamp, body),
      }, { policy: { allowLoopback: ctx.config.webhooksAllowLoopback }, timeoutMs: opts.timeoutMs });
    }
  }

  await inTransaction(ctx.ds, async (db) => {
    const d = await store.deliveryForAttempt(db, job.deliveryId, true);
    if (!d || d.status !== 'pending' || d.attempts !== job.attempt - 1) return;
    await store.recordAttempt(db, { deliveryId: d.id, attempt: job.attempt, statusCode: result.statusCode, responseMs: result.responseMs, error: result.error, body: result.body });
    if (result.ok) {
      await store.updateDelivery(db, d.id, 'succeeded', job.attempt);
      if (!isTest) await store.endpointSucceeded(db, endpoint.id);
      return;
    }
    // A test event tells the admin how the endpoint answers: not retried, not counted against it.
    if (isTest || !endpoint.enabled) {
      await store.updateDelivery(db, d.id, 'failed', job.attempt);
      return;
    }
    const first = d.firstAttemptAt ?? new Date();
    const failures = await store.endpointFailed(db, endpoint.id);
    const delay = nextRetryDelay(job.attempt, (Date.now() - first.getTime()) / 1000);
    // Disabled after N failures in a row, or when a delivery failed for 24 hours.
    const disable = failures >= ctx.config.WEBHOOKS_DISABLE_AFTER_FAILURES || delay === null;
    await store.updateDelivery(db, d.id, disable ? 'failed' : 'pending', job.attempt);
    if (disable) await disableForFailures(db, endpoint.id, endpoint.url, failures);
    else await addToOutbox(db, DELIVER_TOPIC, { deliveryId: d.id, attempt: job.attempt + 1 }, { key: `webhook:${d.id}`, delaySeconds: delay });
  });
}

/** Disables the endpoint (once) and tells every active admin, in the same transaction. */
async function disableForFailures(db: Db, id: number, url: string, failures: number): Promise<void> {
  if (!(await store.disableEndpoint(db, id, 'failures'))) return;
  await recordAudit(db, { actorId: null, action: 'webhook.disabled_failures', subjectType: 'webhook_endpoint', subjectId: id, details: { failures } });
  for (const admin of await store.activeAdmins(db)) {
    await notify(db, {
      userId: admin.id, kind: 'webhooks.disabled', title: url, language: null, url: `/admin/webhooks/${id}`,
      subjectType: 'webhook_endpoint', subjectId: id, vars: { failures },
    });
  }
}

export async function deliverMessages(ctx: AppContext, messages: OutboxMessage[], opts: DeliverOptions = {}): Promise<void> {
  await Promise.all(messages.map((m) => deliver(ctx, m.payload as DeliverJob, opts)));
}
