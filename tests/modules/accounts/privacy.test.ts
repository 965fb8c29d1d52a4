import { describe, expect, it } from '@jest/globals';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { outboxFor } from '../../support/db.js';
import { memberState, nextTotpCode, sessionsOf } from '../../support/accounts-factories.js';
import { createAdministration, createUser } from '../../support/factories.js';

describe('privacy: export and deletion', () => {
  const t = useTestApp();

  it('when a member downloads their data, then a JSON file with their profile and audit entries comes back', async () => {
    const adm = await createAdministration(t.ctx.ds, { name: 'Stadt Exportheim' });
    const user = await createUser(t.ctx.ds, { administrationId: adm.id, name: 'Erika Export' });
    await t.ctx.ds.query(`UPDATE users SET job_title = 'Referentin', bio = 'Über mich' WHERE id = $1`, [user.id]);
    await t.ctx.ds.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id) VALUES ($1, 'user.approved', 'user', $2)`, [user.id, String(user.id)]);
    const b = await signedIn(t.app, user);

    const res = await b.get('/me/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="praxis-${user.handle}.json"`);
    const data = JSON.parse(res.text);
    expect(data.accounts.user).toMatchObject({
      id: user.id, email: user.email, handle: user.handle, name: 'Erika Export', jobTitle: 'Referentin', bio: 'Über mich',
      administration: 'Stadt Exportheim', role: 'member', status: 'active', twoFactorEnabled: false,
    });
    expect(data.accounts.user).not.toHaveProperty('password_hash');
    expect(res.text).not.toMatch(/argon2/);
    expect(data.audit.entries).toEqual([expect.objectContaining({ action: 'user.approved', subjectId: String(user.id) })]);
    expect(typeof data.exportedAt).toBe('string');

    expect((await new Browser(t.app).get('/me/export')).status).toBe(303);
  });

  it('when a member deletes the account with the password and DELETE, then personal data is erased, the row stays as a former member and every session ends', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    await t.ctx.ds.query(`UPDATE users SET job_title = 'Referentin', department = 'Amt 12', bio = 'Über mich' WHERE id = $1`, [user.id]);
    await t.ctx.ds.query(`INSERT INTO user_recovery_codes (user_id, code_hash) VALUES ($1, 'x')`, [user.id]);
    await t.ctx.ds.query(`INSERT INTO user_tokens (user_id, purpose, token_hash, expires_at) VALUES ($1, 'reset_password', md5(random()::text), now() + interval '1 hour')`, [user.id]);
    const other = await signedIn(t.app, { ...user, totpSecret: secret });
    const c = new Browser(t.app); // the first session used this step's code: a code cannot be used twice
    await c.login(user);
    expect((await c.post('/login/two-factor', { code: nextTotpCode(secret) }, '/login/two-factor')).status).toBe(303);
    expect(await sessionsOf(t.ctx.ds, user.id)).toHaveLength(2);

    const res = await c.post('/me/delete', { password: user.password, confirm: 'DELETE' }, '/me/delete');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ihr Konto wurde gelöscht');
    expect(res.text).not.toContain('action="/logout"');

    const [row] = await t.ctx.ds.query(`SELECT * FROM users WHERE id = $1`, [user.id]);
    expect(row).toMatchObject({
      status: 'deleted', email: `deleted-${user.id}@deleted.invalid`, handle: `former-${user.id}`, name: '',
      job_title: '', department: '', bio: '', password_hash: null, totp_secret: null, totp_enabled_at: null, role: 'member',
    });
    expect(row.deleted_at).not.toBeNull();
    expect(await sessionsOf(t.ctx.ds, user.id)).toEqual([]);
    expect(await t.ctx.ds.query(`SELECT id FROM user_tokens WHERE user_id = $1`, [user.id])).toEqual([]);
    expect(await t.ctx.ds.query(`SELECT id FROM user_recovery_codes WHERE user_id = $1`, [user.id])).toEqual([]);
    const [mail] = await outboxFor(t.ctx.ds, user.email);
    expect(mail!.subject).toBe('Ihr Praxis-Konto wurde gelöscht');
    const audit = await t.ctx.ds.query(`SELECT actor_id, action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1`, [String(user.id)]);
    expect(audit).toEqual([{ actor_id: user.id, action: 'user.deleted' }]);

    expect((await other.get('/me')).status).toBe(303);
    expect((await c.get('/me')).status).toBe(303);
    expect((await new Browser(t.app).login(user)).status).toBe(422);
    // The same address can register again later.
    const again = await new Browser(t.app).post('/register', {
      name: 'Neu Angemeldet', handle: `n${user.handle}`.slice(0, 30), email: user.email, password: 'a brand new sentence', consent: 'yes',
    }, '/register');
    expect(again.status).toBe(303);
    await t.drain(); // the worker creates the account
    expect((await t.ctx.ds.query(`SELECT status FROM users WHERE email = $1`, [user.email]))[0].status).toBe('unconfirmed');
  });

  it('when the password is wrong or DELETE is not typed, then 422 and nothing changes', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const before = await memberState(t.ctx.ds, user.id);

    const wrong = await b.post('/me/delete', { password: 'not my password', confirm: 'DELETE' }, '/me/delete');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('id="field-password-error"');
    expect(wrong.text).toContain('<h1 class="kern-heading-large">Konto löschen</h1>');
    const noConfirm = await b.post('/me/delete', { password: user.password, confirm: 'delete' }, '/me/delete');
    expect(noConfirm.status).toBe(422);
    expect(noConfirm.text).toContain('Bitte tippen Sie DELETE zur Bestätigung');
    expect(noConfirm.text).toMatch(/id="field-confirm"[^>]*aria-describedby="field-confirm-hint field-confirm-error"/s);
    expect(noConfirm.text).toContain('value="delete"');

    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    expect((await b.get('/me')).status).toBe(200);
  });
});
