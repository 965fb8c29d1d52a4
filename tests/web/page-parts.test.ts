// PageParts (view-engine.ts): a page whose pieces are already UTF-8 bytes is sent as the same bytes
// the page rendered as one string would be — layout, res.locals and non-Latin text included — with
// the headers res.render gives (HTML in UTF-8, an ETag that answers a revalidation with 304).
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createViewEngine, PageParts } from '../../src/web/view-engine.js';

describe('web: a page with parts already encoded', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'praxis-views-'));
    mkdirSync(path.join(root, 'layouts'));
    mkdirSync(path.join(root, 'partials'));
    writeFileSync(path.join(root, 'layouts', 'main.hbs'), '<html><p>{{who}} – Grüße</p>{{{body}}}</html>\n');
    writeFileSync(path.join(root, 'page.hbs'), '{{#each items}}<section>{{title}}{{{html}}}</section>{{/each}}{{{raw}}}\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function app() {
    const a = express();
    a.engine('.hbs', createViewEngine({ cache: true, root }));
    a.set('view engine', '.hbs');
    a.set('views', root);
    a.use((_req, res, next) => {
      res.locals.who = 'Zoë';
      next();
    });
    const items = [{ title: 'eins', html: '<b>Straße</b>' }, { title: 'zwei', html: '<i>a &lt; b – ✓</i>' }, { title: 'drei', html: '' }];
    // Something that looks like a placeholder but was not placed stays as it is.
    const raw = '<!--00000000-0000-0000-0000-000000000000:0-->';
    a.get('/string', (_req, res) => res.render('page', { items, raw }));
    a.get('/parts', async (_req, res) => {
      const parts = new PageParts();
      await parts.send(res, 'page', { raw, items: items.map((i) => ({ title: i.title, html: parts.place(Buffer.from(i.html, 'utf8')) })) });
    });
    return a;
  }

  it('when a page is sent with parts, then its bytes and type are those of the page rendered as one string', async () => {
    const a = app();
    const whole = await request(a).get('/string').expect(200);
    const parts = await request(a).get('/parts').expect(200);
    expect(parts.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(parts.headers['content-type']).toBe(whole.headers['content-type']);
    expect(parts.text).toBe(whole.text);
    expect(parts.text).toContain('<p>Zoë – Grüße</p><section>eins<b>Straße</b></section><section>zwei<i>a &lt; b – ✓</i></section><section>drei</section>');
    expect(parts.text).toContain('<!--00000000-0000-0000-0000-000000000000:0-->');
    expect(Number(parts.headers['content-length'])).toBe(Buffer.byteLength(whole.text, 'utf8'));
    expect(parts.headers.etag).toBe(whole.headers.etag);
  });

  it('when the browser revalidates a page sent with parts, then an unchanged page answers 304', async () => {
    const a = app();
    const first = await request(a).get('/parts').expect(200);
    await request(a).get('/parts').set('If-None-Match', String(first.headers.etag)).expect(304);
  });
});
