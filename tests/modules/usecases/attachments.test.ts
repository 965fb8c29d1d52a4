import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { csrfIn, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { caseState, createUseCase } from '../../support/usecases-factories.js';
import { detectFileType, zipEntryNames } from '../../../src/modules/usecases/usecases.filetype.js';

/** A ZIP with stored (uncompressed) entries: enough for the content check. */
function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const n = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40)]);
const DOCX = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);

describe('file types by content', () => {
  it('when files are real PDF, PNG, DOCX, XLSX or ODT, then the type is read from their bytes', () => {
    expect(detectFileType(PDF, 'x.bin')).toEqual({ contentType: 'application/pdf', ext: 'pdf' });
    expect(detectFileType(PNG, 'x.pdf')?.contentType).toBe('image/png');
    expect(detectFileType(DOCX, 'x.pdf')?.ext).toBe('docx');
    expect(detectFileType(zipOf({ '[Content_Types].xml': '', 'xl/workbook.xml': '' }), 'a')?.ext).toBe('xlsx');
    expect(detectFileType(zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '' }), 'a')?.ext).toBe('odt');
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it('when a file is disguised by its name (executable, plain ZIP, script, SVG), then it is refused', () => {
    expect(detectFileType(EXE, 'bericht.pdf')).toBeNull();
    expect(detectFileType(zipOf({ 'evil.js': 'x' }), 'vorlage.docx')).toBeNull();
    expect(detectFileType(Buffer.from('<svg onload="alert(1)"></svg>'), 'bild.png')).toBeNull();
    expect(detectFileType(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'plan.xlsx')).toBeNull();
  });
});

describe('use cases: attachments (reuse kit)', () => {
  const uploadDir = mkdtempSync(path.join(os.tmpdir(), 'praxis-uploads-'));
  const t = useTestApp({ UPLOAD_DIR: uploadDir });
  const stored = () => (existsSync(path.join(uploadDir, 'usecases')) ? readdirSync(path.join(uploadDir, 'usecases')).length : 0);

  async function setup() {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, visibility: 'public' });
    const b = await signedIn(t.app, author);
    const token = csrfIn((await b.get(`/use-cases/${uc.slug}`)).text);
    return { author, uc, b, token };
  }

  it('when an editor uploads a PDF with a licence, then it is stored outside public/ and served with its type and as a download', async () => {
    const { uc, b, token } = await setup();
    const before = stored();
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`)
      .field('licence', 'CC-BY-SA-4.0').field('description', 'Datenschutzkonzept')
      .attach('file', PDF, { filename: 'Datenschutz "Konzept".pdf', contentType: 'application/octet-stream' });
    expect(res.status).toBe(303);
    expect(stored()).toBe(before + 1);
    const [a] = await t.ctx.ds.query(`SELECT id, filename, content_type, licence, description, size_bytes FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    expect(a).toMatchObject({ content_type: 'application/pdf', licence: 'CC-BY-SA-4.0', description: 'Datenschutzkonzept', size_bytes: PDF.length });
    expect(a.filename).toMatch(/\.pdf$/);
    const file = await request(t.app).get(`/use-cases/${uc.slug}/attachments/${a.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename=/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(file.body as Buffer).equals(PDF)).toBe(true);
  });

  it('when a licence is not chosen, then CC BY 4.0 is the default', async () => {
    const { uc, b, token } = await setup();
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', DOCX, 'vorlage.docx');
    expect(res.status).toBe(303);
    const [a] = await t.ctx.ds.query(`SELECT licence, content_type FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    expect(a).toEqual({ licence: 'CC-BY-4.0', content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  });

  it('when the file is disguised (an executable named .pdf), then 422 with a clear message and nothing is stored', async () => {
    const { uc, b, token } = await setup();
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', EXE, 'bericht.pdf');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Dieser Dateityp ist nicht erlaubt');
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when the file is larger than 20 MB, then 422 with a clear message and nothing is stored', async () => {
    const { uc, b, token } = await setup();
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', big, 'gross.pdf');
    expect(res.status).toBe(422);
    expect(res.text).toContain('größer als 20 MB');
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when the CSRF token is missing, then 403 and nothing is stored', async () => {
    const { uc, b } = await setup();
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments`).attach('file', PDF, 'a.pdf');
    expect(res.status).toBe(403);
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when a member who is not an editor uploads, then 403 and nothing is stored', async () => {
    const { uc } = await setup();
    const other = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, other);
    const token = csrfIn((await b.get(`/use-cases/${uc.slug}`)).text);
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', PDF, 'a.pdf');
    expect(res.status).toBe(403);
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when a visitor asks for an attachment of a network case, then 404', async () => {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, visibility: 'network' });
    const b = await signedIn(t.app, author);
    const token = csrfIn((await b.get(`/use-cases/${uc.slug}`)).text);
    await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', PNG, 'foto.png');
    const [a] = await t.ctx.ds.query(`SELECT id FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    expect((await request(t.app).get(`/use-cases/${uc.slug}/attachments/${a.id}`)).status).toBe(404);
    expect((await b.get(`/use-cases/${uc.slug}/attachments/${a.id}`)).headers['content-type']).toBe('image/png');
  });

  it('when an editor deletes an attachment, then the row and the file are gone; another member cannot delete', async () => {
    const { uc, b, token } = await setup();
    await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', PNG, 'foto.png');
    const [a] = await t.ctx.ds.query(`SELECT id, storage_key FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    expect(existsSync(path.join(uploadDir, 'usecases', a.storage_key))).toBe(true);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.post(`/use-cases/${uc.slug}/attachments/${a.id}/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(403);
    expect(existsSync(path.join(uploadDir, 'usecases', a.storage_key))).toBe(true);
    expect((await b.post(`/use-cases/${uc.slug}/attachments/${a.id}/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
    expect(await t.ctx.ds.query(`SELECT id FROM use_case_attachments WHERE id = $1`, [a.id])).toEqual([]);
    expect(existsSync(path.join(uploadDir, 'usecases', a.storage_key))).toBe(false);
  });
});
