// The first journey of every member: register → confirm by e-mail → sign in → edit the profile →
// sign out, in a real browser, with axe on every page on the way.
import { describe, expect, it } from '@jest/globals';
import { createMember, expectAccessible, field, follow, linkTo, signIn, signOut, submitForm, tr, useE2E, visit } from './support/index.js';
import { createAdministration, createUser, PASSWORD, uniq } from '../support/factories.js';

describe('account journey', () => {
  const e = useE2E();

  it('when a person registers with an address of a known administration, then they confirm, sign in, edit their profile and sign out', async () => {
    const adm = await createAdministration(e.server.ctx.ds);
    const handle = uniq('j');
    const email = `${handle}@${adm.domain}`;
    const page = await e.newPage();

    await page.goto('/');
    await expectAccessible(page, 'home (visitor)');
    await follow(page, page.locator('.site-user').getByRole('link', { name: tr('layout.register') }));
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

    await follow(page, header.getByRole('link', { name: 'Jana Journey' }));
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

    await follow(page, page.getByRole('link', { name: tr('accounts.me.publicProfile') }));
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

  it('when a person registers with an unknown address, then a facilitator approves them and they can sign in', async () => {
    const adm = await createAdministration(e.server.ctx.ds, { name: `Gemeinde ${uniq('g')}` });
    const handle = uniq('p');
    const email = `${handle}@unbekannt.example`;
    const page = await e.newPage();

    await visit(page, '/register');
    await field(page, 'accounts.fields.name').fill('Paul Prüfung');
    await field(page, 'accounts.fields.handle').fill(handle);
    await field(page, 'accounts.fields.email').fill(email);
    await field(page, 'accounts.fields.password').fill(PASSWORD);
    await field(page, 'accounts.fields.organization').fill(adm.name);
    await page.getByLabel(tr('accounts.register.consent')).check();
    await submitForm(page, '/register', tr('accounts.register.submit'));
    const [confirm] = await e.server.mailsTo(email);
    await page.goto(linkTo(confirm!.text, '/register/confirm'));
    await expect(page.getByText(tr('accounts.confirmed.pending')).isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'confirmed, waiting for approval');

    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill(email);
    await field(page, 'accounts.fields.password').fill(PASSWORD);
    await submitForm(page, '/login', tr('accounts.login.submit'));
    // A notice about the account's state, not a form error.
    await expect(page.locator('#notice').getByText(tr('accounts.login.pending')).isVisible()).resolves.toBe(true);
    await expect(page.locator('#error-summary').count()).resolves.toBe(0);
    await expectAccessible(page, 'sign-in while waiting for approval');

    const moderator = await e.newPage();
    await signIn(moderator, await createMember(e.server, 'facilitator'));
    await visit(moderator, '/admin/approvals');
    const card = moderator.locator('li.kern-card').filter({ hasText: `@${handle}` });
    await card.getByLabel(tr('admin.approvals.administration')).selectOption({ label: adm.name });
    await follow(moderator, card.getByRole('button', { name: tr('admin.approvals.approve') }));
    await expect(moderator.getByRole('status').filter({ hasText: tr('admin.approvals.approved') }).isVisible()).resolves.toBe(true);
    await expect(moderator.locator('li.kern-card').filter({ hasText: `@${handle}` }).count()).resolves.toBe(0);
    await expectAccessible(moderator, 'approvals after approving');

    const approved = (await e.server.mailsTo(email)).at(-1)!;
    expect(approved.subject).toBe(tr('mail.approved.subject', { administration: adm.name }));
    await signIn(page, { email, password: PASSWORD });
    await visit(page, '/me');
    await expect(page.getByRole('link', { name: adm.name }).isVisible()).resolves.toBe(true);
  });

  it('when a member deletes their account removing contributions, then they are signed out, cannot sign in again and their contributions are gone', async () => {
    const member = await createUser(e.server.ctx.ds);
    const [cat] = await e.server.ctx.ds.query(`INSERT INTO forum_categories (slug, name) VALUES ($1, 'Bereich') RETURNING id`, [`cat-${member.handle}`]);
    const [thread] = await e.server.ctx.ds.query(
      `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html)
       VALUES ($1, 'question', 'Eine Frage ohne Antworten', 'eine-frage', $2, 'Text', '<p>Text</p>') RETURNING id`, [cat.id, member.id]);
    const page = await e.newPage();
    await signIn(page, member);
    await visit(page, '/me/delete');
    await expect(page.getByLabel(tr('accounts.delete.choice.keep.label')).isChecked()).resolves.toBe(true);
    await page.getByLabel(tr('accounts.delete.choice.remove.label')).check();
    await field(page, 'accounts.fields.password').fill(member.password);
    await field(page, 'accounts.delete.confirm').fill('DELETE');
    await submitForm(page, '/me/delete', tr('accounts.delete.submit'));
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(tr('accounts.delete.doneTitle'));
    await expect(page.locator('.site-user a[href="/login"]').isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'account deleted');

    await visit(page, '/login');
    await field(page, 'accounts.fields.email').fill(member.email);
    await field(page, 'accounts.fields.password').fill(member.password);
    await submitForm(page, '/login', tr('accounts.login.submit'));
    expect(new URL(page.url()).pathname).toBe('/login');
    const [row] = await e.server.ctx.ds.query(`SELECT status FROM users WHERE id = $1`, [member.id]);
    expect(row.status).toBe('deleted');
    expect(await e.server.ctx.ds.query(`SELECT 1 FROM forum_threads WHERE id = $1`, [thread.id])).toEqual([]);
  });
});
