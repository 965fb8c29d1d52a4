// Badges on the web: the Open Badges 2.0 documents and images of badge classes and grants (hosted
// verification, baked PNG and SVG, 410 when revoked), the badge pages, facilitators' manual grants
// and revocations (audited; refused for members, leaving the database unchanged), and the profile.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';
import { expectValidOb2 } from '../../support/open-badges.js';
import { createCourse } from '../../support/academy-factories.js';
import { activityFact, publishActivity } from '../../../src/shared/activity.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { hashIdentity, readBakedSvg, readBakedText, readPngChunks } from '../../../src/shared/open-badges.js';
import { badgeDefinitions } from '../../../src/modules/recognition/badges.definitions.js';

const t = useTestApp();

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** A member with an accepted answer, drained: they hold "first answer". Returns the grant's id. */
async function memberWithBadge(): Promise<{ member: TestUser; id: string }> {
  const member = await createUser(t.ctx.ds);
  const asker = await createUser(t.ctx.ds);
  const item = uniq();
  await inTransaction(t.ctx.ds, (db) => publishActivity(db, {
    kind: 'forum.answer_accepted', fact: activityFact('forum.answer_accepted', item), holds: true, beneficiaryId: member.id, actorId: asker.id,
    item: { type: 'forum_reply', id: item, title: 'Wie plant man einen Bürgerhaushalt?', url: '/forum/threads/1#reply-1' }, competences: [],
  }));
  await t.drain();
  const [row] = await t.ctx.ds.query(`SELECT id FROM recognition_assertions WHERE user_id = $1 AND class_key = 'first-answer'`, [member.id]);
  return { member, id: row.id };
}
const assertionRow = async (id: string) =>
  (await t.ctx.ds.query(`SELECT revoked_at, revoked_by, revocation_reason FROM recognition_assertions WHERE id = $1`, [id]))[0];
