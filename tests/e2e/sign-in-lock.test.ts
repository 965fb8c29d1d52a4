// A locked sign-in's second step in the browser: the page passes axe with and without an error,
// works at 320 px, and in English; the e-mailed code signs the member in.
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, field, sidewaysOverflow, submitForm, tr, useE2E, visit } from './support/index.js';
import { throttleKeys } from '../../src/modules/accounts/throttle.js';
import { createUser } from '../support/factories.js';

describe('sign-in during a lock', () => {
  const e = useE2E();

  async function lockAccount(email: string): Promise<void> {
    await e.server.ctx.ds.query(
      `INSERT INTO sign_in_throttle (key, failures, locked_until, expires_at) VALUES ($1, 0, now() + interval '15 minutes', now() + interval '15 minutes')`,
      [throttleKeys(e.server.ctx.config.sessionSecret).account(email)]);
  }

  it('when the account is locked, then the code step is accessible, reflows at 320 px and the e-mailed code signs in', async () => {
    const user = await createUser(e.server.ctx.ds);
    await lockAccount(user.email);
    const page = await e.newPage({ width: 320 });
    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill(user.email);
    await field(page, 'accounts.fields.password').fill(user.password);
    await submitForm(page, '/login', tr('accounts.login.submit'));
    expect(new URL(page.url()).pathname).toBe('/login/verify');
    await expectAccessible(page, 'sign-in code step');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await field(page, 'accounts.verify.code').fill('000000');
    await submitForm(page, '/login/verify', tr('accounts.verify.submit'));
    await expect(page.locator('#error-summary').getByText(tr('accounts.verify.wrongCode')).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'sign-in code step with an error');

    const [mail] = (await e.server.mailsTo(user.email)).filter((m) => m.subject === tr('mail.signInCode.subject'));
    await field(page, 'accounts.verify.code').fill(mail!.text.match(/\n\n(\d{6})\n\n/)![1]!);
    await submitForm(page, '/login/verify', tr('accounts.verify.submit'));
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('.site-user').getByRole('link', { name: user.name }).isVisible()).resolves.toBe(true);
  });

  it('when an English reader is locked, then the step and the e-mail are in English', async () => {
    const user = await createUser(e.server.ctx.ds, { language: 'en' });
    await lockAccount(user.email);
    const page = await e.newPage({ locale: 'en-GB' });
    await visit(page, '/login');
    await field(page, 'accounts.fields.email', 'en').fill(user.email);
    await field(page, 'accounts.fields.password', 'en').fill(user.password);
    await submitForm(page, '/login', tr('accounts.login.submit', {}, 'en'));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.verify.title', {}, 'en'));
    await expect(page.getByText(tr('accounts.verify.howTotp', {}, 'en')).isVisible()).resolves.toBe(true);
    const mails = await e.server.mailsTo(user.email);
    expect(mails.map((m) => m.subject)).toEqual([tr('mail.signInCode.subject', {}, 'en')]);
  });
});
