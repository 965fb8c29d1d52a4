// The fuzz catalogue (tests/support/fuzz.ts) covers every POST route of the router, and GET routes
// with fuzzed path segments and query strings never answer 5xx (damaged text: 400).
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { usePrivateDatabase } from '../support/accounts-factories.js';
import { csrfIn, type Browser } from '../support/agent.js';
import { useTestApp } from '../support/app.js';
import { createFixtures, encodeLoose, FORMS, FUZZ_FILES } from '../support/fuzz.js';
import { routesOf } from '../support/routes.js';

/**
 * The oracle, independent of the app's guard: a percent-encoded component is damaged when an escape
 * is malformed ("%zz", "%"), its bytes are not UTF-8 (a strict decoder refuses them; encoded
 * surrogates included) or it holds NUL. "%C3%80" (À) is not damaged.
 */
function damagedComponent(raw: string): boolean {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/i.test(hex)) return true;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(raw[i]!, 'utf8'));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes)).includes('\u0000');
  } catch {
    return true;
  }
}
/** A query string is damaged when any of its keys or values is (`+` is a space there). */
const damagedQuery = (qs: string) => qs.split('&').some((pair) => pair.split('=').some((c) => damagedComponent(c.replace(/\+/g, ' '))));

describe('fuzzed routes', () => {
  const env = usePrivateDatabase();
  const t = useTestApp(env);
  let admin: Browser;
  beforeAll(async () => {
    admin = (await createFixtures(t)).admin;
  });

  it('when the router has a POST route, then the fuzz catalogue has it (and nothing else)', () => {
    const posted = routesOf(t.app).filter((r) => r.method === 'POST').map((r) => r.path).sort();
    expect(FORMS.map((f) => f.route).sort()).toEqual(posted);
    for (const form of FORMS) {
      const files = Object.entries(FUZZ_FILES).filter(([, f]) => f.routes.test(form.route)).map(([name]) => name);
      expect([form.route, files.length]).toEqual([form.route, 1]);
    }
  });

  const segment = fc.oneof(
    fc.constantFrom('%00', 'a%00b', '%FF', '%C3', '%ED%A0%80', '%zz', '99999999999999999999', '2147483648', '-1', '0', '1e308', '..', '%2e%2e', 'x'.repeat(5000), '%2F', '1'),
    fc.string({ unit: 'binary', maxLength: 30 }).map(encodeLoose),
  );
  const query = fc.array(fc.tuple(fc.constantFrom('q', 'page', 'sort', 'state', 'next', 'tag', 'kind', 'incomplete', 'x', 'q[]'), segment), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

  it('when POST routes get fuzzed path segments (with a valid CSRF token), then no answer is a 5xx and damaged text is a 400', async () => {
    const posts = routesOf(t.app).filter((r) => r.method === 'POST' && r.path.includes(':')).map((r) => r.path);
    const token = csrfIn((await admin.get('/barrierefreiheit')).text);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.array(segment, { minLength: 3, maxLength: 3 }), async (route, segs) => {
        let i = 0;
        const path = route.replace(/:\w+/g, () => segs[i++ % segs.length]!);
        const res = await admin.agent.post(path).type('form').send(`_csrf=${encodeURIComponent(token)}`);
        if (res.status >= 500) throw new Error(`POST ${path}: ${res.status}`);
        const damaged = segs.slice(0, i).some(damagedComponent);
        if (damaged && !path.includes('%2F')) expect(res.status).toBe(400);
      }),
      { numRuns: 500 },
    );
  }, 300_000);

  it('when GET routes get fuzzed path segments and query strings, then no answer is a 5xx and damaged text is a 400', async () => {
    const gets = routesOf(t.app).filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets.length).toBeGreaterThan(50);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...gets), fc.array(segment, { minLength: 3, maxLength: 3 }), query, fc.boolean(), async (route, segs, qs, signedIn) => {
        let i = 0;
        const path = route.replace(/:\w+/g, () => segs[i++ % segs.length]!);
        const url = qs ? `${path}?${qs}` : path;
        const res = signedIn ? await admin.get(url) : await request(t.app).get(url);
        if (res.status >= 500) throw new Error(`GET ${url}: ${res.status}`);
        const damaged = segs.slice(0, i).some(damagedComponent) || damagedQuery(qs);
        if (damaged && !url.includes('%2F')) expect(res.status).toBe(400);
      }),
      { numRuns: 1000 },
    );
  }, 300_000);
});
