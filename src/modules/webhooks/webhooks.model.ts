// Webhooks' rules in one place: the event types, secrets ("whsec_" + base64, Standard Webhooks),
// the signature, the retry schedule and when a delivery counts as given up.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_EVENT_TYPES = [
  'use_case.published', 'use_case.adopted', 'thread.created', 'answer.accepted', 'guide.published', 'certificate.issued', 'event.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** The "send test event" button's type; never subscribed to, sent to the one endpoint. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const isWebhookEventType = (s: string): s is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(s);

/** A new secret: "whsec_" + base64 of 32 random bytes (Standard Webhooks allows 24–64). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** What the list shows of a secret: enough to tell two apart, never enough to sign. */
export const secretHint = (secret: string) => `${secret.slice(0, 10)}…`;

/** A new webhook-id: "msg_" + 16 random bytes, base64url. */
export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/**
 * The webhook-signature header: "v1," + base64 HMAC-SHA256 of "id.timestamp.body" with the
 * base64-decoded secret after "whsec_". Several secrets (during a rotation) give several
 * signatures, separated by spaces; a receiver accepts the delivery if any matches.
 */
export function sign(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  }).join(' ');
}

/** Checks a signature header against one secret (our own check; tests use the standardwebhooks package). */
export function signatureMatches(secret: string, id: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(sign([secret], id, timestamp, body));
  return header.split(' ').some((s) => { const b = Buffer.from(s); return b.length === expected.length && timingSafeEqual(b, expected); });
}

/** Waits after the n-th failed attempt (1-based): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, then 10 h … */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000];
/** A delivery is retried for this long after its first attempt, then given up. */
export const RETRY_WINDOW_SECONDS = 24 * 3600;

/**
 * Seconds until the next attempt after `attempts` failed ones, the first `elapsedSeconds` ago; null
 * when the 24 hours are over. The last attempt falls at the end of the window, not beyond it.
 */
export function nextRetryDelay(attempts: number, elapsedSeconds: number): number | null {
  const left = RETRY_WINDOW_SECONDS - elapsedSeconds;
  if (left <= 0) return null;
  const delay = RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1] ?? RETRY_DELAYS_SECONDS[0]!;
  return Math.max(1, Math.min(delay, Math.ceil(left)));
}

/** The timeout of one attempt and the most of a response that is read and kept. */
export const TIMEOUT_MS = 5000;
export const MAX_RESPONSE_BYTES = 1024;
