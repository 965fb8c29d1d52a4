import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { sendFileFrom } from '../../src/web/send-file.js';
import { useTestApp } from '../support/app.js';
import { publicDir } from '../../src/paths.js';

describe('sending files from a directory', () => {
  // Like the default upload directory (.data/uploads) or a checkout under ~/.local/.
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data', 'files');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'plan.pdf'), '%PDF-1.7 plan');
  writeFileSync(path.join(root, '.env'), 'SECRET=1');
  const app = express();
  app.get('/files/:name', (req, res) => sendFileFrom(res, root, String(req.params.name)));

  it('when the directory lies below a dot directory, then its files are sent', async () => {
    const res = await request(app).get('/files/plan.pdf');
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body as Buffer).toString()).toBe('%PDF-1.7 plan');
  });

  it('when a name is a dot-file, then it is refused', async () => {
    const res = await request(app).get('/files/.env');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('SECRET');
  });
});

describe('top-level public files', () => {
  const t = useTestApp();

  it('when a file at the top of public/ is asked for, then it is sent from public/', async () => {
    const res = await request(t.app).get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(Buffer.from(res.body as Buffer).equals(readFileSync(path.join(publicDir, 'favicon.svg')))).toBe(true);
  });
});
