// A member's progress towards micro-degrees and their completion: the pure computation, the pages
// (progress bars with their text, what is missing, the next step), the worker's grant (exactly
// once, with evidence, notified) and the Open Badges class. Every micro-degree here needs a badge
// of its own, so members of other test files never complete it.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { signedIn } from '../../support/agent.js';
import { expectValidOb2 } from '../../support/open-badges.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { activityFact, publishActivity, type ActivityEvent, type ActivityKind } from '../../../src/shared/activity.js';
import { progressOf, type Requirement } from '../../../src/modules/recognition/microdegrees.model.js';
import { checkMicrodegrees, createMicrodegree, setMicrodegreeArchived } from '../../../src/modules/recognition/microdegrees.service.js';
import { microdegreeClassFor } from '../../../src/modules/recognition/microdegrees.openbadges.js';
import { microdegreeSummaries } from '../../../src/modules/recognition/microdegrees.queries.js';

const t = useTestApp();

async function fact(user: TestUser, kind: ActivityKind, item: { type: string; id: string | number; title: string; url: string }, holds = true) {
  const e: ActivityEvent = { kind, fact: activityFact(kind, item.id, user.id), holds, beneficiaryId: user.id, actorId: null, item, competences: ['methods-formats'] };
  await inTransaction(t.ctx.ds, (db) => publishActivity(db, e));
}
const answer = (user: TestUser, id = uniq(), holds = true) =>
  fact(user, 'forum.answer_accepted', { type: 'forum_reply', id, title: `Antwort ${id}`, url: `/forum/threads/1#reply-${id}` }, holds);
const certificate = (user: TestUser, course: { slug: string }) =>
  fact(user, 'academy.certificate', { type: 'academy_course', id: course.slug, title: `Kurs ${course.slug}`, url: `/academy/courses/${course.slug}` });

async function badge(user: TestUser, key: string): Promise<string> {
  const [row] = await t.ctx.ds.query(
    `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt) VALUES ('badge', $1, $2, 'sha256$' || repeat('0', 64), '') RETURNING id`, [key, user.id]);
  return row.id;
}

async function microdegree(requirements: Requirement[], title = `Micro-Degree ${uniq()}`) {
  const f = await createUser(t.ctx.ds, { role: 'facilitator' });
  const rows = requirements.map((_, i) => i + 1);
  return createMicrodegree(t.ctx, f, { title, description: 'Eine **Beschreibung**.', language: 'de', competences: ['methods-formats', 'digital-tools'], requirements, rows });
}

const grantsOf = async (user: TestUser, slug: string) =>
  t.ctx.ds.query(`SELECT id, evidence, identity_hash, salt, revoked_at FROM recognition_assertions WHERE kind = 'microdegree' AND user_id = $1 AND class_key = $2`, [user.id, slug]);
const notificationsOf = async (user: TestUser) =>
  t.ctx.ds.query(`SELECT kind, title, url FROM notifications WHERE user_id = $1 AND kind = 'recognition.microdegree'`, [user.id]);

describe('micro-degree progress (pure)', () => {
  it('when requirements are partly met, then each counts up to its need and the whole is done only when all are met', () => {
    const reqs: Requirement[] = [
      { type: 'certificates', count: 2, courses: ['a', 'b', 'c'] },
      { type: 'badge', key: 'helfer' },
      { type: 'contributions', kind: 'forum.answer_accepted', count: 3 },
    ];
    const facts = new Map([
      ['academy.certificate', { count: 2, items: [{ itemId: 'a', title: 'A', url: '/a' }, { itemId: 'z', title: 'Z', url: '/z' }] }],
      ['forum.answer_accepted', { count: 5, items: [1, 2, 3].map((i) => ({ itemId: String(i), title: `R${i}`, url: `/r${i}` })) }],
    ]);
    const p = progressOf(reqs, facts, new Map());
    expect(p.requirements.map((x) => [x.have, x.need, x.met])).toEqual([[1, 2, false], [0, 1, false], [3, 3, true]]);
    expect(p.requirements[0]!.missingCourses).toEqual(['b', 'c']);
    expect(p.requirements[2]!.evidence).toHaveLength(3);
    expect([p.done, p.total, p.complete]).toEqual([4, 6, false]);
    const all = progressOf(reqs, new Map([...facts, ['academy.certificate', { count: 2, items: [{ itemId: 'a', title: 'A', url: '/a' }, { itemId: 'c', title: 'C', url: '/c' }] }]]), new Map([['helfer', 'abc']]));
    expect([all.done, all.total, all.complete]).toEqual([6, 6, true]);
    expect(all.requirements[1]!.evidence).toEqual([{ url: '/recognition/assertions/abc', title: 'helfer' }]);
  });
});

