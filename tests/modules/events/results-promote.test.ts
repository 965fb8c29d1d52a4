import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { resultsForEvent } from '../../../src/modules/events/results.queries.js';
import { castFor, resultsState, ROLES, type Cast } from './results-support.js';

/** Everything a promotion could change on the guides side. */
async function guideState(ds: DataSource, guideId: number): Promise<unknown> {
  const [state] = await ds.query(
    `SELECT row_to_json(g) AS guide,
            (SELECT count(*)::int FROM guide_revisions WHERE guide_id = g.id) AS revisions,
            (SELECT coalesce(json_agg(c ORDER BY c.id), '[]') FROM guide_chapters c WHERE c.guide_id = g.id) AS chapters
       FROM guides g WHERE g.id = $1`, [guideId]);
  return state;
}

async function withMinutes(c: Cast, status: 'draft' | 'accepted') {
  const res = await (await c.as('lead')).post(`/events/${c.event.id}/minutes`, { body: '## Ergebnis\n\nLosverfahren bewährt sich.', status, version: '0' });
  expect(res.status).toBe(303);
}

describe('events: promote accepted results to a guide chapter', () => {
  const t = useTestApp();

  it('when a facilitator promotes accepted results to a new chapter and another approves, then the chapter cites the event\'s minutes and the minutes say "now part of guide"', async () => {
    const c = await castFor(t.app, t.ctx.ds, 'public');
    await withMinutes(c, 'accepted');
    const g = await createGuide(t.ctx.ds);
    const f = await c.as('facilitator');
    const page = await f.get(`/events/${c.event.id}/minutes`);
    expect(page.text).toContain(`href="/events/${c.event.id}/minutes/promote"`);
    const form = await f.get(`/events/${c.event.id}/minutes/promote`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Losverfahren bewährt sich.</textarea>');
    expect(form.text).toContain(`${g.title} › Planung`);
    const res = await f.post(`/events/${c.event.id}/minutes/promote`,
      { guideId: String(g.id), chapterId: '', newChapterTitle: 'Erfahrungen aus der Werkstatt', markdown: 'Das Losverfahren bewährt sich (gekürzt).' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/guides/${g.slug}/review`);
    const [rev] = await t.ctx.ds.query(`SELECT id, origin, status, message FROM guide_revisions WHERE guide_id = $1 ORDER BY id DESC LIMIT 1`, [g.id]);
    expect(rev).toMatchObject({ origin: 'promote', status: 'pending', message: `Aus der Veranstaltung übernommen: ${c.event.title}` });
    const [audit] = await t.ctx.ds.query(`SELECT action, details FROM audit_log WHERE subject_type = 'event' AND subject_id = $1 AND action = 'event_minutes.promoted'`, [String(c.event.id)]);
    expect(audit.details).toEqual({ guideSlug: g.slug, revisionId: rev.id });
    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(rev.id) }, `/guides/${g.slug}/review`)).status).toBe(303);
    const [chapter] = await t.ctx.ds.query(
      `SELECT source_url AS "sourceUrl", source_title AS "sourceTitle", body_source AS source FROM guide_chapters WHERE guide_id = $1 AND slug = 'erfahrungen-aus-der-werkstatt'`, [g.id]);
    expect(chapter).toMatchObject({ sourceUrl: `/events/${c.event.id}/minutes`, sourceTitle: c.event.title });
    expect(chapter.source).toContain('(gekürzt)');
    const chapterPage = await (await c.as('visitor')).get(`/guides/${g.slug}/erfahrungen-aus-der-werkstatt`);
    expect(chapterPage.text).toContain(`href="/events/${c.event.id}/minutes"`);
    const minutes = await (await c.as('visitor')).get(`/events/${c.event.id}/minutes`);
    expect(minutes.text).toContain('Jetzt Teil des Leitfadens');
    expect(minutes.text).toContain(`href="/guides/${g.slug}/erfahrungen-aus-der-werkstatt"`);
    expect((await resultsForEvent(t.ctx.ds, c.event.id, undefined))!.citedBy).toEqual([
      { url: `/guides/${g.slug}/erfahrungen-aus-der-werkstatt`, guideTitle: g.title, chapterTitle: 'Erfahrungen aus der Werkstatt' },
    ]);
  });

  it.each(ROLES)('when a %s promotes accepted results, then only facilitators (and admins) may; a refusal changes neither the guide nor the event', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    await withMinutes(c, 'accepted');
    const g = await createGuide(t.ctx.ds);
    const before = [await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)];
    const b = await c.as(role);
    const res = await b.post(`/events/${c.event.id}/minutes/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Text' });
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 403, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    if (expected !== 303) {
      expect([await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)]).toEqual(before);
      expect((await b.get(`/events/${c.event.id}/minutes`)).text).not.toContain('/minutes/promote');
    } else {
      expect(await t.ctx.ds.query(`SELECT status FROM guide_revisions WHERE guide_id = $1 AND origin = 'promote'`, [g.id])).toEqual([{ status: 'pending' }]);
    }
  });

  it('when the results are a draft, then there is no link, the form says why, and promoting is refused with 409, nothing changed', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    await withMinutes(c, 'draft');
    const g = await createGuide(t.ctx.ds);
    const f = await c.as('facilitator');
    expect((await f.get(`/events/${c.event.id}/minutes`)).text).not.toContain('/minutes/promote');
    expect((await f.get(`/events/${c.event.id}/minutes/promote`)).text).toContain('Nur abgestimmte Ergebnisse können übernommen werden');
    const before = [await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)];
    const res = await f.post(`/events/${c.event.id}/minutes/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Text' });
    expect(res.status).toBe(409);
    expect([await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)]).toEqual(before);
  });

  it('when neither a chapter nor a title is given, then 422 with the text kept and nothing changed', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    await withMinutes(c, 'accepted');
    const g = await createGuide(t.ctx.ds);
    const before = [await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)];
    const res = await (await c.as('facilitator')).post(`/events/${c.event.id}/minutes/promote`, { guideId: String(g.id), chapterId: '', newChapterTitle: '', markdown: 'Mein Text' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Wählen Sie ein Kapitel oder geben Sie einen Titel');
    expect(res.text).toContain('Mein Text</textarea>');
    expect([await guideState(t.ctx.ds, g.id), await resultsState(t.ctx.ds, c.event.id)]).toEqual(before);
  });

  it('when the event page includes the results partial, then it renders the minutes, files and links with the managers\' links', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    await withMinutes(c, 'accepted');
    const render = (data: object) => new Promise<string>((resolve, reject) =>
      t.app.render('partials/events/results', { ...data, lang: 'de' }, (err, html) => (err ? reject(err) : resolve(html!))));
    const forLead = await render((await resultsForEvent(t.ctx.ds, c.event.id, c.users.lead))!);
    expect(forLead).toContain('Losverfahren bewährt sich.');
    expect(forLead).toContain('Abgestimmt');
    expect(forLead).toContain(`href="/events/${c.event.id}/attachments"`);
    expect(forLead).toContain(`href="/events/${c.event.id}/outcomes"`);
    const forMember = await render((await resultsForEvent(t.ctx.ds, c.event.id, c.users.member))!);
    expect(forMember).toContain('Losverfahren bewährt sich.');
    expect(forMember).not.toContain(`href="/events/${c.event.id}/attachments"`);
  });
});
