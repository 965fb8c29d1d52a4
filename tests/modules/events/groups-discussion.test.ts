// The group's discussion is a members-only forum category: created with the group, its members
// listed as the group's membership changes, invisible (404) to everyone else.
import { describe, expect, it } from '@jest/globals';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, uniq } from '../../support/factories.js';

describe('working groups: the members-only discussion', () => {
  const t = useTestApp();

  const categoryMembers = async (categoryId: number) =>
    (await t.ctx.ds.query(`SELECT user_id FROM forum_category_members WHERE category_id = $1 ORDER BY user_id`, [categoryId]))
      .map((r: { user_id: number }) => r.user_id);

  it('when a facilitator creates a group and members join and leave, then its restricted category follows the membership and outsiders get 404', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const lead = await createUser(t.ctx.ds);
    const joiner = await createUser(t.ctx.ds);
    const outsider = await createUser(t.ctx.ds);
    const res = await (await signedIn(t.app, facilitator)).post('/groups', {
      name: `Arbeitskreis Diskussion ${uniq('d')}`, purpose: 'Wir sprechen unter uns.', guidingQuestions: 'Wie?', themes: ['methods'],
      membership: 'open', leads: `@${lead.handle}`, cadence: '', language: 'de',
    }, '/groups/new');
    expect(res.status).toBe(303);
    const slug = res.headers.location!.replace('/groups/', '');
    const [g] = await t.ctx.ds.query(
      `SELECT g.category_id, c.slug, c.restricted, c.is_public FROM working_groups g JOIN forum_categories c ON c.id = g.category_id WHERE g.slug = $1`, [slug]);
    expect(g).toMatchObject({ restricted: true, is_public: false, slug: `ak-${slug}`.slice(0, 60).replace(/-+$/, '') });
    expect(await categoryMembers(g.category_id)).toEqual([lead.id]);

    const joinerAgent = await signedIn(t.app, joiner);
    expect((await joinerAgent.post(`/groups/${slug}/join`, {}, `/groups/${slug}`)).status).toBe(303);
    expect(await categoryMembers(g.category_id)).toEqual([lead.id, joiner.id].sort((a, b) => a - b));
    expect((await joinerAgent.get(`/forum/c/${g.slug}`)).status).toBe(200);
    expect((await joinerAgent.get(`/groups/${slug}`)).text).toContain(`/forum/c/${g.slug}`);

    const outsiderAgent = await signedIn(t.app, outsider);
    expect((await outsiderAgent.get(`/forum/c/${g.slug}`)).status).toBe(404);
    expect((await outsiderAgent.get(`/groups/${slug}`)).text).not.toContain(`/forum/c/${g.slug}`);

    expect((await joinerAgent.post(`/groups/${slug}/leave`, {}, `/groups/${slug}`)).status).toBe(303);
    expect(await categoryMembers(g.category_id)).toEqual([lead.id]);
    expect((await joinerAgent.get(`/forum/c/${g.slug}`)).status).toBe(404);
    expect((await (await signedIn(t.app, facilitator)).get(`/forum/c/${g.slug}`)).status).toBe(200);
  });
});
