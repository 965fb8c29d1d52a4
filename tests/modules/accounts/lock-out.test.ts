// Sign-in lock-out without handing attackers a way to keep the owner out: failures count per
// e-mail and source address, a lock asks for a second step (an e-mailed code or the authenticator)
// instead of refusing the right person, and the throttle stores keyed hashes that expire.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { SIGN_IN_CODE_MAX_TRIES, throttleLimits } from '../../../src/modules/accounts/accounts.service.js';
import { throttleKeys } from '../../../src/modules/accounts/throttle.js';
import { recordFailure } from '../../../src/modules/accounts/throttle.store.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { runHousekeeping } from '../../../src/worker.js';
import { Browser, csrfIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { memberState, nextTotpCode, sidFrom } from '../../support/accounts-factories.js';
import { outboxFor, statementsOf } from '../../support/db.js';
import { createUser, type TestUser } from '../../support/factories.js';

/** A documentation address (RFC 3849) of its own for each call, so tests never share a source. */
const newIp = () => `2001:db8::${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}`;
const STEP_TEXT = 'Zum Schutz Ihres Kontos braucht die Anmeldung deshalb einen zusätzlichen Code.';

describe('sign-in lock-out', () => {
  // The defaults of `npm start` (10 per e-mail and address, 50 per e-mail, 100 per address, 15 min),
  // with the client address taken from X-Forwarded-For so that tests can sign in from several.
  const t = useTestApp({ TRUST_PROXY: 'true', SIGNIN_IP_MAX_FAILURES: '100' });
  const keys = () => throttleKeys(t.ctx.config.sessionSecret);

  /** A browser whose requests come from `ip`. */
  const from = (ip: string) => {
    const b = new Browser(t.app);
    b.agent.set('X-Forwarded-For', ip);
    return b;
  };
  const signInFrom = (ip: string, email: string, password: string, next?: string) =>
    from(ip).post('/login', { email, password, ...(next ? { next } : {}) }, '/login');
  /** Locks a throttle key for `seconds`, as failures would have. */
  const lock = (key: string, seconds = 900) =>
    t.ctx.ds.query(
      `INSERT INTO sign_in_throttle (key, failures, locked_until, expires_at)
       VALUES ($1, 0, now() + make_interval(secs => $2), now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET locked_until = excluded.locked_until, expires_at = excluded.expires_at`,
      [key, seconds],
    );
  const row = async (key: string) => (await t.ctx.ds.query(`SELECT failures, locked_until FROM sign_in_throttle WHERE key = $1`, [key]))[0];
  /** The sign-in code e-mails to `user`, after the worker has made them. */
  const codeMails = async (user: TestUser) => {
    await t.drain();
    return (await outboxFor(t.ctx.ds, user.email)).filter((m) => m.subject === 'Ihr Anmeldecode für Praxis');
  };
  const codeIn = (text: string) => text.match(/\n\n(\d{6})\n\n/)![1]!;
  const codeRows = (userId: number) =>
    t.ctx.ds.query(`SELECT id, attempts, used_at FROM user_tokens WHERE user_id = $1 AND purpose = 'sign_in_code' ORDER BY id`, [userId]);
  /** Signs in with password during a lock and returns the browser, now at the code step. */
  async function atCodeStep(ip: string, user: TestUser, password = user.password) {
    const b = from(ip);
    const res = await b.post('/login', { email: user.email, password, next: '/administrations' }, '/login');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login/verify?next=%2Fadministrations');
    return b;
  }
  const wrongCode = (right: string) => (right === '000000' ? '111111' : '000000');

  it('when the defaults apply, then 10 failures per e-mail and address, 50 per e-mail and 100 per address start a 15-minute lock', () => {
    expect(throttleLimits(t.ctx)).toEqual({ accountMaxFailures: 10, accountTotalMaxFailures: 50, ipMaxFailures: 100, lockMinutes: 15 });
  });

  it('when someone fails 10 times from one address, then that address gets only the code step, and the owner elsewhere signs in as usual', async () => {
    const user = await createUser(t.ctx.ds);
    const attacker = newIp();
    for (let i = 1; i <= 9; i++) {
      const res = await signInFrom(attacker, user.email, `wrong password ${i}`);
      expect(res.status).toBe(422);
      expect(res.text).toContain('E-Mail-Adresse oder Passwort sind nicht richtig.');
    }
    const tenth = await signInFrom(attacker, user.email, 'wrong password 10');
    expect(tenth.status).toBe(422);
    expect(tenth.text).toContain('braucht die nächste Anmeldung mit dieser Adresse einen zusätzlichen Code');
    const pair = await row(keys().pair(user.email, attacker));
    expect(new Date(pair.locked_until).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await row(keys().account(user.email))).toMatchObject({ failures: 10, locked_until: null });

    // From the locked address, a wrong password and the right one look the same: the code step.
    const guess = await signInFrom(attacker, user.email, 'wrong password 11');
    expect(guess.status).toBe(303);
    expect(guess.headers.location).toBe('/login/verify?next=%2F');
    expect(await codeMails(user)).toEqual([]);
    const b = await atCodeStep(attacker, user);
    expect((await b.get('/me')).status).toBe(303); // not signed in by the password alone
    expect(await codeMails(user)).toHaveLength(1); // the owner's mailbox gets the code

    // The owner, from their own address, needs nothing more than the password.
    const owner = from(newIp());
    const res = await owner.post('/login', { email: user.email, password: user.password }, '/login');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    expect((await owner.get('/me')).status).toBe(200);
  }, 180_000); // thirteen password checks (argon2) on a loaded machine

  it('when the owner shares the locked address, then the password and the e-mailed code sign them in, and that address is unlocked', async () => {
    const user = await createUser(t.ctx.ds);
    const ip = newIp();
    await lock(keys().pair(user.email, ip));
    const b = await atCodeStep(ip, user);
    const page = await b.get('/login/verify?next=%2Fadministrations');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="kern-heading-large">Anmeldung bestätigen</h1>');
    expect(page.text).toContain(STEP_TEXT);
    expect(page.text).toMatch(/<form method="post" action="\/login\/verify"/);
    expect(page.text).toContain('autocomplete="one-time-code"');
    expect(page.text).toContain('name="next" value="/administrations"');

    const [mail] = await codeMails(user);
    expect(mail!.text).toContain('Er ist 10 Minuten gültig und funktioniert einmal.');
    expect(mail!.text).toContain('http://praxis.test/password/forgot');
    const code = codeIn(mail!.text);
    // Only a salted hash is stored.
    const [stored] = await t.ctx.ds.query(`SELECT token_hash FROM user_tokens WHERE user_id = $1 AND purpose = 'sign_in_code'`, [user.id]);
    expect(stored.token_hash).not.toContain(code);

    const wrong = await b.post('/login/verify', { code: wrongCode(code), next: '/administrations' }, '/login/verify');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Der Code ist nicht richtig.');
    expect(wrong.text).toContain('name="next" value="/administrations"');
    expect((await b.get('/me')).status).toBe(303);
    expect(await codeRows(user.id)).toEqual([expect.objectContaining({ attempts: 1, used_at: null })]);

    const ok = await b.post('/login/verify', { code: ` ${code} `, next: '/administrations' }, '/login/verify');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/administrations');
    expect((await b.get('/me')).status).toBe(200);
    expect((await codeRows(user.id))[0].used_at).not.toBeNull();
    expect(await row(keys().pair(user.email, ip))).toBeUndefined();
  });

  it('when a wrong code is typed five times, then the code is spent, sign-in starts again with a message, and the old code no longer works', async () => {
    const user = await createUser(t.ctx.ds);
    const ip = newIp();
    await lock(keys().account(user.email)); // locked everywhere: a success does not lift it
    const b = await atCodeStep(ip, user);
    const code = codeIn((await codeMails(user))[0]!.text);
    for (let i = 1; i < SIGN_IN_CODE_MAX_TRIES; i++) {
      expect((await b.post('/login/verify', { code: wrongCode(code) }, '/login/verify')).status).toBe(422);
    }
    const last = await b.post('/login/verify', { code: wrongCode(code) }, '/login/verify');
    expect(last.status).toBe(303);
    expect(last.headers.location).toBe('/login');
    expect((await b.get('/login')).text).toContain('Zu viele falsche Codes.');
    expect(await codeRows(user.id)).toEqual([expect.objectContaining({ attempts: SIGN_IN_CODE_MAX_TRIES, used_at: expect.anything() })]);
    expect((await b.get('/login/verify')).headers.location).toBe('/login');

    // The spent code does not work in the next attempt either; the new one does.
    const again = await atCodeStep(ip, user);
    expect((await again.post('/login/verify', { code }, '/login/verify')).status).toBe(422);
    expect((await again.get('/me')).status).toBe(303);
    const fresh = codeIn((await codeMails(user))[1]!.text);
    expect((await again.post('/login/verify', { code: fresh }, '/login/verify')).status).toBe(303);
    expect((await again.get('/me')).status).toBe(200);
  });

  it('when a code has been used, then it does not work again; an expired code or step is refused', async () => {
    const user = await createUser(t.ctx.ds);
    const ip = newIp();
    await lock(keys().account(user.email));
    const first = await atCodeStep(ip, user);
    const code = codeIn((await codeMails(user))[0]!.text);
    expect((await first.post('/login/verify', { code }, '/login/verify')).status).toBe(303);
    expect((await first.post('/logout', {}, '/me')).status).toBe(303);

    // Single use: the same code in the next sign-in is wrong.
    const second = await atCodeStep(ip, user);
    const reused = await second.post('/login/verify', { code }, '/login/verify');
    expect(reused.status).toBe(422);
    expect((await second.get('/me')).status).toBe(303);

    // Expired: the right code of a code row past its time is wrong.
    const secondCode = codeIn((await codeMails(user))[1]!.text);
    await t.ctx.ds.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'sign_in_code'`, [user.id]);
    expect((await second.post('/login/verify', { code: secondCode }, '/login/verify')).status).toBe(422);
    expect((await second.get('/me')).status).toBe(303);

    // A step started more than 10 minutes ago ends without checking the code.
    const third = from(ip);
    const started = await third.post('/login', { email: user.email, password: user.password }, '/login');
    const thirdCode = codeIn((await codeMails(user))[2]!.text);
    const [session] = await t.ctx.ds.query(`SELECT sid, sess FROM session WHERE sid = $1`, [sidFrom(started.headers['set-cookie'])]);
    await t.ctx.ds.query(`UPDATE session SET sess = $2 WHERE sid = $1`,
      [session.sid, JSON.stringify({ ...session.sess, signInChallenge: { ...session.sess.signInChallenge, since: Date.now() - 11 * 60_000 } })]);
    const late = await third.post('/login/verify', { code: thirdCode }, '/login/verify');
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe('/login');
    expect((await third.get('/login')).text).toContain('Der Bestätigungsschritt ist abgelaufen.');
    expect((await third.get('/me')).status).toBe(303);
    expect((await codeRows(user.id))[2].used_at).toBeNull();
  });

  it('when the password is wrong during a lock, then the same code step follows, no e-mail is sent and no code is accepted', async () => {
    const user = await createUser(t.ctx.ds);
    const ip = newIp();
    await lock(keys().pair(user.email, ip));
    const real = await atCodeStep(ip, user);
    const fake = await atCodeStep(ip, user, 'not the password at all');
    const strip = (s: string) => s.replace(/value="[^"]*"/g, '');
    expect(strip((await fake.get('/login/verify')).text)).toEqual(strip((await real.get('/login/verify')).text));
    const mails = await codeMails(user);
    expect(mails).toHaveLength(1); // the right password's only
    const before = await memberState(t.ctx.ds, user.id);
    const code = codeIn(mails[0]!.text);
    for (let i = 1; i < SIGN_IN_CODE_MAX_TRIES; i++) {
      const res = await fake.post('/login/verify', { code }, '/login/verify');
      expect(res.status).toBe(422);
      expect(res.text).toContain('Der Code ist nicht richtig.');
    }
    const last = await fake.post('/login/verify', { code }, '/login/verify');
    expect(last.headers.location).toBe('/login');
    expect((await fake.get('/me')).status).toBe(303);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when an account is locked, then the right password and a wrong one run the same statements, for members with and without two-factor', async () => {
    const withCode = await createUser(t.ctx.ds);
    const withApp = await createUser(t.ctx.ds, { totpSecret: generateTotpSecret() });
    const runs: string[][] = [];
    for (const [user, password] of [[withCode, withCode.password], [withCode, 'not the password'], [withApp, withApp.password], [withApp, 'not the password']] as const) {
      await lock(keys().account(user.email));
      const b = from(newIp());
      const token = csrfIn((await b.get('/login')).text);
      let res: Awaited<ReturnType<typeof b.agent.post>> | undefined;
      runs.push(await statementsOf(t.ctx.ds, async () => {
        res = await b.agent.post('/login').type('form').send({ email: user.email, password, _csrf: token });
      }));
      expect(res!.status).toBe(303);
      expect(res!.headers.location).toBe('/login/verify?next=%2F');
    }
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
    expect(runs[0]!.join('\n')).toMatch(/INSERT INTO outbox/);
    expect(await codeMails(withCode)).toHaveLength(1); // the right password's only
    expect(await codeMails(withApp)).toEqual([]); // the authenticator is the second step
  });

  it('when an admin with two-factor signs in during a lock, then the authenticator code signs them in and no e-mail is sent', async () => {
    const secret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret: secret });
    const ip = newIp();
    await lock(keys().account(admin.email));
    const b = await atCodeStep(ip, admin);
    expect((await b.get('/login/verify')).text).toContain(STEP_TEXT);
    expect(await codeMails(admin)).toEqual([]);
    expect(await codeRows(admin.id)).toEqual([]);
    expect((await b.post('/login/verify', { code: '12345678' }, '/login/verify')).status).toBe(422);
    const ok = await b.post('/login/verify', { code: nextTotpCode(secret), next: '/admin' }, '/login/verify');
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/admin');
    expect((await b.get('/admin')).status).toBe(200);
  });

  it('when 50 failures for one e-mail come from many addresses, then every address needs the code step, and a password reset lifts it', async () => {
    const user = await createUser(t.ctx.ds);
    const key = keys().account(user.email);
    const { accountTotalMaxFailures, lockMinutes } = throttleLimits(t.ctx);
    for (let i = 1; i < accountTotalMaxFailures; i++) await recordFailure(t.ctx.ds.manager, key, accountTotalMaxFailures, lockMinutes);
    expect(await row(key)).toMatchObject({ failures: 49, locked_until: null });
    const before = from(newIp());
    expect((await before.post('/login', { email: user.email, password: user.password }, '/login')).headers.location).toBe('/');
    await recordFailure(t.ctx.ds.manager, key, accountTotalMaxFailures, lockMinutes);
    expect((await row(key)).locked_until).not.toBeNull();
    await atCodeStep(newIp(), user);

    // A new password ends the account's lock.
    await t.ctx.ds.query(`DELETE FROM user_tokens WHERE user_id = $1`, [user.id]);
    const forgot = await new Browser(t.app).post('/password/forgot', { email: user.email }, '/password/forgot');
    expect(forgot.status).toBe(200);
    await t.drain();
    const link = (await outboxFor(t.ctx.ds, user.email)).find((m) => m.subject === 'Passwort zurücksetzen')!.text.match(/token=([\w-]+)/)![1]!;
    const NEW = 'a completely new passphrase';
    expect((await new Browser(t.app).post('/password/reset', { token: link, password: NEW }, '/password/forgot')).status).toBe(303);
    expect(await row(key)).toBeUndefined();
    expect((await signInFrom(newIp(), user.email, NEW)).headers.location).toBe('/');
  });

  it('when the throttle records failures, then it stores keyed hashes, never the e-mail or address, and housekeeping deletes expired rows', async () => {
    const user = await createUser(t.ctx.ds);
    const ip = newIp();
    expect((await signInFrom(ip, ` ${user.email.toUpperCase()} `, 'wrong password here')).status).toBe(422);
    const stored: { key: string }[] = await t.ctx.ds.query(
      `SELECT key FROM sign_in_throttle WHERE key = ANY($1)`, [[keys().pair(user.email, ip), keys().account(user.email), keys().ip(ip)]]);
    expect(stored).toHaveLength(3);
    for (const { key } of stored) expect(key).toMatch(/^(pair|acct|ip):[0-9a-f]{64}$/);
    const plain = await t.ctx.ds.query(`SELECT key FROM sign_in_throttle WHERE key ILIKE $1 OR key ILIKE $2`, [`%${user.email}%`, `%${ip}%`]);
    expect(plain).toEqual([]);
    const [expiry] = await t.ctx.ds.query(`SELECT expires_at FROM sign_in_throttle WHERE key = $1`, [keys().pair(user.email, ip)]);
    expect(Math.abs(new Date(expiry.expires_at).getTime() - Date.now() - 15 * 60_000)).toBeLessThan(60_000);

    await t.ctx.ds.query(`UPDATE sign_in_throttle SET expires_at = now() - interval '1 second' WHERE key = ANY($1)`,
      [[keys().pair(user.email, ip), keys().account(user.email)]]);
    expect(await runHousekeeping(t.ctx)).toBeGreaterThanOrEqual(2);
    expect(await row(keys().pair(user.email, ip))).toBeUndefined();
    expect(await row(keys().account(user.email))).toBeUndefined();
    expect(await row(keys().ip(ip))).toMatchObject({ failures: 1 }); // not expired yet: kept
  });
});
