// Leaderboards: members ranked by their points in the Berlin calendar month and year, administrations
// by points per active member (so a small town can lead), and an administration's engagement on its
// page. Other files add ledger rows beside these: assertions are about this file's own members.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { signedIn } from '../../support/agent.js';
import { engagementOf, topAdministrations, topMembers } from '../../../src/modules/recognition/leaderboards.queries.js';
import { award, choose } from './leaderboards-support.js';

const t = useTestApp();
/** "Now" for the period tests: mid-June 2025, Berlin. */
const AT = new Date('2025-06-15T10:00:00Z');
const ALL = 10_000;

describe('leaderboards: ranking', () => {
  it('when points fall in different months and years (Berlin calendar), then each period counts only its own, most points first', async () => {
    const [june, spring, lastYear, midnight] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    for (const m of [june, spring, lastYear, midnight]) await choose(t.ctx.ds, m.id, true);
    await award(t.ctx.ds, june.id, 'usecase.published', { at: new Date('2025-06-10T09:00:00Z'), times: 2 }); // 50 in June
    await award(t.ctx.ds, spring.id, 'usecase.published', { at: new Date('2025-02-01T09:00:00Z'), times: 3 }); // 75 in February
    await award(t.ctx.ds, lastYear.id, 'usecase.published', { at: new Date('2024-12-31T22:30:00Z'), times: 4 }); // 23:30 on 31 Dec in Berlin
    // 22:30 UTC on 31 May is 00:30 on 1 June in Berlin: June's.
    await award(t.ctx.ds, midnight.id, 'forum.answer_accepted', { at: new Date('2025-05-31T22:30:00Z') });

    const handles = (list: { handle: string }[]) => list.map((m) => m.handle).filter((h) => [june, spring, lastYear, midnight].some((x) => x.handle === h));
    expect(handles(await topMembers(t.ctx.ds, 'month', AT, ALL))).toEqual([june.handle, midnight.handle]);
    expect(handles(await topMembers(t.ctx.ds, 'year', AT, ALL))).toEqual([spring.handle, june.handle, midnight.handle]);
    const year = await topMembers(t.ctx.ds, 'year', AT, ALL);
    expect(year.find((m) => m.handle === spring.handle)).toMatchObject({ points: 75, administrationName: expect.any(String) });
    expect(handles(await topMembers(t.ctx.ds, 'month', new Date('2025-01-15T12:00:00Z'), ALL))).toEqual([]);
    expect(handles(await topMembers(t.ctx.ds, 'year', new Date('2024-12-15T12:00:00Z'), ALL))).toEqual([lastYear.handle]);
  });

  it('when a withdrawn award is reversed, then the period counts the net points and a member left with none is not listed', async () => {
    const m = await createUser(t.ctx.ds);
    await choose(t.ctx.ds, m.id, true);
    await award(t.ctx.ds, m.id, 'usecase.published', { at: new Date('2025-03-03T09:00:00Z') });
    await t.ctx.ds.query(`INSERT INTO recognition_ledger (user_id, reason, points, fact, reverses_id, created_at)
                          SELECT user_id, reason, -points, fact, id, '2025-03-04T09:00:00Z' FROM recognition_ledger WHERE user_id = $1`, [m.id]);
    expect((await topMembers(t.ctx.ds, 'year', AT, ALL)).map((x) => x.handle)).not.toContain(m.handle);
  });

  it('when a shown member\'s account is no longer active, then they are absent from the members and the administrations', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const m = await createUser(t.ctx.ds, { administrationId: adm.id });
    await choose(t.ctx.ds, m.id, true);
    await award(t.ctx.ds, m.id, 'usecase.published', { at: new Date('2025-06-02T09:00:00Z') });
    expect((await topMembers(t.ctx.ds, 'month', AT, ALL)).map((x) => x.handle)).toContain(m.handle);
    await t.ctx.ds.query(`UPDATE users SET status = 'rejected' WHERE id = $1`, [m.id]);
    expect((await topMembers(t.ctx.ds, 'month', AT, ALL)).map((x) => x.handle)).not.toContain(m.handle);
    expect((await topAdministrations(t.ctx.ds, 'month', AT, ALL)).map((a) => a.slug)).not.toContain(adm.slug);
  });

  it('when a one-member administration earns more per head than a larger one, then it ranks above it although its total is smaller', async () => {
    const small = await createAdministration(t.ctx.ds, { population: 900 });
    const large = await createAdministration(t.ctx.ds, { population: 500_000 });
    const lone = await createUser(t.ctx.ds, { administrationId: small.id });
    const crowd = [await createUser(t.ctx.ds, { administrationId: large.id }), await createUser(t.ctx.ds, { administrationId: large.id }), await createUser(t.ctx.ds, { administrationId: large.id })];
    const hidden = await createUser(t.ctx.ds, { administrationId: large.id });
    const undecided = await createUser(t.ctx.ds, { administrationId: large.id });
    const at = new Date('2025-06-12T09:00:00Z');
    await choose(t.ctx.ds, lone.id, true);
    await award(t.ctx.ds, lone.id, 'usecase.published', { at, times: 3 }); // 75 points, 75 per member
    for (const m of crowd) {
      await choose(t.ctx.ds, m.id, true);
      await award(t.ctx.ds, m.id, 'usecase.published', { at, times: 2 }); // 150 points, 50 per member
    }
    // Members who did not agree are not counted, neither their points nor as members.
    await choose(t.ctx.ds, hidden.id, false);
    await award(t.ctx.ds, hidden.id, 'usecase.published', { at, times: 10 });
    await award(t.ctx.ds, undecided.id, 'usecase.published', { at, times: 10 });

    const ranking = (await topAdministrations(t.ctx.ds, 'month', AT, ALL)).filter((a) => a.slug === small.slug || a.slug === large.slug);
    expect(ranking).toEqual([
      expect.objectContaining({ slug: small.slug, points: 75, members: 1, perMember: 75 }),
      expect.objectContaining({ slug: large.slug, points: 150, members: 3, perMember: 50 }),
    ]);
    expect(ranking[0]!.rank).toBeLessThan(ranking[1]!.rank);
    // Members' ranking: the hidden and the undecided member are absent although they have the most points.
    const members = (await topMembers(t.ctx.ds, 'month', AT, ALL)).map((m) => m.handle);
    expect(members).toContain(lone.handle);
    expect(members).not.toContain(hidden.handle);
    expect(members).not.toContain(undecided.handle);
  });

  it('when an administration\'s page is opened, then it shows the points and active members this year (visible members), its use cases and their adoptions', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const other = await createAdministration(t.ctx.ds);
    const shown = await createUser(t.ctx.ds, { administrationId: adm.id });
    const coauthor = await createUser(t.ctx.ds, { administrationId: adm.id });
    const adopter = await createUser(t.ctx.ds, { administrationId: other.id });
    await choose(t.ctx.ds, shown.id, true);
    await choose(t.ctx.ds, coauthor.id, false);
    const useCase = `uc${shown.id}`;
    // One use case by both, one by the hidden member alone; another administration implemented the first.
    await award(t.ctx.ds, shown.id, 'usecase.published', { itemId: useCase });
    await award(t.ctx.ds, coauthor.id, 'usecase.published', { itemId: useCase });
    await award(t.ctx.ds, coauthor.id, 'usecase.published');
    await award(t.ctx.ds, shown.id, 'usecase.implemented', { itemId: useCase, actorId: adopter.id });
    await award(t.ctx.ds, coauthor.id, 'usecase.implemented', { itemId: useCase, actorId: adopter.id });
    // Last year's points do not count.
    await award(t.ctx.ds, shown.id, 'forum.answer_accepted', { at: new Date(Date.UTC(new Date().getUTCFullYear() - 1, 5, 1)) });

    expect(await engagementOf(t.ctx.ds, adm.id, new Date())).toEqual({ points: 45, members: 1, useCases: 2, adoptions: 1 });
    const page = await (await signedIn(t.app, adopter)).get(`/administrations/${adm.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Engagement im Netzwerk');
    expect(page.text).toMatch(/Punkte \d{4}<\/dt><dd class="kern-description-list-item__value">45</);
    const visitor = await request(t.app).get(`/administrations/${adm.slug}`);
    expect(visitor.status).toBe(200);
    expect(visitor.text).toContain('Engagement im Netzwerk');
  });

  it('when members open /recognition, then they see the month\'s and year\'s members with links; visitors see the administrations and a sign-in prompt, no names', async () => {
    const adm = await createAdministration(t.ctx.ds);
    const star = await createUser(t.ctx.ds, { administrationId: adm.id });
    await choose(t.ctx.ds, star.id, true);
    await award(t.ctx.ds, star.id, 'usecase.published', { times: 40 }); // 1000 points now: within any top ten of this run
    const viewer = await createUser(t.ctx.ds);
    const page = await (await signedIn(t.app, viewer)).get('/recognition');
    expect(page.status).toBe(200);
    expect(page.text.split(`href="/members/${star.handle}"`).length - 1).toBe(2); // month and year
    expect(page.text).toContain(`href="/administrations/${adm.slug}"`);
    expect(page.text).toContain('href="/recognition/points"');
    expect(page.text).toContain('href="/recognition/badges"');
    expect(page.text).not.toContain('leaderboard.csv');

    const visitor = await request(t.app).get('/recognition');
    expect(visitor.status).toBe(200);
    expect(visitor.text).not.toContain(star.handle);
    expect(visitor.text).not.toContain(star.name);
    expect(visitor.text).toContain(`href="/administrations/${adm.slug}"`);
    expect(visitor.text).toContain('href="/login?next=/recognition"');
  });
});
