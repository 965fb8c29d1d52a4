import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../support/app.js';

describe('cookies for visitors', () => {
  const t = useTestApp();

  it('when a visitor reads pages without a form, then no cookie (and so no session) is set', async () => {
    for (const path of ['/', '/impressum', '/datenschutz', '/administrations', '/does-not-exist']) {
      const res = await request(t.app).get(path);
      expect([path, res.headers['set-cookie']]).toEqual([path, undefined]);
    }
  });

  it('when a visitor opens a page with a form, then the session cookie carries its CSRF token', async () => {
    const res = await request(t.app).get('/login');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^praxis\.sid=/);
    expect(res.text).toMatch(/name="_csrf" value="[\w-]{20,}"/);
  });
});
