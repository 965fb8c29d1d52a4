// Single sign-on in the browser, against a real OpenID provider (tests/support/oidc.ts): the admin
// pages, the sign-in chooser and the "not reachable" page pass axe at 1280 px and 320 px (errors
// shown too); and a visitor signs in with the administration's account from the sign-in page, is a
// member afterwards, and signing out leads on to the provider's sign-out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, field, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { generateTotpSecret } from '../../src/shared/totp.js';
import { saveSettings } from '../../src/modules/sso/sso.service.js';
import type { Page } from 'playwright-core';
import { createAdministration, createUser } from '../support/factories.js';
import { closedPortUrl, startProvider, TEST_CLIENT, type TestProvider } from '../support/oidc.js';

describe('single sign-on in the browser', () => {
  const e = useE2E();
  let idp: TestProvider;
  beforeAll(async () => {
    idp = await startProvider({ praxisUrl: e.server.baseUrl });
  });
  afterAll(() => idp?.stop());

  /** The provider's sign-in (as `login`) and consent pages, until the browser is back at Praxis. */
  async function passProviderPages(page: Page, login: string) {
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('irrelevant');
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/interaction/')), page.locator('button[type="submit"]').first().click()]);
    await Promise.all([page.waitForURL((u) => u.origin === e.server.baseUrl), page.locator('button[type="submit"]').first().click()]);
    await page.waitForLoadState('load');
  }

  async function withSso(issuer: string) {
    const ds = e.server.ctx.ds;
    const admin = await createMember(e.server, 'admin', { totpSecret: generateTotpSecret() });
    const adm = await createAdministration(ds, { name: 'Stadt Musterhausen an der langen Mündung' });
    await saveSettings(e.server.ctx, { id: admin.id, role: 'admin' }, adm.id, {
      issuerUrl: issuer, clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret, allowedDomains: [adm.domain], departmentClaim: 'department', enabled: 'yes',
    });
    return { admin, adm };
  }

  it('when an admin opens the settings and a visitor the chooser and the "not reachable" page, then axe finds nothing at both widths', async () => {
    const { admin, adm } = await withSso(idp.issuer);
    const down = await withSso(await closedPortUrl());
    const audit = new AxeAudit();
    const a = await TwoWidths.open(e, audit, 'admin', admin, 'de-DE', { errorStatus: 422 });
    await a.page('single sign-on overview', '/admin/sso');
    await a.page('single sign-on settings', `/admin/sso/${adm.slug}`);
    await a.errors('single sign-on settings with errors', `/admin/sso/${adm.slug}`, `/admin/sso/${adm.slug}`, async (p) => {
      await field(p, 'sso.fields.allowedDomains').fill('kein domain');
    });
    const v = await TwoWidths.open(e, audit, 'visitor', undefined, 'de-DE', { errorStatus: 422 });
    await v.page('sign-in page with single sign-on', '/login');
    await v.page('administration chooser', '/login/sso');
    await v.errors('administration chooser with an unknown domain', '/login/sso', '/login/sso', async (p) => {
      await field(p, 'sso.choose.email').fill('jemand@nirgendwo.example');
    });
    await v.page('provider not reachable', `/login/sso/${down.adm.slug}`, 503);

    // Back from the provider with the e-mail of an existing account: the page asking for its password.
    const owner = await createUser(e.server.ctx.ds, { administrationId: adm.id, email: `inhaberin@${adm.domain}` });
    for (const p of [v.wide, v.narrow]) {
      await visit(p, `/login/sso/${adm.slug}`);
      expect(new URL(p.url()).origin).toBe(idp.issuer);
      await passProviderPages(p, owner.email);
      expect(new URL(p.url()).pathname).toBe('/login/sso/link');
    }
    await v.current('link an existing account');
    await v.errors('link an existing account with a wrong password', '/login/sso/link', '/login/sso/link', async (p) => {
      await field(p, 'accounts.fields.password').fill('nicht das Passwort');
    });
    audit.assertClean();
    expect([...a.problems, ...v.problems]).toEqual([]);
  });

  it('when a visitor signs in with the administration\'s account, then they are a member of it, and signing out leads to the provider\'s sign-out', async () => {
    const { adm } = await withSso(idp.issuer);
    const email = `erika.muster@${adm.domain}`;
    const page = await e.newPage();
    await visit(page, '/login');
    await Promise.all([page.waitForEvent('load'), page.getByRole('link', { name: tr('sso.choose.title') }).click()]);
    await field(page, 'sso.choose.email').fill(email);
    // A page with a Refresh header sends the browser on to the provider's own sign-in and consent pages.
    await Promise.all([page.waitForURL((u) => u.origin === idp.issuer), page.locator('form[action="/login/sso"]').getByRole('button', { name: tr('sso.choose.submit') }).click()]);
    await passProviderPages(page, email);
    await visit(page, '/me');
    await expect(page.locator('main').innerText()).resolves.toContain(email);
    const [user] = await e.server.ctx.ds.query(`SELECT status, administration_id AS "administrationId" FROM users WHERE email = $1`, [email]);
    expect(user).toEqual({ status: 'active', administrationId: adm.id });

    await Promise.all([page.waitForURL((u) => u.origin === idp.issuer), page.locator('form[action="/logout"] button').first().click()]);
    const back = await e.newPage();
    await back.context().addCookies(await page.context().cookies(e.server.baseUrl));
    const me = await back.goto(`${e.server.baseUrl}/me`);
    expect(new URL(me!.url()).pathname).toBe('/login');
  });
});
