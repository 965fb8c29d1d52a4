import { describe, expect, it } from '@jest/globals';
import { hashIdentity, readBakedText, readPngChunks } from '../../../src/modules/academy/badges.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';
import { expectValidOb2 } from '../../support/open-badges.js';

const binary = (res: import('superagent').Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('academy: certificates and Open Badges', () => {
  const t = useTestApp();

  async function pass(b: Browser, quiz: { id: number; slug: string }) {
    const res = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
    const page = res.headers.location!;
    const id = Number(/attempts\/(\d+)/.exec(page)![1]);
    await postPairs(b, page, [...rightAnswers(await questionsOf(t.ctx.ds, quiz.id)), ['nav', 'review']], page);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    return id;
  }

  async function completedCourse(user: TestUser) {
    const q1 = await createQuiz(t.ctx.ds);
    const q2 = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [q1.slug, q2.slug]);
    const b = await signedIn(t.app, user);
    await pass(b, q1);
    const none = await t.ctx.ds.query(`SELECT id FROM academy_certificates WHERE course_id = $1`, [course.id]);
    expect(none).toHaveLength(0);
    await pass(b, q2);
    const [cert] = await t.ctx.ds.query(`SELECT id FROM academy_certificates WHERE course_id = $1 AND user_id = $2`, [course.id, user.id]);
    const [assertion] = await t.ctx.ds.query(`SELECT * FROM academy_badge_assertions WHERE certificate_id = $1`, [cert.id]);
    return { b, course, certId: cert.id as string, assertion };
  }

  it('when a member passes every quiz of a course, then a certificate, a hashed badge assertion and a notification are issued', async () => {
    const user = await createUser(t.ctx.ds);
    const { b, course, certId, assertion } = await completedCourse(user);
    expect(assertion.identity_hash).toBe(hashIdentity(user.email, assertion.salt));
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'academy.certificate'`, [user.id]);
    expect(n).toBe(1);
    const page = await b.get(`/academy/certificates/${certId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(user.name);
    expect(page.text).toContain(`http://praxis.test/academy/certificates/${certId}/verify`);
    const verify = await new Browser(t.app).get(`/academy/certificates/${certId}/verify`);
    expect(verify.text).toContain('Gültiges Zertifikat');
    const list = await b.get('/academy');
    expect(list.text).toContain(`/academy/certificates/${certId}`);
    expect((await b.get(`/academy/courses/${course.slug}`)).text).toContain('Kurs abgeschlossen');
  });

  it('when the hosted badge documents are fetched, then Issuer, BadgeClass and Assertion carry every required Open Badges 2.0 field', async () => {
    const user = await createUser(t.ctx.ds);
    const { b, course, assertion } = await completedCourse(user);
    const issuer = await b.get('/academy/badges/issuer');
    expectValidOb2('Issuer', JSON.parse(issuer.text));
    const badgeClass = JSON.parse((await b.get(`/academy/badges/classes/${course.slug}`)).text);
    expectValidOb2('BadgeClass', badgeClass);
    expect(badgeClass.issuer).toBe('http://praxis.test/academy/badges/issuer');
    const res = await b.get(`/academy/badges/assertions/${assertion.id}`);
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expectValidOb2('Assertion', doc);
    expect(doc.id).toBe(`http://praxis.test/academy/badges/assertions/${assertion.id}`);
    expect(doc.badge).toBe(badgeClass.id);
    expect(doc.recipient.identity).toBe(hashIdentity(user.email, doc.recipient.salt));
    expect(res.text).not.toContain(user.email);
    const image = await b.get(`/academy/badges/classes/${course.slug}/image.png`).buffer(true).parse(binary);
    expect(readPngChunks(image.body as Buffer).every((c) => c.crcOk)).toBe(true);
  });

  it('when the member downloads the badge, then the PNG carries the assertion in an openbadges iTXt chunk', async () => {
    const user = await createUser(t.ctx.ds);
    const { b, certId, assertion } = await completedCourse(user);
    const res = await b.get(`/academy/certificates/${certId}/badge.png`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.body as Buffer;
    const chunks = readPngChunks(png);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks.map((c) => c.type)).toContain('iTXt');
    const baked = JSON.parse(readBakedText(png)!);
    expectValidOb2('Assertion', baked);
    expect(baked.id).toBe(`http://praxis.test/academy/badges/assertions/${assertion.id}`);
    const stranger = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await stranger.get(`/academy/certificates/${certId}/badge.png`)).status).toBe(404);
    expect((await stranger.get(`/academy/certificates/${certId}`)).status).toBe(404);
  });

  it('when a facilitator revokes the badge, then the assertion answers 410 with revoked: true; a member cannot revoke', async () => {
    const user = await createUser(t.ctx.ds);
    const { b, certId, assertion } = await completedCourse(user);
    const denied = await b.post(`/academy/certificates/${certId}/revoke`, { reason: 'Ich will' }, `/academy/certificates/${certId}`);
    expect(denied.status).toBe(403);
    const [still] = await t.ctx.ds.query(`SELECT revoked_at FROM academy_badge_assertions WHERE id = $1`, [assertion.id]);
    expect(still.revoked_at).toBeNull();

    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    // Without a reason: the certificate page again, 422, the message at the field, nothing revoked.
    const empty = await f.post(`/academy/certificates/${certId}/revoke`, { reason: '   ' }, `/academy/certificates/${certId}`);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="error-summary"');
    expect(empty.text).toContain(`action="/academy/certificates/${certId}/revoke"`);
    const [notYet] = await t.ctx.ds.query(`SELECT revoked_at FROM academy_badge_assertions WHERE id = $1`, [assertion.id]);
    expect(notYet.revoked_at).toBeNull();
    const ok = await f.post(`/academy/certificates/${certId}/revoke`, { reason: 'Täuschung festgestellt' }, `/academy/certificates/${certId}`);
    expect(ok.status).toBe(303);
    const res = await b.get(`/academy/badges/assertions/${assertion.id}`);
    expect(res.status).toBe(410);
    expect(JSON.parse(res.text)).toMatchObject({ revoked: true, revocationReason: 'Täuschung festgestellt' });
    const verify = await b.get(`/academy/certificates/${certId}/verify`);
    expect(verify.text).toContain('Widerrufenes Zertifikat');
    const again = await f.post(`/academy/certificates/${certId}/revoke`, { reason: 'nochmal' }, `/academy/certificates/${certId}`);
    expect(again.status).toBe(409);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'academy.badge.revoke' AND subject_id = $1`, [assertion.id]);
    expect(n).toBe(1);
  });
});
