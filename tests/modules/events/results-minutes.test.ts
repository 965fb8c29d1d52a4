import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { signedIn } from '../../support/agent.js';
import { castFor, createEvent, MANAGERS, resultsState, ROLES } from './results-support.js';

describe('events: minutes and results (Markdown with revisions)', () => {
  const t = useTestApp();

  it.each(ROLES)('when a %s saves the minutes of a working group\'s event, then only those who manage it may, and a refusal changes nothing', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = await resultsState(t.ctx.ds, c.event.id);
    const b = await c.as(role);
    const res = await b.post(`/events/${c.event.id}/minutes`, { body: '# Ergebnisse\n\n- Punkt **eins**', status: 'draft', version: '0' });
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 303, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    if (!MANAGERS.includes(role)) {
      expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
      return;
    }
    const [m] = await t.ctx.ds.query(`SELECT body_source, body_html, version, status, updated_by_id FROM event_minutes WHERE event_id = $1`, [c.event.id]);
    expect(m).toMatchObject({ body_source: '# Ergebnisse\n\n- Punkt **eins**', version: 1, status: 'draft', updated_by_id: c.users[role as 'lead'].id });
    expect(m.body_html).toContain('<strong>eins</strong>');
    expect(await t.ctx.ds.query(`SELECT version, author_id FROM event_minutes_revisions WHERE event_id = $1`, [c.event.id]))
      .toEqual([{ version: 1, author_id: c.users[role as 'lead'].id }]);
    const [audit] = await t.ctx.ds.query(`SELECT action, actor_id FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(c.event.id)]);
    expect(audit).toEqual({ action: 'event_minutes.saved', actor_id: c.users[role as 'lead'].id });
  });

  it('when the minutes are saved twice, then the page shows the current text, the revision list links each version and an old version shows its text', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const lead = await c.as('lead');
    expect((await lead.post(`/events/${c.event.id}/minutes`, { body: 'Erste Fassung', status: 'draft', version: '0' })).status).toBe(303);
    expect((await lead.post(`/events/${c.event.id}/minutes`, { body: 'Zweite Fassung mit *Betonung*', status: 'accepted', version: '1' })).status).toBe(303);
    const member = await c.as('member');
    const page = await member.get(`/events/${c.event.id}/minutes`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<em>Betonung</em>');
    expect(page.text).toContain('Abgestimmt');
    expect(page.text).toContain(`href="/events/${c.event.id}-${c.event.slug}"`); // back to the event page
    expect(page.text).toContain(`href="/events/${c.event.id}/minutes/revisions/1"`);
    expect(page.text).toContain(`href="/events/${c.event.id}/minutes/revisions/2"`);
    expect(page.text).not.toContain('name="body"'); // no edit form for a member
    const old = await member.get(`/events/${c.event.id}/minutes/revisions/1`);
    expect(old.status).toBe(200);
    expect(old.text).toContain('Erste Fassung');
    expect(old.text).not.toContain('Zweite Fassung');
    expect((await member.get(`/events/${c.event.id}/minutes/revisions/9`)).status).toBe(404);
    expect((await lead.get(`/events/${c.event.id}/minutes`)).text).toContain('name="body"');
  });

  it('when two managers edit the same version, then the second gets 409 with their text kept, and nothing of theirs is stored', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const lead = await c.as('lead');
    const facilitator = await c.as('facilitator');
    await lead.post(`/events/${c.event.id}/minutes`, { body: 'Ausgangstext', status: 'draft', version: '0' });
    expect((await lead.post(`/events/${c.event.id}/minutes`, { body: 'Änderung der Leitung', status: 'draft', version: '1' })).status).toBe(303);
    const before = await resultsState(t.ctx.ds, c.event.id);
    const stale = await facilitator.post(`/events/${c.event.id}/minutes`, { body: 'Meine & späte Änderung', status: 'accepted', version: '1' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Jemand anderes hat das Protokoll inzwischen geändert');
    expect(stale.text).toContain('Meine &amp; späte Änderung</textarea>');
    expect(stale.text).toContain('Änderung der Leitung'); // the current version, shown above the form
    expect(stale.text).toContain('name="version" value="2"'); // saving again takes over deliberately
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
    // A first save that finds minutes already there is stale too.
    expect((await facilitator.post(`/events/${c.event.id}/minutes`, { body: 'Neu', status: 'draft', version: '0' })).status).toBe(409);
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
  });

  it('when the text is empty or the version is not a number, then 422 with the input kept and nothing stored', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const lead = await c.as('lead');
    const before = await resultsState(t.ctx.ds, c.event.id);
    const empty = await lead.post(`/events/${c.event.id}/minutes`, { body: '   ', status: 'draft', version: '0' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Bitte geben Sie einen Text ein.');
    const bad = await lead.post(`/events/${c.event.id}/minutes`, { body: 'Behalten', status: 'weird', version: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Behalten</textarea>');
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
  });

  it('when an event is for its working group only, then others get 404 for its minutes and revisions; group members and facilitators read them', async () => {
    const c = await castFor(t.app, t.ctx.ds, 'group');
    await (await c.as('lead')).post(`/events/${c.event.id}/minutes`, { body: 'Interne Ergebnisse', status: 'draft', version: '0' });
    for (const role of ['visitor', 'member'] as const) {
      const b = await c.as(role);
      expect((await b.get(`/events/${c.event.id}/minutes`)).status).toBe(404);
      expect((await b.get(`/events/${c.event.id}/minutes/revisions/1`)).status).toBe(404);
    }
    const before = await resultsState(t.ctx.ds, c.event.id);
    expect((await (await c.as('member')).post(`/events/${c.event.id}/minutes`, { body: 'x', status: 'draft', version: '1' })).status).toBe(404);
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
    for (const role of ['groupMember', 'lead', 'facilitator', 'admin'] as const) {
      expect((await (await c.as(role)).get(`/events/${c.event.id}/minutes`)).text).toContain('Interne Ergebnisse');
    }
  });

  it('when a network event has minutes, then visitors get 404 and public events show them to visitors', async () => {
    const network = await createEvent(t.ctx.ds, { visibility: 'network' });
    const pub = await createEvent(t.ctx.ds, { visibility: 'public' });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    for (const e of [network, pub]) await f.post(`/events/${e.id}/minutes`, { body: `Ergebnisse ${e.slug}`, status: 'accepted', version: '0' });
    const visitor = (await castFor(t.app, t.ctx.ds)).as('visitor');
    expect((await (await visitor).get(`/events/${network.id}/minutes`)).status).toBe(404);
    const page = await (await visitor).get(`/events/${pub.id}/minutes`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Ergebnisse ${pub.slug}`);
    expect((await (await visitor).get('/events/999999999/minutes')).status).toBe(404);
  });
});
