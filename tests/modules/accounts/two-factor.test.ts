import { describe, expect, it } from '@jest/globals';
import { generateTotpSecret, totpCode, totpStep, verifyTotp } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { currentTotpCode, memberState, nextTotpCode, sidFrom } from '../../support/accounts-factories.js';
import { createUser } from '../../support/factories.js';

describe('TOTP codes', () => {
  it('when a code is checked, then the current step and one step either side match, others do not', () => {
    const secret = generateTotpSecret();
    const at = new Date('2026-03-01T12:00:00Z');
    const step = totpStep(at);
    expect(verifyTotp(secret, totpCode(secret, step), at)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, step - 1), at)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, step + 1), at)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, step + 2), at)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at)).toBeNull();
  });

  it('when the RFC 6238 test secret is used, then the published SHA-1 codes come out', () => {
    // RFC 6238 appendix B, "12345678901234567890" in base32, last six digits of the 8-digit values.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(secret, totpStep(new Date(59_000)))).toBe('287082');
    expect(totpCode(secret, totpStep(new Date(1_111_111_109_000)))).toBe('081804');
    expect(totpCode(secret, totpStep(new Date(2_000_000_000_000)))).toBe('279037');
  });
});

const hiddenNext = (html: string) =>
  html.match(/name="next" value="([^"]*)"/)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

