import { describe, expect, it } from '@jest/globals';
import { passwordField } from '../../../src/modules/accounts/accounts.schemas.js';
import { isCommonPassword } from '../../../src/modules/accounts/common-passwords.js';
import { issuePasswordReset } from '../../../src/modules/accounts/accounts.service.js';
import { keyedHash } from '../../../src/modules/accounts/tokens.js';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { linkIn, outboxFor, statementsOf } from '../../support/db.js';
import { memberState, sessionsOf } from '../../support/accounts-factories.js';
import { createUser, uniq } from '../../support/factories.js';

const NEW = 'seven words make a fine password';

describe('password rules', () => {
  const check = (p: string) => {
    const r = passwordField.safeParse(p);
    return r.success ? 'ok' : r.error.issues[0]!.message;
  };

  it('when a password has fewer than 10 characters, then it is refused; 10 are enough', () => {
    expect(check('abcdefghi')).toBe('validation.password.tooShort');
    expect(check('hausboot!x')).toBe('ok');
  });

  it('when a password is on the common list (any case) or a repeated character or digit run, then it is refused', () => {
    for (const p of ['password123', 'PASSWORT123', 'Sommer2025', 'qwertzuiop', 'aaaaaaaaaaaa', '1234567890', 'praxis-demo']) {
      expect(check(p)).toBe('validation.password.common');
      expect(isCommonPassword(p)).toBe(true);
    }
  });

  it('when a password has no digits, capitals or symbols, then it is still fine (no composition rules)', () => {
    for (const p of ['correct horse battery staple', 'alllowercaseletters', 'eine sonnige wiese']) expect(check(p)).toBe('ok');
  });

  it('when a password is longer than 200 characters, then it is refused', () => {
    expect(check('x'.repeat(201).replace(/^x/, 'y'))).toBe('validation.password.tooLong');
  });
});

