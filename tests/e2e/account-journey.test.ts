// The first journey of every member: register → confirm by e-mail → sign in → edit the profile →
// sign out, in a real browser, with axe on every page on the way.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, field, linkTo, signIn, signOut, submitForm, tr, useE2E } from './support/index.js';
import { createAdministration, PASSWORD, uniq } from '../support/factories.js';

describe('account journey', () => {
  const e = useE2E();

  it('when a person registers with an address of a known administration, then they confirm, sign in, edit their profile and sign out', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const handle = uniq('j');
    const email = `${handle}@${adm.domain}`;
    const page = await e.newPage();

    await page.goto('/');
    await expectAccessible(page, 'home (visitor)');
    await page.locator('.site-user').getByRole('link', { name: tr('layout.register') }).click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.register.title'));
    await expectAccessible(page, 'register');

    await field(page, 'accounts.fields.name').fill('Jana Journey');
    await field(page, 'accounts.fields.handle').fill(handle);
    await field(page, 'accounts.fields.email').fill(email);
    await field(page, 'accounts.fields.password').fill(PASSWORD);
    await page.getByLabel(tr('accounts.register.consent')).check();
    await submitForm(page, '/register', tr('accounts.register.submit'));
    expect(new URL(page.url()).pathname).toBe('/register/sent');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.registerSent.title'));
    await expectAccessible(page, 'register sent');

    await e.server.drain();
    const [mail] = await e.server.mailsTo(email);
    expect(mail?.subject).toBe(tr('mail.confirm.subject'));
    await page.goto(linkTo(mail!.text, '/register/confirm'));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.confirmed.title'));
    await expect(page.getByText(tr('accounts.confirmed.active')).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'confirmed');

    await signIn(page, { email, password: PASSWORD });
    const header = page.locator('.site-user');
    await expect(header.getByRole('link', { name: 'Jana Journey' }).isVisible()).resolves.toBe(true);

    await header.getByRole('link', { name: 'Jana Journey' }).click();
    expect(new URL(page.url()).pathname).toBe('/me');
    await expectAccessible(page, 'my profile');
    await field(page, 'accounts.fields.name').fill('Jana Beispiel');
    await field(page, 'accounts.fields.jobTitle').fill('Referentin Beteiligung');
    await field(page, 'accounts.fields.bio').fill('Ich plane Bürgerräte.');
    await submitForm(page, '/me/profile', tr('accounts.me.save'));
    expect(new URL(page.url()).pathname).toBe('/me');
    await expect(page.getByRole('status').filter({ hasText: tr('accounts.me.saved') }).isVisible()).resolves.toBe(true);
    await expect(header.getByRole('link', { name: 'Jana Beispiel' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'my profile after saving');

    await page.getByRole('link', { name: tr('accounts.me.publicProfile') }).click();
    expect(new URL(page.url()).pathname).toBe(`/members/${handle}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Jana Beispiel');
    await expect(page.getByText('Referentin Beteiligung').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Ich plane Bürgerräte.').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'member profile');

    await signOut(page);
    await page.goto('/me');
    expect(new URL(page.url()).pathname).toBe('/login');
    const [row] = await e.server.ctx.ds.query(`SELECT name, job_title, status FROM users WHERE email = $1`, [email]);
    expect(row).toEqual({ name: 'Jana Beispiel', job_title: 'Referentin Beteiligung', status: 'active' });
  });
});
