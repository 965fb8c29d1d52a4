import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';

describe('pages', () => {
  const t = useTestApp();

  it('when the database is reachable, then /healthz answers 200', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('when a visitor opens the home page, then it is German by default with a skip link and the main navigation', async () => {
    const res = await request(t.app).get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain('href="#main"');
    expect(res.text).toContain('Zum Inhalt springen');
    expect(res.text).toMatch(/<nav class="site-nav" aria-label="Hauptnavigation">/);
  });

  it('when the browser prefers English, then the page is English', async () => {
    const res = await request(t.app).get('/').set('Accept-Language', 'en-GB,en;q=0.9,de;q=0.5');
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Skip to content');
  });

  it('when a page does not exist, then 404 is shown in the layout', async () => {
    const res = await request(t.app).get('/does-not-exist');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Seite nicht gefunden');
    expect(res.text).toContain('class="site-header"');
  });

  it('when any page is served, then a strict CSP is sent', async () => {
    const res = await request(t.app).get('/');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
