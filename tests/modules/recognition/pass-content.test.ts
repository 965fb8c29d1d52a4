// What the Kompetenzpass shows: the member's facts that hold, grouped by competence area in the
// taxonomy's order, badges and micro-degrees in a block of their own, the print view, the Open
// Badges download, the link from the profile, and the settings in the privacy download.
import { badgeByKey } from '../../../src/modules/recognition/badges.definitions.js';
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { expectValidOb2 } from '../../support/open-badges.js';
import { activityFact, type ActivityEvent, type ActivityKind } from '../../../src/shared/activity.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyActivity } from '../../../src/modules/recognition/ledger.service.js';
import { deleteRecognitionData } from '../../../src/modules/recognition/recognition.privacy.js';

// A database of its own: applying a fact queues the member's badge check, and in the shared database
// another file's drain would run it and award a badge this test does not expect (seen in CI).
const t = useTestApp(usePrivateDatabase());

const passOf = (u: TestUser) => `/members/${u.handle}/kompetenzpass`;

/** Applies a fact for the member (as the worker would) and returns its title. */
async function fact(member: TestUser, kind: ActivityKind, competences: string[], o: { holds?: boolean; title?: string; url?: string; at?: string; fact?: string } = {}) {
  const title = o.title ?? `${kind} ${uniq()}`;
  const e: ActivityEvent = {
    kind, fact: o.fact ?? activityFact(kind, uniq(), member.id), holds: true, beneficiaryId: member.id, actorId: null,
    item: { type: 'test', id: uniq(), title, url: o.url ?? `/test/${uniq()}` }, competences, at: o.at,
  };
  await inTransaction(t.ctx.ds, (db) => applyActivity(db, e, 1));
  if (o.holds === false) await inTransaction(t.ctx.ds, (db) => applyActivity(db, { ...e, holds: false }, 2));
  return title;
}

async function assertion(member: TestUser, kind: 'badge' | 'microdegree', classKey: string, o: { revoked?: boolean } = {}) {
  const [row] = await t.ctx.ds.query(
    `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt, evidence, revoked_at)
     VALUES ($1, $2, $3, $4, 'salz', $5, $6) RETURNING id`,
    [kind, classKey, member.id, `sha256$${'a'.repeat(64)}`, JSON.stringify([{ url: '/forum/t/1', title: 'Eine Antwort' }]), o.revoked ? new Date() : null]);
  return String(row.id);
}

/** The blocks of the contents, in order (the member's settings section left out). */
const headingsOf = (html: string) => [...html.matchAll(/<h2 class="kern-heading-medium" id="pass-((?:area-)?[\w-]+)-heading">/g)].map((m) => m[1]).filter((id) => id !== 'settings');

