import { describe, expect, it } from '@jest/globals';
import { formatDate, formatNumber, fromAcceptLanguage } from '../../../src/shared/i18n.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser } from '../../support/factories.js';

const langOf = (html: string) => html.match(/<html lang="(\w+)">/)?.[1];

describe('choosing the language', () => {
  it('when the browser sends Accept-Language, then the best supported language with q > 0 wins', () => {
    expect(fromAcceptLanguage('en-GB,en;q=0.9,de;q=0.5')).toBe('en');
    expect(fromAcceptLanguage('fr-FR,de;q=0.3,en;q=0.2')).toBe('de');
    expect(fromAcceptLanguage('de;q=0.1,en;q=0.8')).toBe('en');
    expect(fromAcceptLanguage('en;q=0,fr')).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });

  it('when dates and numbers are formatted, then each language uses its own conventions', () => {
    const d = new Date('2026-03-05T23:30:00Z'); // already 6 March in Berlin
    expect(formatDate('de', d)).toBe('06.03.2026');
    expect(formatDate('en', d)).toBe('6 Mar 2026');
    expect(formatDate('de', d, true)).toBe('06.03.2026, 00:30');
    expect(formatNumber('de', 110500)).toBe('110.500');
    expect(formatNumber('en', 110500)).toBe('110,500');
  });
});

describe('language on pages', () => {
  const t = useTestApp();

  it('when a visitor uses the switch, then the cookie beats Accept-Language, and only a local next path is followed', async () => {
    const b = new Browser(t.app);
    expect(langOf((await b.get('/').set('Accept-Language', 'de')).text)).toBe('de');
    const sw = await b.get('/language/en?next=%2Fimpressum');
    expect(sw.status).toBe(303);
    expect(sw.headers.location).toBe('/impressum');
    expect(String(sw.headers['set-cookie'])).toMatch(/praxis_lang=en;.*HttpOnly/);
    const page = await b.get('/impressum').set('Accept-Language', 'de');
    expect(langOf(page.text)).toBe('en');
    expect(page.text).toContain('href="/language/de?next=%2Fimpressum"');

    const evil = await b.get('/language/de?next=%2F%2Fevil.example');
    expect(evil.headers.location).toBe('/');
    const unknown = await b.get('/language/fr');
    expect(unknown.status).toBe(303);
    expect(unknown.headers['set-cookie']).toBeUndefined();
    expect(langOf((await b.get('/').set('Accept-Language', 'de')).text)).toBe('de');
  });

  it('when a member has a language setting, then it beats both the cookie and Accept-Language', async () => {
    const user = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, user);
    await b.get('/language/de'); // a visitor's switch does not override the member's setting
    const res = await b.get('/').set('Accept-Language', 'de');
    expect(langOf(res.text)).toBe('en');
    expect(res.text).toContain('action="/language"');
  });

  it('when a member uses the switch, then their setting is saved and follows them to a new session', async () => {
    const user = await createUser(t.ctx.ds, { language: 'de' });
    const b = await signedIn(t.app, user);
    const res = await b.post('/language', { lang: 'en', next: '/me' }, '/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/me');
    expect((await t.ctx.ds.query(`SELECT language FROM users WHERE id = $1`, [user.id]))[0].language).toBe('en');
    expect(langOf((await b.get('/me')).text)).toBe('en');
    const elsewhere = await signedIn(t.app, user);
    expect(langOf((await elsewhere.get('/').set('Accept-Language', 'de')).text)).toBe('en');

    const bad = await b.post('/language', { lang: 'xx' }, '/');
    expect(bad.status).toBe(303);
    expect((await t.ctx.ds.query(`SELECT language FROM users WHERE id = $1`, [user.id]))[0].language).toBe('en');
  });

  it('when a page shows numbers and dates, then they follow the page language', async () => {
    const adm = await createAdministration(t.ctx.ds, { population: 110500 });
    const de = await new Browser(t.app).get(`/administrations/${adm.slug}`);
    expect(de.text).toContain('110.500');
    const en = await new Browser(t.app).get(`/administrations/${adm.slug}`).set('Accept-Language', 'en');
    expect(en.text).toContain('110,500');

    const user = await createUser(t.ctx.ds, { language: 'en', administrationId: adm.id });
    await t.ctx.ds.query(`UPDATE users SET created_at = '2025-01-15T10:00:00Z' WHERE id = $1`, [user.id]);
    const b = await signedIn(t.app, user);
    expect((await b.get(`/members/${user.handle}`)).text).toContain('15 Jan 2025');
    const v = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'de' }));
    expect((await v.get(`/members/${user.handle}`)).text).toContain('15.01.2025');
  });

  it('when a member who chose English signs out, then the next pages stay English', async () => {
    const user = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, user);
    expect(langOf((await b.get('/')).text)).toBe('en');
    await b.post('/logout', {}, '/');
    const after = await b.get('/').set('Accept-Language', 'de-DE,de;q=0.9');
    expect(langOf(after.text)).toBe('en');
  });
});
