// The webhooks' pure rules: the SSRF guard's address table (IPv4, IPv6, IPv4 inside IPv6), the
// guarded lookup (every resolved address checked, the connection handed that same address), a
// production-mode guard refusing 127.0.0.1 on a real request, the retry schedule, the URL rules
// and the signature checked by the independent standardwebhooks package.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { newMessageId, newSecret, nextRetryDelay, sign } from '../../../src/modules/webhooks/webhooks.model.js';
import { urlProblem } from '../../../src/modules/webhooks/webhooks.schemas.js';
import { postWebhook } from '../../../src/modules/webhooks/webhooks.send.js';
import { embeddedIpv4, guardedLookup, refusedAddress } from '../../../src/modules/webhooks/webhooks.ssrf.js';

const production = { allowLoopback: false };
const development = { allowLoopback: true };

describe('webhooks: SSRF guard', () => {
  const table: [string, boolean][] = [
    // IPv4: public
    ['93.184.215.14', true], ['8.8.8.8', true], ['1.1.1.1', true], ['100.63.255.255', true], ['100.128.0.0', true], ['172.32.0.1', true],
    // IPv4: never
    ['0.0.0.0', false], ['10.1.2.3', false], ['100.64.0.1', false], ['100.127.255.254', false], ['127.0.0.1', false], ['127.255.255.254', false],
    ['169.254.169.254', false], ['172.16.0.1', false], ['172.31.255.255', false], ['192.168.1.1', false], ['192.0.0.8', false],
    ['192.0.2.1', false], ['198.18.0.1', false], ['198.51.100.7', false], ['203.0.113.9', false], ['224.0.0.1', false], ['239.255.255.250', false],
    ['240.0.0.1', false], ['255.255.255.255', false],
    // IPv6: public
    ['2606:4700:4700::1111', true], ['2a00:1450:4001:82b::200e', true],
    // IPv6: never
    ['::', false], ['::1', false], ['fc00::1', false], ['fd12:3456:789a::1', false], ['fe80::1', false], ['fe80::1%eth0', false], ['fec0::1', false],
    ['ff02::1', false], ['ff05::1:3', false], ['2001:db8::1', false], ['100::1', false], ['::7f00:1', false],
    // IPv4 inside IPv6: judged by the IPv4 address
    ['::ffff:127.0.0.1', false], ['::ffff:7f00:1', false], ['::ffff:10.0.0.1', false], ['::ffff:169.254.169.254', false], ['0:0:0:0:0:ffff:c0a8:101', false],
    ['::ffff:8.8.8.8', true], ['64:ff9b::a00:1', false], ['64:ff9b::808:808', true], ['2002:7f00:1::', false], ['2002:808:808::1', true],
  ];
  it.each(table)('when the address is %s, then production allows it: %s', (address, allowed) => {
    expect(refusedAddress(address, production) === null).toBe(allowed);
  });

  it('when loopback is allowed (development and tests), then 127.0.0.0/8, ::1 and mapped loopback pass, but other private networks still do not', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(refusedAddress(a, development)).toBeNull();
    for (const a of ['10.0.0.1', '192.168.0.1', '169.254.169.254', 'fd00::1', '::ffff:10.0.0.1']) expect(refusedAddress(a, development)).not.toBeNull();
    expect(refusedAddress('127.0.0.1', production)).toBe('loopback');
    expect(refusedAddress('169.254.169.254', production)).toBe('link-local');
    expect(refusedAddress('100.64.1.1', production)).toBe('carrier-grade NAT');
    expect(refusedAddress('fd00::1', production)).toBe('unique-local');
  });

  it('when IPv6 addresses carry an IPv4 address, then it is found in every notation', () => {
    expect(embeddedIpv4('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(embeddedIpv4('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(embeddedIpv4('0:0:0:0:0:FFFF:0A00:0001')).toBe('10.0.0.1');
    expect(embeddedIpv4('64:ff9b::c0a8:1')).toBe('192.168.0.1');
    expect(embeddedIpv4('2002:a9fe:a9fe::')).toBe('169.254.169.254');
    expect(embeddedIpv4('2606:4700::1111')).toBeNull();
  });

  it('when a name resolves, then every address is checked and the connection gets the checked address; one private address among public ones refuses the name', async () => {
    const resolveTo = (addresses: string[]) => (_h: string, cb: (e: NodeJS.ErrnoException | null, a: { address: string; family: number }[]) => void) =>
      cb(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    const run = (addresses: string[], all = false) => new Promise<{ err: Error | null; address: unknown }>((resolve) =>
      guardedLookup(production, resolveTo(addresses))('hooks.example.org', { all }, (err, address) => resolve({ err, address })));
    expect(await run(['93.184.215.14'])).toEqual({ err: null, address: '93.184.215.14' });
    expect((await run(['93.184.215.14'], true)).address).toEqual([{ address: '93.184.215.14', family: 4 }]);
    const rebinding = await run(['93.184.215.14', '127.0.0.1']);
    expect(rebinding.err?.message).toBe('address 127.0.0.1 refused (loopback)');
    expect((await run(['::ffff:169.254.169.254'])).err?.message).toContain('link-local');
    expect((await run([])).err).not.toBeNull();
  });

  describe('a real request', () => {
    let server: Server;
    let port: number;
    let hits = 0;
    beforeAll(async () => {
      server = createServer((req, res) => {
        hits++;
        if (req.url === '/redirect') { res.writeHead(302, { location: 'http://127.0.0.1/elsewhere' }); return res.end(); }
        if (req.url === '/big') { res.writeHead(200); return res.end('x'.repeat(10_000)); }
        res.writeHead(204).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('when the guard is in production mode, then 127.0.0.1 and localhost are refused without a request; with loopback allowed the same URL is reached', async () => {
      const before = hits;
      const literal = await postWebhook(`http://127.0.0.1:${port}/`, '{}', {}, { policy: production });
      expect(literal).toMatchObject({ ok: false, statusCode: null, error: 'address 127.0.0.1 refused (loopback)' });
      const named = await postWebhook(`http://localhost:${port}/`, '{}', {}, { policy: production });
      expect(named.ok).toBe(false);
      expect(named.error).toMatch(/refused \(loopback\)/);
      const mapped = await postWebhook(`http://[::ffff:127.0.0.1]:${port}/`, '{}', {}, { policy: production });
      expect(mapped.error).toMatch(/refused \(loopback\)/);
      expect(hits).toBe(before);
      expect(await postWebhook(`http://127.0.0.1:${port}/`, '{}', {}, { policy: development })).toMatchObject({ ok: true, statusCode: 204 });
      expect(hits).toBe(before + 1);
    });

    it('when the receiver redirects, then the redirect is not followed and counts as a failure; a long answer is cut at 1 KB', async () => {
      const redirected = await postWebhook(`http://127.0.0.1:${port}/redirect`, '{}', {}, { policy: development });
      expect(redirected).toMatchObject({ ok: false, statusCode: 302, error: 'redirect not followed (HTTP 302)' });
      const big = await postWebhook(`http://127.0.0.1:${port}/big`, '{}', {}, { policy: development });
      expect(big.ok).toBe(true);
      expect(big.body).toHaveLength(1024);
    });
  });
});

describe('webhooks: retries, URLs and signatures', () => {
  it('when attempts fail, then the waits are 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, and the last attempt falls at the end of 24 hours', () => {
    let elapsed = 0;
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const wait = nextRetryDelay(attempt, elapsed);
      if (wait === null) break;
      waits.push(wait);
      elapsed += wait;
    }
    expect(waits).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 86_400 - 63_305]);
    expect(elapsed).toBe(86_400);
  });

  it('when a URL is registered, then production takes public https only; development and tests also http to this machine; refused address literals and credentials in the URL never', () => {
    expect(urlProblem('https://portal.example.org/hook', false)).toBeNull();
    expect(urlProblem('http://portal.example.org/hook', false)).toBe('webhooks.errors.https');
    expect(urlProblem('http://127.0.0.1:8080/hook', false)).toBe('webhooks.errors.address');
    expect(urlProblem('http://127.0.0.1:8080/hook', true)).toBeNull();
    expect(urlProblem('http://localhost/hook', true)).toBeNull();
    expect(urlProblem('http://[::1]:9000/hook', true)).toBeNull();
    expect(urlProblem('http://10.0.0.1/hook', true)).toBe('webhooks.errors.address');
    expect(urlProblem('https://169.254.169.254/latest/meta-data', false)).toBe('webhooks.errors.address');
    expect(urlProblem('https://[::ffff:127.0.0.1]/', false)).toBe('webhooks.errors.address');
    expect(urlProblem('https://2130706433/', false)).toBe('webhooks.errors.address'); // 127.0.0.1, as the URL parser reads it
    expect(urlProblem('https://127.0.0.1/', true)).toBeNull();
    expect(urlProblem('https://93.184.215.14/hook', false)).toBeNull();
    expect(urlProblem('ftp://portal.example.org/', true)).toBe('webhooks.errors.httpsOrLoopback');
    expect(urlProblem('https://user:pw@portal.example.org/', false)).toBe('webhooks.errors.credentials');
    expect(urlProblem('not a url', false)).toBe('webhooks.errors.url');
  });

  it('when a body is signed, then the standardwebhooks package verifies it with the secret, also during a rotation with two signatures', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = newMessageId();
    const ts = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'thread.created', timestamp: new Date().toISOString(), data: { id: 1, title: 'Äpfel & Birnen' } });
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': sign([secret], id, ts, body) };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('Birnen', 'Pflaumen'), headers)).toThrow();
    const old = newSecret();
    const both = { ...headers, 'webhook-signature': sign([secret, old], id, ts, body) };
    expect(new Webhook(secret).verify(body, both)).toBeTruthy();
    expect(new Webhook(old).verify(body, both)).toBeTruthy();
  });
});
