// Issue 11, item 12: request ids, signing out, framing.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { requestIdFrom } from '../../src/web/request-id.js';
import { sessionCookie } from '../../src/web/session-cookie.js';
import { signedIn } from '../support/agent.js';
import { useTestApp } from '../support/app.js';
import { createUser } from '../support/factories.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  const t = useTestApp();

  it('when a proxy sends a short, plain X-Request-Id, then it is echoed', async () => {
    const res = await request(t.app).get('/impressum').set('X-Request-Id', 'lb-01:4f3a.9_x');
    expect(res.headers['x-request-id']).toBe('lb-01:4f3a.9_x');
  });

  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['spaces and quotes', 'a b "c"'],
    ['65 characters', 'a'.repeat(65)],
    ['a forged log field', 'x","level":60,"msg":"forged'],
    ['non-ASCII', 'äöü'],
  ])('when the client sends an X-Request-Id with %s, then a fresh id is used instead', async (_name, id) => {
    const res = await request(t.app).get('/impressum').set('X-Request-Id', id);
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('when no or several ids arrive, then a fresh one is made', () => {
    expect(requestIdFrom(undefined)).toMatch(UUID);
    expect(requestIdFrom(['a', 'b'])).toMatch(UUID);
    expect(requestIdFrom('')).toMatch(UUID);
  });
});

describe('framing', () => {
  const t = useTestApp();

  it('when any page is served, then X-Frame-Options and the CSP both forbid framing', async () => {
    for (const path of ['/', '/login', '/does-not-exist']) {
      const res = await request(t.app).get(path);
      expect([path, res.headers['x-frame-options']]).toEqual([path, 'DENY']);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });
});

describe('signing out', () => {
  const t = useTestApp();

  it('when a member signs out, then the session cookie is cleared with the attributes it was set with', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const res = await b.post('/logout');
    expect(res.status).toBe(303);
    const cleared = (res.headers['set-cookie'] as unknown as string[] | undefined ?? []).find((c) => c.startsWith('praxis.sid='));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/^praxis\.sid=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect(cleared).toMatch(/Path=\//);
    expect(cleared).toMatch(/HttpOnly/);
    expect(cleared).toMatch(/SameSite=Lax/);
    expect((await b.get('/me')).status).not.toBe(200);
  });

  it('when the app runs in production, then the cookie cleared is the secure __Host- one', () => {
    expect(sessionCookie({ isProduction: true })).toEqual({
      name: '__Host-praxis.sid',
      options: { httpOnly: true, sameSite: 'lax', secure: true, path: '/' },
    });
    expect(sessionCookie({ isProduction: false }).name).toBe('praxis.sid');
  });
});
