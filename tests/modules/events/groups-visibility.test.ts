import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { eventsPolicy as policy } from '../../../src/modules/events/events.policy.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createGroup, createGroupEvent, createPublication } from '../../support/groups-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';

describe('working groups: who sees and may do what', () => {
  const t = useTestApp();

  describe('the policy as a table', () => {
    const visitor = undefined;
    const member = { id: 1, role: 'member' as const };
    const facilitator = { id: 2, role: 'facilitator' as const };
    const admin = { id: 3, role: 'admin' as const };
    const none = null;
    const requested = { role: 'member' as const, status: 'requested' as const };
    const invited = { role: 'member' as const, status: 'invited' as const };
    const groupMember = { role: 'member' as const, status: 'active' as const };
    const lead = { role: 'lead' as const, status: 'active' as const };
    it.each([
      ['visitor', visitor, none, { see: false, join: false, request: false, answer: false, leave: false, decide: false, write: false, review: false, draft: false, published: false }],
      ['member', member, none, { see: true, join: true, request: true, answer: false, leave: false, decide: false, write: false, review: false, draft: false, published: true }],
      ['requested', member, requested, { see: true, join: false, request: false, answer: false, leave: true, decide: false, write: false, review: false, draft: false, published: true }],
      ['invited', member, invited, { see: true, join: true, request: false, answer: true, leave: false, decide: false, write: false, review: false, draft: false, published: true }],
      ['group member', member, groupMember, { see: true, join: false, request: false, answer: false, leave: true, decide: false, write: true, review: false, draft: true, published: true }],
      ['lead', member, lead, { see: true, join: false, request: false, answer: false, leave: true, decide: true, write: true, review: true, draft: true, published: true }],
      ['facilitator', facilitator, none, { see: true, join: true, request: true, answer: false, leave: false, decide: true, write: true, review: true, draft: true, published: true }],
      ['admin', admin, none, { see: true, join: true, request: true, answer: false, leave: false, decide: true, write: true, review: true, draft: true, published: true }],
    ])('when the viewer is a %s, then the decisions are as expected', (_name, actor, g, want) => {
      expect({
        see: policy.canSeeGroup(actor),
        // join is asked of an open group, request of a group on request
        join: policy.canJoinGroup(actor, 'open', g),
        request: policy.canRequestGroup(actor, 'request', g),
        answer: policy.canAnswerInvitation(actor, g),
        leave: policy.canLeaveGroup(actor, g),
        decide: policy.canDecideMembership(actor, g),
        write: policy.canWritePublication(actor, g),
        review: policy.canReviewPublication(actor, g),
        draft: policy.canSeePublication(actor, 'in_review', g),
        published: policy.canSeePublication(actor, 'published', g),
      }).toEqual(want);
    });
    it('when a group is by invitation, then nobody joins or asks on their own', () => {
      expect(policy.canJoinGroup(member, 'invitation', null)).toBe(false);
      expect(policy.canRequestGroup(member, 'invitation', null)).toBe(false);
    });
  });

  it('when a visitor opens the list or a group page, then they are sent to sign in', async () => {
    const g = await createGroup(t.ctx.ds);
    for (const path of ['/groups', `/groups/${g.slug}`]) {
      const res = await request(t.app).get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toContain('/login');
    }
  });

  it('when a member opens the group page, then purpose, questions, themes, members with administrations and meetings show; group-only meetings only for members and facilitators', async () => {
    const member = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const [adm] = await t.ctx.ds.query(`SELECT a.name FROM administrations a JOIN users u ON u.administration_id = a.id WHERE u.id = $1`, [member.id]);
    const open = await createGroupEvent(t.ctx.ds, g.id, { visibility: 'network' });
    const closed = await createGroupEvent(t.ctx.ds, g.id, { visibility: 'group' });
    const past = await createGroupEvent(t.ctx.ds, g.id, { visibility: 'network', daysFromNow: -30 });

    const inside = await (await signedIn(t.app, member)).get(`/groups/${g.slug}`);
    expect(inside.status).toBe(200);
    for (const text of ['Wir tauschen uns aus.', 'Wie gelingt Beteiligung?', 'Methoden', member.name, adm.name, open.title, closed.title, past.title]) expect(inside.text).toContain(text);
    expect(inside.text).toContain(`/events/${closed.id}-${closed.slug}`);

    const outside = await (await signedIn(t.app, await createUser(t.ctx.ds))).get(`/groups/${g.slug}`);
    expect(outside.status).toBe(200);
    expect(outside.text).toContain(open.title);
    expect(outside.text).not.toContain(closed.title);

    const facilitator = await (await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }))).get(`/groups/${g.slug}`);
    expect(facilitator.text).toContain(closed.title);
  });

  it('when a non-member asks for a draft or a draft in review, then 404; group members see it; a published result is for every member', async () => {
    const member = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const draft = await createPublication(t.ctx.ds, g.id, member, { status: 'draft' });
    const review = await createPublication(t.ctx.ds, g.id, member, { status: 'in_review' });
    const published = await createPublication(t.ctx.ds, g.id, member, { status: 'published' });
    const requested = await createUser(t.ctx.ds);
    await t.ctx.ds.query(`INSERT INTO working_group_members (group_id, user_id, status) VALUES ($1, $2, 'requested')`, [g.id, requested.id]);
    const url = (p: { slug: string }) => `/groups/${g.slug}/publications/${p.slug}`;

    for (const outsider of [await createUser(t.ctx.ds), requested]) {
      const b = await signedIn(t.app, outsider);
      expect((await b.get(url(draft))).status).toBe(404);
      expect((await b.get(url(review))).status).toBe(404);
      expect((await b.get(`${url(draft)}/edit`)).status).toBe(404);
      expect((await b.get(url(published))).status).toBe(200);
      const page = await b.get(`/groups/${g.slug}`);
      expect(page.text).not.toContain(draft.title);
      expect(page.text).toContain(published.title);
    }
    expect((await request(t.app).get(url(published))).status).toBe(303); // visitors sign in first
    const m = await signedIn(t.app, member);
    expect((await m.get(url(draft))).status).toBe(200);
    expect((await m.get(`/groups/${g.slug}`)).text).toContain(draft.title);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await f.get(url(review))).status).toBe(200);
  });

  it('when a group member links a published use case, then it shows on the group page; a draft case or a non-member is refused and nothing changes', async () => {
    const member = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const uc = await createUseCase(t.ctx.ds);
    const draft = await createUseCase(t.ctx.ds, { published: false });
    const m = await signedIn(t.app, member);
    const bad = await m.post(`/groups/${g.slug}/use-cases`, { useCase: draft.slug }, `/groups/${g.slug}`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain(`value="${draft.slug}"`);
    const o = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await o.post(`/groups/${g.slug}/use-cases`, { useCase: uc.slug }, `/groups/${g.slug}`)).status).toBe(403);
    expect(await t.ctx.ds.query(`SELECT * FROM group_use_cases WHERE group_id = $1`, [g.id])).toEqual([]);
    expect((await m.post(`/groups/${g.slug}/use-cases`, { useCase: `http://praxis.test/use-cases/${uc.slug}` }, `/groups/${g.slug}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT use_case_id AS id, added_by_id AS by FROM group_use_cases WHERE group_id = $1`, [g.id])).toEqual([{ id: uc.id, by: member.id }]);
    expect((await o.get(`/groups/${g.slug}`)).text).toContain(`/use-cases/${uc.slug}`);
    expect((await m.post(`/groups/${g.slug}/use-cases/${uc.slug}/delete`, {}, `/groups/${g.slug}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT * FROM group_use_cases WHERE group_id = $1`, [g.id])).toEqual([]);
  });

  it('when the group has a discussion category, then members see its link and others do not', async () => {
    const member = await createUser(t.ctx.ds);
    const g = await createGroup(t.ctx.ds, { members: [member] });
    const slug = `ak-diskussion-${g.id}`;
    const [c] = await t.ctx.ds.query(`INSERT INTO forum_categories (slug, name) VALUES ($1, 'AK') RETURNING id`, [slug]);
    await t.ctx.ds.query(`UPDATE working_groups SET category_id = $2 WHERE id = $1`, [g.id, c.id]);
    expect((await (await signedIn(t.app, member)).get(`/groups/${g.slug}`)).text).toContain(`href="/forum/c/${slug}"`);
    expect((await (await signedIn(t.app, await createUser(t.ctx.ds))).get(`/groups/${g.slug}`)).text).not.toContain(`/forum/c/${slug}`);
  });
});
