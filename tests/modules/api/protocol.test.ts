// What every /api/v1 answer shares: ETag and 304, CORS (preflight; no Allow-Origin on network-only
// answers), 401 for a refused token, problem+json for unknown addresses and methods, the session
// cookie never making a reader a member, and the rate limits with IETF RateLimit headers and 429.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createToken } from '../../../src/modules/tokens/tokens.service.js';
import { apiGet, tokenFor } from './support.js';

const expectProblem = (res: request.Response, status: number) => {
  expect(res.status).toBe(status);
  expect(res.type).toBe('application/problem+json');
  expect(res.body).toEqual(expect.objectContaining({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String), instance: expect.stringMatching(/^\/api\/v1/) }));
};

describe('api: protocol', () => {
  const t = useTestApp({ RATE_LIMIT_API_IP_PER_MINUTE: '100000', RATE_LIMIT_API_TOKEN_PER_MINUTE: '100000' });

  it('when If-None-Match carries the ETag, then 304 without a body; after a change, 200 with a new ETag', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: adm.id, visibility: 'public' });
    const first = await apiGet(t, `/use-cases/${uc.slug}`);
    expect(first.headers.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const head = await request(t.app).head(`/api/v1/use-cases/${uc.slug}`);
    expect([head.status, head.headers.etag]).toEqual([200, first.headers.etag]);
    const again = await apiGet(t, `/use-cases/${uc.slug}`).set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const list = await apiGet(t, `/use-cases?administration=${adm.slug}`);
    expect((await apiGet(t, `/use-cases?administration=${adm.slug}`).set('If-None-Match', list.headers.etag!)).status).toBe(304);
    await t.ctx.ds.query(`UPDATE use_cases SET title = title || ' (neu)' WHERE id = $1`, [uc.id]);
    const changed = await apiGet(t, `/use-cases/${uc.slug}`).set('If-None-Match', first.headers.etag!);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });

  it('when a browser on another site asks, then the preflight allows GET with Authorization, public answers carry Allow-Origin *, network-only ones none', async () => {
    const pre = await request(t.app).options('/api/v1/use-cases').set('Origin', 'https://portal.land.example').set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toContain('GET');
    expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);

    const category = await createCategory(t.ctx.ds, { isPublic: false });
    const thread = await createThread(t.ctx.ds, { category });
    const networkToken = await tokenFor(t, ['read:public', 'read:network']);
    const members = await apiGet(t, `/forum/threads/${thread.id}`, networkToken).set('Origin', 'https://portal.land.example');
    expect(members.status).toBe(200);
    expect(members.headers['access-control-allow-origin']).toBeUndefined();
    const membersList = await apiGet(t, `/forum/threads?category=${category.slug}`, networkToken);
    expect(membersList.body.data).toHaveLength(1);
    expect(membersList.headers['access-control-allow-origin']).toBeUndefined();

    const pub = await apiGet(t, '/openapi.json').set('Origin', 'https://portal.land.example');
    expect(pub.headers['access-control-allow-origin']).toBe('*');
    expect(pub.headers['access-control-expose-headers']).toMatch(/ETag/);
    const emptyNetworkList = await apiGet(t, `/forum/threads?category=${(await createCategory(t.ctx.ds, { isPublic: false })).slug}`, networkToken);
    expect(emptyNetworkList.headers['access-control-allow-origin']).toBe('*');
  });

  it('when the token is malformed, unknown, revoked or expired, then 401 problem+json with WWW-Authenticate, also on public resources', async () => {
    const user = await createUser(t.ctx.ds);
    const revoked = await createToken(t.ctx, user.id, { name: 'revoked', scopes: ['read:public'], expiry: '90' });
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    const expired = await createToken(t.ctx, user.id, { name: 'expired', scopes: ['read:public'], expiry: '90' });
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    const valid = await tokenFor(t, ['read:public']);
    for (const header of ['Bearer nonsense', `Bearer ${valid.slice(0, -2)}xx`, `Bearer ${revoked.token}`, `Bearer ${expired.token}`, `Basic ${Buffer.from('a:b').toString('base64')}`]) {
      const res = await request(t.app).get('/api/v1/use-cases').set('Authorization', header);
      expectProblem(res, 401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    expect((await apiGet(t, '/use-cases', valid)).status).toBe(200);
  });

  it('when a member\'s session cookie comes without a token, then the API answers as for a visitor', async () => {
    const member = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { visibility: 'network' });
    const browser = await signedIn(t.app, member);
    expect((await browser.get(`/use-cases/${uc.slug}`)).status).toBe(200);
    expectProblem(await browser.get(`/api/v1/use-cases/${uc.slug}`), 404);
  });

  it('when the address or the method is unknown, then 404 or a refusal as problem+json (never an HTML page)', async () => {
    expectProblem(await apiGet(t, '/nothing-here'), 404);
    expectProblem(await apiGet(t, '/forum/threads/not-a-number'), 404);
    expectProblem(await apiGet(t, '/academy/courses/no-such-course'), 404);
    expectProblem(await apiGet(t, '/guides/no-such-guide/chapters'), 404);
    // Writing methods: 405 with the methods the API allows (the API is read-only; the CSRF guard leaves it to the API).
    for (const res of [await request(t.app).delete('/api/v1/use-cases'), await request(t.app).post('/api/v1/use-cases').send({ title: 'x' }),
      await request(t.app).put('/api/v1/use-cases/some-case').send({ title: 'x' })]) {
      expectProblem(res, 405);
      expect(res.body.title).toBe('Method Not Allowed');
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
  });

  it('when lists get random parameters (known and unknown names, valid and damaged values), then the answer is 200 or a 400 problem, never a 5xx', async () => {
    const doc = (await apiGet(t, '/openapi.json')).body as { paths: Record<string, { get: { parameters?: { name: string; in: string; schema: { enum?: string[]; items?: { enum?: string[] } } }[] } }> };
    const lists = Object.entries(doc.paths).filter(([path]) => !path.includes('{') && path !== '/openapi.json');
    const value = fc.oneof(fc.constantFrom('', '0', '-1', '101', '2026-02-30', 'true', 'x'.repeat(300), 'eyJ2IjoxfQ', '%E2%82%AC', 'a,b'), fc.string({ maxLength: 20 }).map(encodeURIComponent));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), fc.array(fc.tuple(fc.nat(), value, fc.boolean()), { maxLength: 4 }), async ([path, item], picks) => {
        const params = (item.get.parameters ?? []).filter((p) => p.in === 'query');
        const qs = picks.map(([i, v, useEnum]) => {
          const p = params[i % (params.length + 1)];
          const name = p?.name ?? 'unknown';
          const allowed = p?.schema.enum ?? p?.schema.items?.enum;
          return `${name}=${useEnum && allowed ? allowed[i % allowed.length] : v}`;
        }).join('&');
        const res = await apiGet(t, `${path}?${qs}`);
        if (![200, 400].includes(res.status)) throw new Error(`${path}?${qs}: ${res.status} ${res.text}`);
        if (res.status === 400) expect(res.type).toBe('application/problem+json');
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('when the problem is read in German, then its detail is German', async () => {
    const res = await apiGet(t, '/use-cases?limit=0').set('Accept-Language', 'de');
    expectProblem(res, 400);
    expect(res.body.errors[0]).toEqual({ parameter: 'limit', detail: '„limit“ muss eine ganze Zahl von 1 bis 100 sein.' });
  });
});

describe('api: rate limits', () => {
  const t = useTestApp({ RATE_LIMIT_API_IP_PER_MINUTE: '3', RATE_LIMIT_API_TOKEN_PER_MINUTE: '5' });

  it('when a token exceeds its limit, then 429 problem+json with RateLimit headers, while another token and visitors go on', async () => {
    const token = await tokenFor(t, ['read:public']);
    const other = await tokenFor(t, ['read:public']);
    const first = await apiGet(t, '/openapi.json', token);
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('"api-token"; q=5; w=60; pk=' + first.headers['ratelimit-policy']!.split('pk=')[1]);
    expect(first.headers.ratelimit).toMatch(/^"api-token"; r=4; t=\d+/);
    for (let i = 0; i < 4; i++) expect((await apiGet(t, '/openapi.json', token)).status).toBe(200);
    const refused = await apiGet(t, '/openapi.json', token);
    expectProblem(refused, 429);
    expect(refused.headers.ratelimit).toMatch(/^"api-token"; r=0; t=\d+/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await apiGet(t, '/openapi.json', other)).status).toBe(200);
  });

  it('when visitors (and refused tokens) from one address exceed the limit per IP, then 429 with the IP policy', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await (i === 1 ? request(t.app).get('/api/v1/use-cases').set('Authorization', 'Bearer wrong') : apiGet(t, '/use-cases?limit=1'));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 401, 200, 429]);
    expectProblem(last!, 429);
    expect(last!.headers['ratelimit-policy']).toMatch(/^"api-ip"; q=3; w=60/);
  });
});
