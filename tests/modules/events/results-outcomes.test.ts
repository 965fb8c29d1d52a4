import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { resultsForEvent } from '../../../src/modules/events/results.queries.js';
import { castFor, MANAGERS, resultsState, ROLES } from './results-support.js';

describe('events: links to what came out of the event', () => {
  const t = useTestApp();

  it.each(ROLES)('when a %s links a use case to a working group\'s event, then only those who manage it may; a refusal changes nothing', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    const before = await resultsState(t.ctx.ds, c.event.id);
    const res = await (await c.as(role)).post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: `https://praxis.test/use-cases/${uc.slug}` });
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 303, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    if (!MANAGERS.includes(role)) {
      expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
      return;
    }
    expect(await t.ctx.ds.query(`SELECT kind, target_id, added_by_id FROM event_outcomes WHERE event_id = $1`, [c.event.id]))
      .toEqual([{ kind: 'use_case', target_id: uc.id, added_by_id: c.users[role as 'lead'].id }]);
    const [audit] = await t.ctx.ds.query(`SELECT action, details FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(c.event.id)]);
    expect(audit).toEqual({ action: 'event_outcome.added', details: { kind: 'use_case', targetId: uc.id } });
  });

  it.each(ROLES)('when a %s removes a link, then only those who manage the event may', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }) });
    expect((await (await c.as('facilitator')).post(`/events/${c.event.id}/outcomes`, { kind: 'thread', ref: th.url })).status).toBe(303);
    const before = await resultsState(t.ctx.ds, c.event.id);
    const res = await (await c.as(role)).post(`/events/${c.event.id}/outcomes/delete`, { kind: 'thread', targetId: String(th.id) });
    expect(res.status).toBe({ visitor: 401, member: 403, groupMember: 403, lead: 303, facilitator: 303, admin: 303 }[role]);
    if (!MANAGERS.includes(role)) {
      expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
      return;
    }
    expect(await t.ctx.ds.query(`SELECT 1 FROM event_outcomes WHERE event_id = $1`, [c.event.id])).toEqual([]);
  });

  it('when use cases, threads and chapters are linked, then each viewer sees only the items they may see, with their titles', async () => {
    const c = await castFor(t.app, t.ctx.ds, 'public');
    const author = await createUser(t.ctx.ds);
    const publicCase = await createUseCase(t.ctx.ds, { visibility: 'public', title: 'Öffentliches Beispiel Bürgerhaushalt' });
    const networkCase = await createUseCase(t.ctx.ds, { visibility: 'network', title: 'Netzwerk-Beispiel Jugendforum' });
    const draftCase = await createUseCase(t.ctx.ds, { visibility: 'public', published: false, createdById: author.id, title: 'Entwurf Quartiersrat' });
    const publicThread = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }), title: 'Öffentliche Frage zum Losverfahren' });
    const memberThread = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: false }), title: 'Interne Frage zur Moderation' });
    const guide = await createGuide(t.ctx.ds, { title: 'Leitfaden Werkstätten' });
    const [chapter] = await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [guide.id]);
    const f = await c.as('facilitator');
    for (const fields of <Record<string, string>[]>[
      { kind: 'use_case', ref: publicCase.slug },
      { kind: 'use_case', ref: `/use-cases/${networkCase.slug}` },
      { kind: 'thread', ref: String(publicThread.id) },
      { kind: 'thread', ref: `http://praxis.test${memberThread.url}?page=1` },
      { kind: 'guide_chapter', chapterId: String(chapter.id) },
    ]) expect((await f.post(`/events/${c.event.id}/outcomes`, fields)).status).toBe(303);
    // Facilitators may edit every case, so they may link a draft; readers who may not see it do not get it.
    expect((await f.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: draftCase.slug })).status).toBe(303);

    const titles = async (role: 'visitor' | 'member') => {
      const page = await (await c.as(role)).get(`/events/${c.event.id}/outcomes`);
      expect(page.status).toBe(200);
      return ['Öffentliches Beispiel', 'Netzwerk-Beispiel', 'Entwurf Quartiersrat', 'Öffentliche Frage', 'Interne Frage', 'Leitfaden Werkstätten › Planung']
        .filter((s) => page.text.includes(s));
    };
    expect(await titles('visitor')).toEqual(['Öffentliches Beispiel', 'Öffentliche Frage', 'Leitfaden Werkstätten › Planung']);
    expect(await titles('member')).toEqual(['Öffentliches Beispiel', 'Netzwerk-Beispiel', 'Öffentliche Frage', 'Interne Frage', 'Leitfaden Werkstätten › Planung']);

    // The same through resultsForEvent, which the event page includes.
    const forVisitor = await resultsForEvent(t.ctx.ds, c.event.id, undefined);
    expect(forVisitor!.outcomes.map((o) => [o.kind, o.url])).toEqual([
      ['use_case', `/use-cases/${publicCase.slug}`],
      ['thread', publicThread.url],
      ['guide_chapter', `/guides/${guide.slug}/planung`],
    ]);
    expect(forVisitor!.can).toEqual({ manage: false, promote: false });
    const forAuthor = await resultsForEvent(t.ctx.ds, c.event.id, author);
    expect(forAuthor!.outcomes.map((o) => o.title)).toContain('Entwurf Quartiersrat');
  });

  it('when the reference is unknown, not visible, empty or already linked, then 422/409 with the input kept and nothing stored', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const lead = await c.as('lead');
    const draft = await createUseCase(t.ctx.ds, { visibility: 'public', published: false });
    const before = await resultsState(t.ctx.ds, c.event.id);
    const unknown = await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: 'gibt-es-nicht' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Dieses Praxisbeispiel gibt es nicht');
    expect(unknown.text).toContain('value="gibt-es-nicht"');
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: draft.slug })).status).toBe(422); // the lead may not see the draft
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'thread', ref: '/forum/threads/999999999-x' })).status).toBe(422);
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'thread', ref: '' })).status).toBe(422);
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'guide_chapter', chapterId: '' })).status).toBe(422);
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'guide_chapter', chapterId: '999999999' })).status).toBe(422);
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'poll', ref: 'x' })).status).toBe(422);
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
    const uc = await createUseCase(t.ctx.ds, { visibility: 'network' });
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: uc.slug })).status).toBe(303);
    const linked = await resultsState(t.ctx.ds, c.event.id);
    const again = await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: `/use-cases/${uc.slug}` });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Das ist schon verknüpft.');
    expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(linked);
  });

  it('when the event is for its working group only, then others get 404 for its links', async () => {
    const c = await castFor(t.app, t.ctx.ds, 'group');
    expect((await (await c.as('member')).get(`/events/${c.event.id}/outcomes`)).status).toBe(404);
    expect((await (await c.as('groupMember')).get(`/events/${c.event.id}/outcomes`)).status).toBe(200);
    expect(await resultsForEvent(t.ctx.ds, c.event.id, c.users.member)).toBeNull();
  });
});
