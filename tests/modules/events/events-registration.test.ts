import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { outboxFor } from '../../support/db.js';
import * as service from '../../../src/modules/events/events.service.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { createEvent, registrations, statusCounts } from './core-factories.js';

const users = (ds: Parameters<typeof createUser>[0], n: number) => Promise.all(Array.from({ length: n }, () => createUser(ds)));

describe('events: registration and the waiting list', () => {
  // A database of its own: its drains would otherwise wait behind other files' queued jobs.
  const t = useTestApp(usePrivateDatabase());

  it('when 50 members register at once for 10 places, then exactly 10 are registered and 40 wait', async () => {
    const e = await createEvent(t.ctx.ds, { capacity: 10 });
    const people = await users(t.ctx.ds, 50);
    const outcomes = await Promise.all(people.map((u) => service.register(t.ctx, u, e.id, false)));
    expect(outcomes.filter((o) => o === 'registered')).toHaveLength(10);
    expect(await statusCounts(t.ctx.ds, e.id)).toEqual({ registered: 10, waiting: 40 });
  });

  it('when cancellations and registrations interleave, then nobody is overbooked and nobody waits while a place is free', async () => {
    const e = await createEvent(t.ctx.ds, { capacity: 10 });
    const first = await users(t.ctx.ds, 20);
    await Promise.all(first.map((u) => service.register(t.ctx, u, e.id, false)));
    expect(await statusCounts(t.ctx.ds, e.id)).toEqual({ registered: 10, waiting: 10 });
    const late = await users(t.ctx.ds, 15);
    const registeredNow = (await registrations(t.ctx.ds, e.id)).filter((r) => r.status === 'registered').map((r) => r.userId);
    const leaving = first.filter((u) => registeredNow.includes(u.id)).slice(0, 8);
    const waitingLeaving = first.filter((u) => !registeredNow.includes(u.id)).slice(0, 3);
    await Promise.all([
      ...leaving.map((u) => service.unregister(t.ctx, u, e.id)),
      ...waitingLeaving.map((u) => service.unregister(t.ctx, u, e.id)),
      ...late.map((u) => service.register(t.ctx, u, e.id, false)),
    ]);
    const counts = await statusCounts(t.ctx.ds, e.id);
    // 35 people, 11 left: 24 remain; 10 hold places, 14 wait.
    expect(counts).toEqual({ registered: 10, waiting: 14, cancelled: 11 });
  });

  it('when a registered member cancels, then the first person waiting moves up in the same transaction and is told in-app and by e-mail', async () => {
    const e = await createEvent(t.ctx.ds, { capacity: 1 });
    const [a, b, c] = await users(t.ctx.ds, 3) as [TestUser, TestUser, TestUser];
    expect(await service.register(t.ctx, a, e.id, false)).toBe('registered');
    expect(await service.register(t.ctx, b, e.id, false)).toBe('waiting');
    expect(await service.register(t.ctx, c, e.id, false)).toBe('waiting');
    const browser = await signedIn(t.app, a);
    const res = await browser.post(`${e.path}/unregister`, {}, e.path);
    expect(res.status).toBe(303);
    expect(await registrations(t.ctx.ds, e.id)).toEqual([
      { userId: a.id, status: 'cancelled' }, { userId: b.id, status: 'registered' }, { userId: c.id, status: 'waiting' },
    ]);
    const notes = await t.ctx.ds.query(`SELECT user_id AS "userId", kind, url FROM notifications WHERE subject_type = 'event' AND subject_id = $1`, [String(e.id)]);
    expect(notes).toEqual([{ userId: b.id, kind: 'event.promoted', url: e.path }]);
    const mails = await outboxFor(t.ctx.ds, b.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(`http://praxis.test${e.path}`);
    expect(await outboxFor(t.ctx.ds, c.email)).toEqual([]);
  });

  it('when a member registers through the form, then the checkbox decides whether the e-mail may be shared, and a second registration is refused', async () => {
    const e = await createEvent(t.ctx.ds);
    const u = await createUser(t.ctx.ds);
    const browser = await signedIn(t.app, u);
    const res = await browser.post(`${e.path}/register`, { shareEmail: 'yes' }, e.path);
    expect(res.status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT status, share_email AS "shareEmail" FROM event_registrations WHERE event_id = $1`, [e.id])).toEqual([{ status: 'registered', shareEmail: true }]);
    const again = await browser.post(`${e.path}/register`, {}, e.path);
    expect(again.status).toBe(409);
    expect(again.text).toContain('bereits angemeldet');
    expect(await t.ctx.ds.query(`SELECT status, share_email AS "shareEmail" FROM event_registrations WHERE event_id = $1`, [e.id])).toEqual([{ status: 'registered', shareEmail: true }]);
  });

  it.each([
    ['not yet open', { opensAt: new Date(Date.now() + 86_400_000) }, 'noch nicht geöffnet'],
    ['closed', { closesAt: new Date(Date.now() - 60_000) }, 'geschlossen'],
    ['past', { startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 80_000_000) }, 'schon begonnen'],
  ])('when registration is %s, then it is refused with a clear message and nothing is stored', async (_name, o, message) => {
    const e = await createEvent(t.ctx.ds, o);
    const u = await createUser(t.ctx.ds);
    const browser = await signedIn(t.app, u);
    const page = await browser.get(e.path);
    expect(page.text).toContain(message);
    const res = await browser.post(`${e.path}/register`, {}, e.path);
    expect(res.status).toBe(409);
    expect(res.text).toContain(message);
    expect(await registrations(t.ctx.ds, e.id)).toEqual([]);
  });

  it('when the event is cancelled, then registration is refused and nothing is stored', async () => {
    const e = await createEvent(t.ctx.ds);
    await t.ctx.ds.query(`UPDATE events SET cancelled_at = now() WHERE id = $1`, [e.id]);
    const u = await createUser(t.ctx.ds);
    await expect(service.register(t.ctx, u, e.id, false)).rejects.toMatchObject({ status: 403 });
    const browser = await signedIn(t.app, u);
    const res = await browser.post(`${e.path}/register`, {}, e.path);
    expect(res.status).toBe(403);
    expect(await registrations(t.ctx.ds, e.id)).toEqual([]);
  });

  it('when a visitor posts a registration, then it is refused (401) and nothing is stored', async () => {
    const e = await createEvent(t.ctx.ds, { visibility: 'public' });
    const { Browser } = await import('../../support/agent.js');
    const res = await new Browser(t.app).post(`${e.path}/register`, {});
    expect(res.status).toBe(401);
    expect(await registrations(t.ctx.ds, e.id)).toEqual([]);
  });

  it('when a member with a place deletes their account, then the first person waiting gets the place and is told', async () => {
    const e = await createEvent(t.ctx.ds, { capacity: 1 });
    const [a, b] = await users(t.ctx.ds, 2) as [TestUser, TestUser];
    await service.register(t.ctx, a, e.id, false);
    await service.register(t.ctx, b, e.id, false);
    await inTransaction(t.ctx.ds, (db) => service.releasePlacesOf(db, a.id));
    expect(await registrations(t.ctx.ds, e.id)).toEqual([{ userId: b.id, status: 'registered' }]);
    await t.drain();
    expect(await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 AND subject_type = 'event'`, [b.id])).toEqual([{ kind: 'event.promoted' }]);
    expect((await outboxFor(t.ctx.ds, b.email)).map((m) => m.subject)).toEqual([expect.stringContaining('Sie haben einen Platz')]);
    // A retry of the handled row (a crash before it was marked done) tells nobody a second time.
    const [job] = await t.ctx.ds.query(`SELECT id, payload FROM outbox WHERE topic = $1 AND key = $2`, [service.PROMOTED_TOPIC, `event:${e.id}`]);
    expect(job.payload).toEqual({ eventId: e.id });
    await service.tellPromotedLater(t.ctx, Number(job.id), job.payload);
    expect(await t.ctx.ds.query(`SELECT kind FROM notifications WHERE user_id = $1 AND subject_type = 'event'`, [b.id])).toHaveLength(1);
    expect(await outboxFor(t.ctx.ds, b.email)).toHaveLength(1);
  });

  it('when the capacity is raised, then people waiting move up', async () => {
    const e = await createEvent(t.ctx.ds, { capacity: 1 });
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const [a, b] = await users(t.ctx.ds, 2) as [TestUser, TestUser];
    await service.register(t.ctx, a, e.id, false);
    await service.register(t.ctx, b, e.id, false);
    const { event } = await (await import('../../../src/modules/events/events.queries.js')).loadEventForViewer(t.ctx.ds, e.id, facilitator);
    const { formValues } = await import('../../../src/modules/events/events.views.js');
    const browser = await signedIn(t.app, facilitator);
    const res = await browser.post(`${e.path}/edit`, { ...formValues(event), capacity: '2' } as Record<string, string>, `${e.path}/edit`);
    expect(res.status).toBe(303);
    expect(await statusCounts(t.ctx.ds, e.id)).toEqual({ registered: 2 });
  });
});
