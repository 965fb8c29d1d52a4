// Overload (issue 19): at most MAX_ACTIVE_REQUESTS requests in progress; the others wait in arrival
// order; one that waited too long, or finds the queue full, gets 503 with Retry-After; health checks
// never wait. Real HTTP servers and sockets throughout.
import { afterAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { loadLimit } from '../../src/web/middleware/load-limit.js';
import { useTestApp } from '../support/app.js';

async function listen(app: express.Express) {
  const server = http.createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('load limit', () => {
  const servers: http.Server[] = [];
  afterAll(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  it('when more requests arrive than may run, then they run in arrival order as others finish, a full queue answers 503 at once, a long wait answers 503, and a health check passes', async () => {
    const order: string[] = [];
    const releases: (() => void)[] = [];
    const limit = loadLimit({ maxActive: 2, maxQueued: 2, maxWaitMs: 1_500, retryAfterSeconds: 7, exempt: (req) => req.path === '/healthz' });
    const app = express();
    app.use(limit);
    app.get('/healthz', (_req, res) => res.send('ok'));
    app.get('/work/:name', (req, res) => {
      order.push(req.params.name);
      releases.push(() => res.send(req.params.name));
    });
    const { server, url } = await listen(app);
    servers.push(server);
    const get = (path: string) => fetch(`${url}${path}`).then(async (r) => ({ status: r.status, retry: r.headers.get('retry-after'), text: await r.text() }));
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(check()).toBe(true);
    };

    const a = get('/work/a');
    const b = get('/work/b');
    await until(() => order.length === 2);
    const c = get('/work/c');
    await until(() => limit.stats().queued === 1);
    const d = get('/work/d');
    await until(() => limit.stats().queued === 2);
    // The queue is full: refused at once, with Retry-After; nothing of it ran.
    const e = await get('/work/e');
    expect(e).toMatchObject({ status: 503, retry: '7' });
    expect(e.text).toContain('busy');
    // Health checks never wait.
    expect((await get('/healthz')).status).toBe(200);
    expect(limit.stats()).toEqual({ active: 2, queued: 2, refused: 1 });

    // One finishes: the first in the queue runs, then the next.
    releases[0]!();
    expect((await a).text).toBe('a');
    await until(() => order.length === 3);
    expect(order).toEqual(['a', 'b', 'c']);
    releases[1]!();
    expect((await b).text).toBe('b');
    await until(() => order.length === 4);
    expect(order).toEqual(['a', 'b', 'c', 'd']);

    // c and d hold both places: the next one waits, then times out with 503 without having run.
    const f = await get('/work/f');
    expect(f).toMatchObject({ status: 503, retry: '7' });
    expect(order).not.toContain('f');
    releases[2]!();
    releases[3]!();
    expect([(await c).text, (await d).text]).toEqual(['c', 'd']);
    await until(() => limit.stats().active === 0);
    expect(limit.stats()).toEqual({ active: 0, queued: 0, refused: 2 });
  });

  it('when a waiting client goes away, then it leaves the queue and its place is not counted', async () => {
    const releases: (() => void)[] = [];
    const limit = loadLimit({ maxActive: 1, maxQueued: 5, maxWaitMs: 5_000, retryAfterSeconds: 1 });
    const app = express();
    app.use(limit);
    app.get('/', (_req, res) => { releases.push(() => res.send('done')); });
    const { server, url } = await listen(app);
    servers.push(server);
    const first = fetch(url);
    for (let i = 0; i < 200 && releases.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    const gone = new AbortController();
    const waiting = fetch(url, { signal: gone.signal }).catch((err: Error) => err.name);
    for (let i = 0; i < 200 && limit.stats().queued === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(limit.stats().queued).toBe(1);
    gone.abort();
    expect(await waiting).toBe('AbortError');
    for (let i = 0; i < 200 && limit.stats().queued > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(limit.stats()).toMatchObject({ active: 1, queued: 0 });
    releases[0]!();
    expect((await first).status).toBe(200);
  });
});

describe('load limit in the app', () => {
  // One request at a time, nothing may wait: the app's own configuration, as a deployment sets it.
  const t = useTestApp({ MAX_ACTIVE_REQUESTS: '1', REQUEST_QUEUE_MAX: '0' });

  it('when a request is in progress and the limit is reached, then a page gets 503 with Retry-After while /healthz answers 200; afterwards pages are served again', async () => {
    const server = http.createServer(t.app);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      // A form post whose body is still on its way holds the one place (the body parser waits for it).
      const slow = net.connect(port, '127.0.0.1');
      await once(slow, 'connect');
      slow.write('POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=');
      let busy = { status: 0, retry: null as string | null };
      for (let i = 0; i < 100 && busy.status !== 503; i++) {
        const r = await fetch(`http://127.0.0.1:${port}/forum`);
        busy = { status: r.status, retry: r.headers.get('retry-after') };
        await r.text();
      }
      expect(busy.status).toBe(503);
      expect(Number(busy.retry)).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      slow.destroy();
      let again = 0;
      for (let i = 0; i < 100 && again !== 200; i++) {
        const r = await fetch(`http://127.0.0.1:${port}/forum`);
        again = r.status;
        await r.text();
        if (again !== 200) await new Promise((res) => setTimeout(res, 20));
      }
      expect(again).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