describe('Kompetenzpass contents', () => {
  it('when a member has contributions, then they are grouped by competence area in the taxonomy order, an item in two areas in both, empty areas left out', async () => {
    const member = await createUser(t.ctx.ds);
    const tool = await fact(member, 'usecase.published', ['digital-tools'], { title: 'Online-Dialog mit Consul' });
    const both = await fact(member, 'forum.answer_accepted', ['methods-formats', 'digital-tools'], { title: 'Antwort zu Kartenbeteiligung' });
    const access = await fact(member, 'academy.certificate', ['accessibility-privacy'], { title: 'Kurs Barrierefreiheit' });
    const talk = await fact(member, 'event.talk_given', ['methods-formats'], { title: 'Vortrag Bürgerrat' });
    const withdrawn = await fact(member, 'guide.chapter_published', ['quality-success'], { holds: false, title: 'Zurückgezogenes Kapitel' });
    const helpful = await fact(member, 'forum.reply_helpful', ['benefits-risks'], { title: 'Hilfreiche Antwort' });
    const unfiled = await fact(member, 'event.attended', [], { title: 'Werkstatt ohne Bereich' });

    const page = await (await signedIn(t.app, await createUser(t.ctx.ds))).get(passOf(member));
    expect(page.status).toBe(200);
    expect(headingsOf(page.text)).toEqual(['area-methods-formats', 'area-digital-tools', 'area-accessibility-privacy', 'area-other']);
    expect(page.text).toContain('Methoden und Formate');
    expect(page.text).not.toContain('Qualitäts- und Erfolgsfaktoren');
    for (const title of [tool, access, talk, unfiled]) expect(page.text.split(title).length - 1).toBe(1);
    expect(page.text.split(both).length - 1).toBe(2);
    expect(page.text).not.toContain(withdrawn);
    expect(page.text).not.toContain(helpful);
    // Each item: its title as a link, its kind, its date.
    expect(page.text).toMatch(/<th scope="row"><a class="kern-link" href="\/test\/[\w]+">Vortrag Bürgerrat<\/a><\/th>\s*<td>Vortrag<\/td>\s*<td><time datetime="\d{4}-\d{2}-\d{2}/);
    expect(page.text).toContain('Veröffentlichtes Praxisbeispiel');
    // The top: name, administration, points (15 for the accepted answer, 25 for the use case …).
    const [{ total }] = await t.ctx.ds.query(`SELECT coalesce(sum(points), 0)::int AS total FROM recognition_ledger WHERE user_id = $1`, [member.id]);
    expect(page.text).toContain(`${total} Punkte`);
    expect(page.text).toMatch(/<caption class="kern-sr-only">Methoden und Formate<\/caption>/);
  });

  it('when a member holds badges and micro-degrees, then they are in their own block, revoked ones left out', async () => {
    const member = await createUser(t.ctx.ds);
    await fact(member, 'usecase.published', ['methods-formats']);
    await assertion(member, 'badge', 'first-answer');
    await assertion(member, 'microdegree', 'beteiligung-grundlagen');
    await assertion(member, 'badge', 'revoked-badge', { revoked: true });
    const page = await (await signedIn(t.app, member)).get(passOf(member));
    expect(headingsOf(page.text)).toEqual(['area-methods-formats', 'awards']);
    expect(page.text).toContain('Abzeichen und Micro-Degrees');
    // A badge by its name (content/badges.yml); a micro-degree not in the table by its address.
    expect(page.text).toContain(badgeByKey('first-answer')!.de.name);
    expect(page.text).toContain('beteiligung-grundlagen');
    expect(page.text).toContain('Micro-Degree');
    expect(page.text).not.toContain('revoked-badge');
  });

  it('when the pass is empty, then the member reads what will appear there', async () => {
    const member = await createUser(t.ctx.ds);
    const page = await (await signedIn(t.app, member)).get(passOf(member));
    expect(page.text).toContain('Ihr Kompetenzpass ist noch leer.');
    expect(headingsOf(page.text)).toEqual([]);
  });

  it('when the print view is opened, then it is a document without the site header, navigation and forms, with the contents and a way back', async () => {
    const member = await createUser(t.ctx.ds, { language: 'en' });
    const title = await fact(member, 'academy.certificate', ['competence-resources'], { title: 'Course on budgets' });
    const owner = await signedIn(t.app, member);
    const print = await owner.get(`${passOf(member)}/print`);
    expect(print.status).toBe(200);
    expect(print.text).toContain('class="pass-print"');
    expect(print.text).toContain(title);
    expect(print.text).not.toContain('site-header');
    expect(print.text).not.toContain('<nav');
    expect(print.text).not.toContain('<form');
    expect(print.text).not.toContain('<script');
    expect(print.text).toContain(`href="${passOf(member)}"`);
    // The page links to it, as a plain link (no script needed).
    expect((await owner.get(passOf(member))).text).toContain(`href="${passOf(member)}/print"`);
  });
});

describe('Kompetenzpass: the Open Badges download', () => {
  it('when the member downloads their assertions, then one JSON file holds the academy\'s and recognition\'s, each a valid hosted assertion; revoked ones left out', async () => {
    const member = await createUser(t.ctx.ds);
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const [cert] = await t.ctx.ds.query(`INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, $3) RETURNING id`, [course.id, member.id, member.name]);
    const [academyBadge] = await t.ctx.ds.query(
      `INSERT INTO academy_badge_assertions (certificate_id, course_id, user_id, identity_hash, salt) VALUES ($1, $2, $3, $4, 'salz') RETURNING id`,
      [cert.id, course.id, member.id, `sha256$${'b'.repeat(64)}`]);
    const badge = await assertion(member, 'badge', 'first-answer');
    const revoked = await assertion(member, 'microdegree', 'zurueckgenommen', { revoked: true });

    const res = await (await signedIn(t.app, member)).get(`${passOf(member)}/assertions.json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?kompetenzpass-[\w-]+-assertions\.json"?$/);
    const docs = JSON.parse(res.text) as Record<string, unknown>[];
    expect(Array.isArray(docs)).toBe(true);
    for (const doc of docs) expectValidOb2('Assertion', doc);
    const ids = docs.map((d) => String(d.id));
    expect(ids).toEqual([
      `${t.ctx.config.baseUrl}/academy/badges/assertions/${academyBadge.id}`,
      `${t.ctx.config.baseUrl}/recognition/assertions/${badge}`,
    ]);
    expect(ids.join()).not.toContain(revoked);
    expect(docs[1]!.evidence).toEqual([{ type: 'Evidence', id: `${t.ctx.config.baseUrl}/forum/t/1`, name: 'Eine Antwort' }]);
  });

  it('when anyone but the member asks for the download, then 404', async () => {
    const member = await createUser(t.ctx.ds);
    await assertion(member, 'badge', 'first-answer');
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(`${passOf(member)}/assertions.json`)).status).toBe(404);
    expect((await request(t.app).get(`${passOf(member)}/assertions.json`)).status).toBe(404);
  });
});

describe('Kompetenzpass: profile and privacy', () => {
  it('when a member views a profile, then it links the Kompetenzpass only when they may open it', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.get(`/members/${member.handle}`)).text).toContain(`href="${passOf(member)}"`);
    expect((await owner.post(`${passOf(member)}/visibility`, { visibility: 'private' })).status).toBe(303);
    expect((await other.get(`/members/${member.handle}`)).text).not.toContain(`href="${passOf(member)}"`);
    expect((await owner.get(`/members/${member.handle}`)).text).toContain(`href="${passOf(member)}"`);
  });

  it('when the member downloads their data, then the settings are in it without the token; deleting the account removes them', async () => {
    const member = await createUser(t.ctx.ds);
    const owner = await signedIn(t.app, member);
    await owner.post(`${passOf(member)}/visibility`, { visibility: 'public' });
    const link = await owner.post(`${passOf(member)}/link`);
    const token = /\/kompetenzpass\/([\w-]{43})</.exec(link.text)![1]!;
    const exported = await owner.get('/me/export');
    const data = JSON.parse(exported.text);
    expect(data.recognition.passSettings).toMatchObject({ visibility: 'public', shareLink: true });
    const [{ hash }] = await t.ctx.ds.query(`SELECT share_token_hash AS hash FROM recognition_pass_settings WHERE user_id = $1`, [member.id]);
    expect(exported.text).not.toContain(token);
    expect(exported.text).not.toContain(hash);

    await inTransaction(t.ctx.ds, (db) => deleteRecognitionData(db, member.id));
    expect(await t.ctx.ds.query(`SELECT 1 FROM recognition_pass_settings WHERE user_id = $1`, [member.id])).toEqual([]);
  });
});
