import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { testConfig, useTestApp } from '../../support/app.js';
import { csrfIn, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { eventually, filesIn, multipartBody, sessionOf, startUpload, within } from '../../support/uploads.js';
import { caseState, createUseCase } from '../../support/usecases-factories.js';
import { detectFileType, zipEntryNames } from '../../../src/shared/filetype.js';
import { projectRoot } from '../../../src/paths.js';
import { uploadRoot } from '../../../src/web/middleware/upload.js';

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
  it('when files are real PDF, PNG, DOCX, XLSX or ODT, then the type is read from their bytes', async () => {
    expect(await detectFileType(PDF, 'x.bin')).toEqual({ contentType: 'application/pdf', ext: 'pdf' });
    expect((await detectFileType(PNG, 'x.pdf'))?.contentType).toBe('image/png');
    expect((await detectFileType(DOCX, 'x.pdf'))?.ext).toBe('docx');
    expect((await detectFileType(zipOf({ '[Content_Types].xml': '', 'xl/workbook.xml': '' }), 'a'))?.ext).toBe('xlsx');
    expect((await detectFileType(zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '' }), 'a'))?.ext).toBe('odt');
    expect(await zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', 'word/document.xml']);
  });

  it('when a DOCX is larger than the 64 KB tail the check reads, then its type is still found', async () => {
    const big = zipOf({ '[Content_Types].xml': '<Types/>', 'word/media/bild.png': 'x'.repeat(300_000), 'word/document.xml': '<w:document/>' });
    expect((await detectFileType(big, 'a.bin'))?.ext).toBe('docx');
  });

  it('when a file is disguised by its name (executable, plain ZIP, script, SVG), then it is refused', async () => {
    expect(await detectFileType(EXE, 'bericht.pdf')).toBeNull();
    expect(await detectFileType(zipOf({ 'evil.js': 'x' }), 'vorlage.docx')).toBeNull();
    expect(await detectFileType(Buffer.from('<svg onload="alert(1)"></svg>'), 'bild.png')).toBeNull();
    expect(await detectFileType(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'plan.xlsx')).toBeNull();
  });
});

