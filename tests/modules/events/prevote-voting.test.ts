// Proposing and dot voting: who takes part, proposals only until their deadline and only with one's
// own use cases, dots within the allowance and per-topic maximum, moving dots, two tabs at once,
// voting after the deadline, hidden interim counts, and nobody's votes shown to others.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { csrfIn, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createEvent, createGroup, createPrevote, createTopic, dotsOf, giveDots, prevoteState } from './prevote-fixtures.js';

describe('prevote: proposing and voting', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  it('when a member proposes a topic with their administration\'s use case, then it is listed with them; another administration\'s use case is refused with 422', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const member = await createUser(ds());
    const own = await createUseCase(ds(), { administrationId: member.administrationId!, title: 'Jugendforum Musterstadt' });
    const foreign = await createUseCase(ds());
    const b = await signedIn(t.app, member);
    const page = await b.get(`/events/${event.id}/prevote`);
    expect(page.text).toContain('Jugendforum Musterstadt');
    const before = await prevoteState(ds(), p.id);
    const refused = await b.post(`/events/${event.id}/prevote/topics`, { title: 'Fremdes Beispiel', description: 'x', useCases: [String(foreign.id)] });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Fremdes Beispiel');
    expect(await prevoteState(ds(), p.id)).toEqual(before);
    const res = await b.post(`/events/${event.id}/prevote/topics`, { title: 'Jugendbeteiligung verstetigen', description: 'Wie geht es weiter?', useCases: [String(own.id)] });
    expect(res.status).toBe(303);
    const [topic] = await ds().query(`SELECT * FROM prevote_topics WHERE prevote_id = $1`, [p.id]);
    expect(topic).toMatchObject({ title: 'Jugendbeteiligung verstetigen', proposer_id: member.id, status: 'proposed' });
    expect(await ds().query(`SELECT use_case_id FROM prevote_topic_use_cases WHERE topic_id = $1`, [topic.id])).toEqual([{ use_case_id: own.id }]);
    expect((await b.get(`/events/${event.id}/prevote`)).text).toContain(member.name);
  });

  it('when proposals have closed, then a proposal is refused with a clear message and nothing stored; a visitor is sent to sign in', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'voting' });
    const b = await signedIn(t.app, await createUser(ds()));
    const before = await prevoteState(ds(), p.id);
    const res = await b.post(`/events/${event.id}/prevote/topics`, { title: 'Zu spät', description: '' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Die Frist für Themenvorschläge ist abgelaufen');
    expect(await prevoteState(ds(), p.id)).toEqual(before);
    const visitor = await request(t.app).post(`/events/${event.id}/prevote/topics`).type('form').send({ title: 'x' });
    expect([302, 303, 403]).toContain(visitor.status);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
  });

  it('when a pre-vote is for the working group, then a group member proposes and votes, a member outside the group gets 403 and nothing changes', async () => {
    const { group, lead, member } = await createGroup(ds());
    const event = await createEvent(ds(), { groupId: group.id, visibility: 'network' });
    const p = await createPrevote(ds(), event.id, { proposers: 'group' });
    const topic = await createTopic(ds(), p.id, lead.id);
    const outsider = await signedIn(t.app, await createUser(ds()));
    const before = await prevoteState(ds(), p.id);
    expect((await outsider.post(`/events/${event.id}/prevote/topics`, { title: 'Von außen' })).status).toBe(403);
    expect((await outsider.post(`/events/${event.id}/prevote/votes`, { [`dots-${topic.id}`]: '1' })).status).toBe(403);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
    const inside = await signedIn(t.app, member);
    expect((await inside.post(`/events/${event.id}/prevote/topics`, { title: 'Von innen' })).status).toBe(303);
    expect((await inside.post(`/events/${event.id}/prevote/votes`, { [`dots-${topic.id}`]: '2' })).status).toBe(303);
    expect(await dotsOf(ds(), p.id, member.id)).toEqual({ [topic.id]: 2 });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    expect((await facilitator.post(`/events/${event.id}/prevote/votes`, { [`dots-${topic.id}`]: '1' })).status).toBe(303);
  });

  it('when a member gives dots and moves them, then only their latest allocation counts', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const [a, b2, c] = [await createTopic(ds(), p.id, null), await createTopic(ds(), p.id, null), await createTopic(ds(), p.id, null)];
    const member = await createUser(ds());
    const b = await signedIn(t.app, member);
    expect((await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: '2', [`dots-${b2.id}`]: '1', [`dots-${c.id}`]: '0' })).status).toBe(303);
    expect(await dotsOf(ds(), p.id, member.id)).toEqual({ [a.id]: 2, [b2.id]: 1 });
    expect((await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: '0', [`dots-${b2.id}`]: '1', [`dots-${c.id}`]: '2' })).status).toBe(303);
    expect(await dotsOf(ds(), p.id, member.id)).toEqual({ [b2.id]: 1, [c.id]: 2 });
  });

  it('when a member gives more dots than allowed in all or on one topic, or a bad number, then 422 with the message and nothing changed', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const [a, b2, c] = [await createTopic(ds(), p.id, null), await createTopic(ds(), p.id, null), await createTopic(ds(), p.id, null)];
    const member = await createUser(ds());
    await giveDots(ds(), p.id, a.id, member.id, 1);
    const b = await signedIn(t.app, member);
    const before = await prevoteState(ds(), p.id);
    const tooMany = await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: '2', [`dots-${b2.id}`]: '2', [`dots-${c.id}`]: '0' });
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toContain('Sie haben mehr Punkte verteilt, als Ihnen zustehen');
    const onTopic = await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: '3' });
    expect(onTopic.status).toBe(422);
    expect(onTopic.text).toContain('So viele Punkte passen nicht auf ein Thema');
    expect((await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: '-1' })).status).toBe(422);
    expect((await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: 'viele' })).status).toBe(422);
    // The field twice (a tampered or doubled form) is refused, not read as zero dots (which would drop the member's dot on a).
    expect((await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${a.id}`]: ['1', '2'] })).status).toBe(422);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
  });

  it('when the same member submits from two tabs at once, then the allowance holds (the submissions run one after the other)', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { votesPerPerson: 3, maxPerTopic: 2 });
    const topics = await Promise.all([1, 2, 3, 4].map(() => createTopic(ds(), p.id, null)));
    const member = await createUser(ds());
    const b = await signedIn(t.app, member);
    // Both tabs loaded the page (one CSRF token) and submit at the same moment.
    const token = csrfIn((await b.get(`/events/${event.id}/prevote`)).text);
    const submit = (fields: Record<string, string>) => b.agent.post(`/events/${event.id}/prevote/votes`).type('form').send({ ...fields, _csrf: token });
    for (let round = 0; round < 5; round++) {
      const [tabA, tabB] = await Promise.all([
        submit({ [`dots-${topics[0]!.id}`]: '2', [`dots-${topics[1]!.id}`]: '1' }),
        submit({ [`dots-${topics[2]!.id}`]: '2', [`dots-${topics[3]!.id}`]: '1' }),
      ]);
      expect([tabA.status, tabB.status]).toEqual([303, 303]);
      const dots = await dotsOf(ds(), p.id, member.id);
      expect(Object.values(dots).reduce((x, y) => x + y, 0)).toBe(3);
      const sorted = (l: number[]) => [...l].sort((x, y) => x - y);
      expect([sorted([topics[0]!.id, topics[1]!.id]), sorted([topics[2]!.id, topics[3]!.id])]).toContainEqual(sorted(Object.keys(dots).map(Number)));
    }
  });

  it('when the deadline has passed, then a vote is refused with a clear message and no dots change (the pre-vote closes lazily)', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'due' });
    const topic = await createTopic(ds(), p.id, null);
    const member = await createUser(ds());
    await giveDots(ds(), p.id, topic.id, member.id, 1);
    const b = await signedIn(t.app, member);
    const res = await b.post(`/events/${event.id}/prevote/votes`, { [`dots-${topic.id}`]: '2' });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Die Abstimmung ist beendet');
    expect(await dotsOf(ds(), p.id, member.id)).toEqual({ [topic.id]: 1 });
  });

  it('when interim counts are hidden, then nobody sees counts while open; with show_interim, totals show but never who gave them', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'voting' });
    const topic = await createTopic(ds(), p.id, null, 'Gut besuchtes Thema');
    const voter = await createUser(ds());
    const other = await createUser(ds());
    await giveDots(ds(), p.id, topic.id, voter.id, 2);
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    for (const b of [facilitator, await signedIn(t.app, other)]) {
      const page = await b.get(`/events/${event.id}/prevote`);
      expect(page.text).toContain('Die Zahlen werden erst gezeigt');
      expect(page.text).not.toContain('data-topic=');
      expect(page.text).not.toContain('Zwischenstand');
    }
    const asVoter = await signedIn(t.app, voter);
    const own = await asVoter.get(`/events/${event.id}/prevote`);
    expect(own.text).toMatch(/<option value="2" selected>2 Punkte<\/option>/);
    await ds().query(`UPDATE prevotes SET show_interim = true WHERE id = $1`, [p.id]);
    const page = await (await signedIn(t.app, other)).get(`/events/${event.id}/prevote`);
    expect(page.text).toContain('Zwischenstand');
    expect(page.text).toContain('1 Person hat abgestimmt');
    expect(page.text).not.toContain(voter.name);
    expect(page.text).not.toMatch(/<option value="2" selected>/);
  });
});
