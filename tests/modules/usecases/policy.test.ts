import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { caseState, CORE, createUseCase } from '../../support/usecases-factories.js';
import { usecasesPolicy } from '../../../src/modules/usecases/usecases.policy.js';

describe('use cases: who may do what', () => {
  const t = useTestApp();

  describe('the policy as a table', () => {
    const own = { administrationId: 1, createdById: 10, published: true, visibility: 'network', editorIds: [11] };
    const visitor = undefined;
    const author = { id: 10, role: 'member' as const, administrationId: 1 };
    const editor = { id: 11, role: 'member' as const, administrationId: 1 };
    const colleague = { id: 12, role: 'member' as const, administrationId: 1 };
    const stranger = { id: 20, role: 'member' as const, administrationId: 2 };
    const facilitator = { id: 30, role: 'facilitator' as const, administrationId: 9 };
    it.each([
      ['visitor', visitor, { view: false, edit: false, publish: false, adopt: false, verify: false }],
      ['author', author, { view: true, edit: true, publish: true, adopt: false, verify: false }],
      ['added editor', editor, { view: true, edit: true, publish: true, adopt: false, verify: false }],
      ['colleague not added', colleague, { view: true, edit: false, publish: false, adopt: false, verify: false }],
      ['member of another administration', stranger, { view: true, edit: false, publish: false, adopt: true, verify: false }],
      ['facilitator', facilitator, { view: true, edit: true, publish: true, adopt: true, verify: true }],
    ])('when the actor is a %s, then the decisions on a network case are as expected', (_name, actor, want) => {
      expect({
        view: usecasesPolicy.canView(actor, own),
        edit: usecasesPolicy.canEdit(actor, own),
        publish: usecasesPolicy.canPublish(actor, own),
        adopt: usecasesPolicy.canAdopt(actor, own),
        verify: usecasesPolicy.canVerify(actor),
      }).toEqual(want);
    });
    it('when a case is public, then visitors may view it; when it is a draft, only its editors and facilitators may', () => {
      expect(usecasesPolicy.canView(undefined, { ...own, visibility: 'public' })).toBe(true);
      const draft = { ...own, published: false, visibility: 'public' };
      expect(usecasesPolicy.canView(undefined, draft)).toBe(false);
      expect(usecasesPolicy.canView(colleague, draft)).toBe(false);
      expect(usecasesPolicy.canView(editor, draft)).toBe(true);
      expect(usecasesPolicy.canView(facilitator, draft)).toBe(true);
    });
    it('when an editor from another administration was added by a facilitator, then they may edit but not publish', () => {
      const c = { ...own, editorIds: [20] };
      expect(usecasesPolicy.canEdit(stranger, c)).toBe(true);
      expect(usecasesPolicy.canPublish(stranger, c)).toBe(false);
    });
  });

  it('when a visitor opens a network case or a draft, then 404; a public case is shown', async () => {
    const network = await createUseCase(t.ctx.ds, { visibility: 'network' });
    const draft = await createUseCase(t.ctx.ds, { visibility: 'public', published: false });
    const pub = await createUseCase(t.ctx.ds, { visibility: 'public' });
    expect((await request(t.app).get(`/use-cases/${network.slug}`)).status).toBe(404);
    expect((await request(t.app).get(`/use-cases/${draft.slug}`)).status).toBe(404);
    expect((await request(t.app).get(`/use-cases/${pub.slug}`)).status).toBe(200);
  });

  it('when a member of another administration tries to edit, publish or add editors, then 403 and nothing changes', async () => {
    const uc = await createUseCase(t.ctx.ds, { published: false });
    const ucPublished = await createUseCase(t.ctx.ds);
    const stranger = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, stranger);
    const before = await caseState(t.ctx.ds, ucPublished.id);
    const tries = [
      b.post(`/use-cases/${ucPublished.slug}/edit/core`, { ...CORE }, `/use-cases/${ucPublished.slug}`),
      b.post(`/use-cases/${ucPublished.slug}/edit/narrative`, { situation: 'übernommen' }, `/use-cases/${ucPublished.slug}`),
      b.post(`/use-cases/${ucPublished.slug}/edit/publish`, { publish: 'draft' }, `/use-cases/${ucPublished.slug}`),
      b.post(`/use-cases/${ucPublished.slug}/editors`, { editor: stranger.handle }, `/use-cases/${ucPublished.slug}`),
      b.post(`/use-cases/${ucPublished.slug}/verify`, {}, `/use-cases/${ucPublished.slug}`),
    ];
    for (const res of await Promise.all(tries)) expect(res.status).toBe(403);
    expect(await caseState(t.ctx.ds, ucPublished.id)).toEqual(before);
    const draftBefore = await caseState(t.ctx.ds, uc.id);
    const res = await b.post(`/use-cases/${uc.slug}/edit/core`, { ...CORE }, '/use-cases/new');
    expect(res.status).toBe(404); // a draft of others is not even visible
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(draftBefore);
  });

  it('when a member picks another administration on create, then the case is still created for their own', async () => {
    const own = await createAdministration(t.ctx.ds);
    const other = await createAdministration(t.ctx.ds);
    const member = await createUser(t.ctx.ds, { administrationId: own.id });
    const b = await signedIn(t.app, member);
    const res = await b.post('/use-cases', { ...CORE, administrationId: String(other.id) }, '/use-cases/new');
    expect(res.status).toBe(303);
    const rows = await t.ctx.ds.query(`SELECT administration_id FROM use_cases WHERE created_by_id = $1`, [member.id]);
    expect(rows).toEqual([{ administration_id: own.id }]);
  });

  it('when a member without administration tries to create, then 422 and nothing is stored', async () => {
    const partner = await createUser(t.ctx.ds, { administrationId: null });
    const b = await signedIn(t.app, partner);
    const res = await b.post('/use-cases', { ...CORE }, '/use-cases/new');
    expect(res.status).toBe(422);
    const rows = await t.ctx.ds.query(`SELECT id FROM use_cases WHERE created_by_id = $1`, [partner.id]);
    expect(rows).toEqual([]);
  });

  it('when the author adds a colleague as editor, then the colleague may edit; a member of another administration is refused with 422', async () => {
    const author = await createUser(t.ctx.ds);
    const colleague = await createUser(t.ctx.ds, { administrationId: author.administrationId });
    const outsider = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id });
    const b = await signedIn(t.app, author);
    const refused = await b.post(`/use-cases/${uc.slug}/editors`, { editor: outsider.handle }, `/use-cases/${uc.slug}`);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Nur Mitglieder derselben Verwaltung');
    expect((await b.post(`/use-cases/${uc.slug}/editors`, { editor: colleague.handle }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const editors = await t.ctx.ds.query(`SELECT user_id FROM use_case_editors WHERE use_case_id = $1`, [uc.id]);
    expect(editors).toEqual([{ user_id: colleague.id }]);
    const c = await signedIn(t.app, colleague);
    const edit = await c.post(`/use-cases/${uc.slug}/edit/core`, { ...CORE, title: 'Von der Kollegin geändert' }, `/use-cases/${uc.slug}`);
    expect(edit.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT title FROM use_cases WHERE id = $1`, [uc.id]);
    expect(row.title).toBe('Von der Kollegin geändert');
    // The author hands ownership to the colleague (an editor); a non-editor cannot become owner.
    const outsiderOwner = await b.post(`/use-cases/${uc.slug}/edit/details`, { ownerId: String(outsider.id) }, `/use-cases/${uc.slug}`);
    expect(outsiderOwner.status).toBe(422);
    expect(outsiderOwner.text).toContain('id="field-ownerId-error"');
    expect((await b.post(`/use-cases/${uc.slug}/edit/details`, { ownerId: String(colleague.id) }, `/use-cases/${uc.slug}`)).status).toBe(303);
    const [owned] = await t.ctx.ds.query(`SELECT owner_id FROM use_cases WHERE id = $1`, [uc.id]);
    expect(owned.owner_id).toBe(colleague.id);
  });

  it('when a facilitator edits a case of any administration, then it is saved', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const uc = await createUseCase(t.ctx.ds);
    const b = await signedIn(t.app, facilitator);
    const res = await b.post(`/use-cases/${uc.slug}/edit/core`, { ...CORE, title: 'Von der Moderation korrigiert' }, `/use-cases/${uc.slug}`);
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT title, administration_id FROM use_cases WHERE id = $1`, [uc.id]);
    expect(row).toEqual({ title: 'Von der Moderation korrigiert', administration_id: uc.administrationId });
  });

  it('when a member tries the facilitator review list, then 403', async () => {
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    expect((await b.get('/use-cases/review')).status).toBe(403);
  });

  it('when a visitor posts without signing in, then 401 or 403 and nothing is stored', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const before = await caseState(t.ctx.ds, uc.id);
    const res = await request(t.app).post(`/use-cases/${uc.slug}/comments`).type('form').send({ body: 'Hallo' });
    expect([401, 403]).toContain(res.status);
    expect(await caseState(t.ctx.ds, uc.id)).toEqual(before);
  });
});
