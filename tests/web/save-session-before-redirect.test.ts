import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestApp } from '../support/app.js';
import { csrfIn } from '../support/agent.js';

interface Sent {
  res: IncomingMessage;
  body: string;
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body = ''): {
  headersArrived: () => boolean;
  done: Promise<Sent>;
} {
  let arrived = false;
  const done = new Promise<Sent>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      arrived = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ res, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
  return { headersArrived: () => arrived, done };
}

describe('saving the session before a redirect', () => {
  const t = useTestApp();
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('when a form sets a flash message and redirects, then no byte of the 303 leaves before the session row is written', async () => {
    const form = await send(port, 'GET', '/barrierefreiheit').done;
    const cookie = String(form.res.headers['set-cookie']![0]!.split(';')[0]);
    const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;
    const token = csrfIn(form.body);

    // Hold the session row: the store's save has to wait for this transaction.
    const lock = t.ctx.ds.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`SELECT 1 FROM session WHERE sid = $1 FOR UPDATE`, [sid]);
    const body = new URLSearchParams({ _csrf: token, message: 'Der Kontrast ist zu schwach.' }).toString();
    const post = send(port, 'POST', '/barrierefreiheit', { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body);
    await new Promise((r) => setTimeout(r, 400));
    const arrivedWhileLocked = post.headersArrived();
    await lock.commitTransaction();
    await lock.release();

    const { res } = await post.done;
    expect(arrivedWhileLocked).toBe(false);
    expect(res.statusCode).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT sess FROM session WHERE sid = $1`, [sid]);
    expect(row.sess.flashes).toEqual([{ kind: 'success', key: 'pages.accessibility.feedback.thanks' }]);
  });
});
