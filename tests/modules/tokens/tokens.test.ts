// Personal access tokens (/me/tokens): created with a name, scopes and an expiry and shown once
// (only the SHA-256 is stored), listed, revoked with CSRF (someone else's: 404); resolved for other
// modules only while neither revoked nor expired and while the member is active; in the data
// download without hashes and gone with the account. Back-dated rows use 1985–1986.
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { resolveAccessToken } from '../../../src/modules/tokens/index.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, PASSWORD, uniq } from '../../support/factories.js';
import { parseHtml, elements, textOf } from '../../support/html.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenIn = (html: string) => /data-testid="new-token" value="([^"]+)"|value="([^"]+)" data-testid="new-token"/.exec(html)?.slice(1).find(Boolean)
  ?? /id="new-token"[^>]*value="([^"]+)"/.exec(html)?.[1];

describe('tokens: personal access tokens', () => {
  const t = useTestApp();
  const rowsOf = (userId: number) => t.ctx.ds.query(
    `SELECT id, name, scopes, token_hash AS "tokenHash", prefix, expires_at AS "expiresAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM personal_access_tokens WHERE user_id = $1 ORDER BY id`, [userId]);
  const auditOf = (userId: number) => t.ctx.ds.query(
    `SELECT action, details FROM audit_log WHERE actor_id = $1 AND action LIKE 'token.%' ORDER BY id`, [userId]);

  async function create(b: Browser, fields: Record<string, string | string[]>) {
    return b.post('/me/tokens', fields, '/me/tokens');
  }

  it('when a member creates a token, then it is shown once, only its SHA-256 and prefix are stored, the list shows it without the token, and the creation is audited', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const before = Date.now();
    const res = await create(b, { name: 'Outlook im Büro', scopes: ['read:public', 'read:network'], expiry: '30' });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const token = tokenIn(res.text)!;
    expect(token).toMatch(/^prx_[A-Za-z0-9_-]{43}$/);

    const [row] = await rowsOf(member.id);
    expect(row.name).toBe('Outlook im Büro');
    expect(row.scopes).toEqual(['read:public', 'read:network']);
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.prefix).toBe(token.slice(0, 12));
    const days = (row.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
    expect(row.revokedAt).toBeNull();

    const list = await b.get('/me/tokens');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain(token);
    const cells = elements(parseHtml(list.text), 'tr').filter((tr) => tr.attribs['data-token'] === String(row.id)).map((tr) => textOf(tr));
    expect(cells).toHaveLength(1);
    expect(cells[0]).toContain('Outlook im Büro');
    expect(cells[0]).toContain(`${token.slice(0, 12)}…`);
    expect(cells[0]).toContain('Gültig');
    expect(cells[0]).toContain('noch nicht');

    expect(await auditOf(member.id)).toEqual([{ action: 'token.created', details: { token: row.id, name: 'Outlook im Büro', scopes: ['read:public', 'read:network'], expiresAt: row.expiresAt.toISOString() } }]);
    // The /me page links to the tokens.
    expect((await b.get('/me')).text).toContain('href="/me/tokens"');
  });

  it('when "never" is chosen, then the token has no expiry; when the form is incomplete or offers unknown values, then 422 with the input kept and nothing stored', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    expect((await create(b, { name: 'Feed-Reader', scopes: 'read:public', expiry: 'never' })).status).toBe(201);
    const [never] = await rowsOf(member.id);
    expect(never.expiresAt).toBeNull();
    expect(never.scopes).toEqual(['read:public']);

    const bad: [Record<string, string | string[]>, string, string][] = [
      [{ name: '', scopes: 'read:public', expiry: '90' }, 'name', 'Bitte füllen Sie dieses Feld aus.'],
      [{ name: 'Ohne Berechtigung', expiry: '90' }, 'scopes', 'mindestens eine Berechtigung'],
      [{ name: 'Schreiben?', scopes: ['read:public', 'write:all'], expiry: '90' }, 'scopes', 'nur angebotene Berechtigungen'],
      [{ name: 'Ewig und drei Tage', scopes: 'read:public', expiry: '1000' }, 'expiry', 'angebotenen Laufzeiten'],
      [{ name: 'x'.repeat(81), scopes: 'read:public', expiry: '90' }, 'name', ''],
    ];
    for (const [fields, field, message] of bad) {
      const res = await create(b, fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain(`id="field-${field}-error"`);
      if (message) expect(res.text).toContain(message);
      if (fields.name && field !== 'name') expect(res.text).toContain(`value="${fields.name as string}"`);
    }
    expect(await rowsOf(member.id)).toHaveLength(1);
  });

  it('when a token is created or revoked without the CSRF token, or by a visitor, then it is refused and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    expect((await b.agent.post('/me/tokens').type('form').send({ name: 'Ohne CSRF', scopes: 'read:public', expiry: '90' })).status).toBe(403);
    expect(await rowsOf(member.id)).toHaveLength(0);
    await create(b, { name: 'Echt', scopes: 'read:public', expiry: '90' });
    const [row] = await rowsOf(member.id);
    expect((await b.agent.post(`/me/tokens/${row.id}/revoke`).type('form').send({})).status).toBe(403);
    const visitor = new Browser(t.app);
    expect((await visitor.post(`/me/tokens/${row.id}/revoke`)).status).toBe(401);
    expect((await visitor.get('/me/tokens')).status).toBe(303);
    expect((await rowsOf(member.id))[0].revokedAt).toBeNull();
  });

  it('when the member revokes a token, then it is marked revoked and audited, the list says so, and the token no longer resolves; another member revoking it gets 404', async () => {
    const member = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const token = tokenIn((await create(b, { name: 'Zu widerrufen', scopes: 'read:network', expiry: '365' })).text)!;
    const [row] = await rowsOf(member.id);
    expect((await resolveAccessToken(t.ctx.ds, token)).ok).toBe(true);

    const o = await signedIn(t.app, other);
    expect((await o.post(`/me/tokens/${row.id}/revoke`, {}, '/me/tokens')).status).toBe(404);
    expect((await o.post(`/me/tokens/abc/revoke`, {}, '/me/tokens')).status).toBe(404);
    expect((await o.post(`/me/tokens/99999999999/revoke`, {}, '/me/tokens')).status).toBe(404);
    expect((await rowsOf(member.id))[0].revokedAt).toBeNull();
    expect(await auditOf(other.id)).toEqual([]);

    const res = await b.post(`/me/tokens/${row.id}/revoke`, {}, '/me/tokens');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/me/tokens');
    const [revoked] = await rowsOf(member.id);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect((await resolveAccessToken(t.ctx.ds, token)).ok).toBe(false);
    const list = await b.get('/me/tokens');
    const tr = elements(parseHtml(list.text), 'tr').find((x) => x.attribs['data-token'] === String(row.id))!;
    expect(textOf(tr)).toContain('Widerrufen');
    expect(elements(tr, 'form')).toHaveLength(0);
    // Revoking again changes nothing and writes no second audit entry.
    expect((await b.post(`/me/tokens/${row.id}/revoke`, {}, '/me/tokens')).status).toBe(303);
    expect((await auditOf(member.id)).map((a: { action: string }) => a.action)).toEqual(['token.created', 'token.revoked']);
    expect((await rowsOf(member.id))[0].revokedAt.getTime()).toBe(revoked.revokedAt.getTime());
  });

  it('when a token is resolved, then it gives the member and scopes and notes the use at most once a minute; expired tokens, inactive members and malformed text are refused', async () => {
    const member = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, member);
    const token = tokenIn((await create(b, { name: 'Reader', scopes: ['read:network'], expiry: '90' })).text)!;
    const first = await resolveAccessToken(t.ctx.ds, token);
    expect(first).toEqual({ ok: true, token: { tokenId: expect.any(Number), scopes: ['read:network'], member: {
      id: member.id, role: 'facilitator', handle: member.handle, name: member.name, language: 'de', administrationId: member.administrationId,
    } } });
    const [{ lastUsedAt: noted }] = await rowsOf(member.id);
    expect(noted).toBeInstanceOf(Date);
    await resolveAccessToken(t.ctx.ds, token);
    expect((await rowsOf(member.id))[0].lastUsedAt.getTime()).toBe(noted.getTime());
    // A note older than a minute is renewed.
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET last_used_at = '1985-06-01T10:00:00Z' WHERE user_id = $1`, [member.id]);
    await resolveAccessToken(t.ctx.ds, token);
    expect((await rowsOf(member.id))[0].lastUsedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The list shows the last use.
    expect(textOf(elements(parseHtml((await b.get('/me/tokens')).text), 'tbody')[0]!)).not.toContain('noch nicht');

    // Expired (back-dated to 1986): refused, and the list says "Abgelaufen".
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET expires_at = '1986-01-01T00:00:00Z' WHERE user_id = $1`, [member.id]);
    expect(await resolveAccessToken(t.ctx.ds, token)).toEqual({ ok: false });
    expect(textOf(elements(parseHtml((await b.get('/me/tokens')).text), 'tbody')[0]!)).toContain('Abgelaufen');
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET expires_at = NULL WHERE user_id = $1`, [member.id]);
    expect((await resolveAccessToken(t.ctx.ds, token)).ok).toBe(true);
    // The member is no longer active.
    await t.ctx.ds.query(`UPDATE users SET status = 'pending' WHERE id = $1`, [member.id]);
    expect(await resolveAccessToken(t.ctx.ds, token)).toEqual({ ok: false });
    await t.ctx.ds.query(`UPDATE users SET status = 'active' WHERE id = $1`, [member.id]);
    // Malformed or unknown text.
    for (const text of ['', 'prx_', `${token}x`, token.replace('prx_', 'abc_'), `prx_${'A'.repeat(43)}`, "prx_' OR 1=1 --"]) {
      expect(await resolveAccessToken(t.ctx.ds, text)).toEqual({ ok: false });
    }
  });

  it('when the member downloads their data, then their tokens are in it without hashes; when they delete their account, then the tokens are gone', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const name = uniq('Schlüssel ');
    const token = tokenIn((await create(b, { name, scopes: 'read:public', expiry: '90' })).text)!;
    const exported = JSON.parse((await b.get('/me/export')).text);
    expect(exported.tokens.tokens).toEqual([expect.objectContaining({ name, scopes: ['read:public'], prefix: token.slice(0, 12), revokedAt: null })]);
    const text = JSON.stringify(exported);
    expect(text).not.toContain(sha256(token));
    expect(text).not.toContain(token);

    const res = await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete');
    expect(res.status).toBe(200);
    expect(await rowsOf(member.id)).toEqual([]);
    expect(await resolveAccessToken(t.ctx.ds, token)).toEqual({ ok: false });
  });

  it('when an admin opens /admin/tokens, then every working token is listed with its member; the admin revokes one (audited as theirs, about the member); others may not', async () => {
    const totpSecret = generateTotpSecret();
    const admin = { ...(await createUser(t.ctx.ds, { role: 'admin', totpSecret })), totpSecret };
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const token = tokenIn((await create(b, { name: uniq('Laptop '), scopes: 'read:network', expiry: '90' })).text)!;
    await create(b, { name: 'Alt', scopes: 'read:public', expiry: '30' });
    const [working, old] = await rowsOf(member.id);
    await t.ctx.ds.query(`UPDATE personal_access_tokens SET expires_at = '1985-01-01T00:00:00Z' WHERE id = $1`, [old.id]);

    const a = await signedIn(t.app, admin);
    const page = await a.get('/admin/tokens');
    expect(page.status).toBe(200);
    const rowsShown = elements(parseHtml(page.text), 'tr').filter((tr) => tr.attribs['data-token']).map((tr) => tr.attribs['data-token']);
    expect(rowsShown).toContain(String(working.id));
    expect(rowsShown).not.toContain(String(old.id));
    const tr = elements(parseHtml(page.text), 'tr').find((x) => x.attribs['data-token'] === String(working.id))!;
    expect(textOf(tr)).toContain(member.name);
    expect(textOf(tr)).toContain(working.name);
    expect((await a.get('/admin')).text).toContain('href="/admin/tokens"');

    // A facilitator and the member themselves may not use the admin page.
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await facilitator.get('/admin/tokens')).status).toBe(403);
    expect((await facilitator.post(`/admin/tokens/${working.id}/revoke`, {}, '/me/tokens')).status).toBe(403);
    expect((await b.post(`/admin/tokens/${working.id}/revoke`, {}, '/me/tokens')).status).toBe(403);
    expect((await rowsOf(member.id))[0].revokedAt).toBeNull();
    expect((await a.post('/admin/tokens/2147483647/revoke', {}, '/admin/tokens')).status).toBe(404);

    const res = await a.post(`/admin/tokens/${working.id}/revoke`, {}, '/admin/tokens');
    expect(res.status).toBe(303);
    expect((await rowsOf(member.id))[0].revokedAt).toBeInstanceOf(Date);
    expect(await resolveAccessToken(t.ctx.ds, token)).toEqual({ ok: false });
    const [entry] = await t.ctx.ds.query(`SELECT actor_id AS "actorId", subject_type AS "subjectType", subject_id AS "subjectId", details FROM audit_log WHERE action = 'token.revoked' AND actor_id = $1`, [admin.id]);
    expect(entry).toEqual({ actorId: admin.id, subjectType: 'user', subjectId: String(member.id), details: { token: working.id, name: working.name } });
    expect(elements(parseHtml((await a.get('/admin/tokens')).text), 'tr').some((x) => x.attribs['data-token'] === String(working.id))).toBe(false);
  });

  it('when the token page is shown in English, then its labels are English', async () => {
    const member = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, member);
    const page = await b.get('/me/tokens');
    expect(page.text).toContain('Personal access tokens');
    expect(page.text).toContain('Read the network');
    expect(csrfIn(page.text)).toBeTruthy();
  });
});
