// Factories for the pre-vote tests: an event (saved through the Event entity, with a uid), a
// working group with a lead and members, a pre-vote in a chosen phase, topics and votes.
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Event } from '../../../src/modules/events/event.entity.js';
import { WorkingGroup, WorkingGroupMember } from '../../../src/modules/events/group.entity.js';
import { Prevote, PrevoteTopic, PrevoteVote } from '../../../src/modules/events/prevote.entity.js';
import { createUser, uniq, type TestUser } from '../../support/factories.js';

const HOUR = 3600_000;

export async function createEvent(ds: DataSource, o: Partial<Event> = {}): Promise<Event> {
  const slug = uniq('ev-');
  return ds.getRepository(Event).save(ds.getRepository(Event).create({
    uid: `${randomUUID()}@praxis.test`, slug, title: `Workshop ${slug}`, kind: 'workshop', format: 'in_person',
    startsAt: new Date(Date.now() + 30 * 24 * HOUR), endsAt: new Date(Date.now() + 30 * 24 * HOUR + 4 * HOUR), visibility: 'network', ...o,
  }));
}

export async function createGroup(ds: DataSource): Promise<{ group: WorkingGroup; lead: TestUser; member: TestUser }> {
  const group = await ds.getRepository(WorkingGroup).save(ds.getRepository(WorkingGroup).create({ slug: uniq('ak-'), name: `Arbeitskreis ${uniq()}` }));
  const lead = await createUser(ds);
  const member = await createUser(ds);
  await ds.getRepository(WorkingGroupMember).save([
    { groupId: group.id, userId: lead.id, role: 'lead', status: 'active' },
    { groupId: group.id, userId: member.id, role: 'member', status: 'active' },
  ]);
  return { group, lead, member };
}

/** phase: proposals (both deadlines ahead), voting (proposals closed), due (deadline passed, not closed), closed. */
export async function createPrevote(
  ds: DataSource, eventId: number,
  o: Partial<Prevote> & { phase?: 'proposals' | 'voting' | 'due' | 'closed' } = {},
): Promise<Prevote> {
  const now = Date.now();
  const phase = o.phase ?? 'proposals';
  const times = {
    proposals: [now + 24 * HOUR, now + 48 * HOUR],
    voting: [now - HOUR, now + 24 * HOUR],
    due: [now - 2 * HOUR, now - HOUR],
    closed: [now - 2 * HOUR, now - HOUR],
  }[phase];
  const { phase: _p, ...rest } = o;
  return ds.getRepository(Prevote).save(ds.getRepository(Prevote).create({
    eventId, question: 'Welche Themen sollen wir vertiefen?', proposalsCloseAt: new Date(times[0]!), closesAt: new Date(times[1]!),
    votesPerPerson: 3, maxPerTopic: 2, proposers: 'network', showInterim: false, closedAt: phase === 'closed' ? new Date(now - HOUR) : null, ...rest,
  }));
}

export async function createTopic(ds: DataSource, prevoteId: number, proposerId: number | null, title = `Thema ${uniq()}`): Promise<PrevoteTopic> {
  return ds.getRepository(PrevoteTopic).save(ds.getRepository(PrevoteTopic).create({ prevoteId, proposerId, title, description: 'Kurz beschrieben.' }));
}

export async function giveDots(ds: DataSource, prevoteId: number, topicId: number, userId: number, dots: number): Promise<void> {
  await ds.getRepository(PrevoteVote).save({ prevoteId, topicId, userId, dots });
}

/** Everything a refused request must leave as it was. */
export async function prevoteState(ds: DataSource, prevoteId: number): Promise<unknown> {
  const [p] = await ds.query(`SELECT to_jsonb(p) AS row FROM prevotes p WHERE id = $1`, [prevoteId]);
  const topics = await ds.query(`SELECT to_jsonb(t) AS row FROM prevote_topics t WHERE prevote_id = $1 ORDER BY id`, [prevoteId]);
  const votes = await ds.query(`SELECT topic_id, user_id, dots FROM prevote_votes WHERE prevote_id = $1 ORDER BY topic_id, user_id`, [prevoteId]);
  const links = await ds.query(`SELECT x.* FROM prevote_topic_use_cases x JOIN prevote_topics t ON t.id = x.topic_id WHERE t.prevote_id = $1 ORDER BY 1, 2`, [prevoteId]);
  return { p, topics, votes, links };
}

export const dotsOf = async (ds: DataSource, prevoteId: number, userId: number): Promise<Record<number, number>> =>
  Object.fromEntries((await ds.query(`SELECT topic_id, dots FROM prevote_votes WHERE prevote_id = $1 AND user_id = $2`, [prevoteId, userId]))
    .map((r: { topic_id: number; dots: number }) => [r.topic_id, r.dots]));