const auditCount = async (action: string, subjectId: string) =>
  Number((await t.ctx.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject_id = $2`, [action, subjectId]))[0].n);

describe('Open Badges documents of badges', () => {
  it('when a verifier fetches a badge class, then it is a valid BadgeClass with the network as issuer and its own image', async () => {
    const res = await request(t.app).get('/recognition/badges/helper/class');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const doc = JSON.parse(res.text);
    expectValidOb2('BadgeClass', doc);
    expect(doc.issuer).toBe(`${t.ctx.config.baseUrl}/academy/badges/issuer`);
    expect(doc.image).toBe(`${t.ctx.config.baseUrl}/recognition/badges/helper/image.svg`);
    expect(doc.criteria.narrative).toContain('10');
    const issuer = await request(t.app).get('/academy/badges/issuer');
    expectValidOb2('Issuer', JSON.parse(issuer.text));
    expect((await request(t.app).get('/recognition/badges/nonsense/class')).status).toBe(404);
  });

  it('when badge images are fetched, then each class has its own SVG and PNG', async () => {
    const svgOf = async (key: string) => request(t.app).get(`/recognition/badges/${key}/image.svg`).buffer(true).parse(binary);
    const svg = await svgOf('helper');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    const text = (svg.body as Buffer).toString();
    expect(text).toContain('#c0c0c0'); // silver ring
    expect(text).toContain('>HE</text>');
    expect(((await svgOf('mentor')).body as Buffer).toString()).not.toBe(text);
    const png = await request(t.app).get('/recognition/badges/helper/image.png').buffer(true).parse(binary);
    expect(png.status).toBe(200);
    expect(readPngChunks(png.body as Buffer).every((c) => c.crcOk)).toBe(true);
  });

  it('when a grant is verified, then its hosted assertion is valid, hashes the member\'s e-mail, names the evidence, and PNG and SVG carry it baked in', async () => {
    const { member, id } = await memberWithBadge();
    const res = await request(t.app).get(`/recognition/assertions/${id}`);
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expectValidOb2('Assertion', doc);
    expect(doc.id).toBe(`${t.ctx.config.baseUrl}/recognition/assertions/${id}`);
    expect(doc.badge).toBe(`${t.ctx.config.baseUrl}/recognition/badges/first-answer/class`);
    expect(doc.recipient.identity).toBe(hashIdentity(member.email, doc.recipient.salt));
    expect(doc.evidence).toEqual([{ type: 'Evidence', id: `${t.ctx.config.baseUrl}/forum/threads/1#reply-1`, name: 'Wie plant man einen Bürgerhaushalt?' }]);
    const png = await request(t.app).get(`/recognition/assertions/${id}/badge.png`).buffer(true).parse(binary);
    expect(JSON.parse(readBakedText(png.body as Buffer)!)).toEqual(doc);
    const svg = await request(t.app).get(`/recognition/assertions/${id}/badge.svg`).buffer(true).parse(binary);
    expect(JSON.parse(readBakedSvg((svg.body as Buffer).toString())!)).toEqual(doc);
    expect((await request(t.app).get('/recognition/assertions/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await request(t.app).get('/recognition/assertions/not-a-uuid')).status).toBe(404);
  });
});

describe('badge pages', () => {
  it('when a member opens the badges, then every badge is listed by level with how to earn it, and theirs is marked', async () => {
    const { member } = await memberWithBadge();
    const page = await (await signedIn(t.app, member)).get('/recognition/badges');
    expect(page.status).toBe(200);
    for (const b of badgeDefinitions()) expect(page.text).toContain(`href="/recognition/badges/${b.key}"`);
    expect(page.text).toMatch(/recognition-badge--mine[\s\S]*?\/recognition\/badges\/first-answer"/);
    expect(page.text).toContain('Mindestens 10 × Antwort als Lösung angenommen.');
    const visitor = await request(t.app).get('/recognition/badges/helper');
    expect(visitor.status).toBe(200);
    expect(visitor.text).not.toContain('/grant"');
  });

  it('when a member opens a badge, then they see their grant but no holders and no grant form', async () => {
    const { member, id } = await memberWithBadge();
    const page = await (await signedIn(t.app, member)).get('/recognition/badges/first-answer');
    expect(page.text).toContain(`/recognition/assertions/${id}/verify`);
    expect(page.text).not.toContain('/revoke');
    const speaker = await (await signedIn(t.app, member)).get('/recognition/badges/speaker');
    expect(speaker.text).not.toContain('action="/recognition/badges/speaker/grant"');
  });

  it('when a grant\'s verify page is opened, then it names the member, the badge and the evidence', async () => {
    const { member, id } = await memberWithBadge();
    const page = await request(t.app).get(`/recognition/assertions/${id}/verify`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(member.name);
    expect(page.text).toContain('Wie plant man einen Bürgerhaushalt?');
    expect(page.text).not.toContain('/revoke');
  });

  it('when someone views a member\'s profile, then their badges show with images, alt text and links', async () => {
    const { member, id } = await memberWithBadge();
    const viewer = await createUser(t.ctx.ds);
    const page = await (await signedIn(t.app, viewer)).get(`/members/${member.handle}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/recognition/assertions/${id}/verify"`);
    expect(page.text).toMatch(/<img src="\/recognition\/badges\/first-answer\/image.svg" alt="Abzeichen \(Bronze\)"[^>]*><span>Erste Antwort<\/span>/);
  });
});

describe('certificates on the profile', () => {
  it('when a member holds course certificates, then signed-in viewers see them on the profile, each linking to its verification; revoked ones not', async () => {
    const member = await createUser(t.ctx.ds);
    const [a, b] = [await createCourse(t.ctx.ds, []), await createCourse(t.ctx.ds, [])];
    const cert = async (courseId: number) => (await t.ctx.ds.query(
      `INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, $3) RETURNING id`, [courseId, member.id, member.name]))[0].id as string;
    const kept = await cert(a.id);
    const revoked = await cert(b.id);
    await t.ctx.ds.query(
      `INSERT INTO academy_badge_assertions (certificate_id, course_id, user_id, identity_hash, salt, revoked_at, revocation_reason)
       VALUES ($1, $2, $3, 'sha256$' || repeat('0', 64), '', now(), 'Fehler')`, [revoked, b.id, member.id]);
    const viewer = await createUser(t.ctx.ds);
    const page = await (await signedIn(t.app, viewer)).get(`/members/${member.handle}`);
    expect(page.text).toContain(`href="/academy/certificates/${kept}/verify"`);
    expect(page.text).toContain(`Kurs ${a.slug}`);
    expect(page.text).not.toContain(revoked);
  });
});

describe('manual grants and revocations', () => {
  it('when a facilitator grants a manual badge with a reason, then the member holds it, is notified, and it is audited', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, facilitator);
    const res = await b.post('/recognition/badges/speaker/grant', { handle: member.handle, reason: 'Vortrag auf der Netzwerkkonferenz 2026' }, '/recognition/badges/speaker');
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT id, granted_by, grant_reason FROM recognition_assertions WHERE user_id = $1 AND class_key = 'speaker'`, [member.id]);
    expect(row).toMatchObject({ granted_by: facilitator.id, grant_reason: 'Vortrag auf der Netzwerkkonferenz 2026' });
    expect(await auditCount('recognition.badge.grant', row.id)).toBe(1);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'recognition.badge' AND subject_id = 'speaker'`, [member.id]);
    expect(n).toBe(1);
    const page = await b.get('/recognition/badges/speaker');
    expect(page.text).toContain(`/members/${member.handle}`);
    const json = JSON.parse((await request(t.app).get(`/recognition/assertions/${row.id}`)).text);
    expect(json.narrative).toBe('Vortrag auf der Netzwerkkonferenz 2026');
    // Granting it again: the form again with the message at the handle.
    const again = await b.post('/recognition/badges/speaker/grant', { handle: member.handle, reason: 'Noch einmal' }, '/recognition/badges/speaker');
    expect(again.status).toBe(422);
    expect(again.text).toContain('hat das Abzeichen bereits');
  });

  it('when the grant form is incomplete or names nobody, then it comes back with 422, the input kept, and nothing is granted', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, facilitator);
    const noReason = await b.post('/recognition/badges/moderator/grant', { handle: member.handle, reason: '' }, '/recognition/badges/moderator');
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('id="field-reason-error"');
    expect(noReason.text).toContain(`value="${member.handle}"`);
    const nobody = await b.post('/recognition/badges/moderator/grant', { handle: uniq('nobody'), reason: 'Moderiert das Forum' }, '/recognition/badges/moderator');
    expect(nobody.status).toBe(422);
    expect(nobody.text).toContain('id="field-handle-error"');
    const automatic = await b.post('/recognition/badges/helper/grant', { handle: member.handle, reason: 'Einfach so' }, '/recognition/badges/helper');
    expect(automatic.status).toBe(409);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1`, [member.id]);
    expect(n).toBe(0);
  });

  it('when a member tries to grant or revoke, then it is refused and nothing changes', async () => {
    const { member, id } = await memberWithBadge();
    const b = await signedIn(t.app, member);
    expect((await b.post('/recognition/badges/speaker/grant', { handle: member.handle, reason: 'Ich war toll' })).status).toBe(403);
    expect((await b.post(`/recognition/assertions/${id}/revoke`, { reason: 'Will ich nicht' })).status).toBe(403);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM recognition_assertions WHERE user_id = $1 AND class_key = 'speaker'`, [member.id]);
    expect(n).toBe(0);
    expect(await assertionRow(id)).toEqual({ revoked_at: null, revoked_by: null, revocation_reason: null });
  });

  it('when a facilitator revokes a grant with a reason, then the hosted assertion answers 410 with revoked: true, and it is audited', async () => {
    const { id } = await memberWithBadge();
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    const page = await b.get(`/recognition/assertions/${id}/verify`);
    expect(page.text).toContain(`action="/recognition/assertions/${id}/revoke"`);
    const noReason = await b.post(`/recognition/assertions/${id}/revoke`, { reason: '' }, `/recognition/assertions/${id}/verify`);
    expect(noReason.status).toBe(422);
    expect((await assertionRow(id)).revoked_at).toBeNull();
    const res = await b.post(`/recognition/assertions/${id}/revoke`, { reason: 'Antwort war ein Plagiat' }, `/recognition/assertions/${id}/verify`);
    expect(res.status).toBe(303);
    expect(await assertionRow(id)).toMatchObject({ revoked_by: facilitator.id, revocation_reason: 'Antwort war ein Plagiat' });
    expect(await auditCount('recognition.badge.revoke', id)).toBe(1);
    const gone = await request(t.app).get(`/recognition/assertions/${id}`);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.text)).toMatchObject({ revoked: true, revocationReason: 'Antwort war ein Plagiat' });
    expect((await request(t.app).get(`/recognition/assertions/${id}/badge.png`)).status).toBe(410);
    const twice = await b.post(`/recognition/assertions/${id}/revoke`, { reason: 'Noch einmal' }, `/recognition/assertions/${id}/verify`);
    expect(twice.status).toBe(409);
    expect(await auditCount('recognition.badge.revoke', id)).toBe(1);
  });
});
