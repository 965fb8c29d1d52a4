import { describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { outboxFor } from '../../support/db.js';
import * as service from '../../../src/modules/events/events.service.js';
import { eventsModule } from '../../../src/modules/events/index.js';
import { foldLine } from '../../../src/modules/events/events.ics.js';
import { createEvent } from './core-factories.js';

const parse = (text: string) => {
  const cal = new ICAL.Component(ICAL.parse(text));
  return { cal, events: cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
};

/** The form fields of a new event, times in Berlin wall-clock time. */
const form = (o: Record<string, string> = {}) => ({
  title: 'Werkstatt: Beteiligung, digital; mit \\ Schrägstrich', kind: 'workshop', format: 'hybrid', description: 'Zeile eins\n\nZeile zwei, mit Komma',
  startsAt: '2027-03-28T01:30', endsAt: '2027-03-28T04:00', place: 'Rathaus, Saal 1', onlineUrl: 'https://meet.example/raum',
  capacity: '', registrationOpensAt: '', registrationClosesAt: '', visibility: 'public', language: 'de', organiserAdministrationId: '', groupId: '', ...o,
});

describe('events: iCalendar download, private feed and reminders', () => {
  const t = useTestApp();

  it('when an event crosses the March DST change, then it is stored in UTC and the .ics parses with the right instants, escaping and folding', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    const res = await b.post('/events', form({ description: `Zeile eins\n\nZeile zwei, mit Komma; ${'Lang '.repeat(40)}Ende` }), '/events/new');
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(`SELECT id, uid, starts_at AS "startsAt", ends_at AS "endsAt" FROM events WHERE id = $1`, [Number(/\/events\/(\d+)-/.exec(res.headers.location!)![1])]);
    // 01:30 CET (UTC+1) and 04:00 CEST (UTC+2): one and a half hours.
    expect(row.startsAt.toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(row.endsAt.toISOString()).toBe('2027-03-28T02:00:00.000Z');
    const ics = await new Browser(t.app).get(`/events/${row.id}.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    const { cal, events: [ev] } = parse(ics.text);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toContain('Praxis');
    expect(ev!.uid).toBe(row.uid);
    expect(ev!.summary).toBe('Werkstatt: Beteiligung, digital; mit \\ Schrägstrich');
    expect(ev!.startDate.toJSDate().toISOString()).toBe('2027-03-28T00:30:00.000Z');
    expect(ev!.endDate.toJSDate().toISOString()).toBe('2027-03-28T02:00:00.000Z');
    expect(ev!.description).toContain('Zeile eins\n\nZeile zwei, mit Komma; Lang');
    expect(ev!.description).toContain('Ende');
    // A visitor sees the place, not the online link.
    expect(ev!.location).toBe('Rathaus, Saal 1');
    expect(ev!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(ev!.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(ev!.component.getFirstPropertyValue('url')).toBe(`http://praxis.test/events/${row.id}-${'werkstatt-beteiligung-digital-mit-schraegstrich'}`);
  });

  it('when an event crosses the October DST change, then the ambiguous hour means summer time and the instants are right', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    const res = await b.post('/events', form({ startsAt: '2027-10-31T02:30', endsAt: '2027-10-31T05:00' }), '/events/new');
    const id = Number(/\/events\/(\d+)-/.exec(res.headers.location!)![1]);
    const { events: [ev] } = parse((await new Browser(t.app).get(`/events/${id}.ics`)).text);
    expect(ev!.startDate.toJSDate().toISOString()).toBe('2027-10-31T00:30:00.000Z'); // 02:30 CEST
    expect(ev!.endDate.toJSDate().toISOString()).toBe('2027-10-31T04:00:00.000Z'); // 05:00 CET
  });

  it('when a local time does not exist (the hour skipped in March), then the form says so with 422 and keeps the input', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    const res = await b.post('/events', form({ startsAt: '2027-03-28T02:30', title: 'Uhrzeit gibt es nicht' }), '/events/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Uhrzeit gibt es nicht');
    expect(res.text).toContain('value="2027-03-28T02:30"');
    // (Counted by author: other test files create events at the same time.)
    expect(await t.ctx.ds.query(`SELECT count(*)::int AS n FROM events WHERE created_by_id = $1`, [facilitator.id])).toEqual([{ n: 0 }]);
  });

  it('when the time is edited, then the UID stays, SEQUENCE rises, and everyone registered or waiting is told', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await signedIn(t.app, facilitator);
    const res = await b.post('/events', form({ startsAt: '2030-05-01T10:00', endsAt: '2030-05-01T12:00', capacity: '1' }), '/events/new');
    const path = res.headers.location!;
    const id = Number(/\/events\/(\d+)-/.exec(path)![1]);
    const [p1, p2] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds, { language: 'en' })];
    await service.register(t.ctx, p1, id, false);
    await service.register(t.ctx, p2, id, false);
    const first = parse((await b.get(`/events/${id}.ics`)).text).events[0]!;
    // The facilitator sees the online link in LOCATION.
    expect(first.location).toContain('https://meet.example/raum');
    const edit = await b.post(`${path}/edit`, form({ startsAt: '2030-05-01T14:00', endsAt: '2030-05-01T16:00', capacity: '1' }), `${path}/edit`);
    expect(edit.status).toBe(303);
    const second = parse((await b.get(`/events/${id}.ics`)).text).events[0]!;
    expect(second.uid).toBe(first.uid);
    expect(second.sequence).toBe(first.sequence + 1);
    expect(second.startDate.toJSDate().toISOString()).toBe('2030-05-01T12:00:00.000Z');
    const notes = await t.ctx.ds.query(`SELECT user_id AS "userId", kind FROM notifications WHERE subject_type = 'event' AND subject_id = $1 ORDER BY user_id`, [String(id)]);
    expect(notes).toEqual([{ userId: p1.id, kind: 'event.changed' }, { userId: p2.id, kind: 'event.changed' }].sort((a, c) => a.userId - c.userId));
    expect((await outboxFor(t.ctx.ds, p1.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Geändert: /)]);
    expect((await outboxFor(t.ctx.ds, p2.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Changed: /)]);
    // A change to the description alone tells nobody and keeps SEQUENCE.
    await b.post(`${path}/edit`, form({ startsAt: '2030-05-01T14:00', endsAt: '2030-05-01T16:00', capacity: '1', description: 'Neu' }), `${path}/edit`);
    expect(parse((await b.get(`/events/${id}.ics`)).text).events[0]!.sequence).toBe(second.sequence);
    expect(await outboxFor(t.ctx.ds, p1.email)).toHaveLength(1);
  });

  it('when an event is cancelled, then everyone is told (by e-mail too unless they chose the app only), the page stays marked cancelled without registration, and the .ics says CANCELLED', async () => {
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const e = await createEvent(t.ctx.ds, { visibility: 'public', capacity: 1 });
    const [p1, p2] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    await service.register(t.ctx, p1, e.id, false);
    await service.register(t.ctx, p2, e.id, false);
    // p1 wants event news in the app only (notification settings): the bell, no e-mail.
    await t.ctx.ds.query(`INSERT INTO notification_preferences (user_id, kind_group, channel) VALUES ($1, 'events', 'app')`, [p1.id]);
    const b = await signedIn(t.app, facilitator);
    const short = await b.post(`${e.path}/cancel`, { reason: 'x' }, `${e.path}/edit`);
    expect(short.status).toBe(422);
    const res = await b.post(`${e.path}/cancel`, { reason: 'Referentin erkrankt' }, `${e.path}/edit`);
    expect(res.status).toBe(303);
    const kinds = await t.ctx.ds.query(`SELECT user_id AS "userId", kind FROM notifications WHERE subject_type = 'event' AND subject_id = $1`, [String(e.id)]);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['event.cancelled', 'event.cancelled']);
    expect((await outboxFor(t.ctx.ds, p2.email))[0]!.text).toContain('Referentin erkrankt');
    expect(await outboxFor(t.ctx.ds, p1.email)).toEqual([]);
    expect(await t.ctx.ds.query(`SELECT action, reason FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(e.id)])).toEqual([{ action: 'event.cancel', reason: 'Referentin erkrankt' }]);
    const page = await new Browser(t.app).get(e.path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Diese Veranstaltung ist abgesagt.');
    expect(page.text).not.toContain(`${e.path}/register`);
    const { events: [ev] } = parse((await new Browser(t.app).get(`/events/${e.id}.ics`)).text);
    expect(ev!.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('when a member creates a feed, then its URL lists their registrations; a new token revokes the old one', async () => {
    const u = await createUser(t.ctx.ds);
    const [e1, e2, e3] = [await createEvent(t.ctx.ds), await createEvent(t.ctx.ds), await createEvent(t.ctx.ds)];
    await service.register(t.ctx, u, e1.id, false);
    await service.register(t.ctx, u, e2.id, false);
    await service.unregister(t.ctx, u, e2.id);
    const b = await signedIn(t.app, u);
    const created = await b.post('/events/calendar', {}, '/events/calendar');
    expect(created.status).toBe(200);
    const url = /(http:\/\/praxis\.test\/calendar\/[\w-]+\.ics)/.exec(created.text)![1]!;
    expect(created.text).toContain(url.replace('http:', 'webcal:'));
    const [stored] = await t.ctx.ds.query(`SELECT token_hash AS "tokenHash" FROM calendar_feeds WHERE user_id = $1`, [u.id]);
    expect(url).not.toContain(stored.tokenHash);
    const path = new URL(url).pathname;
    const feed = await new Browser(t.app).get(path);
    expect(feed.status).toBe(200);
    const uids = parse(feed.text).events.map((ev) => ev.uid);
    const [{ uid }] = await t.ctx.ds.query(`SELECT uid FROM events WHERE id = $1`, [e1.id]);
    expect(uids).toEqual([uid]);
    expect(e3).toBeTruthy();
    await b.post('/events/calendar', {}, '/events/calendar');
    expect((await new Browser(t.app).get(path)).status).toBe(404);
    await b.post('/events/calendar/delete', {}, '/events/calendar');
    expect(await t.ctx.ds.query(`SELECT 1 FROM calendar_feeds WHERE user_id = $1`, [u.id])).toEqual([]);
  });

  it('when the reminder job runs twice, then each registration for tomorrow is reminded exactly once; cancelled events and registrations are not', async () => {
    const soon = new Date(Date.now() + 20 * 3_600_000);
    const e = await createEvent(t.ctx.ds, { startsAt: soon });
    const off = await createEvent(t.ctx.ds, { startsAt: soon });
    const later = await createEvent(t.ctx.ds, { startsAt: new Date(Date.now() + 3 * 86_400_000) });
    const [a, b, c] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    await service.register(t.ctx, a, e.id, false);
    await service.register(t.ctx, b, e.id, false);
    await service.unregister(t.ctx, b, e.id);
    await service.register(t.ctx, c, off.id, false);
    await t.ctx.ds.query(`UPDATE events SET cancelled_at = now() WHERE id = $1`, [off.id]);
    await service.register(t.ctx, c, later.id, false);
    await Promise.all([eventsModule.housekeeping!(t.ctx), eventsModule.housekeeping!(t.ctx)]);
    await eventsModule.housekeeping!(t.ctx);
    expect((await outboxFor(t.ctx.ds, a.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Morgen: /)]);
    expect(await outboxFor(t.ctx.ds, b.email)).toEqual([]);
    expect(await outboxFor(t.ctx.ds, c.email)).toEqual([]);
    expect(await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1`, [a.id])).toEqual([{ kind: 'event.reminder' }]);
    const [reg] = await t.ctx.ds.query(`SELECT reminded_at AS "remindedAt" FROM event_registrations WHERE event_id = $1 AND user_id = $2`, [e.id, a.id]);
    expect(reg.remindedAt).toBeInstanceOf(Date);
  });

  it('when a line is long or has multi-byte characters, then folding keeps each line at most 75 octets and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Ää€'.repeat(60)}`;
    const folded = foldLine(line);
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});
