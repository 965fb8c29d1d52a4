// Opening an event's topic pre-vote and changing its settings: who may (facilitators, admins, the
// event's group lead), who may not (visitors, members, group members), and bad input.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createEvent, createGroup, createPrevote, prevoteState } from './prevote-fixtures.js';
import { utcToBerlinInput as utcToBerlin } from '../../../src/modules/events/events.time.js';

const inHours = (h: number) => utcToBerlin(new Date(Date.now() + h * 3600_000));
const form = (o: Record<string, string> = {}) => ({
  question: 'Welche Themen sollen wir im Workshop vertiefen?', proposalsCloseAt: inHours(24), closesAt: inHours(48),
  votesPerPerson: '3', maxPerTopic: '2', proposers: 'network', ...o,
});

describe('prevote: opening and settings', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;
  const prevoteOf = async (eventId: number) => (await ds().query(`SELECT * FROM prevotes WHERE event_id = $1`, [eventId]))[0];

  it('when a member who does not manage the event sends the settings form with errors, then 404 and no form is shown; nothing is stored', async () => {
    const event = await createEvent(ds());
    const b = await signedIn(t.app, await createUser(ds()));
    const res = await b.post(`/events/${event.id}/prevote/new`, form({ question: '' }));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(`action="/events/${event.id}/prevote/new"`);
    expect(await prevoteOf(event.id)).toBeUndefined();
  });

  it('when a facilitator opens a pre-vote, then it is stored with its settings and a closing job is queued for the deadline', async () => {
    const event = await createEvent(ds());
    const b = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    expect((await b.get(`/events/${event.id}/prevote/new`)).status).toBe(200);
    const res = await b.post(`/events/${event.id}/prevote/new`, form({ showInterim: 'on' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/events/${event.id}/prevote`);
    const p = await prevoteOf(event.id);
    expect(p).toMatchObject({ votes_per_person: 3, max_per_topic: 2, proposers: 'network', show_interim: true, closed_at: null });
    const [job] = await ds().query(`SELECT available_at FROM outbox WHERE topic = 'prevote.close' AND key = $1`, [`prevote.close:${p.id}`]);
    expect(new Date(job.available_at).getTime()).toBeGreaterThanOrEqual(new Date(p.closes_at).getTime());
    const page = await b.get(`/events/${event.id}/prevote`);
    expect(page.text).toContain('Welche Themen sollen wir im Workshop vertiefen?');
  });

  it('when the lead of the event\'s working group opens a pre-vote for group members, then it is stored; a group member and a plain member may not', async () => {
    const { group, lead, member } = await createGroup(ds());
    const event = await createEvent(ds(), { groupId: group.id, visibility: 'group' });
    const asMember = await signedIn(t.app, member);
    expect((await asMember.get(`/events/${event.id}/prevote/new`)).status).toBe(404);
    expect((await asMember.post(`/events/${event.id}/prevote/new`, form())).status).toBe(403);
    const other = await signedIn(t.app, await createUser(ds()));
    expect((await other.post(`/events/${event.id}/prevote/new`, form())).status).toBe(404); // cannot see a group-only event
    expect(await prevoteOf(event.id)).toBeUndefined();
    const asLead = await signedIn(t.app, lead);
    expect((await asLead.post(`/events/${event.id}/prevote/new`, form({ proposers: 'group' }))).status).toBe(303);
    expect((await prevoteOf(event.id)).proposers).toBe('group');
  });

  it('when a visitor or a member tries to open one on a network event, then they are refused and nothing is stored; an admin may', async () => {
    const event = await createEvent(ds());
    const visitor = await request(t.app).get(`/events/${event.id}/prevote/new`);
    expect([302, 303]).toContain(visitor.status);
    const member = await signedIn(t.app, await createUser(ds()));
    expect((await member.get(`/events/${event.id}/prevote/new`)).status).toBe(404);
    expect((await member.post(`/events/${event.id}/prevote/new`, form())).status).toBe(403);
    expect(await prevoteOf(event.id)).toBeUndefined();
    const admin = await signedIn(t.app, await createUser(ds(), { role: 'admin' }));
    expect((await admin.post(`/events/${event.id}/prevote/new`, form())).status).toBe(303);
  });

  it('when the input is bad, then the form comes back with 422, the text kept and nothing stored', async () => {
    const event = await createEvent(ds());
    const b = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    for (const bad of [
      form({ votesPerPerson: '0' }), form({ maxPerTopic: '6' }), form({ maxPerTopic: '4', votesPerPerson: '3' }),
      form({ closesAt: inHours(2) }), form({ proposalsCloseAt: 'morgen' }), form({ proposalsCloseAt: inHours(-2) }), form({ proposers: 'everyone' }),
    ]) {
      const res = await b.post(`/events/${event.id}/prevote/new`, { ...bad, question: 'Meine Frage <b>bleibt</b>' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Meine Frage &lt;b&gt;bleibt&lt;/b&gt;');
    }
    expect(await prevoteOf(event.id)).toBeUndefined();
  });

  it('when an event has a pre-vote already, then a second is refused with 409', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const b = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const before = await prevoteState(ds(), p.id);
    expect((await b.post(`/events/${event.id}/prevote/new`, form())).status).toBe(409);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
  });

  it('when a facilitator changes the settings while open, then they are saved; below what members gave, or after closing, they are refused', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'voting' });
    const voter = await createUser(ds());
    const { createTopic, giveDots } = await import('./prevote-fixtures.js');
    const topic = await createTopic(ds(), p.id, voter.id);
    await giveDots(ds(), p.id, topic.id, voter.id, 2);
    const b = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const edit = await b.get(`/events/${event.id}/prevote/edit`);
    expect(edit.status).toBe(200);
    const keep = { proposalsCloseAt: utcToBerlin(p.proposalsCloseAt), closesAt: inHours(72) };
    expect((await b.post(`/events/${event.id}/prevote/edit`, form({ ...keep, maxPerTopic: '1' }))).status).toBe(422);
    expect((await b.post(`/events/${event.id}/prevote/edit`, form({ ...keep, votesPerPerson: '5' }))).status).toBe(303);
    expect((await prevoteOf(event.id)).votes_per_person).toBe(5);
    await ds().query(`UPDATE prevotes SET closed_at = now() WHERE id = $1`, [p.id]);
    const before = await prevoteState(ds(), p.id);
    expect((await b.post(`/events/${event.id}/prevote/edit`, form({ ...keep, votesPerPerson: '7' }))).status).toBe(409);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
  });
});
