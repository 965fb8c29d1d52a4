import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { caseState, CORE, createUseCase } from '../../support/usecases-factories.js';

describe('use cases: create, edit in steps, publish, revisions', () => {
  const t = useTestApp();

  it('when a member fills the steps and publishes, then the case is saved as a draft at each step and published with a revision', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const member = await createUser(t.ctx.ds, { administrationId: adm.id });
    const b = await signedIn(t.app, member);
    const created = await b.post('/use-cases', { ...CORE, title: `Bürgerbudget ${adm.slug}` }, '/use-cases/new');
    expect(created.status).toBe(303);
    const slug = created.headers.location!.match(/^\/use-cases\/([^/]+)\/edit\/details$/)![1]!;
    const [draft] = await t.ctx.ds.query(`SELECT published, administration_id, policy_areas, methods, created_by_id FROM use_cases WHERE slug = $1`, [slug]);
    expect(draft).toMatchObject({ published: false, administration_id: adm.id, policy_areas: ['budget', 'democracy'], created_by_id: member.id });

    const details = await b.post(`/use-cases/${slug}/edit/details`, {
      startDate: '2024-03-01', endDate: '2024-11-30', formalBasis: 'voluntary', digitalTool: 'consul', format: 'hybrid',
      targetGroups: ['all-residents', 'youth'], participantCount: '1.250', budgetBand: '25k-100k', staffEffortDays: '60',
      language: 'de', visibility: 'public', nextReviewAt: '',
    }, `/use-cases/${slug}/edit/details`);
    expect(details.status).toBe(303);
    expect(details.headers.location).toBe(`/use-cases/${slug}/edit/narrative`);
    const again = await b.get(`/use-cases/${slug}/edit/details`);
    expect(again.text).toContain('<option value="consul" selected>'); // saved values are shown when coming back to a step
    expect(again.text).toMatch(/value="youth" checked/);

    const narrative = await b.post(`/use-cases/${slug}/edit/narrative`, {
      situation: 'Die Stadt wollte **mehr Mitsprache** beim Haushalt.', goal: 'Ein Budget pro Stadtteil.', process: '', involved: '',
      results: '', worked: '', notWorked: 'Die Online-Abstimmung war anfangs schwer zu finden.', transferability: '', links: '',
    }, `/use-cases/${slug}/edit/narrative`);
    expect(narrative.status).toBe(303);
    const [{ n: revisionsBefore }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_case_revisions r JOIN use_cases u ON u.id = r.use_case_id WHERE u.slug = $1`, [slug]);
    expect(revisionsBefore).toBe(0); // drafts keep no revisions

    const published = await b.post(`/use-cases/${slug}/edit/publish`, { publish: 'publish' }, `/use-cases/${slug}/edit/publish`);
    expect(published.status).toBe(303);
    const [uc] = await t.ctx.ds.query(
      `SELECT published, visibility, participant_count, target_groups, narrative_html->>'situation' AS html, next_review_at FROM use_cases WHERE slug = $1`, [slug]);
    expect(uc).toMatchObject({ published: true, visibility: 'public', participant_count: 1250, target_groups: ['all-residents', 'youth'] });
    expect(uc.html).toContain('<strong>mehr Mitsprache</strong>');
    expect(uc.next_review_at).not.toBeNull();

    const page = await request(t.app).get(`/use-cases/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="#section-situation"');
    expect(page.text).toContain('id="section-notWorked"');
    expect(page.text).toContain(`href="/administrations/${adm.slug}"`);
    expect(page.text).toMatch(/Vollständigkeit: (Grundangaben|Gut beschrieben)/);
    expect(page.text).toContain('Es fehlen noch:');

    // A published change keeps a revision with a diff.
    await b.post(`/use-cases/${slug}/edit/core`, { ...CORE, title: `Bürgerbudget ${adm.slug}`, status: 'completed' }, `/use-cases/${slug}/edit/core`);
    const revisions = await t.ctx.ds.query(
      `SELECT r.version, r.diff FROM use_case_revisions r JOIN use_cases u ON u.id = r.use_case_id WHERE u.slug = $1 ORDER BY r.version`, [slug]);
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect(revisions[1].diff).toContain('-status: running');
    expect(revisions[1].diff).toContain('+status: completed');
    const after = await b.get(`/use-cases/${slug}`);
    expect(after.text).toContain('uc-diff__added');
  });

  it('when the core step is sent empty, then 422 shows a message on every required field and keeps the input', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const [{ n: before }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_cases WHERE created_by_id = $1`, [member.id]);
    const res = await b.post('/use-cases', { title: 'Mein Titel bleibt', summary: 'x'.repeat(301), department: '', policyAreas: ['nonsense'] }, '/use-cases/new');
    expect(res.status).toBe(422);
    for (const field of ['summary', 'department', 'status', 'policyAreas', 'iap2Level', 'methods']) {
      expect(res.text).toContain(`id="field-${field}-error"`);
    }
    expect(res.text).toContain('value="Mein Titel bleibt"');
    expect(res.text).toContain('höchstens 300 Zeichen');
    const [{ n: after }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_cases WHERE created_by_id = $1`, [member.id]);
    expect(after).toBe(before);
  });

  it('when the details step has bad values, then 422 names each field, keeps ticked boxes and the case is unchanged', async () => {
    const member = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: member.administrationId!, createdById: member.id });
    const before = await caseState(t.ctx.ds, uc.id);
    const b = await signedIn(t.app, member);
    const res = await b.post(`/use-cases/${uc.slug}/edit/details`, {
      startDate: '2024-05-01', endDate: '2024-01-01', participantCount: 'viele', staffEffortDays: '-3', digitalTool: 'fax',
      targetGroups: ['youth', 'seniors'], language: 'de', visibility: 'network',
    }, `/use-cases/${uc.slug}/edit/details`);
    expect(res.status).toBe(422);
    for (const field of ['endDate', 'participantCount', 'staffEffortDays', 'digitalTool']) expect(res.text).toContain(`id="field-${field}-error"`);
    expect(res.text).toMatch(/id="field-targetGroups-youth" name="targetGroups" value="youth" checked/);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
  });

  it('when Markdown is nested too deeply, then the narrative step answers 422 on that field, not 500', async () => {
    const member = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: member.administrationId!, createdById: member.id });
    const before = await caseState(t.ctx.ds, uc.id);
    const b = await signedIn(t.app, member);
    const res = await b.post(`/use-cases/${uc.slug}/edit/narrative`, { situation: `${'>'.repeat(40)} tief` }, `/use-cases/${uc.slug}/edit/narrative`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-situation-error"');
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
  });

  it('when a facilitator verifies, then badge, date and verifier are stored, and overdue cases appear in the review list', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const uc = await createUseCase(t.ctx.ds, { nextReviewAt: '2020-01-01', title: 'Überfälliges Beispiel zur Prüfung' });
    await t.ctx.ds.query(`INSERT INTO use_case_follows (use_case_id, user_id) VALUES ($1, $2)`, [uc.id, uc.createdById]);
    const b = await signedIn(t.app, facilitator);
    const queue = await b.get('/use-cases/review');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Überfälliges Beispiel zur Prüfung');
    expect(queue.text).toContain('<td class="kern-table__cell">01.01.2020</td>'); // the review date as people write it, not ISO
    expect(queue.text).not.toContain('2020-01-01');
    const res = await b.post(`/use-cases/${uc.slug}/verify`, {}, `/use-cases/${uc.slug}`);
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT verified_by_id, verified_at, next_review_at > current_date AS fresh FROM use_cases WHERE id = $1`, [uc.id]);
    expect(row.verified_by_id).toBe(facilitator.id);
    expect(row.verified_at).not.toBeNull();
    expect(row.fresh).toBe(true);
    const page = await b.get(`/use-cases/${uc.slug}`);
    expect(page.text).toContain(`Geprüft von ${facilitator.name}`);
    // Opening the queue reminded the owner of the overdue case (once per due date), then the verification told them.
    const told = await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 ORDER BY id`, [uc.createdById]);
    expect(told).toEqual([{ kind: 'usecase.reviewDue' }, { kind: 'usecase.verified' }]);
    const audit = await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'use_case' AND subject_id = $1`, [String(uc.id)]);
    expect(audit).toEqual([{ action: 'use_case.verified' }]);
  });

  it('when two members create cases with the same title at once, then both get their own address', async () => {
    const a = await createUser(t.ctx.ds);
    const b = await createUser(t.ctx.ds);
    const [ba, bb] = [await signedIn(t.app, a), await signedIn(t.app, b)];
    const title = `Gleicher Titel ${a.handle}`;
    const [ra, rb] = await Promise.all([
      ba.post('/use-cases', { ...CORE, title }, '/use-cases/new'),
      bb.post('/use-cases', { ...CORE, title }, '/use-cases/new'),
    ]);
    expect([ra.status, rb.status]).toEqual([303, 303]);
    expect(ra.headers.location).not.toBe(rb.headers.location);
    const rows = await t.ctx.ds.query(`SELECT slug FROM use_cases WHERE title = $1`, [title]);
    expect(rows).toHaveLength(2);
  });
});
