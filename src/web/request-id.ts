// The request id: echoed in X-Request-Id, written to every log line and shown on the error page.
// A proxy's id is taken over only when it is short and plain — anything else (line breaks, markup,
// 10 KB of text) could forge log lines or fill the log — and a fresh one is made instead.
import { randomUUID } from 'node:crypto';

export const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
