import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateTotpSecret } from '../../../src/shared/totp.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';
import { auditCount, createGroup, groupState, notificationsOf, standing } from '../../support/groups-factories.js';

const FORM = (leads: string) => ({
  name: `Innovationsdialog ${uniq('n')}`,
  purpose: 'Wir verankern **Bürgerbeteiligung** in unseren Verwaltungen.',
  guidingQuestions: 'Wie gelingt Beteiligung?\n\n  Was braucht es dafür?  ',
  themes: ['methods', 'benefits-risks', 'quality', 'culture-change', 'competence'],
  membership: 'request',
  leads,
  cadence: 'drei Treffen im Jahr',
  language: 'de',
});

describe('working groups: creating and editing', () => {
  const t = useTestApp();

  it('when a facilitator creates a group, then it has its slug, purpose as HTML, questions, themes, the leads as members, an audit entry, a notification and a search job', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const lead = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, facilitator);
    const form = await b.get('/groups/new');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/name="themes" value="competence" checked/);
    const input = FORM(`@${lead.handle}`);
    const res = await b.post('/groups', input, '/groups/new');
    expect(res.status).toBe(303);
    const slug = res.headers.location!.replace('/groups/', '');
    expect(slug).toMatch(/^innovationsdialog-n[0-9a-f]+$/);
    const [g] = await t.ctx.ds.query(`SELECT * FROM working_groups WHERE slug = $1`, [slug]);
    expect(g).toMatchObject({
      name: input.name, purpose_html: expect.stringContaining('<strong>Bürgerbeteiligung</strong>'),
      guiding_questions: ['Wie gelingt Beteiligung?', 'Was braucht es dafür?'], themes: input.themes, membership: 'request', cadence: 'drei Treffen im Jahr',
      created_by_id: facilitator.id,
    });
    expect(await standing(t.ctx.ds, g.id, lead.id)).toEqual({ role: 'lead', status: 'active' });
    expect(await auditCount(t.ctx.ds, 'working_group.created', g.id)).toBe(1);
    expect(await notificationsOf(t.ctx.ds, lead.id, 'group.leadAppointed')).toBe(1);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'group' AND (payload->>'id')::int = $1`, [g.id]);
    expect(n).toBe(1);
    const page = await b.get(`/groups/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Kulturwandel und Verankerung in der Organisation');
  });

  it('when the form is bad (short name, unknown lead, unknown theme), then 422 with the input kept and no group', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    // Counted by creator: other test files create groups at the same time.
    const mine = () => t.ctx.ds.query(`SELECT count(*)::int AS n FROM working_groups WHERE created_by_id = $1`, [facilitator.id]);
    const short = await b.post('/groups', { ...FORM(facilitator.handle), name: 'AK', purpose: 'Mein Zweck ist lang genug' }, '/groups/new');
    expect(short.status).toBe(422);
    expect(short.text).toContain('value="AK"');
    expect(short.text).toContain('Mein Zweck ist lang genug');
    const unknown = await b.post('/groups', { ...FORM('niemand-hier-xyz'), name: 'Gute Gruppe' }, '/groups/new');
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('value="niemand-hier-xyz"');
    const theme = await b.post('/groups', { ...FORM(facilitator.handle), themes: ['nonsense'] }, '/groups/new');
    expect(theme.status).toBe(422);
    expect(await mine()).toEqual([{ n: 0 }]);
  });

  it('when a member or a visitor tries to create a group, then 403 and nothing is created; an admin with two-factor may', async () => {
    const member = await createUser(t.ctx.ds);
    // The visitor's attempt carries the same name; counted by name, as other test files create groups meanwhile.
    const form = FORM(member.handle);
    const named = () => t.ctx.ds.query(`SELECT count(*)::int AS n FROM working_groups WHERE name = $1`, [form.name]);
    const b = await signedIn(t.app, member);
    expect((await b.post('/groups', form, '/groups')).status).toBe(403);
    expect((await request(t.app).post('/groups').type('form').send(form)).status).toBe(403); // no CSRF token: refused before anything
    expect(await named()).toEqual([{ n: 0 }]);
    const secret = generateTotpSecret();
    const admin = await createUser(t.ctx.ds, { role: 'admin', totpSecret: secret });
    const a = await signedIn(t.app, { ...admin, totpSecret: secret });
    expect((await a.post('/groups', FORM(admin.handle), '/groups/new')).status).toBe(303);
  });

  it('when a lead edits the group and names another member lead, then roles change; a plain member may not edit; a non-member cannot become lead', async () => {
    const member = await createUser(t.ctx.ds);
    const outsider = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const before = await groupState(t.ctx.ds, g.id);
    const m = await signedIn(t.app, member);
    expect((await m.post(`/groups/${g.slug}/edit`, { ...FORM(member.handle), name: g.name }, `/groups/${g.slug}`)).status).toBe(403);
    expect((await m.get(`/groups/${g.slug}/edit`)).status).toBe(404);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);
    const l = await signedIn(t.app, g.lead);
    const bad = await l.post(`/groups/${g.slug}/edit`, { ...FORM(outsider.handle), name: g.name }, `/groups/${g.slug}/edit`);
    expect(bad.status).toBe(422);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);
    const ok = await l.post(`/groups/${g.slug}/edit`, { ...FORM(member.handle), name: g.name, membership: 'open' }, `/groups/${g.slug}/edit`);
    expect(ok.status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, member.id)).toEqual({ role: 'lead', status: 'active' });
    expect(await standing(t.ctx.ds, g.id, g.lead.id)).toEqual({ role: 'member', status: 'active' });
    expect(await auditCount(t.ctx.ds, 'working_group.updated', g.id)).toBe(1);
  });
});

