import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { caseState, createUseCase } from '../../support/usecases-factories.js';

const notifications = (ds: import('typeorm').DataSource, userId: number) =>
  ds.query(`SELECT kind, url FROM notifications WHERE user_id = $1 ORDER BY id`, [userId]) as Promise<{ kind: string; url: string }[]>;

describe('use cases: comments, follows, adoptions', () => {
  const t = useTestApp();

  it('when members comment and reply, then replies stay one level deep, followers are notified and authors edit and delete their own', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id });
    await t.ctx.ds.query(`INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2)`, [uc.id, author.id]);
    const alice = await createUser(t.ctx.ds);
    const bob = await createUser(t.ctx.ds);
    const a = await signedIn(t.app, alice);
    const res = await a.post(`/use-cases/${uc.slug}/comments`, { body: 'Wie habt ihr **Jugendliche** erreicht?' }, `/use-cases/${uc.slug}`);
    expect(res.status).toBe(303);
    const [top] = await t.ctx.ds.query(`SELECT id, body_html FROM use_case_comments WHERE use_case_id = $1`, [uc.id]);
    expect(top.body_html).toContain('<strong>Jugendliche</strong>');
    expect((await notifications(t.ctx.ds, author.id)).map((n) => n.kind)).toEqual(['usecase.comment']);

    const b = await signedIn(t.app, bob);
    await b.post(`/use-cases/${uc.slug}/comments`, { body: 'Über die Schulen.', parentId: String(top.id) }, `/use-cases/${uc.slug}`);
    const [reply] = await t.ctx.ds.query(`SELECT id, parent_id FROM use_case_comments WHERE use_case_id = $1 AND author_id = $2`, [uc.id, bob.id]);
    expect(reply.parent_id).toBe(top.id);
    await a.post(`/use-cases/${uc.slug}/comments`, { body: 'Danke!', parentId: String(reply.id) }, `/use-cases/${uc.slug}`);
    const [deep] = await t.ctx.ds.query(`SELECT parent_id FROM use_case_comments WHERE use_case_id = $1 AND body_source = 'Danke!'`, [uc.id]);
    expect(deep.parent_id).toBe(top.id); // a reply to a reply joins the thread
    expect((await notifications(t.ctx.ds, alice.id)).map((n) => n.kind)).toContain('usecase.reply');

    // Bob may not edit Alice's comment; Alice may.
    const before = await caseState(t.ctx.ds, uc.id);
    expect((await b.post(`/use-cases/${uc.slug}/comments/${top.id}/edit`, { body: 'gekapert' }, `/use-cases/${uc.slug}`)).status).toBe(403);
    expect((await b.post(`/use-cases/${uc.slug}/comments/${top.id}/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(403);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
    expect((await a.post(`/use-cases/${uc.slug}/comments/${top.id}/edit`, { body: 'Wie habt ihr Jugendliche und Senioren erreicht?' }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const [edited] = await t.ctx.ds.query(`SELECT body_source, edited_at FROM use_case_comments WHERE id = $1`, [top.id]);
    expect(edited.body_source).toContain('Senioren');
    expect(edited.edited_at).not.toBeNull();
    expect((await a.post(`/use-cases/${uc.slug}/comments/${top.id}/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
    const page = await a.get(`/use-cases/${uc.slug}`);
    expect(page.text).toContain('Dieser Kommentar wurde gelöscht.');
    expect(page.text).toContain('Über die Schulen.');
  });

  it('when a comment is empty, then 422 on the case page with the message; when flagged twice, then 409', async () => {
    const uc = await createUseCase(t.ctx.ds);
    const alice = await createUser(t.ctx.ds);
    const bob = await createUser(t.ctx.ds);
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const a = await signedIn(t.app, alice);
    const before = await caseState(t.ctx.ds, uc.id);
    const empty = await a.post(`/use-cases/${uc.slug}/comments`, { body: ' ' }, `/use-cases/${uc.slug}`);
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('id="field-body-error"');
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
    await a.post(`/use-cases/${uc.slug}/comments`, { body: 'Werbung für mein Produkt' }, `/use-cases/${uc.slug}`);
    const [c] = await t.ctx.ds.query(`SELECT id FROM use_case_comments WHERE use_case_id = $1`, [uc.id]);
    const b = await signedIn(t.app, bob);
    expect((await b.post(`/use-cases/${uc.slug}/comments/${c.id}/flag`, { reason: 'Das ist Werbung.' }, `/use-cases/${uc.slug}`)).status).toBe(303);
    expect((await b.post(`/use-cases/${uc.slug}/comments/${c.id}/flag`, { reason: 'Das ist Werbung.' }, `/use-cases/${uc.slug}`)).status).toBe(409);
    expect((await notifications(t.ctx.ds, facilitator.id)).map((n) => n.kind)).toContain('usecase.flag');
    const self = await a.post(`/use-cases/${uc.slug}/comments/${c.id}/flag`, { reason: 'eigener Kommentar' }, `/use-cases/${uc.slug}`);
    expect(self.status).toBe(403);
    const flags = await t.ctx.ds.query(`SELECT user_id FROM use_case_comment_flags WHERE comment_id = $1`, [c.id]);
    expect(flags).toEqual([{ user_id: bob.id }]);
  });

  it('when a member follows a case, then they are notified of published updates and can unfollow', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id });
    const follower = await createUser(t.ctx.ds);
    const f = await signedIn(t.app, follower);
    expect((await f.post(`/use-cases/${uc.slug}/follow`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
    const a = await signedIn(t.app, author);
    await a.post(`/use-cases/${uc.slug}/edit/narrative`, { situation: 'Neu geschrieben.' }, `/use-cases/${uc.slug}`);
    expect(await notifications(t.ctx.ds, follower.id)).toEqual([{ kind: 'usecase.updated', url: `/use-cases/${uc.slug}` }]);
    await f.post(`/use-cases/${uc.slug}/unfollow`, {}, `/use-cases/${uc.slug}`);
    await a.post(`/use-cases/${uc.slug}/edit/narrative`, { situation: 'Noch einmal neu.' }, `/use-cases/${uc.slug}`);
    expect(await notifications(t.ctx.ds, follower.id)).toHaveLength(1);
  });

  it('when another administration says "we want this too" and implements it, then the derived case links both ways and profiles list it', async () => {
    const origin = await createAdministration(t.ctx.ds);
    const author = await createUser(t.ctx.ds, { administrationId: origin.id });
    const uc = await createUseCase(t.ctx.ds, { administrationId: origin.id, createdById: author.id, visibility: 'public', title: 'Jugendbudget Original' });
    await t.ctx.ds.query(`UPDATE use_cases SET narrative = '{"goal": "Jugendliche entscheiden über 10.000 €."}' WHERE id = $1`, [uc.id]);
    await t.ctx.ds.query(`INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2)`, [uc.id, author.id]);
    const adopterAdm = await createAdministration(t.ctx.ds);
    const adopter = await createUser(t.ctx.ds, { administrationId: adopterAdm.id });
    const b = await signedIn(t.app, adopter);

    // Deriving before "implemented" is refused and changes nothing.
    expect((await b.post(`/use-cases/${uc.slug}/adoption`, { status: 'interested', note: 'Für 2026 vorgemerkt' }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const before = await caseState(t.ctx.ds, uc.id);
    expect((await b.post(`/use-cases/${uc.slug}/derive`, {}, `/use-cases/${uc.slug}`)).status).toBe(409);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
    expect((await notifications(t.ctx.ds, author.id)).map((n) => n.kind)).toEqual(['usecase.adopted']);

    await b.post(`/use-cases/${uc.slug}/adoption`, { status: 'implemented', note: 'Läuft seit März' }, `/use-cases/${uc.slug}`);
    const [adoption] = await t.ctx.ds.query(`SELECT status, note FROM use_case_adoptions WHERE use_case_id = $1 AND administration_id = $2`, [uc.id, adopterAdm.id]);
    expect(adoption).toEqual({ status: 'implemented', note: 'Läuft seit März' });
    const page = await b.get(`/use-cases/${uc.slug}`);
    expect(page.text).toContain('Eigenes Praxisbeispiel daraus anlegen');
    expect(page.text).toContain('<option value="implemented" selected>'); // the form shows the current status

    const derived = await b.post(`/use-cases/${uc.slug}/derive`, {}, `/use-cases/${uc.slug}`);
    expect(derived.status).toBe(303);
    const newSlug = derived.headers.location!.match(/^\/use-cases\/([^/]+)\/edit\/core$/)![1]!;
    const [copy] = await t.ctx.ds.query(
      `SELECT administration_id, derived_from_id, published, title, narrative->>'goal' AS goal, created_by_id FROM use_cases WHERE slug = $1`, [newSlug]);
    expect(copy).toEqual({ administration_id: adopterAdm.id, derived_from_id: uc.id, published: false, title: 'Jugendbudget Original', goal: 'Jugendliche entscheiden über 10.000 €.', created_by_id: adopter.id });
    expect((await b.post(`/use-cases/${uc.slug}/derive`, {}, `/use-cases/${uc.slug}`)).status).toBe(409);
    // A draft is not linked from the original (its readers would meet a 404).
    expect((await b.get(`/use-cases/${uc.slug}`)).text).not.toContain(`href="/use-cases/${newSlug}"`);
    await b.post(`/use-cases/${newSlug}/edit/publish`, { publish: 'publish' }, `/use-cases/${newSlug}`);
    // Published but network-only: members see the link, visitors do not.
    expect((await request(t.app).get(`/use-cases/${uc.slug}`)).text).not.toContain(`href="/use-cases/${newSlug}"`);

    const original = await b.get(`/use-cases/${uc.slug}`);
    expect(original.text).toContain(`href="/use-cases/${newSlug}"`);
    expect(original.text).toContain(adopterAdm.name);
    const copyPage = await b.get(`/use-cases/${newSlug}`);
    expect(copyPage.text).toContain(`href="/use-cases/${uc.slug}"`);

    const profile = await request(t.app).get(`/administrations/${adopterAdm.slug}`);
    expect(profile.text).toContain('Läuft seit März');
    expect(profile.text).toContain('Übernommene Praxisbeispiele');
    expect(profile.text).toContain(`href="/use-cases/${uc.slug}"`);
    const originProfile = await request(t.app).get(`/administrations/${origin.slug}`);
    expect(originProfile.text).toContain(`href="/use-cases/${uc.slug}"`);

    // The author's notifications name the adopting administration and what it declared.
    expect((await notifications(t.ctx.ds, author.id)).map((n) => n.kind)).toEqual(['usecase.adopted', 'usecase.implemented']);
    const a = await signedIn(t.app, author);
    const list = await a.get('/notifications');
    const esc = (s: string) => s.replace(/"/g, '&quot;');
    expect(list.text).toContain(`${esc(adopterAdm.name)}: „Das wollen wir auch“: <a class="kern-link" href="/use-cases/${uc.slug}#adoptions" lang="de">Jugendbudget Original</a>`);
    expect(list.text).toContain(`${esc(adopterAdm.name)} hat es umgesetzt: <a`);
  });

  it('when a member declares an adoption for their own administration\'s case, then 403 and nothing changes', async () => {
    const author = await createUser(t.ctx.ds);
    const colleague = await createUser(t.ctx.ds, { administrationId: author.administrationId });
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id });
    const before = await caseState(t.ctx.ds, uc.id);
    const b = await signedIn(t.app, colleague);
    expect((await b.post(`/use-cases/${uc.slug}/adoption`, { status: 'interested' }, `/use-cases/${uc.slug}`)).status).toBe(403);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
  });

  it('when a contact is suggested, then they are shown only after opting in', async () => {
    const author = await createUser(t.ctx.ds);
    const contact = await createUser(t.ctx.ds, { name: 'Karla Kontakt' });
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, visibility: 'public' });
    const a = await signedIn(t.app, author);
    expect((await a.post(`/use-cases/${uc.slug}/contacts`, { contact: contact.handle }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const visitorBefore = await request(t.app).get(`/use-cases/${uc.slug}`);
    expect(visitorBefore.text).not.toContain('Karla Kontakt');
    const c = await signedIn(t.app, contact);
    expect((await c.post(`/use-cases/${uc.slug}/contact/opt-in`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
    const visitorAfter = await request(t.app).get(`/use-cases/${uc.slug}`);
    expect(visitorAfter.text).toContain('Karla Kontakt');
  });

  it('when a comment with Markdown is flagged, then the queue shows it as plain text, not its Markdown source', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const a = await signedIn(t.app, await createUser(t.ctx.ds));
    await a.post(`/use-cases/${uc.slug}/comments`, { body: '**Fett** und [ein Link](https://example.org) _kursiv_' }, `/use-cases/${uc.slug}`);
    const [c] = await t.ctx.ds.query(`SELECT id FROM use_case_comments WHERE use_case_id = $1`, [uc.id]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await b.post(`/use-cases/${uc.slug}/comments/${c.id}/flag`, { reason: 'Unpassend' }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const queue = await f.get('/use-cases/flags');
    expect(queue.text).toContain('Fett und ein Link kursiv');
    expect(queue.text).not.toContain('**Fett**');
  });

  it('when a facilitator hides a flagged comment, then readers no longer see it, the flag is resolved and the action is audited; members may not', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const alice = await createUser(t.ctx.ds);
    const bob = await createUser(t.ctx.ds);
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const a = await signedIn(t.app, alice);
    await a.post(`/use-cases/${uc.slug}/comments`, { body: 'Beleidigender Text hier' }, `/use-cases/${uc.slug}`);
    const [c] = await t.ctx.ds.query(`SELECT id FROM use_case_comments WHERE use_case_id = $1`, [uc.id]);
    const b = await signedIn(t.app, bob);
    await b.post(`/use-cases/${uc.slug}/comments/${c.id}/flag`, { reason: 'Beleidigung' }, `/use-cases/${uc.slug}`);
    const before = await caseState(t.ctx.ds, uc.id);
    expect((await b.post(`/use-cases/${uc.slug}/comments/${c.id}/hide`, { reason: 'Selbstjustiz' }, `/use-cases/${uc.slug}`)).status).toBe(403);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
    const f = await signedIn(t.app, facilitator);
    const queue = await f.get('/use-cases/flags');
    expect(queue.text).toContain(`/use-cases/${uc.slug}#comment-${c.id}`);
    expect((await f.post(`/use-cases/${uc.slug}/comments/${c.id}/hide`, { reason: 'Verstoß gegen die Regeln' }, `/use-cases/${uc.slug}`)).status).toBe(303);
    expect((await request(t.app).get(`/use-cases/${uc.slug}`)).text).not.toContain('Beleidigender Text hier');
    expect((await f.get(`/use-cases/${uc.slug}`)).text).toContain('Ausgeblendet');
    const [flag] = await t.ctx.ds.query(`SELECT resolved_at FROM use_case_comment_flags WHERE comment_id = $1`, [c.id]);
    expect(flag.resolved_at).not.toBeNull();
    const audit = await t.ctx.ds.query(`SELECT action, reason FROM audit_log WHERE subject_type = 'use_case_comment' AND subject_id = $1`, [String(c.id)]);
    expect(audit).toEqual([{ action: 'use_case_comment.hidden', reason: 'Verstoß gegen die Regeln' }]);
  });

  it('when a member withdraws their administration\'s adoption, then it is removed', async () => {
    const uc = await createUseCase(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    await b.post(`/use-cases/${uc.slug}/adoption`, { status: 'planning', note: '' }, `/use-cases/${uc.slug}`);
    expect(await t.ctx.ds.query(`SELECT status FROM use_case_adoptions WHERE use_case_id = $1`, [uc.id])).toEqual([{ status: 'planning' }]);
    expect((await b.post(`/use-cases/${uc.slug}/adoption/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT status FROM use_case_adoptions WHERE use_case_id = $1`, [uc.id])).toEqual([]);
    const bad = await b.post(`/use-cases/${uc.slug}/adoption`, { status: 'adopted-maybe' }, `/use-cases/${uc.slug}`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('id="field-status-error"');
    expect(await t.ctx.ds.query(`SELECT status FROM use_case_adoptions WHERE use_case_id = $1`, [uc.id])).toEqual([]);
  });
});
