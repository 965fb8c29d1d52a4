import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { csrfIn } from '../../support/agent.js';
import { PASSWORD } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { castFor } from './results-support.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

describe('events: the results in the privacy download and on account deletion', () => {
  const t = useTestApp();

  it('when a lead who wrote minutes, uploaded a file and linked a use case downloads their data and then deletes the account, then the export lists them and afterwards the results stay without their name', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const lead = await c.as('lead');
    expect((await lead.post(`/events/${c.event.id}/minutes`, { body: 'Protokoll der Leitung', status: 'accepted', version: '0' })).status).toBe(303);
    const token = csrfIn((await lead.get(`/events/${c.event.id}/attachments`)).text);
    expect((await lead.agent.post(`/events/${c.event.id}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', PDF, 'p.pdf')).status).toBe(303);
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    expect((await lead.post(`/events/${c.event.id}/outcomes`, { kind: 'use_case', ref: uc.slug })).status).toBe(303);

    const data = JSON.parse((await lead.get('/me/export')).text);
    expect(data.events.minutesEdited).toEqual([expect.objectContaining({ event: c.event.title, status: 'accepted', version: 1 })]);
    expect(data.events.minutesRevisions).toEqual([expect.objectContaining({ event: c.event.title, version: 1, bodySource: 'Protokoll der Leitung' })]);
    expect(data.events.eventFilesUploaded).toEqual([expect.objectContaining({ event: c.event.title, filename: 'p.pdf' })]);
    expect(data.events.eventOutcomesAdded).toEqual([expect.objectContaining({ event: c.event.title, kind: 'use_case', targetId: uc.id })]);

    expect((await lead.post('/me/delete', { password: PASSWORD, confirm: 'DELETE', contributions: 'remove' }, '/me/delete')).status).toBe(200);
    await t.drain();
    const [left] = await t.ctx.ds.query(
      `SELECT (SELECT row_to_json(x) FROM (SELECT body_source, updated_by_id FROM event_minutes WHERE event_id = $1) x) AS minutes,
              (SELECT json_agg(author_id) FROM event_minutes_revisions WHERE event_id = $1) AS revisions,
              (SELECT json_agg(uploaded_by_id) FROM event_attachments WHERE event_id = $1) AS files,
              (SELECT json_agg(added_by_id) FROM event_outcomes WHERE event_id = $1) AS outcomes`, [c.event.id]);
    expect(left).toEqual({ minutes: { body_source: 'Protokoll der Leitung', updated_by_id: null }, revisions: [null], files: [null], outcomes: [null] });
    const page = await (await c.as('member')).get(`/events/${c.event.id}/minutes`);
    expect(page.text).toContain('ehemaliges Mitglied');
    expect(page.text).not.toContain(c.users.lead.name);
  });
});
