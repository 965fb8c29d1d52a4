// The Kompetenzpass's visibility: each setting × each kind of viewer (the member, another member,
// a visitor, a visitor with the share link, with a revoked or a replaced link) gets 200 or 404,
// and the settings forms are the member's alone (refusals change nothing).
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { sha256 } from '../../../src/shared/identity.js';

const t = useTestApp();

const passOf = (u: TestUser) => `/members/${u.handle}/kompetenzpass`;

async function settingsRow(userId: number) {
  const [row] = await t.ctx.ds.query(`SELECT visibility, share_token_hash AS hash, share_created_at AS created FROM recognition_pass_settings WHERE user_id = $1`, [userId]);
  return row ?? null;
}

/** The member makes (or renews) the share link; returns the token read from the page that shows it once. */
async function newLink(owner: Browser, member: TestUser): Promise<string> {
  const res = await owner.post(`${passOf(member)}/link`);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toContain('no-store');
  const m = /\/kompetenzpass\/([\w-]{43})</.exec(res.text);
  expect(m).not.toBeNull();
  return m![1]!;
}

async function setVisibility(owner: Browser, member: TestUser, visibility: string) {
  const res = await owner.post(`${passOf(member)}/visibility`, { visibility });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(passOf(member));
}

describe('Kompetenzpass visibility', () => {
  it('when a member has chosen nothing, then the pass is for the network: the member and other members see it, a visitor gets 404', async () => {
    const member = await createUser(t.ctx.ds);
    const other = await createUser(t.ctx.ds);
    expect((await (await signedIn(t.app, member)).get(passOf(member))).status).toBe(200);
    const seen = await (await signedIn(t.app, other)).get(passOf(member));
    expect(seen.status).toBe(200);
    expect(seen.text).toContain(member.name);
    expect(seen.text).not.toContain('action="' + passOf(member) + '/visibility"');
    expect((await request(t.app).get(passOf(member))).status).toBe(404);
    expect(await settingsRow(member.id)).toBeNull();
  });

  it('when the pass is private, then only the member sees it; other members, visitors and a share link get 404', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    const token = await newLink(owner, member);
    await setVisibility(owner, member, 'private');
    expect(await settingsRow(member.id)).toMatchObject({ visibility: 'private' });
    expect((await owner.get(passOf(member))).status).toBe(200);
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(passOf(member))).status).toBe(404);
    expect((await request(t.app).get(passOf(member))).status).toBe(404);
    expect((await request(t.app).get(`/kompetenzpass/${token}`)).status).toBe(404);
    expect((await request(t.app).get(`${passOf(member)}/print`)).status).toBe(404);
  });

  it('when the pass is for the network, then a share link opens nothing', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    const token = await newLink(owner, member);
    await setVisibility(owner, member, 'network');
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(passOf(member))).status).toBe(200);
    expect((await request(t.app).get(`/kompetenzpass/${token}`)).status).toBe(404);
    expect((await request(t.app).get(passOf(member))).status).toBe(404);
  });

  it('when the pass is public, then a visitor with the link sees it (not at the member address); a revoked link and a replaced one answer 404', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    await setVisibility(owner, member, 'public');
    const first = await newLink(owner, member);
    // Only the token's digest is stored.
    expect(await settingsRow(member.id)).toMatchObject({ visibility: 'public', hash: sha256(first) });

    const visitor = await request(t.app).get(`/kompetenzpass/${first}`);
    expect(visitor.status).toBe(200);
    expect(visitor.text).toContain(member.name);
    expect(visitor.headers['x-robots-tag']).toBe('noindex');
    expect(visitor.text).not.toContain('/visibility"');
    expect((await request(t.app).get(`/kompetenzpass/${first}/print`)).status).toBe(200);
    expect((await request(t.app).get(passOf(member))).status).toBe(404);
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(passOf(member))).status).toBe(200);

    // Renewed: the old link stops working, the new one works.
    const second = await newLink(owner, member);
    expect(second).not.toBe(first);
    expect((await request(t.app).get(`/kompetenzpass/${first}`)).status).toBe(404);
    expect((await request(t.app).get(`/kompetenzpass/${second}`)).status).toBe(200);

    // Revoked: nothing opens it any more.
    const revoked = await owner.post(`${passOf(member)}/link/delete`);
    expect(revoked.status).toBe(303);
    expect(await settingsRow(member.id)).toMatchObject({ visibility: 'public', hash: null, created: null });
    expect((await request(t.app).get(`/kompetenzpass/${second}`)).status).toBe(404);
    expect((await request(t.app).get(`/kompetenzpass/${second}/print`)).status).toBe(404);
    expect((await owner.get(passOf(member))).text).toContain('Es gibt noch keinen Freigabelink.');
  });

  it('when a token is malformed or unknown, then 404', async () => {
    for (const token of ['x', 'a'.repeat(43), 'a'.repeat(200)]) {
      expect((await request(t.app).get(`/kompetenzpass/${token}`)).status).toBe(404);
    }
  });

  it('when the member is no longer active, then their public link answers 404', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    await setVisibility(owner, member, 'public');
    const token = await newLink(owner, member);
    await t.ctx.ds.query(`UPDATE users SET status = 'rejected' WHERE id = $1`, [member.id]);
    expect((await request(t.app).get(`/kompetenzpass/${token}`)).status).toBe(404);
  });
});

