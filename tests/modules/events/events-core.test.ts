import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import * as service from '../../../src/modules/events/events.service.js';
import { eventDocuments } from '../../../src/modules/events/events.search.js';
import { eventsPolicy } from '../../../src/modules/events/events.policy.js';
import { createEvent, createGroup } from './core-factories.js';

const form = (o: Record<string, string> = {}) => ({
  title: 'Barcamp Beteiligung', kind: 'barcamp', format: 'in_person', description: 'Wir **treffen** uns.',
  startsAt: '2031-06-01T10:00', endsAt: '2031-06-01T16:00', place: 'Stadthalle', onlineUrl: '',
  capacity: '30', registrationOpensAt: '', registrationClosesAt: '', visibility: 'network', language: 'de', organiserAdministrationId: '', groupId: '', ...o,
});
/** Events created by these members (other test files create events at the same time). */
const count = async (t: ReturnType<typeof useTestApp>, ...by: { id: number }[]) =>
  (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM events WHERE created_by_id = ANY($1::int[])`, [by.map((u) => u.id)]))[0].n as number;

describe('events: creating, editing, seeing', () => {
  const t = useTestApp();

  it.each<[string, 'member' | 'facilitator' | 'admin', boolean]>([
    ['member', 'member', false],
    ['facilitator', 'facilitator', true],
    ['admin', 'admin', true],
  ])('when a %s submits the create form, then the event is created: %s', async (_n, role, allowed) => {
    const u = await createUser(t.ctx.ds, { role });
    const b = await signedIn(t.app, u);
    const before = await count(t, u);
    const res = await b.post('/events', form(), '/barrierefreiheit');
    if (allowed) {
      expect(res.status).toBe(303);
      const id = Number(/^\/events\/(\d+)-barcamp-beteiligung$/.exec(res.headers.location!)![1]);
      const [row] = await t.ctx.ds.query(`SELECT description_html AS html, created_by_id AS "by", capacity FROM events WHERE id = $1`, [id]);
      expect(row).toEqual({ html: expect.stringContaining('<strong>treffen</strong>'), by: u.id, capacity: 30 });
      expect(await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(id)])).toEqual([{ action: 'event.create' }]);
      expect(await t.ctx.ds.query(`SELECT payload FROM outbox WHERE topic = 'search.index' AND key = $1`, [`search:event:${id}`])).toHaveLength(1);
    } else {
      expect(res.status).toBe(404);
      expect(await count(t, u)).toBe(before);
    }
  });

  it('when a visitor posts the create form, then it is refused and nothing is stored', async () => {
    const title = `Besuch ${Date.now()}-${Math.random()}`;
    const byTitle = async () => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM events WHERE title = $1`, [title]))[0].n as number;
    expect((await new Browser(t.app).post('/events', form({ title }))).status).toBe(401);
    expect(await byTitle()).toBe(0);
  });

  it('when a group lead creates an event, then only for their own group; a plain group member cannot', async () => {
    const [lead, member] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const group = await createGroup(t.ctx.ds, [{ userId: lead.id, role: 'lead' }, { userId: member.id }]);
    const other = await createGroup(t.ctx.ds);
    const before = await count(t, lead, member);
    const lb = await signedIn(t.app, lead);
    const wrong = await lb.post('/events', form({ groupId: String(other.id), title: 'Fremde Gruppe' }), '/events/new');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Fremde Gruppe');
    expect(await count(t, lead, member)).toBe(before);
    const ok = await lb.post('/events', form({ groupId: String(group.id), visibility: 'group', kind: 'group_meeting' }), '/events/new');
    expect(ok.status).toBe(303);
    const mb = await signedIn(t.app, member);
    expect((await mb.post('/events', form({ groupId: String(group.id) }), '/barrierefreiheit')).status).toBe(404);
    expect(await count(t, lead, member)).toBe(before + 1);
  });

  it('when the form is invalid, then 422 keeps the input and shows each message; nothing is stored', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, f);
    const before = await count(t, f);
    const res = await b.post('/events', form({ title: 'Ohne Ort', place: '', endsAt: '2031-06-01T09:00', capacity: '-3' }), '/events/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="Ohne Ort"');
    expect(res.text).toContain('Bitte geben Sie eine ganze Zahl');
    const res2 = await b.post('/events', form({ title: 'Online ohne Link', format: 'online', place: '' }), '/events/new');
    expect(res2.status).toBe(422);
    expect(res2.text).toContain('braucht einen Link');
    const res3 = await b.post('/events', form({ title: 'Ende vor Beginn', endsAt: '2031-06-01T09:00' }), '/events/new');
    expect(res3.status).toBe(422);
    expect(res3.text).toContain('Das Ende muss nach dem Beginn liegen');
    expect(await count(t, f)).toBe(before);
  });

  it('when the organiser or group is "0" (no id, found by the fuzzer: a 500 from the foreign key), then 422 keeps the input; nothing is stored or changed', async () => {
    const f = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, f);
    const before = await count(t, f);
    for (const field of ['organiserAdministrationId', 'groupId']) {
      const res = await b.post('/events', form({ title: `Null als ${field}`, [field]: '0' }), '/events/new');
      expect(res.status).toBe(422);
      expect(res.text).toContain(`value="Null als ${field}"`);
    }
    expect(await count(t, f)).toBe(before);
    const e = await createEvent(t.ctx.ds);
    const [row] = await t.ctx.ds.query(`SELECT to_jsonb(e) AS row FROM events e WHERE id = $1`, [e.id]);
    expect((await b.post(`${e.path}/edit`, form({ organiserAdministrationId: '0' }), '/barrierefreiheit')).status).toBe(422);
    expect(await t.ctx.ds.query(`SELECT to_jsonb(e) AS row FROM events e WHERE id = $1`, [e.id])).toEqual([row]);
  });

  it('when the slug in the address is wrong, then the page redirects to the right one', async () => {
    const e = await createEvent(t.ctx.ds, { visibility: 'public' });
    const res = await new Browser(t.app).get(`/events/${e.id}-old-title`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(e.path);
  });

  it('when visitors, members, group members and facilitators look, then each sees what the visibility allows (404 otherwise)', async () => {
    const [member, groupMember, lead, facilitator] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds, { role: 'facilitator' })];
    const group = await createGroup(t.ctx.ds, [{ userId: groupMember.id }, { userId: lead.id, role: 'lead' }]);
    const pub = await createEvent(t.ctx.ds, { visibility: 'public' });
    const net = await createEvent(t.ctx.ds, { visibility: 'network' });
    const grp = await createEvent(t.ctx.ds, { visibility: 'group', groupId: group.id });
    const visitor = new Browser(t.app);
    const look = async (b: Browser) => Promise.all([pub, net, grp].map(async (e) => (await b.get(e.path)).status));
    expect(await look(visitor)).toEqual([200, 404, 404]);
    expect(await look(await signedIn(t.app, member))).toEqual([200, 200, 404]);
    expect(await look(await signedIn(t.app, groupMember))).toEqual([200, 200, 200]);
    expect(await look(await signedIn(t.app, facilitator))).toEqual([200, 200, 200]);
    expect((await visitor.get(`/events/${grp.id}.ics`)).status).toBe(404);
    const list = await (await signedIn(t.app, member)).get('/events');
    expect(list.text).toContain(pub.path);
    expect(list.text).toContain(net.path);
    expect(list.text).not.toContain(grp.path);
    // The lead may edit the group's event; a plain member may not.
    expect((await (await signedIn(t.app, lead)).get(`${grp.path}/edit`)).status).toBe(200);
    expect((await (await signedIn(t.app, groupMember)).get(`${grp.path}/edit`)).status).toBe(404);
  });

  it('when a group lead edits their group\'s event, then it is saved with an audit entry; a member cannot and nothing changes', async () => {
    const [lead, member] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const group = await createGroup(t.ctx.ds, [{ userId: lead.id, role: 'lead' }, { userId: member.id }]);
    const e = await createEvent(t.ctx.ds, { groupId: group.id, visibility: 'group' });
    const fields = form({ title: 'Neuer Titel', groupId: String(group.id), visibility: 'group' });
    expect((await (await signedIn(t.app, member)).post(`${e.path}/edit`, fields)).status).toBe(404);
    expect((await t.ctx.ds.query(`SELECT title FROM events WHERE id = $1`, [e.id]))[0].title).not.toBe('Neuer Titel');
    const res = await (await signedIn(t.app, lead)).post(`${e.path}/edit`, fields, `${e.path}/edit`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/events/${e.id}-neuer-titel`);
    expect(await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(e.id)])).toEqual([{ action: 'event.edit' }]);
  });

  it('when people look at an event, then only registered participants and managers see the online link and the participant list', async () => {
    const e = await createEvent(t.ctx.ds, { visibility: 'network' });
    const [reg, other, facilitator] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds, { role: 'facilitator' })];
    await service.register(t.ctx, reg, e.id, true);
    const regB = await signedIn(t.app, reg);
    expect((await regB.get(e.path)).text).toContain('https://meet.example/secret-room');
    expect((await regB.get(`${e.path}/participants`)).status).toBe(200);
    expect((await regB.get(`${e.path}/participants.csv`)).status).toBe(404);
    const otherB = await signedIn(t.app, other);
    expect((await otherB.get(e.path)).text).not.toContain('secret-room');
    expect((await otherB.get(`${e.path}/participants`)).status).toBe(404);
    const fB = await signedIn(t.app, facilitator);
    expect((await fB.get(e.path)).text).toContain('secret-room');
    const page = await fB.get(`${e.path}/participants`);
    expect(page.text).toContain(reg.name);
  });

  it('when a facilitator exports participants, then names and administrations are there, e-mails only where agreed', async () => {
    const adm = await createAdministration(t.ctx.ds, { name: 'Stadt Beispielhausen' });
    const e = await createEvent(t.ctx.ds);
    const [yes, no, facilitator] = [await createUser(t.ctx.ds, { administrationId: adm.id }), await createUser(t.ctx.ds), await createUser(t.ctx.ds, { role: 'facilitator' })];
    await service.register(t.ctx, yes, e.id, true);
    await service.register(t.ctx, no, e.id, false);
    const csv = await (await signedIn(t.app, facilitator)).get(`${e.path}/participants.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text).toContain(`${yes.name},Stadt Beispielhausen,${yes.email}`);
    expect(csv.text).toContain(no.name);
    expect(csv.text).not.toContain(no.email);
  });

  it('when a facilitator marks attendance after the event, then the ticked ones attended; before it starts it is refused', async () => {
    const e = await createEvent(t.ctx.ds, { startsAt: new Date(Date.now() + 3_600_000) });
    const [a, b, facilitator] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds, { role: 'facilitator' })];
    await service.register(t.ctx, a, e.id, false);
    await service.register(t.ctx, b, e.id, false);
    const [ra] = await t.ctx.ds.query(`SELECT id FROM event_registrations WHERE event_id = $1 AND user_id = $2`, [e.id, a.id]);
    const fB = await signedIn(t.app, facilitator);
    expect((await fB.post(`${e.path}/attendance`, { attended: String(ra.id) }, `${e.path}/participants`)).status).toBe(409);
    expect(await t.ctx.ds.query(`SELECT attended FROM event_registrations WHERE event_id = $1 AND attended IS NOT NULL`, [e.id])).toEqual([]);
    await t.ctx.ds.query(`UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [e.id]);
    expect((await (await signedIn(t.app, a)).post(`${e.path}/attendance`, { attended: String(ra.id) }, `${e.path}/participants`)).status).toBe(404);
    const res = await fB.post(`${e.path}/attendance`, { attended: String(ra.id) }, `${e.path}/participants`);
    expect(res.status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT user_id AS "userId", attended FROM event_registrations WHERE event_id = $1 ORDER BY id`, [e.id]))
      .toEqual([{ userId: a.id, attended: true }, { userId: b.id, attended: false }]);
  });

  it('when the listing is filtered and the archive opened, then upcoming come first and past events are listed by year', async () => {
    const adm = await createAdministration(t.ctx.ds, { state: 'BB' });
    const soon = await createEvent(t.ctx.ds, { visibility: 'public', kind: 'webinar', format: 'online', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() + 86_400_000) });
    const later = await createEvent(t.ctx.ds, { visibility: 'public', kind: 'webinar', format: 'online', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() + 5 * 86_400_000) });
    const old = await createEvent(t.ctx.ds, { visibility: 'public', startsAt: new Date('2024-05-02T08:00:00Z'), endsAt: new Date('2024-05-02T10:00:00Z') });
    const v = new Browser(t.app);
    const list = (await v.get('/events?kind=webinar&format=online&state=BB')).text;
    expect(list.indexOf(soon.path)).toBeGreaterThan(-1);
    expect(list.indexOf(soon.path)).toBeLessThan(list.indexOf(later.path));
    expect(list).not.toContain(old.path);
    expect((await v.get('/events?state=HE')).text).not.toContain(soon.path);
    const archive = (await v.get('/events?year=2024')).text;
    expect(archive).toContain(old.path);
    expect(archive).not.toContain(soon.path);
    expect((await v.get('/events')).text).toContain('href="/events?year=2024"');
  });

  it('when more events match than fit on a page, then the list pages through them and keeps its filters', async () => {
    const group = await createGroup(t.ctx.ds);
    const events = [];
    for (let i = 0; i < 31; i++) {
      events.push(await createEvent(t.ctx.ds, { groupId: group.id, startsAt: new Date(Date.now() + (i + 1) * 86_400_000) }));
    }
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const first = (await b.get(`/events?group=${group.id}`)).text;
    expect(events.filter((e) => first.includes(`href="${e.path}"`))).toHaveLength(30);
    expect(first.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain(`href="/events?group=${group.id}&page=2"`);
    const second = (await b.get(`/events?group=${group.id}&page=2`)).text;
    expect(events.filter((e) => second.includes(`href="${e.path}"`)).map((e) => e.path)).toEqual([events[30]!.path]);
  });

  it('when a member opens their own profile, then "my events" lists their registrations; others do not see it', async () => {
    const e = await createEvent(t.ctx.ds, { title: 'Mein Treffen XYZ' });
    const [u, other] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    await service.register(t.ctx, u, e.id, false);
    expect((await (await signedIn(t.app, u)).get(`/members/${u.handle}`)).text).toContain('Mein Treffen XYZ');
    expect((await (await signedIn(t.app, other)).get(`/members/${u.handle}`)).text).not.toContain('Mein Treffen XYZ');
  });

  it('when events are indexed, then public and network events are documents and group-only events are not', async () => {
    const group = await createGroup(t.ctx.ds);
    const pub = await createEvent(t.ctx.ds, { visibility: 'public' });
    const net = await createEvent(t.ctx.ds, { visibility: 'network' });
    const grp = await createEvent(t.ctx.ds, { visibility: 'group', groupId: group.id });
    const docs = await eventDocuments(t.ctx.ds.manager, [pub.id, net.id, grp.id]);
    // The loader answers in no particular order.
    expect(docs.map((d) => [d.id, d.type, d.visibility]).sort()).toEqual([[`event:${pub.id}`, 'event', 'public'], [`event:${net.id}`, 'event', 'network']].sort());
  });

  it('when the policy is asked per role, then facilitators and group leads manage, registered people see details', () => {
    const e = { visibility: 'network' as const, createdById: 1, cancelledAt: null };
    const none = { group: null, registration: null };
    const member = { id: 2, role: 'member' as const };
    const fac = { id: 3, role: 'facilitator' as const };
    const admin = { id: 4, role: 'admin' as const };
    const lead = { group: { role: 'lead' as const, status: 'active' as const }, registration: null };
    const gm = { group: { role: 'member' as const, status: 'active' as const }, registration: null };
    expect([undefined, member, fac, admin].map((a) => eventsPolicy.canManageEvent(a, e, none))).toEqual([false, false, true, true]);
    expect(eventsPolicy.canManageEvent(member, e, lead)).toBe(true);
    expect(eventsPolicy.canManageEvent(member, e, gm)).toBe(false);
    expect(eventsPolicy.canSeeParticipantDetails(member, e, { group: null, registration: 'registered' })).toBe(true);
    expect(eventsPolicy.canSeeParticipantDetails(member, e, { group: null, registration: 'waiting' })).toBe(false);
    expect(eventsPolicy.canSeeEvent(undefined, { ...e, visibility: 'group' }, none)).toBe(false);
    expect(eventsPolicy.canSeeEvent(member, { ...e, visibility: 'group' }, gm)).toBe(true);
  });
});
