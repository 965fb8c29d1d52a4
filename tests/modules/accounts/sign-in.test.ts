import { describe, expect, it } from '@jest/globals';
import { throttleKeys } from '../../../src/modules/accounts/throttle.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { memberState, nextTotpCode, sessionsOf, sidFrom } from '../../support/accounts-factories.js';
import { createUser, uniq } from '../../support/factories.js';

const HOUR = 3_600_000;

describe('sign-in', () => {
  const t = useTestApp({ SIGNIN_ACCOUNT_MAX_FAILURES: '10', SIGNIN_LOCK_MINUTES: '15' });
  const keys = () => throttleKeys(t.ctx.config.sessionSecret);
  const throttleRow = async (key: string | string[]) =>
    (await t.ctx.ds.query(`SELECT failures, locked_until FROM sign_in_throttle WHERE key = ANY($1)`, [[key].flat()]))[0];
  /** Supertest connects from the loopback address, as IPv4 or IPv4-mapped IPv6 depending on the machine. */
  const pairKey = (email: string) => ['127.0.0.1', '::ffff:127.0.0.1', '::1'].map((ip) => keys().pair(email, ip));

  it('when the password is wrong or the e-mail unknown, then both get the same 422 message, the e-mail is kept and nothing else changes', async () => {
    const user = await createUser(t.ctx.ds);
    const before = await memberState(t.ctx.ds, user.id);

    const wrong = await new Browser(t.app).post('/login', { email: user.email, password: 'not the password at all' }, '/login');
    const unknown = await new Browser(t.app).post('/login', { email: `${uniq('nobody')}@nowhere.example`, password: 'not the password at all' }, '/login');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(422);
      expect(res.text).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
      expect(res.text).toContain('<h1 class="kern-heading-large">Anmelden</h1>');
      expect(res.text).not.toContain('not the password at all');
    }
    expect(wrong.text).toContain(`value="${user.email}"`);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    expect(await throttleRow(pairKey(user.email))).toMatchObject({ failures: 1, locked_until: null });
    expect(await throttleRow(keys().account(user.email))).toMatchObject({ failures: 1, locked_until: null });
  });

  it('when the e-mail is typed with spaces around it and in capitals, then the right password signs in', async () => {
    const user = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    const res = await b.post('/login', { email: `  ${user.email.toUpperCase()}\t `, password: user.password }, '/login');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect((await b.get('/me')).status).toBe(200);
    expect(await throttleRow(pairKey(user.email))).toBeUndefined();
  });

  it('when the account is unconfirmed, pending or rejected, then the right password is refused with a notice (not a form error) for that state', async () => {
    const cases = [
      ['unconfirmed', 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse', 'info'],
      ['pending', 'Ihre Registrierung wird noch geprüft', 'info'],
      ['rejected', 'Ihre Registrierung wurde nicht freigeschaltet', 'warning'],
    ] as const;
    for (const [status, message, kind] of cases) {
      const user = await createUser(t.ctx.ds, { status });
      const before = await memberState(t.ctx.ds, user.id);
      const b = new Browser(t.app);
      const res = await b.login(user);
      expect(res.status).toBe(403);
      expect(res.text).toMatch(new RegExp(`kern-alert--${kind}" role="status" id="notice">[\\s\\S]{0,200}${message}`));
      expect(res.text).not.toContain('id="error-summary"');
      expect(res.text).not.toContain('aria-invalid="true"');
      expect(res.text).toContain(`value="${user.email}"`);
      expect((await b.get('/me')).status).toBe(303);
      expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    }
  });

  it('when the second step is locked and the lock is nearly over, then the message names the minutes left, not the lock length', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    await t.ctx.ds.query(
      `INSERT INTO sign_in_throttle (key, failures, locked_until, expires_at) VALUES ($1, 0, now() + interval '90 seconds', now() + interval '90 seconds')`,
      [keys().secondFactor(user.id)],
    );
    const b = new Browser(t.app);
    await b.login(user);
    const res = await b.post('/login/two-factor', { code: nextTotpCode(secret) }, '/login/two-factor');
    expect(res.status).toBe(429);
    expect(res.text).toContain('Bitte warten Sie 2 Min.');
  });

  it('when an e-mail fails 10 times from one address, then the right password from there needs the code step, and once the lock has passed it works alone', async () => {
    const user = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    for (let i = 1; i <= 9; i++) {
      const res = await b.post('/login', { email: user.email, password: `wrong password ${i}` }, '/login');
      expect(res.status).toBe(422);
    }
    const tenth = await b.post('/login', { email: user.email, password: 'wrong password 10' }, '/login');
    expect(tenth.status).toBe(422);
    expect(tenth.text).toContain('Zum Schutz des Kontos braucht die nächste Anmeldung mit dieser Adresse einen zusätzlichen Code');

    const before = await memberState(t.ctx.ds, user.id);
    const c = new Browser(t.app);
    const right = await c.login(user);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/login/verify?next=%2F');
    expect((await c.get('/me')).status).toBe(303);
    const after = (await memberState(t.ctx.ds, user.id)) as { user: unknown; sessions: unknown };
    expect(after.user).toEqual((before as { user: unknown }).user);
    const row = await throttleRow(pairKey(user.email));
    expect(new Date(row.locked_until).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);

    // Another account from the same address is not affected.
    await signedIn(t.app, await createUser(t.ctx.ds));

    // Once the lock has passed, the right password works alone and the address's counter is cleared.
    await t.ctx.ds.query(`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second' WHERE key = ANY($1)`, [pairKey(user.email)]);
    await signedIn(t.app, user);
    expect(await throttleRow(pairKey(user.email))).toBeUndefined();
  }, 180_000); // eleven password checks (argon2) on a loaded machine

  it('when a member signs in, then the session id changes and the cookie is HttpOnly, SameSite and lasts 2 hours idle', async () => {
    const user = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    const page = await b.get('/login');
    const before = sidFrom(page.headers['set-cookie']);
    expect(before).toBeDefined();

    const res = await b.login(user);
    expect(res.status).toBe(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('praxis.sid='))!;
    const after = sidFrom(cookie)!;
    expect(after).not.toBe(before);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const expires = new Date(cookie.match(/Expires=([^;]+)/)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 2 * HOUR))).toBeLessThan(60_000);

    const [old] = await t.ctx.ds.query(`SELECT sid FROM session WHERE sid = $1`, [before]);
    expect(old).toBeUndefined();
    const [row] = await sessionsOf(t.ctx.ds, user.id);
    expect(row!.sid).toBe(after);
    expect(Math.abs(new Date(row!.expire).getTime() - (Date.now() + 2 * HOUR))).toBeLessThan(60_000);
    expect(typeof row!.sess.signedInAt).toBe('number');
  });

  it('when a visitor reads pages without a form, then no session is stored; a page with a form starts one', async () => {
    const b = new Browser(t.app);
    for (const path of ['/', '/impressum', '/administrations']) {
      const res = await b.get(path);
      expect(res.status).toBe(200);
      expect(sidFrom(res.headers['set-cookie'])).toBeUndefined();
    }
    const login = await b.get('/login');
    const sid = sidFrom(login.headers['set-cookie']);
    expect(sid).toBeDefined();
    expect(await t.ctx.ds.query(`SELECT sid FROM session WHERE sid = $1`, [sid])).toHaveLength(1);
  });

  it('when the session has been idle past its expiry, then the member is signed out', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    expect((await b.get('/me')).status).toBe(200);
    await t.ctx.ds.query(
      `UPDATE session SET expire = now() - interval '1 second' WHERE (sess -> 'passport' ->> 'user')::int = $1`, [user.id]);
    const res = await b.get('/me');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fme');
  });

  it('when 12 hours have passed since sign-in, then the session ends whatever the activity, and the sign-in page still works', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const [row] = await sessionsOf(t.ctx.ds, user.id);
    await t.ctx.ds.query(`UPDATE session SET sess = $2 WHERE sid = $1`,
      [row!.sid, JSON.stringify({ ...row!.sess, signedInAt: Date.now() - 12 * HOUR - 60_000 })]);

    // The first request after the limit is a page with a form: it renders for a visitor.
    const login = await b.get('/login');
    expect(login.status).toBe(200);
    expect(login.text).toContain('name="_csrf"');
    expect(login.text).not.toContain('action="/logout"');
    expect(await sessionsOf(t.ctx.ds, user.id)).toEqual([]);
    const res = await b.get('/me');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fme');
    await signedIn(t.app, user);

    // Just under 12 hours is still fine.
    const c = await signedIn(t.app, user);
    const [row2] = (await sessionsOf(t.ctx.ds, user.id)).filter((s) => s.sid !== row!.sid);
    await t.ctx.ds.query(`UPDATE session SET sess = $2 WHERE sid = $1`,
      [row2!.sid, JSON.stringify({ ...row2!.sess, signedInAt: Date.now() - 11 * HOUR })]);
    expect((await c.get('/me')).status).toBe(200);
  });

  it('when a member signs out, then the session row is gone and the old cookie no longer works', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    expect(await sessionsOf(t.ctx.ds, user.id)).toHaveLength(1);
    const res = await b.post('/logout', {}, '/me');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(await sessionsOf(t.ctx.ds, user.id)).toEqual([]);
    expect((await b.get('/me')).status).toBe(303);
  });

  it('when sign-in has a local next path, then it is followed; an outside address is not', async () => {
    const user = await createUser(t.ctx.ds);
    const b = new Browser(t.app);
    const page = await b.get('/login?next=%2Fadministrations');
    expect(page.text).toContain('name="next" value="/administrations"');
    const res = await b.post('/login', { email: user.email, password: user.password, next: '/administrations' }, '/login');
    expect(res.headers.location).toBe('/administrations');

    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const r = await new Browser(t.app).post('/login', { email: user.email, password: user.password, next }, '/login');
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe('/');
    }
  });

  it('when the login form is empty, then 422 names both fields', async () => {
    const res = await new Browser(t.app).post('/login', { email: '', password: '' }, '/login');
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#field-email"');
    expect(res.text).toContain('href="#field-password"');
    expect(res.text).toMatch(/id="field-password"[^>]*aria-describedby=" field-password-error"/s);
  });

  it('when a signed-in member opens a members-only page, then it loads; a visitor is sent to sign in', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const profile = await b.get(`/members/${user.handle}`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(user.name);
    const visitor = await new Browser(t.app).get(`/members/${user.handle}`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.location).toBe(`/login?next=%2Fmembers%2F${user.handle}`);
    expect((await b.get('/members/nobody-here-at-all')).status).toBe(404);
  });
});