describe('forgotten password', () => {
  const t = useTestApp();

  /** Asks for a link, then lets the worker do its part (the request itself only records the wish). */
  async function requestLink(email: string) {
    const res = await new Browser(t.app).post('/password/forgot', { email }, '/password/forgot');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Wenn zu dieser Adresse ein Konto besteht');
    await t.drain();
    return res;
  }

  it('when a member asks for a reset, then a single-use link arrives, sets the new password, ends every other session and can not be used again', async () => {
    const user = await createUser(t.ctx.ds);
    const elsewhere = await signedIn(t.app, user);
    await requestLink(user.email.toUpperCase());
    const [mail] = await outboxFor(t.ctx.ds, user.email);
    expect(mail!.subject).toBe('Passwort zurücksetzen');
    const link = linkIn(mail!.text, '/password/reset');
    const [token] = await t.ctx.ds.query(`SELECT expires_at FROM user_tokens WHERE user_id = $1 AND purpose = 'reset_password'`, [user.id]);
    expect(Math.abs(new Date(token.expires_at).getTime() - Date.now() - 3_600_000)).toBeLessThan(60_000);

    const b = new Browser(t.app);
    const form = await b.get(link);
    expect(form.status).toBe(200);
    const tokenValue = new URL(`http://x${link}`).searchParams.get('token')!;
    expect(form.text).toContain(`name="token" value="${tokenValue}"`);

    // A weak password is refused first; the form keeps the link's token so the member can retry.
    const weak = await b.post('/password/reset', { token: tokenValue, password: 'password123' }, link);
    expect(weak.status).toBe(422);
    expect(weak.text).toContain('Dieses Passwort ist zu verbreitet');
    expect(weak.text).toContain(`name="token" value="${tokenValue}"`);
    expect(weak.text).toContain('<h1 class="kern-heading-large">Neues Passwort festlegen</h1>');

    const res = await b.post('/password/reset', { token: tokenValue, password: NEW }, link);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect((await b.get('/login')).text).toContain('Ihr Passwort wurde geändert');
    expect(await sessionsOf(t.ctx.ds, user.id)).toEqual([]);
    expect((await elsewhere.get('/me')).status).toBe(303);
    await signedIn(t.app, { ...user, password: NEW });
    expect((await new Browser(t.app).login(user)).status).toBe(422);

    const before = await memberState(t.ctx.ds, user.id);
    const reused = await new Browser(t.app).post('/password/reset', { token: tokenValue, password: 'yet another long sentence' }, link);
    expect(reused.status).toBe(422);
    expect(reused.text).toContain('Dieser Link ist ungültig oder wurde schon verwendet');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  }, 120_000); // six password hashes (argon2) and a worker run on a loaded machine

  it('when a reset link is older than one hour, then it is refused and the password stays', async () => {
    const user = await createUser(t.ctx.ds);
    await requestLink(user.email);
    const link = linkIn((await outboxFor(t.ctx.ds, user.email))[0]!.text, '/password/reset');
    await t.ctx.ds.query(`UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const before = await memberState(t.ctx.ds, user.id);
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const res = await new Browser(t.app).post('/password/reset', { token, password: NEW }, link);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dieser Link ist abgelaufen');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    await signedIn(t.app, user);
  });

  it('when two links were requested and one is used, then the other no longer works', async () => {
    const user = await createUser(t.ctx.ds);
    await requestLink(user.email);
    await requestLink(user.email);
    const [first, second] = (await outboxFor(t.ctx.ds, user.email)).map((m) => new URL(`http://x${linkIn(m.text, '/password/reset')}`).searchParams.get('token')!);
    expect((await new Browser(t.app).post('/password/reset', { token: second!, password: NEW }, '/password/forgot')).status).toBe(303);
    const before = await memberState(t.ctx.ds, user.id);
    expect((await new Browser(t.app).post('/password/reset', { token: first!, password: 'another fine sentence' }, '/password/forgot')).status).toBe(422);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when the e-mail is unknown or the account deleted, then the answer is the same and no mail is queued', async () => {
    const unknown = `${uniq('nobody')}@nowhere.example`;
    const known = await createUser(t.ctx.ds);
    const a = await requestLink(unknown);
    const b = await requestLink(known.email);
    const strip = (s: string) => s.replace(/value="[^"]+"/g, '');
    expect(strip(a.text)).toEqual(strip(b.text));
    expect(await outboxFor(t.ctx.ds, unknown)).toEqual([]);

    const gone = await createUser(t.ctx.ds, { status: 'deleted' });
    await requestLink(gone.email);
    expect(await outboxFor(t.ctx.ds, gone.email)).toEqual([]);
  });

  it('when a known and an unknown address ask for a link, then the request runs the same statements, and only the known one gets a working link from the worker', async () => {
    const known = await createUser(t.ctx.ds);
    const unknown = `${uniq('nobody')}@nowhere.example`;
    const ask = async (email: string) => {
      const b = new Browser(t.app);
      const token = csrfIn((await b.get('/password/forgot')).text);
      let res: Awaited<ReturnType<typeof b.agent.post>> | undefined;
      const statements = await statementsOf(t.ctx.ds, async () => {
        res = await b.agent.post('/password/forgot').type('form').send({ email, _csrf: token });
      });
      expect(res!.status).toBe(200);
      return { statements, text: res!.text };
    };
    const a = await ask(known.email);
    const b = await ask(unknown);
    expect(a.statements).toEqual(b.statements);
    expect(a.statements.join('\n')).toMatch(/INSERT INTO outbox/);
    expect(a.statements.join('\n')).not.toMatch(/\busers\b|user_tokens/);
    const strip = (s: string) => s.replace(/value="[^"]+"/g, '');
    expect(strip(a.text)).toEqual(strip(b.text));

    await t.drain();
    const [mail] = await outboxFor(t.ctx.ds, known.email);
    expect(mail!.subject).toBe('Passwort zurücksetzen');
    expect(await outboxFor(t.ctx.ds, unknown)).toEqual([]);
    const link = linkIn(mail!.text, '/password/reset');
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    expect((await new Browser(t.app).post('/password/reset', { token, password: NEW }, link)).status).toBe(303);
    await signedIn(t.app, { ...known, password: NEW });

    // The handled requests keep only a keyed hash of the typed address, not the address.
    const hashes = [known.email, unknown].map((e) => keyedHash(t.ctx.config.sessionSecret, 'password reset', e));
    const handled: { payload: Record<string, unknown>; processed_at: Date | null }[] = await t.ctx.ds.query(
      `SELECT payload, processed_at FROM outbox WHERE topic = 'accounts.password-reset-requested' AND payload ->> 'emailHash' = ANY($1)`, [hashes]);
    expect(handled).toHaveLength(2);
    for (const row of handled) {
      expect(row.processed_at).not.toBeNull();
      expect(Object.keys(row.payload)).toEqual(['emailHash']);
    }
    const anywhere = await t.ctx.ds.query(
      `SELECT id FROM outbox WHERE topic = 'accounts.password-reset-requested' AND (payload::text ILIKE $1 OR payload::text ILIKE $2)`,
      [`%${known.email}%`, `%${unknown}%`]);
    expect(anywhere).toEqual([]);
  });

  it('when the worker handles a reset request twice (a retry after its commit), then only one link is sent', async () => {
    const user = await createUser(t.ctx.ds);
    await new Browser(t.app).post('/password/forgot', { email: user.email }, '/password/forgot');
    const [row] = await t.ctx.ds.query(
      `SELECT id FROM outbox WHERE topic = 'accounts.password-reset-requested' AND payload ->> 'emailHash' = $1`,
      [keyedHash(t.ctx.config.sessionSecret, 'password reset', user.email)]);
    await issuePasswordReset(t.ctx, Number(row.id));
    await issuePasswordReset(t.ctx, Number(row.id));
    expect(await outboxFor(t.ctx.ds, user.email)).toHaveLength(1);
    expect(await t.ctx.ds.query(`SELECT id FROM user_tokens WHERE user_id = $1 AND purpose = 'reset_password'`, [user.id])).toHaveLength(1);
  });

  it('when the forgot form has no valid e-mail, then 422 with the message at the field', async () => {
    const res = await new Browser(t.app).post('/password/forgot', { email: 'nope' }, '/password/forgot');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-email-error"');
    expect(res.text).toContain('value="nope"');
    expect(res.text).toContain('<h1 class="kern-heading-large">Passwort vergessen</h1>');
  });
});

describe('changing the password', () => {
  const t = useTestApp();

  it('when the current password is wrong, then 422 at that field, nothing changes and no password is echoed', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const before = await memberState(t.ctx.ds, user.id);
    const res = await b.post('/me/password', { currentPassword: 'not my password', newPassword: NEW }, '/me/password');
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-currentPassword-error"');
    expect(res.text).not.toContain(NEW);
    expect(res.text).not.toContain('not my password');
    expect(res.text).toContain('<h1 class="kern-heading-large">Passwort ändern</h1>');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when the new password is too short or common, then 422 at that field and nothing changes', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const before = await memberState(t.ctx.ds, user.id);
    for (const [pw, msg] of [['kurz', 'mindestens 10 Zeichen'], ['passwort123', 'zu verbreitet']] as const) {
      const res = await b.post('/me/password', { currentPassword: user.password, newPassword: pw }, '/me/password');
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="field-newPassword-error"');
      expect(res.text).toContain(msg);
    }
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when the password is changed, then other sessions end and this one stays', async () => {
    const user = await createUser(t.ctx.ds);
    const other = await signedIn(t.app, user);
    const b = await signedIn(t.app, user);
    expect(await sessionsOf(t.ctx.ds, user.id)).toHaveLength(2);
    const res = await b.post('/me/password', { currentPassword: user.password, newPassword: NEW }, '/me/password');
    expect(res.status).toBe(303);
    expect(await sessionsOf(t.ctx.ds, user.id)).toHaveLength(1);
    expect((await b.get('/me')).status).toBe(200);
    expect((await other.get('/me')).status).toBe(303);
  });
});
