// axe-core (WCAG 2.0/2.1 A and AA rules) on every page built so far, as a visitor and as a
// member, facilitator and admin, with forms also shown in their error state; plus keyboard basics.
// Each test visits a list of pages and fails once, naming every violation on every page.
import { describe, expect, it } from '@jest/globals';
import {
  AxeAudit, createMember, elementsWithoutFocusIndicator, field, follow, setUpTwoFactor, sidewaysOverflow, signIn, signInAs, submitAsIs, submitForm, tr,
  useE2E, visit,
} from './support/index.js';
import { createAdministration, createUser, uniq } from '../support/factories.js';
import { PLACEHOLDERS } from '../../src/modules/pages/pages.routes.js';
import { generateTotpSecret } from '../../src/shared/totp.js';

describe('accessibility', () => {
  const e = useE2E();

  it('when a visitor opens every public page, including forms with errors, then axe finds no WCAG 2.1 A/AA violation', async () => {
    const adm = await createAdministration(e.server.ctx.ds, { population: 48000 });
    await createUser(e.server.ctx.ds, { administrationId: adm.id });
    const page = await e.newPage();
    const audit = new AxeAudit();

    const pages: [string, string, number?][] = [
      ['home', '/'],
      ['sign in', '/login'],
      ['register', '/register'],
      ['register sent', '/register/sent'],
      ['confirm with a used link', '/register/confirm?token=not-a-token', 422],
      ['forgot password', '/password/forgot'],
      ['reset password', '/password/reset?token=x'],
      ['accessibility statement', '/barrierefreiheit'],
      ['imprint', '/impressum'],
      ['privacy', '/datenschutz'],
      ['administrations', '/administrations'],
      ['administrations filtered', `/administrations?state=TH&kind=municipality&q=${encodeURIComponent('zzz-none')}`],
      ['administration profile', `/administrations/${adm.slug}`],
      ['not found', '/does-not-exist', 404],
      ...PLACEHOLDERS.map((p): [string, string] => [`placeholder ${p.path}`, p.path]),
    ];
    for (const [label, path, status] of pages) {
      await visit(page, path, status ?? 200);
      await audit.check(page, label);
    }

    // Forms in their error state: sent empty (the forms use novalidate, so the server answers).
    for (const [label, path, action] of [
      ['sign in with errors', '/login', '/login'],
      ['register with errors', '/register', '/register'],
      ['forgot password with errors', '/password/forgot', '/password/forgot'],
      ['reset password with errors', '/password/reset?token=not-a-valid-token', '/password/reset'],
      ['accessibility feedback with errors', '/barrierefreiheit', '/barrierefreiheit'],
    ]) {
      await visit(page, path!);
      await submitAsIs(page, action!);
      await expect(page.locator('#error-summary').count()).resolves.toBe(1);
      await audit.check(page, label!);
    }

    // A wrong password: the error is told next to the e-mail field.
    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill('nobody@example.org');
    await field(page, 'accounts.fields.password').fill('wrong password here');
    await submitForm(page, '/login', tr('accounts.login.submit'));
    await expect(page.getByText(tr('accounts.login.failed')).first().isVisible()).resolves.toBe(true);
    await audit.check(page, 'sign in failed');

    // Reaching a members-only page sends the visitor to sign in.
    await visit(page, '/me');
    expect(new URL(page.url()).pathname).toBe('/login');

    // The accessibility feedback form, sent properly, thanks the visitor.
    await visit(page, '/barrierefreiheit');
    await field(page, 'pages.accessibility.feedback.message').fill('Der Kontrast im Kopf ist zu schwach.');
    await submitForm(page, '/barrierefreiheit', tr('pages.accessibility.feedback.submit'));
    await expect(page.getByRole('status').filter({ hasText: tr('pages.accessibility.feedback.thanks') }).isVisible()).resolves.toBe(true);
    await audit.check(page, 'accessibility feedback sent');

    // The forgotten-password confirmation.
    await visit(page, '/password/forgot');
    await field(page, 'accounts.fields.email').fill(`${uniq('n')}@example.org`);
    await submitForm(page, '/password/forgot', tr('accounts.forgot.submit'));
    await expect(page.getByText(tr('accounts.forgot.sent')).isVisible()).resolves.toBe(true);
    await audit.check(page, 'forgot password sent');

    audit.assertClean();
  });

  it('when a visitor switches to English, then the pages are English and still pass axe', async () => {
    const page = await e.newPage();
    const audit = new AxeAudit();
    await visit(page, '/register');
    await follow(page, page.locator('.site-footer').getByRole('link', { name: tr('layout.switchLanguage') }));
    expect(new URL(page.url()).pathname).toBe('/register');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.register.title', {}, 'en'));
    await audit.check(page, 'register (English)');
    await submitAsIs(page, '/register');
    await audit.check(page, 'register with errors (English)');
    for (const path of ['/', '/login', '/barrierefreiheit', '/does-not-exist']) {
      await page.goto(path);
      await audit.check(page, `${path} (English)`);
    }
    audit.assertClean();
  });

  it('when a member opens their pages, then axe finds no violation, and admin pages answer 403', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const colleague = await createUser(e.server.ctx.ds, { administrationId: adm.id, name: 'Kim Kollegin' });
    await e.server.ctx.ds.query(`UPDATE users SET job_title = 'Stadtplanerin', department = 'Bauamt', bio = $2 WHERE id = $1`,
      [colleague.id, 'Zeile eins\nZeile zwei']);
    const member = await createMember(e.server, 'member');
    await e.server.ctx.ds.query(`UPDATE users SET administration_id = $1 WHERE id = $2`, [adm.id, member.id]);
    const page = await e.newPage();
    const audit = new AxeAudit();
    await signIn(page, member);

    const pages: [string, string, number?][] = [
      ['home (member)', '/'],
      ['my profile', '/me'],
      ['change password', '/me/password'],
      ['two-factor setup', '/me/two-factor'],
      ['delete account', '/me/delete'],
      ['own public profile', `/members/${member.handle}`],
      ['colleague profile', `/members/${colleague.handle}`],
      ['administrations (member)', '/administrations'],
      ['administration with members', `/administrations/${adm.slug}`],
      ['accessibility statement (member)', '/barrierefreiheit'],
      ['forbidden: admin', '/admin', 403],
      ['forbidden: feedback', '/admin/feedback', 403],
      ['not found: member', '/members/nobody-here', 404],
      ...PLACEHOLDERS.map((p): [string, string] => [`placeholder ${p.path} (member)`, p.path]),
    ];
    for (const [label, path, status] of pages) {
      await visit(page, path, status ?? 200);
      await audit.check(page, label);
    }
    await expect(page.locator('.site-user').getByRole('link', { name: tr('layout.admin') }).count()).resolves.toBe(0);

    await visit(page, '/me');
    await field(page, 'accounts.fields.name').fill('');
    await submitForm(page, '/me/profile', tr('accounts.me.save'));
    await audit.check(page, 'my profile with errors');
    for (const [label, path, action] of [
      ['change password with errors', '/me/password', '/me/password'],
      ['two-factor setup with errors', '/me/two-factor', '/me/two-factor/enable'],
      ['delete account with errors', '/me/delete', '/me/delete'],
    ]) {
      await visit(page, path!);
      await submitAsIs(page, action!);
      await expect(page.locator('#error-summary').count()).resolves.toBe(1);
      await audit.check(page, label!);
    }
    audit.assertClean();
  });

  it('when a member with two-factor sign-in signs in, then the code page passes axe, also with a wrong code', async () => {
    const secret = generateTotpSecret();
    const member = await createMember(e.server, 'member', { totpSecret: secret });
    const page = await e.newPage();
    const audit = new AxeAudit();
    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill(member.email);
    await field(page, 'accounts.fields.password').fill(member.password);
    await submitForm(page, '/login', tr('accounts.login.submit'));
    expect(new URL(page.url()).pathname).toBe('/login/two-factor');
    await audit.check(page, 'two-factor code');
    await field(page, 'accounts.twoFactor.code').fill('000000');
    await submitForm(page, '/login/two-factor', tr('accounts.twoFactor.verify'));
    await expect(page.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(page, 'two-factor code with errors');
    await signIn(page, member);
    await visit(page, '/me/two-factor');
    await audit.check(page, 'two-factor on (member)');
    audit.assertClean();
  });

  it('when a facilitator opens the moderation pages, then axe finds no violation', async () => {
    await createUser(e.server.ctx.ds, { status: 'pending', administrationId: null, name: 'Petra Pending' });
    await e.server.ctx.ds.query(`INSERT INTO feedback (name, email, page, message) VALUES ('Ada', 'ada@example.org', '/forum', $1)`,
      ['Der Fokus ist auf dem Suchfeld nicht zu sehen.']);
    const page = await e.newPage();
    const audit = new AxeAudit();
    await signIn(page, await createMember(e.server, 'facilitator'));
    await expect(page.locator('.site-user').getByRole('link', { name: tr('layout.admin') }).isVisible()).resolves.toBe(true);

    for (const [label, path, status] of [
      ['admin overview (facilitator)', '/admin'],
      ['approvals', '/admin/approvals'],
      ['feedback list', '/admin/feedback'],
      ['forbidden: users (facilitator)', '/admin/users', 403],
    ] as [string, string, number?][]) {
      await visit(page, path, status ?? 200);
      await audit.check(page, label);
    }
    await visit(page, '/admin/approvals');
    await expect(page.getByRole('heading', { name: /Petra Pending/ }).first().isVisible()).resolves.toBe(true);
    await submitAsIs(page, '/admin/approvals/');
    await expect(page.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(page, 'approvals with errors');
    audit.assertClean();
  });

  it('when an admin sets up two-factor sign-in and opens every admin page, then axe finds no violation', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const target = await createUser(e.server.ctx.ds, { administrationId: adm.id, name: 'Rolf Rolle' });
    const admin = await createMember(e.server, 'admin');
    const page = await e.newPage();
    const audit = new AxeAudit();
    await signIn(page, admin);

    // Admin pages first ask for two-factor sign-in.
    await visit(page, '/admin/users');
    expect(new URL(page.url()).pathname).toBe('/me/two-factor');
    await expect(page.getByText(tr('accounts.twoFactor.requiredForAdmins')).first().isVisible()).resolves.toBe(true);
    await audit.check(page, 'two-factor required (admin)');
    await setUpTwoFactor(page, admin);
    await audit.check(page, 'recovery codes');
    await visit(page, '/me/two-factor');
    await audit.check(page, 'two-factor on (admin)');

    for (const [label, path] of [
      ['admin overview', '/admin'],
      ['approvals (admin)', '/admin/approvals'],
      ['users', '/admin/users'],
      ['users filtered', `/admin/users?q=${encodeURIComponent('Rolf')}&role=member`],
      ['administrations (admin)', '/admin/administrations'],
      ['new administration', '/admin/administrations/new'],
      ['edit administration', `/admin/administrations/${adm.slug}/edit`],
      ['feedback list (admin)', '/admin/feedback'],
    ]) {
      await visit(page, path!);
      await audit.check(page, label!);
    }

    await visit(page, '/admin/administrations/new');
    // While the address is empty, it previews the one derived from the name.
    await page.locator('#field-name').fill('Gemeinde Süßen am See');
    await expect(page.locator('#field-slug').getAttribute('placeholder')).resolves.toBe('gemeinde-suessen-am-see');
    await page.locator('#field-name').fill('');
    await submitAsIs(page, '/admin/administrations');
    await expect(page.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(page, 'new administration with errors');

    // A role change: flash on the users page, then an entry in the audit log.
    await visit(page, `/admin/users?q=${encodeURIComponent(target.handle)}`);
    await page.getByLabel(tr('admin.users.roleFor', { name: 'Rolf Rolle' })).selectOption('facilitator');
    await page.getByLabel(tr('admin.users.reason')).fill('Moderiert künftig das Forum');
    await submitForm(page, `/admin/users/${target.id}/role`, tr('admin.users.change'));
    await expect(page.getByRole('status').filter({ hasText: tr('admin.users.roleChanged') }).isVisible()).resolves.toBe(true);
    await audit.check(page, 'users after a role change');
    await visit(page, '/admin/audit?action=user.role_changed');
    const row = page.getByRole('row').filter({ hasText: tr('admin.audit.subjectRef', { subject: tr('admin.audit.subjects.user'), id: target.id }) });
    await expect(row.filter({ hasText: `${tr('admin.audit.details.to')}: ${tr('roles.facilitator')}` }).count()).resolves.toBe(1);
    await audit.check(page, 'audit log');
    audit.assertClean();
  });

  it('when a keyboard user presses Tab first, then the skip link is focused and visible and moves focus to main', async () => {
    const member = await createMember(e.server, 'member');
    const page = await e.newPage();
    for (const signedIn of [false, true]) {
      if (signedIn) await signIn(page, member);
      await visit(page, '/barrierefreiheit');
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      await expect(focused.getAttribute('href')).resolves.toBe('#main');
      await expect(focused.innerText()).resolves.toBe(tr('layout.skipToContent'));
      const box = await focused.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
      await page.keyboard.press('Enter');
      await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('main');
      // The next Tab continues inside main, not back in the header.
      await page.keyboard.press('Tab');
      await expect(page.locator(':focus').evaluate((el) => !!(el as unknown as { closest(s: string): unknown }).closest('main'))).resolves.toBe(true);
    }
  });

  it('when a keyboard user tabs through the pages, then every stop shows a focus indicator', async () => {
    const problems: string[] = [];
    const page = await e.newPage();
    for (const path of ['/', '/register', '/administrations', '/barrierefreiheit']) {
      await visit(page, path);
      for (const what of await elementsWithoutFocusIndicator(page)) problems.push(`${path}: ${what}`);
    }
    await signInAs(page, e.server, 'admin');
    for (const path of ['/me', '/admin', '/admin/users', '/admin/administrations/new']) {
      await visit(page, path);
      for (const what of await elementsWithoutFocusIndicator(page)) problems.push(`${path} (admin): ${what}`);
    }
    expect(problems).toEqual([]);
  });

  it('when the window is 320 px wide (400 % zoom), then no page scrolls sideways', async () => {
    const problems: string[] = [];
    const adm = await createAdministration(e.server.ctx.ds);
    const page = await e.newPage({ width: 320 });
    const visitorPages = ['/', '/login', '/register', '/password/forgot', '/barrierefreiheit', '/impressum', '/datenschutz',
      '/administrations', `/administrations/${adm.slug}`, '/does-not-exist', ...PLACEHOLDERS.map((p) => p.path)];
    for (const path of visitorPages) {
      await page.goto(path);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) problems.push(`${path}: ${overflow}px`);
    }
    const admin = await signInAs(page, e.server, 'admin');
    for (const path of ['/', '/me', `/members/${admin.handle}`, '/me/password', '/me/two-factor', '/me/delete', '/admin', '/admin/approvals',
      '/admin/users', '/admin/audit', '/admin/administrations', '/admin/administrations/new', '/admin/feedback']) {
      await visit(page, path);
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0) problems.push(`${path} (admin): ${overflow}px`);
    }
    expect(problems).toEqual([]);
  });
});