describe('two-factor sign-in', () => {
  const t = useTestApp();

  async function secretFromPage(b: Browser): Promise<string> {
    const page = await b.get('/me/two-factor');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    return page.text.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)![1]!.replace(/ /g, '');
  }

  it('when a member enables two-factor with a code, then recovery codes are shown once and sign-in asks for a code', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const secret = await secretFromPage(b);
    expect(await secretFromPage(b)).toBe(secret); // stable until confirmed

    const wrong = await b.post('/me/two-factor/enable', { code: '000000' === currentTotpCode(secret) ? '111111' : '000000' }, '/me/two-factor');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Der Code ist nicht richtig');
    expect((await t.ctx.ds.query(`SELECT totp_enabled_at FROM users WHERE id = $1`, [user.id]))[0].totp_enabled_at).toBeNull();

    const res = await b.post('/me/two-factor/enable', { code: currentTotpCode(secret) }, '/me/two-factor');
    expect(res.status).toBe(200);
    const codes = [...res.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const [row] = await t.ctx.ds.query(`SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1`, [user.id]);
    expect(row.totp_secret).toBe(secret);
    expect(row.totp_enabled_at).not.toBeNull();
    const stored = await t.ctx.ds.query(`SELECT code_hash FROM user_recovery_codes WHERE user_id = $1`, [user.id]);
    expect(stored).toHaveLength(10);
    expect(stored.map((s: { code_hash: string }) => s.code_hash)).not.toContain(codes[0]);
    const [audit] = await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'user' AND subject_id = $1`, [String(user.id)]);
    expect(audit.action).toBe('user.2fa_enabled');
    expect((await b.get('/me/two-factor')).text).not.toContain('data-testid="totp-secret"');

    // Signing in now takes two steps.
    const c = new Browser(t.app);
    const next = '/administrations?state=BY&kind=county';
    const first = await c.post('/login', { email: user.email, password: user.password, next }, '/login');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`/login/two-factor?next=${encodeURIComponent(next)}`);
    expect((await c.get('/me')).status).toBe(303); // not signed in yet
    const step = await c.get(first.headers.location!);
    expect(hiddenNext(step.text)).toBe(next);
    const typo = await c.post('/login/two-factor', { code: '12345', next }, first.headers.location!);
    expect(typo.status).toBe(422);
    expect(hiddenNext(typo.text)).toBe(next);
    const second = await c.post('/login/two-factor', { code: nextTotpCode(secret), next }, first.headers.location!);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(next);
    expect((await c.get('/me')).status).toBe(200);
  });

  it('when a code was already used, then it is refused (no replay)', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    const code = nextTotpCode(secret);
    const a = new Browser(t.app);
    await a.login(user);
    expect((await a.post('/login/two-factor', { code }, '/login/two-factor')).status).toBe(303);

    const b = new Browser(t.app);
    await b.login(user);
    const before = await memberState(t.ctx.ds, user.id);
    const replay = await b.post('/login/two-factor', { code }, '/login/two-factor');
    expect(replay.status).toBe(422);
    expect(replay.text).toContain('Der Code ist nicht richtig oder schon abgelaufen');
    expect(replay.text).toContain('<h1 class="kern-heading-large">Bestätigungscode</h1>');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
    expect((await b.get('/me')).status).toBe(303);
    // An older code than the last one used is refused too.
    expect((await b.post('/login/two-factor', { code: currentTotpCode(secret) }, '/login/two-factor')).status).toBe(422);
  });

  it('when a recovery code is used, then it works once', async () => {
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const secret = await secretFromPage(b);
    const res = await b.post('/me/two-factor/enable', { code: currentTotpCode(secret) }, '/me/two-factor');
    const code = res.text.match(/<li><code>([a-z0-9-]+)<\/code><\/li>/)![1]!;

    const c = new Browser(t.app);
    await c.login(user);
    const ok = await c.post('/login/two-factor', { code: code.toUpperCase() }, '/login/two-factor');
    expect(ok.status).toBe(303);
    expect((await c.get('/me')).status).toBe(200);
    const used = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM user_recovery_codes WHERE user_id = $1 AND used_at IS NOT NULL`, [user.id]);
    expect(used[0].n).toBe(1);

    const d = new Browser(t.app);
    await d.login(user);
    const before = await memberState(t.ctx.ds, user.id);
    const again = await d.post('/login/two-factor', { code }, '/login/two-factor');
    expect(again.status).toBe(422);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when the second step is opened without a password first, then it goes back to sign-in', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/login/two-factor');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login');
    const post = await b.post('/login/two-factor', { code: '123456' }, '/login');
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe('/login');
  });

  it('when the password step was more than 10 minutes ago, then the code is not checked and sign-in starts again', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    const b = new Browser(t.app);
    const first = await b.login(user);
    const sid = sidFrom(first.headers['set-cookie'])!;
    const [row] = await t.ctx.ds.query(`SELECT sess FROM session WHERE sid = $1`, [sid]);
    expect(row.sess.pendingUserId).toBe(user.id);
    await t.ctx.ds.query(`UPDATE session SET sess = $2 WHERE sid = $1`, [sid, JSON.stringify({ ...row.sess, pendingSince: Date.now() - 11 * 60_000 })]);
    const res = await b.post('/login/two-factor', { code: nextTotpCode(secret) }, '/login/two-factor');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect((await b.get('/me')).status).toBe(303);
    expect((await t.ctx.ds.query(`SELECT totp_last_step FROM users WHERE id = $1`, [user.id]))[0].totp_last_step).toBeNull();
  });

  it('when a member disables two-factor with the password, then it is off; a wrong password changes nothing', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    const b = await signedIn(t.app, { ...user, totpSecret: secret });
    const before = await memberState(t.ctx.ds, user.id);
    const wrong = await b.post('/me/two-factor/disable', { password: 'not my password' }, '/me/two-factor');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('id="field-password-error"');
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);

    const ok = await b.post('/me/two-factor/disable', { password: user.password }, '/me/two-factor');
    expect(ok.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1`, [user.id]);
    expect(row).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect((await new Browser(t.app).login(user)).headers.location).toBe('/');
  });

  it('when an admin without two-factor opens any admin page, then they are sent to set it up first', async () => {
    const admin = await createUser(t.ctx.ds, { role: 'admin' });
    const b = await signedIn(t.app, admin);
    for (const path of ['/admin', '/admin/approvals', '/admin/feedback', '/admin/users', '/admin/audit', '/admin/administrations', '/admin/administrations/new']) {
      const res = await b.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/me/two-factor');
    }
    const page = await b.get('/me/two-factor');
    expect(page.text).toContain('Für Konten mit Administrationsrechten ist die Zwei-Faktor-Anmeldung Pflicht');

    const member = await createUser(t.ctx.ds);
    const before = await memberState(t.ctx.ds, member.id);
    const post = await b.post(`/admin/users/${member.id}/role`, { role: 'facilitator', reason: 'Moderation übernehmen' }, '/me');
    expect(post.status).toBe(303);
    expect(post.headers.location).toBe('/me/two-factor');
    expect(await memberState(t.ctx.ds, member.id)).toEqual(before);

    const secret = await secretFromPage(b);
    expect((await b.post('/me/two-factor/enable', { code: currentTotpCode(secret) }, '/me/two-factor')).status).toBe(200);
    expect((await b.get('/admin/users')).status).toBe(200);
  });

  it('when the second step fails 10 times, then that account is locked with 429, even for the right code', async () => {
    const secret = generateTotpSecret();
    const user = await createUser(t.ctx.ds, { totpSecret: secret });
    const b = new Browser(t.app);
    await b.login(user);
    const wrong = currentTotpCode(secret) === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 9; i++) expect((await b.post('/login/two-factor', { code: wrong }, '/login/two-factor')).status).toBe(422);
    const tenth = await b.post('/login/two-factor', { code: wrong }, '/login/two-factor');
    expect(tenth.status).toBe(429);
    expect(tenth.text).toContain('Zu viele fehlgeschlagene Anmeldeversuche');
    const before = await memberState(t.ctx.ds, user.id);
    expect((await b.post('/login/two-factor', { code: nextTotpCode(secret) }, '/login/two-factor')).status).toBe(429);
    expect((await b.get('/me')).status).toBe(303);
    expect(await memberState(t.ctx.ds, user.id)).toEqual(before);
  });

  it('when an admin tries to disable two-factor, then it is refused and stays on', async () => {
    const secret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret: secret });
    const b = await signedIn(t.app, { ...admin, totpSecret: secret });
    const page = await b.get('/me/two-factor');
    expect(page.text).not.toContain('action="/me/two-factor/disable"');
    const before = await memberState(t.ctx.ds, admin.id);
    const res = await b.post('/me/two-factor/disable', { password: admin.password }, '/me/two-factor');
    expect(res.status).toBe(403);
    expect(await memberState(t.ctx.ds, admin.id)).toEqual(before);
  });
});