describe('working groups: membership flows', () => {
  const t = useTestApp();

  it('when a member joins an open group, then they are an active member, the leads are told and it is audited; joining twice is a conflict', async () => {
    const g = await createGroup(t.ctx.ds, { membership: 'open' });
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    expect((await b.post(`/groups/${g.slug}/join`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, member.id)).toEqual({ role: 'member', status: 'active' });
    expect(await notificationsOf(t.ctx.ds, g.lead.id, 'group.joined')).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.joined', g.id)).toBe(1);
    expect((await b.post(`/groups/${g.slug}/join`, {}, `/groups/${g.slug}`)).status).toBe(409);
  });

  it('when a member requests to join, then a lead approves (the requester is told); another request is declined and the row goes; a plain member may not decide', async () => {
    const g = await createGroup(t.ctx.ds, { membership: 'request' });
    const [asker, other, plain] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    await t.ctx.ds.query(`INSERT INTO working_group_members (group_id, user_id) VALUES ($1, $2)`, [g.id, plain.id]);
    const a = await signedIn(t.app, asker);
    expect((await a.post(`/groups/${g.slug}/join`, {}, `/groups/${g.slug}`)).status).toBe(403); // not open
    expect((await a.post(`/groups/${g.slug}/request`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, asker.id)).toEqual({ role: 'member', status: 'requested' });
    expect(await notificationsOf(t.ctx.ds, g.lead.id, 'group.requested')).toBe(1);
    const o = await signedIn(t.app, other);
    await o.post(`/groups/${g.slug}/request`, {}, `/groups/${g.slug}`);

    const before = await groupState(t.ctx.ds, g.id);
    const p = await signedIn(t.app, plain);
    expect((await p.post(`/groups/${g.slug}/members/${asker.id}/approve`, {}, `/groups/${g.slug}`)).status).toBe(403);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);

    const l = await signedIn(t.app, g.lead);
    const page = await l.get(`/groups/${g.slug}`);
    expect(page.text).toContain(`/groups/${g.slug}/members/${asker.id}/approve`);
    expect((await l.post(`/groups/${g.slug}/members/${asker.id}/approve`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, asker.id)).toEqual({ role: 'member', status: 'active' });
    expect(await notificationsOf(t.ctx.ds, asker.id, 'group.approved')).toBe(1);
    expect((await l.post(`/groups/${g.slug}/members/${other.id}/decline`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, other.id)).toBeNull();
    expect(await notificationsOf(t.ctx.ds, other.id, 'group.declined')).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.approved', g.id)).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.declined', g.id)).toBe(1);
  });

  it('when a group is by invitation, then members cannot join or ask; a lead invites by handle, the invitee accepts; another declines', async () => {
    const g = await createGroup(t.ctx.ds, { membership: 'invitation' });
    const [anna, ben] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const a = await signedIn(t.app, anna);
    expect((await a.post(`/groups/${g.slug}/join`, {}, `/groups/${g.slug}`)).status).toBe(403);
    expect((await a.post(`/groups/${g.slug}/request`, {}, `/groups/${g.slug}`)).status).toBe(403);
    expect(await standing(t.ctx.ds, g.id, anna.id)).toBeNull();

    const l = await signedIn(t.app, g.lead);
    const unknown = await l.post(`/groups/${g.slug}/invite`, { handle: 'gibt-es-nicht' }, `/groups/${g.slug}`);
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('value="gibt-es-nicht"');
    expect((await l.post(`/groups/${g.slug}/invite`, { handle: `@${anna.handle}` }, `/groups/${g.slug}`)).status).toBe(303);
    expect((await l.post(`/groups/${g.slug}/invite`, { handle: ben.handle }, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, anna.id)).toEqual({ role: 'member', status: 'invited' });
    expect(await notificationsOf(t.ctx.ds, anna.id, 'group.invited')).toBe(1);
    expect((await a.post(`/groups/${g.slug}/invitation/accept`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, anna.id)).toEqual({ role: 'member', status: 'active' });
    expect(await notificationsOf(t.ctx.ds, g.lead.id, 'group.invitationAccepted')).toBe(1);
    const b = await signedIn(t.app, ben);
    expect((await b.post(`/groups/${g.slug}/invitation/decline`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, ben.id)).toBeNull();
    expect(await auditCount(t.ctx.ds, 'working_group.invitation_accepted', g.id)).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.invitation_declined', g.id)).toBe(1);
    // Someone not invited has nothing to answer.
    const c = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await c.post(`/groups/${g.slug}/invitation/accept`, {}, `/groups/${g.slug}`)).status).toBe(404);
  });

  it('when a member leaves, then the row goes and the leads are told; the last lead cannot leave or step down (409, nothing changes)', async () => {
    const member = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const m = await signedIn(t.app, member);
    expect((await m.post(`/groups/${g.slug}/leave`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, member.id)).toBeNull();
    expect(await notificationsOf(t.ctx.ds, g.lead.id, 'group.left')).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.left', g.id)).toBe(1);

    const before = await groupState(t.ctx.ds, g.id);
    const l = await signedIn(t.app, g.lead);
    const leave = await l.post(`/groups/${g.slug}/leave`, {}, `/groups/${g.slug}`);
    expect(leave.status).toBe(409);
    expect(leave.text).toContain('mindestens eine Leitung');
    expect((await l.post(`/groups/${g.slug}/members/${g.lead.id}/demote`, {}, `/groups/${g.slug}`)).status).toBe(409);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);
  });

  it('when a lead removes a member, promotes and demotes, then roles follow with audit and notifications; a member cannot remove anyone', async () => {
    const [m1, m2] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const g = await createGroup(t.ctx.ds, { members: [m1, m2] });
    const before = await groupState(t.ctx.ds, g.id);
    const b1 = await signedIn(t.app, m1);
    expect((await b1.post(`/groups/${g.slug}/members/${m2.id}/remove`, {}, `/groups/${g.slug}`)).status).toBe(403);
    expect((await b1.post(`/groups/${g.slug}/members/${m1.id}/promote`, {}, `/groups/${g.slug}`)).status).toBe(403);
    expect(await groupState(t.ctx.ds, g.id)).toEqual(before);

    const l = await signedIn(t.app, g.lead);
    expect((await l.post(`/groups/${g.slug}/members/${m2.id}/remove`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, m2.id)).toBeNull();
    expect(await notificationsOf(t.ctx.ds, m2.id, 'group.removed')).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.removed', g.id)).toBe(1);
    expect((await l.post(`/groups/${g.slug}/members/${m1.id}/promote`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, m1.id)).toEqual({ role: 'lead', status: 'active' });
    expect(await notificationsOf(t.ctx.ds, m1.id, 'group.leadAppointed')).toBe(1);
    // Now there are two leads: the first may step down.
    expect((await l.post(`/groups/${g.slug}/members/${g.lead.id}/demote`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, g.lead.id)).toEqual({ role: 'member', status: 'active' });
    expect(await auditCount(t.ctx.ds, 'working_group.lead_promoted', g.id)).toBe(1);
    expect(await auditCount(t.ctx.ds, 'working_group.lead_demoted', g.id)).toBe(1);
  });

  it('when a facilitator who is not a member decides a request, then that works like a lead', async () => {
    const asker = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { requested: [asker] });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await f.post(`/groups/${g.slug}/members/${asker.id}/approve`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, asker.id)).toEqual({ role: 'member', status: 'active' });
  });

  it('when a member withdraws their request, then the row goes', async () => {
    const asker = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { requested: [asker] });
    const a = await signedIn(t.app, asker);
    expect((await a.post(`/groups/${g.slug}/leave`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await standing(t.ctx.ds, g.id, asker.id)).toBeNull();
  });
});
