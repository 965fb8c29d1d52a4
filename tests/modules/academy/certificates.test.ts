import { describe, expect, it } from '@jest/globals';
import { hashIdentity, readBakedSvg, readBakedText, readPngChunks } from '../../../src/shared/open-badges.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';
import { expectValidOb2 } from '../../support/open-badges.js';
import { createGuide } from '../../support/guides-factories.js';

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

  it('when a browser-based verifier on another origin fetches the badge documents and images, then every one allows any origin', async () => {
    const user = await createUser(t.ctx.ds);
    const { course, assertion } = await completedCourse(user);
    const verifier = new Browser(t.app);
    for (const path of [
      '/academy/badges/issuer', `/academy/badges/classes/${course.slug}`, `/academy/badges/classes/${course.slug}/image.svg`,
      `/academy/badges/classes/${course.slug}/image.png`, `/academy/badges/assertions/${assertion.id}`,
      `/academy/badges/assertions/${assertion.id}/badge.svg`, `/academy/badges/assertions/${assertion.id}/badge.png`,
    ]) {
      const res = await verifier.get(path).set('Origin', 'https://verifier.example');
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, res.headers['access-control-allow-origin']]).toEqual([path, '*']);
      expect([path, res.headers['cross-origin-resource-policy']]).toEqual([path, 'cross-origin']);
    }
    // The member's own pages stay same-origin.
    expect((await verifier.get('/academy').set('Origin', 'https://verifier.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when two courses are completed, then each badge class names its own SVG image with the course initials and colour, and the assertion image bakes the assertion', async () => {
    const user = await createUser(t.ctx.ds);
    const first = await completedCourse(user);
    const second = await completedCourse(user);
    await t.ctx.ds.query(`UPDATE academy_courses SET title = 'Bürgerhaushalt planen' WHERE id = $1`, [first.course.id]);
    await t.ctx.ds.query(`UPDATE academy_courses SET title = 'Online-Beteiligung moderieren' WHERE id = $1`, [second.course.id]);
    const b = new Browser(t.app);
    const images: string[] = [];
    for (const { course } of [first, second]) {
      const badgeClass = JSON.parse((await b.get(`/academy/badges/classes/${course.slug}`)).text);
      expect(badgeClass.image).toBe(`http://praxis.test/academy/badges/classes/${course.slug}/image.svg`);
      const res = await b.get(new URL(badgeClass.image).pathname).buffer(true).parse(binary);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      images.push((res.body as Buffer).toString('utf8'));
    }
    expect(images[0]).toContain('>BP</text>');
    // Tags name the course's published guides by title, never by slug.
    const guide = await createGuide(t.ctx.ds, { title: 'Leitfaden Bürgerhaushalt' });
    await t.ctx.ds.query(`UPDATE academy_courses SET guide_slugs = $2 WHERE id = $1`, [first.course.id, [guide.slug, 'gibt-es-nicht']]);
    expect(JSON.parse((await b.get(`/academy/badges/classes/${first.course.slug}`)).text).tags).toEqual(['Leitfaden Bürgerhaushalt']);
    expect(images[0]).toContain('<title>Bürgerhaushalt planen</title>');
    expect(images[1]).toContain('>OB</text>');
    const fill = (svg: string) => /fill="(hsl\([^"]+\))"/.exec(svg)![1];
    expect(fill(images[0]!)).not.toBe(fill(images[1]!));
    const doc = JSON.parse((await b.get(`/academy/badges/assertions/${first.assertion.id}`)).text);
    expect(doc.image).toBe(`http://praxis.test/academy/badges/assertions/${first.assertion.id}/badge.svg`);
    const baked = (await b.get(new URL(doc.image).pathname).buffer(true).parse(binary)).body as Buffer;
    expect(JSON.parse(readBakedSvg(baked.toString('utf8'))!)).toEqual(doc);
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
