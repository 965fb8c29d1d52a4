// Progressive enhancement: with JavaScript switched off every page still renders and every form
// still works (register, confirm, sign in, the code step of a locked sign-in, profile, password
// reset, two-factor set-up, sign out, the leaderboard question, a badge grant).
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { field, follow, linkTo, setUpTwoFactor, signIn, signOut, submitForm, tr, useE2E, visit } from './support/index.js';
import { throttleKeys } from '../../src/modules/accounts/throttle.js';
import { createAdministration, createUser, PASSWORD, uniq } from '../support/factories.js';
import { PLACEHOLDERS } from '../../src/modules/pages/pages.routes.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).innerText();

describe('without JavaScript', () => {
  const e = useE2E();

  it('when JavaScript is off, then a person registers, confirms, signs in, edits the profile and signs out', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const handle = uniq('n');
    const email = `${handle}@${adm.domain}`;
    const page = await e.newPage({ javaScript: false });

    await visit(page, '/register');
    await submitForm(page, '/register', tr('accounts.register.submit'));
    await expect(page.locator('#error-summary').isVisible()).resolves.toBe(true);
    await expect(heading(page)).resolves.toBe(tr('accounts.register.title'));

    await field(page, 'accounts.fields.name').fill('Nora Ohneskript');
    await field(page, 'accounts.fields.handle').fill(handle);
    await field(page, 'accounts.fields.email').fill(email);
    await field(page, 'accounts.fields.password').fill(PASSWORD);
    await page.getByLabel(tr('accounts.register.consent')).check();
    await submitForm(page, '/register', tr('accounts.register.submit'));
    await expect(heading(page)).resolves.toBe(tr('accounts.registerSent.title'));

    const [mail] = await e.server.mailsTo(email);
    await page.goto(linkTo(mail!.text, '/register/confirm'));
    await expect(page.getByText(tr('accounts.confirmed.active')).isVisible()).resolves.toBe(true);

    // A wrong password first: the form comes back with the message and the e-mail kept.
    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill(email);
    await field(page, 'accounts.fields.password').fill('not the password');
    await submitForm(page, '/login', tr('accounts.login.submit'));
    await expect(page.locator('#error-summary').getByText(tr('accounts.login.failed')).isVisible()).resolves.toBe(true);
    await expect(field(page, 'accounts.fields.email').inputValue()).resolves.toBe(email);
    await expect(heading(page)).resolves.toBe(tr('accounts.login.title'));

    await signIn(page, { email, password: PASSWORD });
    await visit(page, '/me');
    await field(page, 'accounts.fields.department').fill('Amt für Beteiligung');
    await page.getByLabel(tr('accounts.fields.language')).selectOption('en');
    await submitForm(page, '/me/profile', tr('accounts.me.save'));
    // The profile language applies at once: the page comes back in English.
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('status').filter({ hasText: tr('accounts.me.saved', {}, 'en') }).isVisible()).resolves.toBe(true);
    await expect(field(page, 'accounts.fields.department', 'en').inputValue()).resolves.toBe('Amt für Beteiligung');

    await submitForm(page, '/logout', tr('layout.logout', {}, 'en'));
    // Signed out, the browser's language (German here) applies again.
    await expect(page.locator('.site-user a[href="/login"]').isVisible()).resolves.toBe(true);
    const [row] = await e.server.ctx.ds.query(`SELECT department, language FROM users WHERE email = $1`, [email]);
    expect(row).toEqual({ department: 'Amt für Beteiligung', language: 'en' });
  });

  it('when JavaScript is off, then a forgotten password is reset through the e-mailed link', async () => {
    const user = await createUser(e.server.ctx.ds);
    const page = await e.newPage({ javaScript: false });
    await visit(page, '/login');
    await follow(page, page.getByRole('link', { name: tr('accounts.login.forgot') }));
    await field(page, 'accounts.fields.email').fill(user.email);
    await submitForm(page, '/password/forgot', tr('accounts.forgot.submit'));
    await expect(page.getByText(tr('accounts.forgot.sent')).isVisible()).resolves.toBe(true);

    const mails = await e.server.mailsTo(user.email);
    await page.goto(linkTo(mails.at(-1)!.text, '/password/reset'));
    // Too short first: the form comes back and still carries the link's token.
    await field(page, 'accounts.reset.newPassword').fill('short');
    await submitForm(page, '/password/reset', tr('accounts.reset.submit'));
    await expect(page.locator('#error-summary').isVisible()).resolves.toBe(true);
    await expect(heading(page)).resolves.toBe(tr('accounts.reset.title'));
    const newPassword = 'a brand new passphrase for praxis';
    await field(page, 'accounts.reset.newPassword').fill(newPassword);
    await submitForm(page, '/password/reset', tr('accounts.reset.submit'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await expect(page.getByRole('status').filter({ hasText: tr('accounts.reset.done') }).isVisible()).resolves.toBe(true);
    await signIn(page, { email: user.email, password: newPassword });
    await expect(page.locator('.site-user').getByRole('link', { name: user.name }).isVisible()).resolves.toBe(true);
  });

  it('when JavaScript is off and the account is locked, then the right password and the e-mailed code sign in through a form', async () => {
    const user = await createUser(e.server.ctx.ds);
    await e.server.ctx.ds.query(
      `INSERT INTO sign_in_throttle (key, failures, locked_until, expires_at) VALUES ($1, 0, now() + interval '15 minutes', now() + interval '15 minutes')`,
      [throttleKeys(e.server.ctx.config.sessionSecret).account(user.email)]);
    const page = await e.newPage({ javaScript: false });
    await page.goto('/login?next=%2Fadministrations');
    await field(page, 'accounts.fields.email').fill(user.email);
    await field(page, 'accounts.fields.password').fill(user.password);
    await submitForm(page, '/login', tr('accounts.login.submit'));
    expect(new URL(page.url()).pathname).toBe('/login/verify');
    await expect(heading(page)).resolves.toBe(tr('accounts.verify.title'));
    await expect(page.getByText(tr('accounts.verify.howEmail')).isVisible()).resolves.toBe(true);

    // A wrong code first: the form comes back with the message at the field.
    await field(page, 'accounts.verify.code').fill('12345x');
    await submitForm(page, '/login/verify', tr('accounts.verify.submit'));
    await expect(page.locator('#error-summary').getByText(tr('accounts.verify.wrongCode')).isVisible()).resolves.toBe(true);

    const [mail] = (await e.server.mailsTo(user.email)).filter((m) => m.subject === tr('mail.signInCode.subject'));
    await field(page, 'accounts.verify.code').fill(mail!.text.match(/\n\n(\d{6})\n\n/)![1]!);
    await submitForm(page, '/login/verify', tr('accounts.verify.submit'));
    expect(new URL(page.url()).pathname).toBe('/administrations');
    await expect(page.locator('.site-user').getByRole('link', { name: user.name }).isVisible()).resolves.toBe(true);
  });

  it('when JavaScript is off, then an admin sets up two-factor sign-in and changes a role', async () => {
    const target = await createUser(e.server.ctx.ds, { name: 'Olga Ohnejs' });
    const admin = await createUser(e.server.ctx.ds, { role: 'admin' });
    const page = await e.newPage({ javaScript: false });
    await signIn(page, admin);
    await visit(page, '/admin/users');
    expect(new URL(page.url()).pathname).toBe('/me/two-factor');
    await setUpTwoFactor(page, admin);
    await visit(page, `/admin/users?q=${target.handle}`);
    await page.getByLabel(tr('admin.users.roleFor', { name: 'Olga Ohnejs' })).selectOption('facilitator');
    await page.getByLabel(tr('admin.users.reason')).fill('Moderiert das Forum');
    await submitForm(page, `/admin/users/${target.id}/role`, tr('admin.users.change'));
    await expect(page.getByRole('status').filter({ hasText: tr('admin.users.roleChanged') }).isVisible()).resolves.toBe(true);
    const [row] = await e.server.ctx.ds.query(`SELECT role FROM users WHERE id = $1`, [target.id]);
    expect(row.role).toBe('facilitator');
    await signOut(page);
  });

  it('when JavaScript is off, then a member answers the leaderboard question and a facilitator grants a manual badge', async () => {
    const member = await createUser(e.server.ctx.ds);
    const page = await e.newPage({ javaScript: false });
    await signIn(page, member);
    await visit(page, '/recognition/points');
    await submitForm(page, '/recognition/settings', tr('recognition.leaderboards.notice.yes'));
    expect(new URL(page.url()).pathname).toBe('/recognition/points');
    await expect(page.getByRole('status').filter({ hasText: tr('recognition.leaderboards.settings.savedShown') }).isVisible()).resolves.toBe(true);
    const [pref] = await e.server.ctx.ds.query(`SELECT leaderboard_visible FROM recognition_preferences WHERE user_id = $1`, [member.id]);
    expect(pref.leaderboard_visible).toBe(true);

    const facilitator = await createUser(e.server.ctx.ds, { role: 'facilitator' });
    const staff = await e.newPage({ javaScript: false });
    await signIn(staff, facilitator);
    await visit(staff, '/recognition/badges/speaker');
    await field(staff, 'recognition.badges.grant.handle').fill(member.handle);
    await field(staff, 'recognition.badges.grant.reason').fill('Vortrag beim Barcamp');
    await submitForm(staff, '/recognition/badges/speaker/grant', tr('recognition.badges.grant.submit'));
    await expect(staff.getByRole('status').filter({ hasText: tr('recognition.badges.grant.done') }).isVisible()).resolves.toBe(true);
    const [grant] = await e.server.ctx.ds.query(`SELECT grant_reason FROM recognition_assertions WHERE user_id = $1 AND class_key = 'speaker'`, [member.id]);
    expect(grant.grant_reason).toBe('Vortrag beim Barcamp');
  });

  it('when JavaScript is off, then every page renders with its heading', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const member = await createUser(e.server.ctx.ds, { administrationId: adm.id });
    const page = await e.newPage({ javaScript: false });
    const empty: string[] = [];
    const check = async (path: string, status = 200) => {
      await visit(page, path, status);
      if (!(await heading(page)).trim()) empty.push(path);
    };
    for (const path of ['/', '/login', '/register', '/register/sent', '/password/forgot', '/password/reset?token=x', '/barrierefreiheit',
      '/impressum', '/datenschutz', '/administrations', `/administrations/${adm.slug}`, '/recognition', '/recognition/badges',
      '/recognition/badges/first-answer', '/recognition/microdegrees', ...PLACEHOLDERS.map((p) => p.path)]) {
      await check(path);
    }
    await check('/does-not-exist', 404);
    await signIn(page, member);
    for (const path of ['/me', '/me/password', '/me/two-factor', '/me/delete', `/members/${member.handle}`,
      '/recognition', '/recognition/points', '/recognition/settings', '/recognition/badges', '/recognition/microdegrees', `/members/${member.handle}/kompetenzpass`]) await check(path);
    await check('/admin', 403);
    expect(empty).toEqual([]);
  });
});
