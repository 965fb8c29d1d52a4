import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { csrfIn } from '../../support/agent.js';
import { filesIn } from '../../support/uploads.js';
import { projectRoot } from '../../../src/paths.js';
import { uploadRoot } from '../../../src/shared/uploads.js';
import { castFor, MANAGERS, resultsState, ROLES, type Cast } from './results-support.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

/** Uploads through the files page's form (its action carries the CSRF token). */
async function upload(c: Cast, role: Parameters<Cast['as']>[0], file: Buffer, name: string, description = '') {
  const b = await c.as(role);
  const page = await b.get(`/events/${c.event.id}/attachments`);
  const token = page.status === 200 ? csrfIn(page.text) : csrfIn((await b.get('/barrierefreiheit')).text);
  return b.agent.post(`/events/${c.event.id}/attachments?_csrf=${encodeURIComponent(token)}`).field('description', description).attach('file', file, name);
}

describe('events: files after the event, layout as `npm start` with DATA_DIR under a dot directory', () => {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data');
  const t = useTestApp({ DATA_DIR: dataDir });
  const eventsDir = path.join(dataDir, 'uploads', 'events');
  const incoming = () => filesIn(path.join(dataDir, 'uploads', 'incoming'));
  const stored = () => filesIn(eventsDir);

  it.each(ROLES)('when a %s uploads a PDF to a working group\'s event, then only those who manage it may; a refusal leaves no file and no row', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = { db: await resultsState(t.ctx.ds, c.event.id), files: stored() };
    const res = await upload(c, role, PDF, 'Protokoll "Workshop".pdf', 'Fotoprotokoll');
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 303, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    expect(incoming()).toEqual({});
    if (!MANAGERS.includes(role)) {
      expect({ db: await resultsState(t.ctx.ds, c.event.id), files: stored() }).toEqual(before);
      return;
    }
    const [a] = await t.ctx.ds.query(`SELECT storage_key, filename, content_type, size_bytes, description, uploaded_by_id FROM event_attachments WHERE event_id = $1`, [c.event.id]);
    expect(a).toMatchObject({ content_type: 'application/pdf', size_bytes: PDF.length, description: 'Fotoprotokoll', uploaded_by_id: c.users[role as 'lead'].id });
    expect(a.filename).toMatch(/^Protokoll _Workshop_\.pdf$/);
    expect(stored()[a.storage_key]).toBe(PDF.length);
    const [audit] = await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'event' AND subject_id = $1`, [String(c.event.id)]);
    expect(audit.action).toBe('event_file.added');
  });

  it('when the file is disguised (an executable named .pdf), then 422 with a clear message, no file and no row', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = { db: await resultsState(t.ctx.ds, c.event.id), files: stored() };
    const res = await upload(c, 'lead', EXE, 'bericht.pdf', 'Bericht');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dieser Dateityp ist nicht erlaubt');
    expect(res.text).toContain('value="Bericht"');
    expect(incoming()).toEqual({});
    expect({ db: await resultsState(t.ctx.ds, c.event.id), files: stored() }).toEqual(before);
  });

  it('when the file is larger than 20 MB, then 422 with the description kept, no temporary file, no file and no row', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = { db: await resultsState(t.ctx.ds, c.event.id), files: stored() };
    const res = await upload(c, 'facilitator', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 1)]), 'gross.pdf', 'Alle Folien');
    expect(res.status).toBe(422);
    expect(res.text).toContain('größer als 20 MB');
    expect(res.text).toContain('value="Alle Folien"');
    expect(incoming()).toEqual({});
    expect({ db: await resultsState(t.ctx.ds, c.event.id), files: stored() }).toEqual(before);
  });

  it('when no file is chosen, then 422 and nothing stored', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = { db: await resultsState(t.ctx.ds, c.event.id), files: stored() };
    const b = await c.as('lead');
    const token = csrfIn((await b.get(`/events/${c.event.id}/attachments`)).text);
    const res = await b.agent.post(`/events/${c.event.id}/attachments?_csrf=${encodeURIComponent(token)}`).field('description', 'ohne Datei');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Bitte wählen Sie eine Datei aus.');
    expect({ db: await resultsState(t.ctx.ds, c.event.id), files: stored() }).toEqual(before);
  });

  it('when the CSRF token is missing, then 403 and nothing stored', async () => {
    const c = await castFor(t.app, t.ctx.ds);
    const before = { db: await resultsState(t.ctx.ds, c.event.id), files: stored() };
    const res = await (await c.as('lead')).agent.post(`/events/${c.event.id}/attachments`).attach('file', PDF, 'a.pdf');
    expect(res.status).toBe(403);
    expect({ db: await resultsState(t.ctx.ds, c.event.id), files: stored() }).toEqual(before);
  });

  it('when files are downloaded, then only viewers who may see the event get them, as a download with their detected type', async () => {
    for (const visibility of ['network', 'group'] as const) {
      const c = await castFor(t.app, t.ctx.ds, visibility);
      expect((await upload(c, 'lead', PNG, 'foto.pdf')).status).toBe(303);
      const [a] = await t.ctx.ds.query(`SELECT id FROM event_attachments WHERE event_id = $1`, [c.event.id]);
      const url = `/events/${c.event.id}/attachments/${a.id}`;
      const allowed = visibility === 'network' ? ['member', 'groupMember', 'lead', 'facilitator', 'admin'] : ['groupMember', 'lead', 'facilitator', 'admin'];
      for (const role of ROLES) {
        const res = await (await c.as(role)).get(url);
        expect({ visibility, role, status: res.status }).toEqual({ visibility, role, status: allowed.includes(role) ? 200 : 404 });
        if (res.status !== 200) continue;
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['content-disposition']).toBe('attachment; filename=foto.png');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(Buffer.from(res.body as Buffer).equals(PNG)).toBe(true);
      }
      // The list on the files page follows the same rule.
      expect((await (await c.as('member')).get(`/events/${c.event.id}/attachments`)).status).toBe(visibility === 'network' ? 200 : 404);
      expect((await request(t.app).get(`/events/${c.event.id}/attachments/999999`)).status).toBe(404);
    }
  });

  it.each(ROLES)('when a %s deletes a file, then only those who manage the event may; the row and the file go together', async (role) => {
    const c = await castFor(t.app, t.ctx.ds);
    await upload(c, 'facilitator', PDF, 'folien.pdf');
    const [a] = await t.ctx.ds.query(`SELECT id, storage_key FROM event_attachments WHERE event_id = $1`, [c.event.id]);
    const before = await resultsState(t.ctx.ds, c.event.id);
    const res = await (await c.as(role)).post(`/events/${c.event.id}/attachments/${a.id}/delete`);
    const expected = { visitor: 401, member: 403, groupMember: 403, lead: 303, facilitator: 303, admin: 303 }[role];
    expect(res.status).toBe(expected);
    if (!MANAGERS.includes(role)) {
      expect(await resultsState(t.ctx.ds, c.event.id)).toEqual(before);
      expect(existsSync(path.join(eventsDir, a.storage_key))).toBe(true);
      return;
    }
    expect(await t.ctx.ds.query(`SELECT id FROM event_attachments WHERE id = $1`, [a.id])).toEqual([]);
    expect(existsSync(path.join(eventsDir, a.storage_key))).toBe(false);
    const actions = await t.ctx.ds.query(`SELECT action FROM audit_log WHERE subject_type = 'event' AND subject_id = $1 ORDER BY id`, [String(c.event.id)]);
    expect(actions.map((x: { action: string }) => x.action)).toEqual(['event_file.added', 'event_file.deleted']);
  });
});

describe('events: files with the real defaults (neither DATA_DIR nor UPLOAD_DIR set)', () => {
  const t = useTestApp();

  it('when nothing is configured, then files go to .data/uploads/events in the project, are downloaded through the dot directory and deleted with their row', async () => {
    expect(t.ctx.config.DATA_DIR).toBe('.data');
    expect(uploadRoot(t.ctx.config)).toBe(path.join(projectRoot, '.data', 'uploads'));
    const c = await castFor(t.app, t.ctx.ds);
    expect((await upload(c, 'lead', PDF, 'konzept.pdf')).status).toBe(303);
    const [a] = await t.ctx.ds.query(`SELECT id, storage_key FROM event_attachments WHERE event_id = $1`, [c.event.id]);
    const file = path.join(projectRoot, '.data', 'uploads', 'events', a.storage_key);
    try {
      expect(existsSync(file)).toBe(true);
      const got = await (await c.as('member')).get(`/events/${c.event.id}/attachments/${a.id}`);
      expect(got.status).toBe(200);
      expect(Buffer.from(got.body as Buffer).equals(PDF)).toBe(true);
      expect((await (await c.as('lead')).post(`/events/${c.event.id}/attachments/${a.id}/delete`)).status).toBe(303);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
