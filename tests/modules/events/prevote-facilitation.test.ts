// Facilitating a pre-vote and what follows it: merging duplicates (dots move within the per-topic
// cap), rejecting with a reason, closing by the worker job and lazily on a page load, telling
// proposers and voters, building the agenda, the event-page summary, and a deleted member's rows.
import { describe, expect, it } from '@jest/globals';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { outboxFor } from '../../support/db.js';
import { createUser, PASSWORD } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { agendaOf } from '../../../src/modules/events/prevote.store.js';
import { prevoteSummaryForEvent } from '../../../src/modules/events/prevote.views.js';
import { createEvent, createGroup, createPrevote, createTopic, dotsOf, giveDots, prevoteState } from './prevote-fixtures.js';

describe('prevote: facilitation, closing and the agenda', () => {
  // A database of its own: its drains would otherwise wait behind other files' queued jobs.
  const t = useTestApp(usePrivateDatabase());
  const ds = () => t.ctx.ds;
  const notificationsOf = async (userId: number) => ds().query(`SELECT kind, vars FROM notifications WHERE user_id = $1 ORDER BY id`, [userId]);

  it('when a facilitator merges a duplicate, then dots move with it, capped at the per-topic maximum, and the message tells what was dropped', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { votesPerPerson: 4, maxPerTopic: 2 });
    const proposer = await createUser(ds());
    const [keep, dup] = [await createTopic(ds(), p.id, null, 'Beteiligung im Haushalt'), await createTopic(ds(), p.id, proposer.id, 'Bürgerhaushalt')];
    const [both, onlyDup] = [await createUser(ds()), await createUser(ds())];
    await giveDots(ds(), p.id, keep.id, both.id, 2);
    await giveDots(ds(), p.id, dup.id, both.id, 2);
    await giveDots(ds(), p.id, dup.id, onlyDup.id, 1);
    const uc = await createUseCase(ds());
    await ds().query(`INSERT INTO prevote_topic_use_cases (topic_id, use_case_id) VALUES ($1, $2)`, [dup.id, uc.id]);
    const member = await signedIn(t.app, await createUser(ds()));
    const before = await prevoteState(ds(), p.id);
    expect((await member.post(`/events/${event.id}/prevote/topics/${dup.id}/merge`, { into: String(keep.id) })).status).toBe(403);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
    const f = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const res = await f.post(`/events/${event.id}/prevote/topics/${dup.id}/merge`, { into: String(keep.id) });
    expect(res.status).toBe(303);
    expect(await dotsOf(ds(), p.id, both.id)).toEqual({ [keep.id]: 2 });
    expect(await dotsOf(ds(), p.id, onlyDup.id)).toEqual({ [keep.id]: 1 });
    expect((await ds().query(`SELECT status, merged_into_id FROM prevote_topics WHERE id = $1`, [dup.id]))[0]).toEqual({ status: 'merged', merged_into_id: keep.id });
    expect(await ds().query(`SELECT use_case_id FROM prevote_topic_use_cases WHERE topic_id = $1`, [keep.id])).toEqual([{ use_case_id: uc.id }]);
    const page = await f.get(res.headers.location!);
    expect(page.text).toContain('2 Punkte lagen über der Grenze pro Thema');
    expect((await notificationsOf(proposer.id)).map((n: { kind: string }) => n.kind)).toContain('prevote.merged');
  });

  it('when a facilitator rejects a proposal with a reason, then it leaves the vote, its dots go back and the proposer is told in-app and by e-mail; a too short reason is 422', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const proposer = await createUser(ds());
    const topic = await createTopic(ds(), p.id, proposer.id, 'Parkplätze');
    const voter = await createUser(ds());
    await giveDots(ds(), p.id, topic.id, voter.id, 1);
    const f = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const before = await prevoteState(ds(), p.id);
    const short = await f.post(`/events/${event.id}/prevote/topics/${topic.id}/reject`, { reason: 'nö' });
    expect(short.status).toBe(422);
    expect(await prevoteState(ds(), p.id)).toEqual(before);
    expect((await f.post(`/events/${event.id}/prevote/topics/${topic.id}/reject`, { reason: 'Gehört nicht zum Thema Beteiligung.' })).status).toBe(303);
    expect((await ds().query(`SELECT status, reject_reason FROM prevote_topics WHERE id = $1`, [topic.id]))[0]).toEqual({ status: 'rejected', reject_reason: 'Gehört nicht zum Thema Beteiligung.' });
    expect(await dotsOf(ds(), p.id, voter.id)).toEqual({});
    expect(await notificationsOf(proposer.id)).toEqual([{ kind: 'prevote.rejected', vars: { reason: 'Gehört nicht zum Thema Beteiligung.' } }]);
    expect((await outboxFor(ds(), proposer.email))[0]!.subject).toContain('Parkplätze');
  });

  it('when the deadline passes, then the worker job closes the vote and tells proposers and voters once; the ranking shows counts', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'voting' });
    const proposer = await createUser(ds());
    const voter = await createUser(ds());
    const [a, b] = [await createTopic(ds(), p.id, proposer.id, 'Thema Alpha'), await createTopic(ds(), p.id, null, 'Thema Beta')];
    await giveDots(ds(), p.id, b.id, voter.id, 2);
    await giveDots(ds(), p.id, a.id, voter.id, 1);
    // Time passes: the deadline is behind us and the job queued when the vote opened is due.
    await ds().query(`UPDATE prevotes SET closes_at = now() - interval '1 second' WHERE id = $1`, [p.id]);
    await ds().query(`INSERT INTO outbox (topic, key, payload) VALUES ('prevote.close', $1, $2)`, [`prevote.close:${p.id}`, JSON.stringify({ prevoteId: p.id })]);
    await ds().query(`INSERT INTO outbox (topic, key, payload) VALUES ('prevote.close', $1, $2)`, [`prevote.close:${p.id}`, JSON.stringify({ prevoteId: p.id })]);
    await t.drain();
    expect((await ds().query(`SELECT closed_at FROM prevotes WHERE id = $1`, [p.id]))[0].closed_at).not.toBeNull();
    for (const u of [proposer, voter]) {
      expect((await notificationsOf(u.id)).filter((n: { kind: string }) => n.kind === 'prevote.closed')).toHaveLength(1);
      expect((await outboxFor(ds(), u.email)).filter((m) => m.subject.startsWith('Ergebnis der Vorab-Abstimmung'))).toHaveLength(1);
    }
    const page = await (await signedIn(t.app, await createUser(ds()))).get(`/events/${event.id}/prevote`);
    expect(page.text).toContain('Abstimmung beendet');
    expect(page.text.indexOf('Thema Beta</a></td><td class="kern-table__cell">2</td>')).toBeGreaterThan(-1);
    expect(page.text.indexOf('Thema Beta</a>')).toBeLessThan(page.text.indexOf('Thema Alpha</a>'));
  });

  it('when the worker was down, then the next page load closes the vote', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'due' });
    const voter = await createUser(ds());
    const topic = await createTopic(ds(), p.id, null);
    await giveDots(ds(), p.id, topic.id, voter.id, 1);
    const page = await (await signedIn(t.app, voter)).get(`/events/${event.id}/prevote`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Ergebnis');
    expect((await ds().query(`SELECT closed_at FROM prevotes WHERE id = $1`, [p.id]))[0].closed_at).not.toBeNull();
    expect((await notificationsOf(voter.id)).map((n: { kind: string }) => n.kind)).toEqual(['prevote.closed']);
  });

  it('when the group lead turns top topics into agenda items, then proposers become presenters with the linked use cases, and items can be timed, moved and removed', async () => {
    const { group, lead, member } = await createGroup(ds());
    const event = await createEvent(ds(), { groupId: group.id });
    const p = await createPrevote(ds(), event.id, { phase: 'closed' });
    const proposer = await createUser(ds());
    const uc = await createUseCase(ds(), { administrationId: proposer.administrationId!, title: 'Quartiersrat Nord' });
    const top = await createTopic(ds(), p.id, proposer.id, 'Quartiersräte');
    const merged = await createTopic(ds(), p.id, member.id, 'Stadtteilbeiräte');
    await ds().query(`UPDATE prevote_topics SET status = 'merged', merged_into_id = $1 WHERE id = $2`, [top.id, merged.id]);
    await ds().query(`INSERT INTO prevote_topic_use_cases (topic_id, use_case_id) VALUES ($1, $2)`, [top.id, uc.id]);
    const asMember = await signedIn(t.app, member);
    expect((await asMember.get(`/events/${event.id}/agenda/edit`)).status).toBe(404);
    expect((await asMember.post(`/events/${event.id}/agenda/from-topic`, { topicId: String(top.id) })).status).toBe(403);
    expect(await agendaOf(ds(), event.id)).toEqual([]);

    const b = await signedIn(t.app, lead);
    expect((await b.get(`/events/${event.id}/agenda/edit`)).status).toBe(200);
    expect((await b.post(`/events/${event.id}/agenda/from-topic`, { topicId: String(top.id) })).status).toBe(303);
    expect((await b.post(`/events/${event.id}/agenda/from-topic`, { topicId: String(top.id) })).status).toBe(409);
    expect((await b.post(`/events/${event.id}/agenda`, { title: 'Kaffeepause', startsAt: '2026-03-29T10:30', durationMinutes: '20' })).status).toBe(303);
    expect((await b.post(`/events/${event.id}/agenda`, { title: 'Fehler', durationMinutes: '0' })).status).toBe(422);
    let agenda = await agendaOf(ds(), event.id);
    expect(agenda.map((i) => i.title)).toEqual(['Quartiersräte', 'Kaffeepause']);
    expect(agenda[0]!.presenters.map((u) => u.id).sort()).toEqual([proposer.id, member.id].sort());
    expect(agenda[0]!.useCases.map((c) => c.title)).toEqual(['Quartiersrat Nord']);
    // 10:30 in Berlin on the day summer time starts is 08:30 UTC.
    expect(new Date(agenda[1]!.startsAt!).toISOString()).toBe('2026-03-29T08:30:00.000Z');
    expect(new Date(agenda[1]!.endsAt!).toISOString()).toBe('2026-03-29T08:50:00.000Z');

    expect((await b.post(`/events/${event.id}/agenda/${agenda[1]!.id}/move`, { direction: 'up' })).status).toBe(303);
    agenda = await agendaOf(ds(), event.id);
    expect(agenda.map((i) => i.title)).toEqual(['Kaffeepause', 'Quartiersräte']);
    const item = agenda[1]!;
    expect((await b.get(`/events/${event.id}/agenda/${item.id}/edit`)).status).toBe(200);
    expect((await b.post(`/events/${event.id}/agenda/${item.id}/edit`, { title: 'Quartiersräte im Vergleich', presenters: [String(proposer.id)], useCases: [], addPresenter: 'niemand-da' })).status).toBe(422);
    expect((await b.post(`/events/${event.id}/agenda/${item.id}/edit`, { title: 'Quartiersräte im Vergleich', presenters: [String(proposer.id)], useCases: [String(uc.id)] })).status).toBe(303);
    agenda = await agendaOf(ds(), event.id);
    expect(agenda[1]).toMatchObject({ title: 'Quartiersräte im Vergleich' });
    expect(agenda[1]!.presenters.map((u) => u.id)).toEqual([proposer.id]);
    expect((await b.post(`/events/${event.id}/agenda/${agenda[0]!.id}/delete`)).status).toBe(303);
    expect((await agendaOf(ds(), event.id)).map((i) => i.title)).toEqual(['Quartiersräte im Vergleich']);
  });

  it('when the event page asks for the summary, then it reads as closed past the deadline, shows the top topics then, and hides them while open', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id, { phase: 'voting' });
    const topic = await createTopic(ds(), p.id, null, 'Spitzenthema');
    const voter = await createUser(ds());
    await giveDots(ds(), p.id, topic.id, voter.id, 2);
    const member = { ...(await createUser(ds())), status: 'active' as const, language: 'de' as const, administrationName: null, administrationSlug: null, totpEnabled: false };
    const open = await prevoteSummaryForEvent(ds(), event.id, member);
    expect(open).toMatchObject({ state: 'voting', topicCount: 1, top: [], canTakePart: true });
    expect(await prevoteSummaryForEvent(ds(), event.id, undefined)).toBeNull(); // a network event: visitors do not see it
    await ds().query(`UPDATE prevotes SET closes_at = now() - interval '1 minute', proposals_close_at = now() - interval '2 minutes' WHERE id = $1`, [p.id]);
    expect(await prevoteSummaryForEvent(ds(), event.id, member)).toMatchObject({ state: 'closed', top: [{ title: 'Spitzenthema', dots: 2 }], canTakePart: false });
    const none = await createEvent(ds());
    expect(await prevoteSummaryForEvent(ds(), none.id, member)).toBeNull();
    expect(await prevoteSummaryForEvent(ds(), none.id, { ...member, role: 'facilitator' })).toMatchObject({ state: 'none', newUrl: `/events/${none.id}/prevote/new` });
  });

  it('when a member who voted and proposed deletes their account keeping contributions, then their dots go and their proposal stays as a former member\'s', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const leaving = await createUser(ds());
    const other = await createUser(ds());
    const mine = await createTopic(ds(), p.id, leaving.id, 'Mein Vorschlag');
    await giveDots(ds(), p.id, mine.id, leaving.id, 2);
    await giveDots(ds(), p.id, mine.id, other.id, 1);
    const b = await signedIn(t.app, leaving);
    expect((await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'keep' }, '/me/delete')).status).toBe(200);
    expect(await dotsOf(ds(), p.id, leaving.id)).toEqual({});
    expect(await dotsOf(ds(), p.id, other.id)).toEqual({ [mine.id]: 1 });
    expect((await ds().query(`SELECT proposer_id, title FROM prevote_topics WHERE id = $1`, [mine.id]))[0]).toEqual({ proposer_id: null, title: 'Mein Vorschlag' });
    const page = await (await signedIn(t.app, other)).get(`/events/${event.id}/prevote`);
    expect(page.text).toContain('ehemaliges Mitglied');
  });

  it('when a member deletes their account removing contributions, then their proposals go too', async () => {
    const event = await createEvent(ds());
    const p = await createPrevote(ds(), event.id);
    const leaving = await createUser(ds());
    const mine = await createTopic(ds(), p.id, leaving.id, 'Weg damit');
    const b = await signedIn(t.app, leaving);
    expect((await b.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'remove' }, '/me/delete')).status).toBe(200);
    expect(await ds().query(`SELECT id FROM prevote_topics WHERE id = $1`, [mine.id])).toEqual([]);
  });
});