describe('use cases: attachments (reuse kit), default layout: UPLOAD_DIR unset, DATA_DIR with a dot segment', () => {
  // As `npm start` lays it out: uploads under <DATA_DIR>/uploads, here <tmp>/.data/uploads.
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data');
  const uploadDir = path.join(dataDir, 'uploads');
  const t = useTestApp({ DATA_DIR: dataDir });
  const stored = () => (existsSync(path.join(uploadDir, 'usecases')) ? readdirSync(path.join(uploadDir, 'usecases')).length : 0);
  const incoming = () => filesIn(path.join(uploadDir, 'incoming'));

  it('when the configuration is the default one, then uploads lie under the dot directory', () => {
    expect(t.ctx.config.UPLOAD_DIR).toBeUndefined();
    expect(uploadRoot(t.ctx.config)).toBe(uploadDir);
  });

  async function setup() {
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, visibility: 'public' });
    const b = await signedIn(t.app, author);
    const page = (await b.get(`/use-cases/${uc.slug}`)).text;
    const token = csrfIn(page);
    // The upload form's address carries the session's token (multipart bodies are parsed after the check).
    const action = page.match(/<form method="post" action="([^"]+)" enctype="multipart\/form-data"/)?.[1]?.replace(/&#x3D;/g, '=');
    expect(action).toBe(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`);
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

  it('when the file is larger than 20 MB, then it streams to disk up to 20 MB and no further, and 422 shows the form with the text kept (also after the file), no temporary file and nothing stored', async () => {
    const { author, uc } = await setup();
    const { cookie, token } = await sessionOf(t.app, author, `/use-cases/${uc.slug}`);
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const content = Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024, 1)]);
    const form = multipartBody({ licence: 'CC0-1.0' }, { field: 'file', name: 'gross.pdf', content }, { description: 'Unser Beteiligungskonzept' });
    const fileEnd = form.head.length + content.length;
    const up = await startUpload(t.app, {
      path: `/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`, cookie,
      contentType: form.contentType, declaredLength: form.length, firstPart: form.body.subarray(0, fileEnd),
    });
    try {
      // The server has read the whole file, but not the end of its part: it streamed to disk up to the
      // limit and no further, and the field after the file is still to come.
      await up.readByServer();
      const partial = await eventually(() => Object.values(incoming()).find((size) => size > 19 * 1024 * 1024));
      expect(partial).toBeLessThanOrEqual(20 * 1024 * 1024);
      await up.sendRest(form.body.subarray(fileEnd));
      const reply = await within(up.reply, 20_000, 'oversized upload');
      expect(reply.status).toBe(422);
      expect(reply.text).toContain('größer als 20 MB');
      expect(reply.text).toContain('value="Unser Beteiligungskonzept"');
      expect(reply.text).toMatch(/<option value="CC0-1.0"[^>]*selected/);
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when the upload of an editor is still arriving, then what has arrived is already on disk (streamed, not held in memory), and once accepted the temporary file is gone', async () => {
    const { author, uc } = await setup();
    const { cookie, token } = await sessionOf(t.app, author, `/use-cases/${uc.slug}`);
    const content = Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024, 1)]);
    const form = multipartBody({ licence: 'CC-BY-4.0' }, { field: 'file', name: 'plan.pdf', content });
    const half = form.head.length + 2 * 1024 * 1024;
    const up = await startUpload(t.app, {
      path: `/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`, cookie,
      contentType: form.contentType, declaredLength: form.length, firstPart: form.body.subarray(0, half),
    });
    try {
      // The server has not seen the end of the body, yet most of what it received is in a file.
      const partial = await eventually(() => Object.values(incoming()).find((size) => size >= 1024 * 1024));
      expect(partial).toBeLessThanOrEqual(2 * 1024 * 1024);
      await up.sendRest(form.body.subarray(half));
      const reply = await within(up.reply, 20_000, 'upload');
      expect(reply.status).toBe(303);
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
    const [a] = await t.ctx.ds.query(`SELECT storage_key, size_bytes FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    expect(a.size_bytes).toBe(content.length);
    expect(filesIn(path.join(uploadDir, 'usecases'))[a.storage_key]).toBe(content.length);
  });

  it('when a member who may not edit the case sends a 19 MB upload, then 403 arrives before the body is sent and nothing is written', async () => {
    const { uc } = await setup();
    const other = await createUser(t.ctx.ds);
    const { cookie, token } = await sessionOf(t.app, other, `/use-cases/${uc.slug}`);
    const before = { files: stored(), db: await caseState(t.ctx.ds, uc.id) };
    const form = multipartBody({ licence: 'CC-BY-4.0' }, { field: 'file', name: 'gross.pdf', content: Buffer.alloc(0) });
    const declaredLength = form.length + 19 * 1024 * 1024;
    // Only the first 64 KB are sent: a server that read the body before deciding would never answer.
    const up = await startUpload(t.app, {
      path: `/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`, cookie,
      contentType: form.contentType, declaredLength, firstPart: Buffer.concat([form.head, PDF, Buffer.alloc(64 * 1024 - PDF.length)]),
    });
    try {
      const reply = await within(up.reply, 20_000, 'refused upload');
      expect(reply.status).toBe(403);
      expect(reply.text).toContain('<h1');
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
    expect({ files: stored(), db: await caseState(t.ctx.ds, uc.id) }).toEqual(before);
  });

  it('when a visitor sends an upload, then 401 arrives before the body is sent', async () => {
    const { uc } = await setup();
    const form = multipartBody({}, { field: 'file', name: 'a.pdf', content: Buffer.alloc(0) });
    const visitor = await request(t.app).get('/barrierefreiheit');
    const cookie = ([] as string[]).concat(visitor.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const up = await startUpload(t.app, {
      path: `/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(csrfIn(visitor.text))}`, cookie,
      contentType: form.contentType, declaredLength: form.length + 19 * 1024 * 1024, firstPart: form.head,
    });
    try {
      expect((await within(up.reply, 20_000, 'visitor upload')).status).toBe(401);
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
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

describe('use cases: attachments with the real defaults (neither DATA_DIR nor UPLOAD_DIR set)', () => {
  const t = useTestApp();

  it('when nothing is configured, then files go to .data/uploads in the project and the uploader and visitors download them', async () => {
    expect(t.ctx.config.DATA_DIR).toBe('.data');
    expect(uploadRoot(testConfig())).toBe(path.join(projectRoot, '.data', 'uploads'));
    const author = await createUser(t.ctx.ds);
    const uc = await createUseCase(t.ctx.ds, { administrationId: author.administrationId!, createdById: author.id, visibility: 'public' });
    const b = await signedIn(t.app, author);
    const token = csrfIn((await b.get(`/use-cases/${uc.slug}`)).text);
    const res = await b.agent.post(`/use-cases/${uc.slug}/attachments?_csrf=${encodeURIComponent(token)}`).attach('file', PDF, 'konzept.pdf');
    expect(res.status).toBe(303);
    const [a] = await t.ctx.ds.query(`SELECT id, storage_key FROM use_case_attachments WHERE use_case_id = $1`, [uc.id]);
    const file = path.join(projectRoot, '.data', 'uploads', 'usecases', a.storage_key);
    try {
      expect(existsSync(file)).toBe(true);
      for (const client of [b.agent, request(t.app)]) {
        const got = await client.get(`/use-cases/${uc.slug}/attachments/${a.id}`);
        expect(got.status).toBe(200);
        expect(Buffer.from(got.body as Buffer).equals(PDF)).toBe(true);
      }
      expect((await b.post(`/use-cases/${uc.slug}/attachments/${a.id}/delete`, {}, `/use-cases/${uc.slug}`)).status).toBe(303);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