describe('micro-degree completion', () => {
  it('when a member meets every requirement, then the worker grants it once, with evidence and a notification; the page shows progress and next steps before', async () => {
    const member = await createUser(t.ctx.ds);
    const key = uniq('badge-');
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const { slug } = await microdegree([
      { type: 'badge', key },
      { type: 'contributions', kind: 'forum.answer_accepted', count: 2, label: 'Gute Antworten' },
      { type: 'certificates', count: 1, courses: [course.slug] },
    ]);
    await answer(member);
    const badgeId = await badge(member, key);
    await t.drain();
    expect(await grantsOf(member, slug)).toEqual([]);

    const b = await signedIn(t.app, member);
    const page = await b.get(`/recognition/microdegrees/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 von 4 Schritten erledigt');
    expect(page.text).toMatch(/<progress class="kern-progress" id="microdegree-progress" max="4" value="2">/);
    expect(page.text).toContain('Gute Antworten: 2');
    expect(page.text).toMatch(/<progress[^>]*max="2" value="1"[^>]*>1 von 2<\/progress>/);
    expect(page.text).toContain('Es fehlen noch 1.');
    expect(page.text).toContain('href="/forum?view&#x3D;unanswered"');
    expect(page.text).toContain(`href="/academy/courses/${course.slug}"`);
    expect((await b.get('/recognition/microdegrees')).text).toContain('2 von 4 Schritten erledigt');

    await answer(member);
    await certificate(member, course);
    await t.drain();
    const [grant, ...more] = await grantsOf(member, slug);
    expect(more).toEqual([]);
    expect(grant.revoked_at).toBeNull();
    expect(grant.identity_hash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(grant.evidence).toEqual(expect.arrayContaining([
      { url: `/recognition/assertions/${badgeId}`, title: key },
      { url: `/academy/courses/${course.slug}`, title: `Kurs ${course.slug}` },
    ]));
    expect(grant.evidence).toHaveLength(4);
    expect(await notificationsOf(member)).toEqual([expect.objectContaining({ url: `/recognition/microdegrees/${slug}` })]);

    // Checked again, concurrently, or after a fact is withdrawn: nothing new, nothing taken back.
    const again = await Promise.all([1, 2].map(() => inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, member.id))));
    expect(again.flat()).toEqual([]);
    await t.ctx.ds.query(`UPDATE recognition_facts SET holds = false WHERE user_id = $1 AND kind = 'forum.answer_accepted'`, [member.id]);
    await inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, member.id));
    expect(await grantsOf(member, slug)).toHaveLength(1);
    expect(await notificationsOf(member)).toHaveLength(1);
    expect((await b.get(`/recognition/microdegrees/${slug}`)).text).toContain('Erworben am');
  });

  it('when two members qualify at once, then both get it in one check each, and a revoked grant is not given again', async () => {
    const key = uniq('badge-');
    const a = await createUser(t.ctx.ds);
    const c = await createUser(t.ctx.ds);
    const { slug } = await microdegree([{ type: 'badge', key }]);
    await badge(a, key);
    await badge(c, key);
    const granted = await Promise.all([a, c].map((u) => inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, u.id))));
    expect(granted).toEqual([[slug], [slug]]);
    await t.ctx.ds.query(`UPDATE recognition_assertions SET revoked_at = now() WHERE kind = 'microdegree' AND user_id = $1`, [a.id]);
    expect(await inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, a.id))).toEqual([]);
    expect(await grantsOf(a, slug)).toHaveLength(1);
  });

  it('when the micro-degree is archived or the badge it needs is revoked, then it is not granted', async () => {
    const key = uniq('badge-');
    const member = await createUser(t.ctx.ds);
    const badgeId = await badge(member, key);
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const { slug } = await microdegree([{ type: 'badge', key }]);
    await setMicrodegreeArchived(t.ctx, f, slug, true);
    expect(await inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, member.id))).toEqual([]);
    await t.ctx.ds.query(`UPDATE recognition_assertions SET revoked_at = now() WHERE id = $1`, [badgeId]);
    await setMicrodegreeArchived(t.ctx, f, slug, false);
    expect(await inTransaction(t.ctx.ds, (db) => checkMicrodegrees(db, member.id))).toEqual([]);
    expect(await grantsOf(member, slug)).toEqual([]);
  });

  it('when a micro-degree is created, then members who already qualify get it through the queued checks; inactive members do not', async () => {
    const key = uniq('badge-');
    const ready = await createUser(t.ctx.ds);
    const pending = await createUser(t.ctx.ds, { status: 'pending' });
    await badge(ready, key);
    await badge(pending, key);
    await answer(ready);
    await t.drain();
    const { slug } = await microdegree([{ type: 'badge', key }, { type: 'contributions', kind: 'forum.answer_accepted', count: 1 }]);
    await t.drain();
    expect(await grantsOf(ready, slug)).toHaveLength(1);
    expect(await grantsOf(pending, slug)).toEqual([]);
  });

  it('when a verifier fetches the class, then it is an Open Badges BadgeClass with the requirements as criteria and the competence areas as tags and alignment', async () => {
    const key = uniq('badge-');
    const { slug } = await microdegree([{ type: 'badge', key }, { type: 'contributions', kind: 'event.attended', count: 2 }], `Klasse ${uniq()}`);
    const res = await request(t.app).get(`/recognition/microdegrees/${slug}/class`);
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const json = JSON.parse(res.text);
    expectValidOb2('BadgeClass', json);
    expect(json).toMatchObject({
      '@context': 'https://w3id.org/openbadges/v2', type: 'BadgeClass', id: `http://praxis.test/recognition/microdegrees/${slug}/class`,
      description: 'Eine Beschreibung.', image: `http://praxis.test/recognition/microdegrees/${slug}/image.png`,
      criteria: { id: `http://praxis.test/recognition/microdegrees/${slug}` }, tags: ['Methoden und Formate', 'Digitale Werkzeuge'],
    });
    expect(json.criteria.narrative).toContain(`Abzeichen „${key}“`);
    expect(json.criteria.narrative).toContain('Besuchte Veranstaltungen: 2');
    expect(json.alignment[0]).toMatchObject({ targetName: 'Methoden und Formate', targetCode: 'methods-formats' });
    expect(await microdegreeClassFor(t.ctx.ds, slug, 'http://praxis.test')).toEqual(json);
    expect(await microdegreeClassFor(t.ctx.ds, uniq('nichts-'), 'http://praxis.test')).toBeNull();
    expect((await microdegreeSummaries(t.ctx.ds, [slug])).get(slug)).toEqual({ title: json.name, language: 'de', competences: ['methods-formats', 'digital-tools'] });
    const png = await request(t.app).get(`/recognition/microdegrees/${slug}/image.png`);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    const svg = await request(t.app).get(`/recognition/microdegrees/${slug}/image.svg`).buffer(true).parse((r, done) => {
      let body = '';
      r.on('data', (c: Buffer) => { body += c.toString(); });
      r.on('end', () => done(null, body));
    });
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(svg.body)).toContain('<svg');
  });
});
