// Single sign-on with OpenID Connect against a REAL provider (oidc-provider, tests/support/oidc.ts):
// admins' settings (secret encrypted, audited); the flow with PKCE, state and nonce; account
// creation, linking with the password, the allowed domains; refusals for a tampered state, a
// replayed callback, a provider other than the configured one (mix-up), an expired ID token; a
// provider that is down; sign-out at the provider; admins with two-factor sign-in.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { enabledConnection, saveSettings } from '../../../src/modules/sso/sso.service.js';
import { decryptSecret } from '../../../src/shared/secrets.js';
import { generateTotpSecret, totpCode, totpStep } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser, uniq, type TestAdministration } from '../../support/factories.js';
import { closedPortUrl, passProvider, startProvider, TEST_CLIENT, type TestProvider } from '../../support/oidc.js';

describe('sso: sign-in with the administration\'s OpenID provider', () => {
  const t = useTestApp();
  let idp: TestProvider;
  /** A second provider whose clock runs ten minutes behind: its one-minute ID tokens arrive expired. */
  let lateIdp: TestProvider;
  let adminId: number;

  beforeAll(async () => {
    [idp, lateIdp] = await Promise.all([startProvider(), startProvider({ clockShiftSeconds: -600, idTokenTtl: 60 })]);
    adminId = (await createUser(t.ctx.ds, { role: 'admin', totpSecret: generateTotpSecret() })).id;
  });
  afterAll(() => {
    idp?.stop();
    lateIdp?.stop();
  });

  /** An administration whose provider is `issuer`, accepting its own domain. */
  async function administrationWithSso(issuer = idp.issuer, o: { departmentClaim?: string } = {}): Promise<TestAdministration> {
    const adm = await createAdministration(t.ctx.ds);
    await saveSettings(t.ctx, { id: adminId, role: 'admin' }, adm.id, {
      issuerUrl: issuer, clientId: TEST_CLIENT.client_id, clientSecret: TEST_CLIENT.client_secret,
      allowedDomains: [adm.domain], departmentClaim: o.departmentClaim ?? 'department', enabled: 'yes',
    });
    return adm;
  }

  const sid = (res: { headers: Record<string, unknown> }) =>
    ([] as string[]).concat((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('praxis.sid='))?.split(';')[0];

  /** Starts at Praxis, passes the provider as `login`, and returns the callback address (not yet followed). */
  async function toCallback(b: Browser, adm: TestAdministration, login: string) {
    const start = await b.get(`/login/sso/${adm.slug}`);
    expect(start.status).toBe(303);
    return { start, callback: await passProvider(start.headers.location!, login) };
  }
  const follow = (b: Browser, url: URL) => b.get(url.pathname + url.search);
  const userByEmail = async (email: string) => (await t.ctx.ds.query(
    `SELECT id, status, administration_id AS "administrationId", department, email_confirmed_at AS "emailConfirmedAt", password_hash AS "passwordHash" FROM users WHERE email = $1`, [email]))[0];
  const identitiesOf = (userId: number) => t.ctx.ds.query(`SELECT issuer, subject FROM sso_identities WHERE user_id = $1`, [userId]);

  it('when an admin saves a provider, then the secret is stored encrypted (AES-256-GCM), the change is audited without the secret, and an http issuer other than loopback is refused', async () => {
    const totpSecret = generateTotpSecret();
    const b = await signedIn(t.app, { ...(await createUser(t.ctx.ds, { role: 'admin', totpSecret })), totpSecret });
    const adm = await createAdministration(t.ctx.ds);
    const fields = { issuerUrl: idp.issuer, clientId: 'praxis', clientSecret: 'very-secret-value', allowedDomains: `${adm.domain}, @Other-${adm.domain}`, departmentClaim: 'department', enabled: 'yes' };

    const refused = await b.post(`/admin/sso/${adm.slug}`, { ...fields, issuerUrl: 'http://login.example.org/realms/x' }, `/admin/sso/${adm.slug}`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('https://');
    expect(refused.text).toContain('value="praxis"');

    const saved = await b.post(`/admin/sso/${adm.slug}`, fields, `/admin/sso/${adm.slug}`);
    expect(saved.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT client_secret_encrypted AS s, allowed_domains AS d, enabled FROM sso_providers WHERE administration_id = $1`, [adm.id]);
    expect(row.s).not.toContain('very-secret');
    expect(row.s).toMatch(/^v1\./);
    expect(decryptSecret(t.ctx.config.secretsKey!, row.s)).toBe('very-secret-value');
    expect(row.d).toEqual([adm.domain, `other-${adm.domain}`]);

    // Saved again without a secret: the stored one stays; the audit names what changed.
    expect((await b.post(`/admin/sso/${adm.slug}`, { ...fields, clientSecret: '', enabled: 'no' }, `/admin/sso/${adm.slug}`)).status).toBe(303);
    const [after] = await t.ctx.ds.query(`SELECT client_secret_encrypted AS s, enabled FROM sso_providers WHERE administration_id = $1`, [adm.id]);
    expect(after).toEqual({ s: row.s, enabled: false });
    const audit = await t.ctx.ds.query(`SELECT action, details FROM audit_log WHERE subject_type = 'administration' AND subject_id = $1 ORDER BY id`, [String(adm.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['sso.settings_created', 'sso.settings_changed']);
    expect(audit[1].details).toEqual({ changed: ['enabled'], enabled: false });
    expect(JSON.stringify(audit)).not.toContain('very-secret');

    expect((await b.post(`/admin/sso/${adm.slug}/delete`, {}, `/admin/sso/${adm.slug}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT 1 FROM sso_providers WHERE administration_id = $1`, [adm.id])).toHaveLength(0);

    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get('/admin/sso')).status).toBe(403);
  });

  it('when no secrets key is configured (production without SECRETS_KEY), then settings cannot be saved and stored providers are not used', async () => {
    const adm = await administrationWithSso();
    const keyless = { ...t.ctx, config: { ...t.ctx.config, secretsKey: null } };
    await expect(saveSettings(keyless, { id: adminId, role: 'admin' }, adm.id, {
      issuerUrl: idp.issuer, clientId: 'praxis', clientSecret: 'x', allowedDomains: [adm.domain], departmentClaim: '', enabled: 'yes',
    })).rejects.toMatchObject({ status: 409, message: 'sso.admin.noKey' });
    expect(await enabledConnection(keyless, adm.id)).toBeNull();
    expect(await enabledConnection(t.ctx, adm.id)).not.toBeNull();
    // Another key than the one the secret was saved with: as if not set up.
    const otherKey = { ...t.ctx, config: { ...t.ctx.config, secretsKey: Buffer.alloc(32, 7) } };
    expect(await enabledConnection(otherKey, adm.id)).toBeNull();
  });

  it('when someone new signs in through the provider, then an active, confirmed account is created in that administration with the department, and the session is a new one like after a password sign-in', async () => {
    const adm = await administrationWithSso();
    const email = `neu.person@${adm.domain}`;
    const b = new Browser(t.app);
    const { start, callback } = await toCallback(b, adm, email);
    expect(new URL(start.headers.location!).searchParams.get('code_challenge_method')).toBe('S256');
    const back = await follow(b, callback);
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/');
    expect(sid(back)).toBeDefined();
    expect(sid(back)).not.toBe(sid(start));

    const user = await userByEmail(email);
    expect(user).toMatchObject({ status: 'active', administrationId: adm.id, department: 'Amt für Bürgerbeteiligung', passwordHash: null });
    expect(user.emailConfirmedAt).not.toBeNull();
    expect(await identitiesOf(user.id)).toEqual([{ issuer: idp.issuer, subject: email }]);
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect(me.text).toContain(email);

    // Next time: the same account, found by the provider's subject.
    const again = new Browser(t.app);
    expect((await follow(again, (await toCallback(again, adm, email)).callback)).status).toBe(303);
    expect((await again.get('/me')).status).toBe(200);
    expect(await t.ctx.ds.query(`SELECT id FROM users WHERE email = $1`, [email])).toHaveLength(1);
  });

  it('when the e-mail form names a domain with single sign-on, then the browser goes to that provider with the address as login hint; an unknown domain gets a message at the field', async () => {
    const adm = await administrationWithSso();
    const b = new Browser(t.app);
    // A page sends the browser on (Refresh header and link): CSP form-action also covers redirects after a form.
    const res = await b.post('/login/sso', { email: `Anna@${adm.domain}` }, '/login/sso');
    expect(res.status).toBe(200);
    const target = new URL(/^0; url=(.+)$/.exec(res.headers.refresh!)![1]!);
    expect(res.text).toContain('data-testid="sso-continue"');
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('login_hint')).toBe(`anna@${adm.domain}`);
    expect(target.searchParams.get('state')).toBeTruthy();
    expect(target.searchParams.get('nonce')).toBeTruthy();

    const unknown = await b.post('/login/sso', { email: `anna@${uniq('nodomain')}.example` }, '/login/sso');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Keine Verwaltung mit Single Sign-on');
    expect((await b.get('/login')).text).toContain('/login/sso');
  });

  it('when an account with the same e-mail exists, then it is linked only after its owner gives the right password', async () => {
    const adm = await administrationWithSso();
    const owner = await createUser(t.ctx.ds, { administrationId: adm.id, email: `${uniq('owner')}@${adm.domain}` });
    const b = new Browser(t.app);
    const back = await follow(b, (await toCallback(b, adm, owner.email)).callback);
    expect(back.headers.location).toBe('/login/sso/link');
    expect((await b.get('/me')).status).not.toBe(200);

    const wrong = await b.post('/login/sso/link', { password: 'not the password' }, '/login/sso/link');
    expect(wrong.status).toBe(422);
    expect(await identitiesOf(owner.id)).toHaveLength(0);

    const right = await b.post('/login/sso/link', { password: owner.password }, '/login/sso/link');
    expect(right.status).toBe(303);
    expect(await identitiesOf(owner.id)).toEqual([{ issuer: idp.issuer, subject: owner.email }]);
    const me = await b.get('/me');
    expect(me.status).toBe(200);
    expect(await t.ctx.ds.query(`SELECT id FROM users WHERE email = $1`, [owner.email])).toHaveLength(1);
  });

  it('when the linked account was still waiting for approval, then linking makes it active in the provider\'s administration, audited', async () => {
    const adm = await administrationWithSso();
    const waiting = await createUser(t.ctx.ds, { status: 'pending', administrationId: null, email: `${uniq('waiting')}@${adm.domain}` });
    const b = new Browser(t.app);
    expect((await follow(b, (await toCallback(b, adm, waiting.email)).callback)).headers.location).toBe('/login/sso/link');
    expect((await b.post('/login/sso/link', { password: waiting.password }, '/login/sso/link')).status).toBe(303);
    expect(await userByEmail(waiting.email)).toMatchObject({ status: 'active', administrationId: adm.id, department: 'Amt für Bürgerbeteiligung' });
    expect((await b.get('/me')).status).toBe(200);
    const audit = await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1 ORDER BY id`, [String(waiting.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['user.approved_by_sso', 'user.sso_linked']);
  });

  it('when an administration has no single sign-on or has it switched off, then its start address answers 404', async () => {
    const none = await createAdministration(t.ctx.ds);
    expect((await new Browser(t.app).get(`/login/sso/${none.slug}`)).status).toBe(404);
    const off = await administrationWithSso();
    await t.ctx.ds.query(`UPDATE sso_providers SET enabled = false WHERE administration_id = $1`, [off.id]);
    expect((await new Browser(t.app).get(`/login/sso/${off.slug}`)).status).toBe(404);
  });

  it('when the provider vouches for an e-mail outside the allowed domains, then the sign-in is refused with a clear message and nothing is created', async () => {
    const adm = await administrationWithSso();
    const email = `fremd@${uniq('other')}.example`;
    const b = new Browser(t.app);
    const back = await follow(b, (await toCallback(b, adm, email)).callback);
    expect(back.status).toBe(403);
    expect(back.text).toContain(`@${email.split('@')[1]}`);
    expect(back.text).toContain('Es wurde kein Konto angelegt');
    expect(await userByEmail(email)).toBeUndefined();
    expect(await t.ctx.ds.query(`SELECT 1 FROM sso_identities WHERE subject = $1`, [email])).toHaveLength(0);
  });

  it('when the state coming back was tampered with, then the sign-in is refused and nobody is signed in', async () => {
    const adm = await administrationWithSso();
    const email = `state@${adm.domain}`;
    const b = new Browser(t.app);
    const { callback } = await toCallback(b, adm, email);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const back = await follow(b, callback);
    expect(back.status).toBe(400);
    expect(back.text).toContain('Anmeldung nicht abgeschlossen');
    expect(await userByEmail(email)).toBeUndefined();
    expect((await b.get('/me')).status).toBe(303);
  });

  it('when the callback with its code is replayed (same browser or another one), then it is refused and no second account or session comes of it', async () => {
    const adm = await administrationWithSso();
    const email = `replay@${adm.domain}`;
    const b = new Browser(t.app);
    const { callback } = await toCallback(b, adm, email);
    expect((await follow(b, callback)).status).toBe(303);

    const again = await follow(b, callback);
    expect(again.status).toBe(400);
    const thief = new Browser(t.app);
    const stolen = await follow(thief, callback);
    expect(stolen.status).toBe(400);
    expect((await thief.get('/me')).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT 1 FROM sso_identities WHERE subject = $1`, [email])).toHaveLength(1);
  });

  it('when the answer comes from another provider than the administration\'s (wrong issuer), then it is refused', async () => {
    const adm = await administrationWithSso(idp.issuer);
    const email = `mixup@${adm.domain}`;
    const b = new Browser(t.app);
    const start = await b.get(`/login/sso/${adm.slug}`);
    // The same request, sent to the other provider (which knows the same client): a mix-up.
    const elsewhere = new URL(start.headers.location!);
    const other = new URL(lateIdp.issuer);
    elsewhere.host = other.host;
    const callback = await passProvider(elsewhere.href, email);
    expect(callback.searchParams.get('iss')).toBe(lateIdp.issuer);
    const back = await follow(b, callback);
    expect(back.status).toBe(400);
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('when the provider issues an ID token that has already expired, then it is refused and nothing is created', async () => {
    const adm = await administrationWithSso(lateIdp.issuer);
    const email = `late@${adm.domain}`;
    const b = new Browser(t.app);
    const back = await follow(b, (await toCallback(b, adm, email)).callback);
    expect(back.status).toBe(400);
    expect(back.text).toContain('Anmeldung nicht abgeschlossen');
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('when the provider is down, then a clear page says so and password sign-in still works', async () => {
    const adm = await administrationWithSso(await closedPortUrl());
    const b = new Browser(t.app);
    const res = await b.get(`/login/sso/${adm.slug}`);
    expect(res.status).toBe(503);
    expect(res.text).toContain('antwortet gerade nicht');
    expect(res.text).toContain(adm.name);
    const member = await createUser(t.ctx.ds, { administrationId: adm.id });
    const signedInMember = await signedIn(t.app, member);
    expect((await signedInMember.get('/me')).status).toBe(200);
  });

  it('when a member who signed in through the provider signs out, then the session ends here and the browser goes on to the provider\'s sign-out', async () => {
    const adm = await administrationWithSso();
    const b = new Browser(t.app);
    await follow(b, (await toCallback(b, adm, `bye@${adm.domain}`)).callback);
    expect((await b.get('/me')).status).toBe(200);
    const out = await b.post('/logout', {}, '/me');
    expect(out.status).toBe(200);
    const target = new URL(/^0; url=(.+)$/.exec(out.headers.refresh!)![1]!);
    expect(target.origin).toBe(idp.issuer);
    expect(target.searchParams.get('id_token_hint')).toBeTruthy();
    expect(target.searchParams.get('post_logout_redirect_uri')).toBe('http://praxis.test/');
    expect((await b.get('/me')).status).toBe(303);
  });

  it('when an admin with two-factor sign-in comes back from the provider, then the authenticator code is still asked for, and after it signing out leads to the provider too', async () => {
    const adm = await administrationWithSso();
    const totpSecret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', administrationId: adm.id, email: `${uniq('chief')}@${adm.domain}`, totpSecret });
    await t.ctx.ds.query(`INSERT INTO sso_identities (user_id, administration_id, issuer, subject) VALUES ($1, $2, $3, $4)`, [admin.id, adm.id, idp.issuer, admin.email]);
    const b = new Browser(t.app);
    const back = await follow(b, (await toCallback(b, adm, admin.email)).callback);
    expect(back.headers.location).toMatch(/^\/login\/two-factor/);
    expect((await b.get('/me')).status).toBe(303);

    const second = await b.post('/login/two-factor', { code: totpCode(totpSecret, totpStep()), next: '/admin/sso' }, '/login/two-factor');
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe('/admin/sso');
    expect((await b.get('/admin/sso')).status).toBe(200);
    const out = await b.post('/logout', {}, '/me');
    expect(new URL(/^0; url=(.+)$/.exec(out.headers.refresh!)![1]!).origin).toBe(idp.issuer);
    expect((await b.get('/me')).status).toBe(303);
  });
});
