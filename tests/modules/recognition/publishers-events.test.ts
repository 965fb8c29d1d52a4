// The events' activity facts end to end: attendance recorded by the organiser, presenters on the
// agenda (a talk given) and pre-vote topics that made the agenda, through the events' own
// services; a cancelled event counts for nothing. Also the backfill from activityHistory.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createEvent, createPrevote, createTopic } from '../events/prevote-fixtures.js';
import type { SessionUser } from '../../../src/shared/identity.js';
import { cancelEvent, markAttendance } from '../../../src/modules/events/events.service.js';
import { addAgendaItem, addTopicToAgenda, changeAgendaItem, deleteAgendaItem } from '../../../src/modules/events/prevote.service.js';
import { replayHistory } from '../../../src/modules/recognition/ledger.service.js';

const t = useTestApp();
const HOUR = 3600_000;

const total = async (u: { id: number }) =>
  Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [u.id]))[0].s);
const reasons = async (u: { id: number }) =>
  (await t.ctx.ds.query(`SELECT reason, sum(points)::int AS p FROM recognition_ledger WHERE user_id = $1 GROUP BY reason ORDER BY reason`, [u.id])) as { reason: string; p: number }[];
const session = (u: TestUser) => u as unknown as SessionUser;

async function register(eventId: number, u: TestUser): Promise<number> {
  const [row] = await t.ctx.ds.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered') RETURNING id`, [eventId, u.id]);
  return row.id;
}

const agendaInput = (o: Partial<{ presenters: number[]; addPresenter: string }> = {}) =>
  ({ title: 'Erfahrungen aus der Praxis', description: '', startsAt: null, durationMinutes: null, presenters: [], useCases: [], addPresenter: '', ...o });

describe('events activity', () => {
  it('when the organiser records attendance, then those ticked get 5; unticked later, it is reversed; a cancelled event counts for nobody', async () => {
    const event = await createEvent(t.ctx.ds, { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR), format: 'online' });
    const organiser = await createUser(t.ctx.ds, { role: 'facilitator' });
    const [a, b, c] = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    const [ra, rb] = [await register(event.id, a), await register(event.id, b)];
    await register(event.id, c);

    await markAttendance(t.ctx, organiser, event.id, [ra, rb]);
    await t.drain();
    expect([await total(a), await total(b), await total(c)]).toEqual([5, 5, 0]);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, item_id, url, competences, actor_id FROM recognition_facts WHERE fact = $1`, [`event.attended:${event.id}:${a.id}`]);
    expect(fact).toEqual({ item_type: 'event', item_id: String(event.id), url: `/events/${event.id}-${event.slug}`, competences: ['methods-formats', 'digital-tools'], actor_id: organiser.id });

    await markAttendance(t.ctx, organiser, event.id, [ra]);
    await t.drain();
    expect([await total(a), await total(b)]).toEqual([5, 0]);

    await cancelEvent(t.ctx, organiser, event.id, 'Fiel aus');
    await t.drain();
    expect(await total(a)).toBe(0);
  });

  it('when a topic makes the agenda, then its proposer gets 5 and, as presenter, 15 for the talk; unticked as presenter and the item deleted, both are reversed', async () => {
    const event = await createEvent(t.ctx.ds);
    const organiser = await createUser(t.ctx.ds, { role: 'facilitator' });
    const proposer = await createUser(t.ctx.ds);
    const prevote = await createPrevote(t.ctx.ds, event.id, { phase: 'closed' });
    const topic = await createTopic(t.ctx.ds, prevote.id, proposer.id);

    const itemId = await addTopicToAgenda(t.ctx, session(organiser), event.id, topic.id);
    await t.drain();
    expect(await reasons(proposer)).toEqual([{ reason: 'talk-given', p: 15 }, { reason: 'topic-on-agenda', p: 5 }]);

    await changeAgendaItem(t.ctx, session(organiser), event.id, itemId, agendaInput({ presenters: [] }));
    await t.drain();
    expect(await reasons(proposer)).toEqual([{ reason: 'talk-given', p: 0 }, { reason: 'topic-on-agenda', p: 5 }]);

    await deleteAgendaItem(t.ctx, session(organiser), event.id, itemId);
    await t.drain();
    expect(await total(proposer)).toBe(0);

    // A speaker added by handle to an item of their own.
    const speaker = await createUser(t.ctx.ds);
    await addAgendaItem(t.ctx, session(organiser), event.id, agendaInput({ addPresenter: speaker.handle }));
    await t.drain();
    expect(await reasons(speaker)).toEqual([{ reason: 'talk-given', p: 15 }]);
  });

  it('when the events facts are lost, then the backfill restores attendance, talks and topics on the agenda', async () => {
    const event = await createEvent(t.ctx.ds, { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) });
    const member = await createUser(t.ctx.ds);
    // Written straight to the database like the demo data.
    await t.ctx.ds.query(`INSERT INTO event_registrations (event_id, user_id, status, attended) VALUES ($1, $2, 'registered', true)`, [event.id, member.id]);
    const prevote = await createPrevote(t.ctx.ds, event.id, { phase: 'closed' });
    const topic = await createTopic(t.ctx.ds, prevote.id, member.id);
    const [item] = await t.ctx.ds.query(`INSERT INTO event_agenda_items (event_id, position, title, topic_id) VALUES ($1, 1, 'Thema', $2) RETURNING id`, [event.id, topic.id]);
    await t.ctx.ds.query(`INSERT INTO event_agenda_presenters (item_id, user_id) VALUES ($1, $2)`, [item.id, member.id]);
    expect(await total(member)).toBe(0);

    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [member.id] });
    expect(await reasons(member)).toEqual([{ reason: 'event-attended', p: 5 }, { reason: 'talk-given', p: 15 }, { reason: 'topic-on-agenda', p: 5 }]);
    await t.ctx.ds.query(`DELETE FROM recognition_facts WHERE user_id = $1`, [member.id]);
    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [member.id] });
    expect(await total(member)).toBe(25);
  });
});