describe('Kompetenzpass settings', () => {
  it('when another member posts the settings, then 403 and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    await setVisibility(owner, member, 'public');
    await newLink(owner, member);
    const before = await settingsRow(member.id);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.post(`${passOf(member)}/visibility`, { visibility: 'private' })).status).toBe(403);
    expect((await other.post(`${passOf(member)}/visibility`, { visibility: 'nonsense' })).status).toBe(403);
    expect((await other.post(`${passOf(member)}/link`)).status).toBe(403);
    expect((await other.post(`${passOf(member)}/link/delete`)).status).toBe(403);
    expect(await settingsRow(member.id)).toEqual(before);
  });

  it('when a visitor posts the settings, then they are refused and nothing is written', async () => {
    const member = await createUser(t.ctx.ds);
    const visitor = new Browser(t.app);
    for (const path of ['/visibility', '/link', '/link/delete']) {
      const res = await visitor.post(`${passOf(member)}${path}`, { visibility: 'public' });
      expect(res.status).toBe(401);
    }
    expect(await settingsRow(member.id)).toBeNull();
  });

  it('when the member posts no valid visibility, then the form comes back with 422 and a message at the field, and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    const res = await owner.post(`${passOf(member)}/visibility`, { visibility: 'everyone' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-visibility-error"');
    expect(res.text).toContain('Bitte wählen Sie, wer Ihren Kompetenzpass sehen kann.');
    expect(res.text).toContain('href="#field-visibility"');
    expect(await settingsRow(member.id)).toBeNull();
  });

  it('when a member posts for an unknown handle, then 404', async () => {
    const owner = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await owner.post('/members/nobody-here-xyz/kompetenzpass/visibility', { visibility: 'public' })).status).toBe(404);
  });

  it('when the member changes the visibility, then the page shows the choice checked and the link section explains when the link works', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    let page = await owner.get(passOf(member));
    expect(page.text).toMatch(/value="network"[^>]* checked/);
    expect(page.text).toContain('Der Link funktioniert nur, solange');
    await setVisibility(owner, member, 'public');
    page = await owner.get(passOf(member));
    expect(page.text).toMatch(/value="public"[^>]* checked/);
    expect(page.text).toContain('Die Sichtbarkeit Ihres Kompetenzpasses ist gespeichert.');
    expect(page.text).not.toContain('Der Link funktioniert nur, solange');
  });
});
