// One HTTP attempt of a delivery: a POST through the SSRF guard (webhooks.ssrf.ts), no redirects
// followed (node:http never follows them; a 3xx counts as a failure), a 5 s deadline for the whole
// exchange, and at most 1 KB of the response read.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { MAX_RESPONSE_BYTES, TIMEOUT_MS } from './webhooks.model.js';
import { guardedLookup, RefusedAddressError, refusedAddress, type GuardPolicy } from './webhooks.ssrf.js';

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  responseMs: number;
  /** At most MAX_RESPONSE_BYTES of the response body, as text. */
  body: string | null;
  error: string | null;
}

export interface SendOptions {
  policy: GuardPolicy;
  timeoutMs?: number;
  /** For tests of the guard: a resolver instead of the system's. */
  lookup?: Parameters<typeof guardedLookup>[1];
}

export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    // Set once the request is under way; an early refusal has none to clear.
    const deadline: { timer?: NodeJS.Timeout } = {};
    const done = (r: Omit<AttemptResult, 'responseMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline.timer);
      resolve({ ...r, responseMs: elapsed() });
    };
    const fail = (error: string) => done({ ok: false, statusCode: null, body: null, error });

    let target: URL;
    try { target = new URL(url); } catch { return fail('invalid URL'); }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return fail('unsupported scheme');
    // An address literal skips the lookup, so it is checked here.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const reason = refusedAddress(host, opts.policy);
      if (reason) return fail(new RefusedAddressError(host, reason).message);
    }

    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Praxis-Webhooks/1' },
      lookup: guardedLookup(opts.policy, opts.lookup),
      // A fresh connection per attempt: a pooled socket would skip the guarded lookup.
      agent: false,
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        done({ ok, statusCode: status, body: text, error: ok ? null : status >= 300 && status < 400 ? `redirect not followed (HTTP ${status})` : `HTTP ${status}` });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_RESPONSE_BYTES) finish();
      });
      res.on('end', finish);
      res.on('error', () => finish());
    });
    deadline.timer = setTimeout(() => {
      fail(`timeout after ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => fail(err instanceof RefusedAddressError ? err.message : `${(err as NodeJS.ErrnoException).code ?? err.name}: ${err.message}`));
    req.end(body);
  });
}
