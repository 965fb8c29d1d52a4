import { describe, expect, it } from '@jest/globals';
import { changeRole } from '../../../src/modules/accounts/accounts.service.js';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { memberState, usePrivateDatabase } from '../../support/accounts-factories.js';
import { uniq, createUser, type TestUser } from '../../support/factories.js';
import type { DataSource } from 'typeorm';
import type { Role } from '../../../src/shared/identity.js';

async function createAdmin(ds: DataSource): Promise<TestUser & { totpSecret: string }> {
  const totpSecret = generateTotpSecret();
  return { ...(await createUser(ds, { role: 'admin', totpSecret })), totpSecret };
}

const roleOf = async (ds: DataSource, id: number): Promise<Role> =>
  (await ds.query(`SELECT role FROM users WHERE id = $1`, [id]))[0].role;

describe('roles and admin pages', () => {
  const t = useTestApp();

  it('when a role change has too short a reason, then the error summary links to that row\'s field, which keeps the text', async () => {
    const admin = await createAdmin(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, admin);
    // The admin found the member by searching; the row's form posts with that search.
    const list = await b.get(`/admin/users?q=${member.handle}`);
    const decoded = list.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(decoded).toContain(`action="/admin/users/${member.id}/role?q=${member.handle}"`);
    const res = await b.post(`/admin/users/${member.id}/role?q=${member.handle}`, { role: 'facilitator', reason: 'kurz' }, `/admin/users?q=${member.handle}`);
    expect(res.status).toBe(422);
    expect(res.text).toContain(`href="#reason-${member.id}"`);
    expect(res.text).toMatch(new RegExp(`id="reason-${member.id}"[^>]*aria-invalid="true"[^>]*value="kurz"`));
    expect(await roleOf(t.ctx.ds, member.id)).toBe('member');
    // With a reason, the change goes through and the admin is back on the same search.
    const ok = await b.post(`/admin/users/${member.id}/role?q=${member.handle}`, { role: 'facilitator', reason: 'Übernimmt die Moderation' }, `/admin/users?q=${member.handle}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/admin/users?q=${member.handle}`);
    expect(await roleOf(t.ctx.ds, member.id)).toBe('facilitator');
  });

  it('when an admin searches members with % or _, then they match only themselves, not any character', async () => {
    const admin = await createAdmin(t.ctx.ds);
    const tag = uniq('q');
    const literal = await createUser(t.ctx.ds, { name: `Ana_${tag} 100%` });
    const other = await createUser(t.ctx.ds, { name: `Anax${tag} 1000` });
    const b = await signedIn(t.app, admin);
    const underscore = await b.get(`/admin/users?q=${encodeURIComponent(`ana_${tag}`)}`);
    expect(underscore.text).toContain(literal.email);
    expect(underscore.text).not.toContain(other.email);
    const percent = await b.get(`/admin/users?q=${encodeURIComponent(`${tag} 100%`)}`);
    expect(percent.text).toContain(literal.email);
    expect(percent.text).not.toContain(other.email);
  });

  it('when an admin changes a role with a reason, then the role changes and the audit log says who, what, when and why', async () => {
    const admin = await createAdmin(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, admin);
    const users = await b.get(`/admin/users?q=${member.handle}`);
    expect(users.status).toBe(200);
    expect(users.text).toContain(member.email);

    const res = await b.post(`/admin/users/${member.id}/role`, { role: 'facilitator', reason: 'Übernimmt die Moderation' }, '/admin/users');
    expect(res.status).toBe(303);
    expect(await roleOf(t.ctx.ds, member.id)).toBe('facilitator');
    const [entry] = await t.ctx.ds.query(
      `SELECT actor_id, action, reason, details, created_at FROM audit_log WHERE subject_type = 'user' AND subject_id = $1`, [String(member.id)]);
    expect(entry).toMatchObject({ actor_id: admin.id, action: 'user.role_changed', reason: 'Übernimmt die Moderation', details: { from: 'member', to: 'facilitator' } });
    expect(Date.now() - new Date(entry.created_at).getTime()).toBeLessThan(60_000);

    const audit = await b.get('/admin/audit?action=user.role_changed');
    expect(audit.status).toBe(200);
    expect(audit.text).toContain('Übernimmt die Moderation');
    expect(audit.text).toContain(admin.name);
    // Labels, not codes or JSON: the action, the subject and the details are translated.
    expect(audit.text).toContain(`Mitglied Nr. ${member.id}`);
    expect(audit.text).toContain('Rolle geändert');
    expect(audit.text).toContain('Von: Mitglied');
    expect(audit.text).toContain('Nach: Moderation');
    expect(audit.text).not.toContain('user.role_changed</');
    expect(audit.text).not.toContain('{&quot;');

    // The new role takes effect on the member's next request.
    const m = await signedIn(t.app, member);
    expect((await m.get('/admin/approvals')).status).toBe(200);
  });

  it('when a role change has no reason or an unknown role, then 422 and nothing changes', async () => {
    const admin = await createAdmin(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, admin);
    const before = await memberState(t.ctx.ds, member.id);
    const noReason = await b.post(`/admin/users/${member.id}/role`, { role: 'admin', reason: '' }, '/admin/users');
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('Bitte nennen Sie einen Grund');
    expect(noReason.text).toContain('<h1 class="kern-heading-large">Mitglieder und Rollen</h1>');
    const badRole = await b.post(`/admin/users/${member.id}/role`, { role: 'owner', reason: 'weil ich es kann' }, '/admin/users');
    expect(badRole.status).toBe(422);
    expect(await memberState(t.ctx.ds, member.id)).toEqual(before);
    for (const id of ['999999999', '99999999999', 'abc', '1.5', '-1']) {
      const missing = await b.post(`/admin/users/${id}/role`, { role: 'admin', reason: 'gibt es nicht' }, '/admin/users');
      expect(missing.status).toBe(404);
    }
  });

  it('when a member or a facilitator tries admin pages, then 403 and nothing changes; a visitor is sent to sign in', async () => {
    const target = await createUser(t.ctx.ds);
    const before = await memberState(t.ctx.ds, target.id);
    for (const role of ['member', 'facilitator'] as const) {
      const b = await signedIn(t.app, await createUser(t.ctx.ds, { role }));
      for (const path of ['/admin/users', '/admin/audit', '/admin/administrations', '/admin/administrations/new']) {
        expect((await b.get(path)).status).toBe(403);
      }
      const res = await b.post(`/admin/users/${target.id}/role`, { role: 'admin', reason: 'Ich mache mich zum Admin' });
      expect(res.status).toBe(403);
      expect(res.text).toContain('Keine Berechtigung');
    }
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const path of ['/admin', '/admin/approvals', '/admin/feedback']) expect((await member.get(path)).status).toBe(403);
    expect(await memberState(t.ctx.ds, target.id)).toEqual(before);

    const visitor = new Browser(t.app);
    const page = await visitor.get('/admin/users');
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fadmin%2Fusers');
    const post = await visitor.post(`/admin/users/${target.id}/role`, { role: 'admin', reason: 'Ich mache mich zum Admin' });
    expect(post.status).toBe(401);
    expect(await memberState(t.ctx.ds, target.id)).toEqual(before);
  });

  it('when a facilitator opens the staff overview, then it shows the queue but not the admin links', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await b.get('/admin');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/admin/approvals"');
    expect(res.text).not.toContain('href="/admin/users"');
    const admin = await signedIn(t.app, await createAdmin(t.ctx.ds));
    expect((await admin.get('/admin')).text).toContain('href="/admin/audit"');
  });

  it('when the role is already the one chosen, then nothing is written', async () => {
    const admin = await createAdmin(t.ctx.ds);
    const member = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, admin);
    const before = await memberState(t.ctx.ds, member.id);
    expect((await b.post(`/admin/users/${member.id}/role`, { role: 'facilitator', reason: 'bleibt wie es ist' }, '/admin/users')).status).toBe(303);
    expect(await memberState(t.ctx.ds, member.id)).toEqual(before);
  });
});

