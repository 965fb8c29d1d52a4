// One zod schema per form: the type and the checks. Messages are message keys. Whether a URL may be
// http (a loopback address in development and tests) depends on the configuration, so the schema
// is built from it.
import { isIP } from 'node:net';
import { z } from 'zod';
import { checkboxList } from '../accounts/index.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './webhooks.model.js';
import { refusedAddress } from './webhooks.ssrf.js';

const isLoopbackHost = (host: string) => {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
};

/** Whether the URL may be registered: https anywhere public; http only to this machine, where allowed. */
export function urlProblem(value: string, allowLoopback: boolean): string | null {
  let u: URL;
  try { u = new URL(value); } catch { return 'webhooks.errors.url'; }
  if (u.username || u.password) return 'webhooks.errors.credentials';
  // An address literal the guard would refuse is refused here already (a name is checked when sent).
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && refusedAddress(host, { allowLoopback }) !== null) return 'webhooks.errors.address';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && allowLoopback && isLoopbackHost(u.hostname)) return null;
  return allowLoopback ? 'webhooks.errors.httpsOrLoopback' : 'webhooks.errors.https';
}

export function endpointSchema(allowLoopback: boolean) {
  return z.object({
    url: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong')
      .superRefine((v, c) => { const p = urlProblem(v, allowLoopback); if (p) c.addIssue({ code: 'custom', message: p }); }),
    description: z.string().trim().max(200, 'validation.tooLong').default(''),
    events: checkboxList(z.string(), 20)
      .refine((l) => l.every(isWebhookEventType), 'webhooks.errors.events')
      .refine((l) => l.length > 0, 'webhooks.errors.eventsRequired')
      .transform((l) => WEBHOOK_EVENT_TYPES.filter((t) => l.includes(t))),
    includeNetwork: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
  });
}
export type EndpointInput = z.infer<ReturnType<typeof endpointSchema>>;
