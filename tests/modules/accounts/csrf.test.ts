import { describe, expect, it } from '@jest/globals';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { memberState } from '../../support/accounts-factories.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';

describe('CSRF protection', () => {
  const t = useTestApp();

  /** Posts a form with no token, with a made-up token and with another session's token. */
  async function refusedThreeWays(b: Browser, path: string, fields: Record<string, string>) {
    const other = new Browser(t.app);
    const foreign = csrfIn((await other.get('/login')).text);
    for (const token of [undefined, 'made-up-token-value', foreign]) {
      const res = await b.agent.post(path).type('form').send(token ? { ...fields, _csrf: token } : fields);
      expect(res.status).toBe(403);
      expect(res.text).toContain('Das Formular ist abgelaufen');
    }
  }

  it('when the profile, password, delete and sign-out forms are posted without a valid token, then 403 and nothing changes', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const before = await memberState(t.ctx.ds, user.id);
    await refusedThreeWays(b, '/me/profile', { name: 'Angreifer', language: 'en', jobTitle: '', department: '', bio: '' });
    await refusedThreeWays(b, '/me/password', { currentPassword: user.password, newPassword: 'a sentence chosen by someone else' });
    await refusedThreeWays(b, '/me/delete', { password: user.password, confirm: 'DELETE' });
    await refusedThreeWays(b, '/logout', {});
    await refusedThreeWays(b, '/language', { lang: 'en' });
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    expect((await b.get('/me')).status).toBe(200);
  });

  it('when the sign-in and registration forms are posted without a valid token, then 403 and no session or account is made', async () => {
    const user = await createUser(t.ctx.ds);
    const before = await memberState(t.ctx.ds, user.id);
    const b = new Browser(t.app);
    await b.get('/login');
    await refusedThreeWays(b, '/login', { email: user.email, password: user.password });
    expect((await b.get('/me')).status).toBe(303);
    const handle = uniq('c');
    await refusedThreeWays(b, '/register', { name: 'Niemand', handle, email: `${handle}@x.example`, password: 'a sentence of words', consent: 'yes' });
    await t.drain(); // accounts are made by the worker: nothing may be queued for it either
    expect(await t.ctx.ds.query(`SELECT id FROM users WHERE handle = $1`, [handle])).toEqual([]);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when staff forms (role change, approval, administration) are posted without a valid token, then 403 and nothing changes', async () => {
    const totpSecret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret });
    const b = await signedIn(t.app, { ...admin, totpSecret });
    const member = await createUser(t.ctx.ds);
    const pending = await createUser(t.ctx.ds, { status: 'pending', administrationId: null });
    const adm = await createAdministration(t.ctx.ds);
    const beforeMember = await memberState(t.ctx.ds, member.id);
    const beforePending = await memberState(t.ctx.ds, pending.id);
    const slug = uniq('neu-');

    await refusedThreeWays(b, `/admin/users/${member.id}/role`, { role: 'admin', reason: 'ohne Formular' });
    await refusedThreeWays(b, `/admin/approvals/${pending.id}/approve`, { administrationId: String(adm.id) });
    await refusedThreeWays(b, '/admin/administrations', { name: 'Neu', slug, kind: 'county', state: 'TH', ags: '', population: '', website: '', domains: '' });
    expect(await memberState(t.ctx.ds, member.id)).toEqual(beforeMember);
    expect(await memberState(t.ctx.ds, pending.id)).toEqual(beforePending);
    expect(await t.ctx.ds.query(`SELECT id FROM administrations WHERE slug = $1`, [slug])).toEqual([]);
  });

  it('when the token comes in the x-csrf-token header, then the request is accepted', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const token = csrfIn((await b.get('/me')).text);
    const res = await b.agent.post('/me/profile').type('form').set('x-csrf-token', token)
      .send({ name: 'Per Kopfzeile', language: 'de', jobTitle: '', department: '', bio: '' });
    expect(res.status).toBe(303);
    expect((await t.ctx.ds.query(`SELECT name FROM users WHERE id = $1`, [user.id]))[0].name).toBe('Per Kopfzeile');
  });
});