describe('the last admin', () => {
  // Counting admins needs a users table of our own: other test files create admins in parallel.
  const env = usePrivateDatabase();
  const t = useTestApp(env);
  // Each test sets up its own admins on a table without any.
  const noAdmins = () => t.ctx.ds.query(`UPDATE users SET role = 'member' WHERE role = 'admin'`);

  it('when the only admin tries to give up the role, then 409 and the role stays; with a second admin it works', async () => {
    await noAdmins();
    const admin = await createAdmin(t.ctx.ds);
    const b = await signedIn(t.app, admin);
    const before = await memberState(t.ctx.ds, admin.id);
    const res = await b.post(`/admin/users/${admin.id}/role`, { role: 'member', reason: 'Ich höre auf' }, '/admin/users');
    expect(res.status).toBe(409);
    expect(res.text).toContain('Das letzte Administrationskonto kann seine Rolle nicht abgeben');
    expect(await memberState(t.ctx.ds, admin.id)).toEqual(before);

    const del = await b.post('/me/delete', { password: admin.password, confirm: 'DELETE' }, '/me/delete');
    expect(del.status).toBe(409);
    expect(await memberState(t.ctx.ds, admin.id)).toEqual(before);

    const second = await createAdmin(t.ctx.ds);
    expect((await b.post(`/admin/users/${admin.id}/role`, { role: 'member', reason: 'Ich höre auf' }, '/admin/users')).status).toBe(303);
    expect(await roleOf(t.ctx.ds, admin.id)).toBe('member');
    expect(await roleOf(t.ctx.ds, second.id)).toBe('admin');
  });

  it('when two admins demote each other at the same moment, then exactly one change goes through', async () => {
    await noAdmins();
    const a = await createAdmin(t.ctx.ds);
    const b = await createAdmin(t.ctx.ds);
    const results = await Promise.allSettled([
      changeRole(t.ctx, { id: a.id, role: 'admin' }, b.id, 'member', 'gleichzeitig'),
      changeRole(t.ctx, { id: b.id, role: 'admin' }, a.id, 'member', 'gleichzeitig'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, message: 'accounts.roles.lastAdmin' });
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND status = 'active'`);
    expect(n).toBe(1);
    const [{ audits }] = await t.ctx.ds.query(`SELECT count(*)::int AS audits FROM audit_log WHERE action = 'user.role_changed' AND subject_id IN ($1, $2)`, [String(a.id), String(b.id)]);
    expect(audits).toBe(1);
  });
});
