import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { contentDir } from '../../../src/paths.js';
import { loadDemo } from '../../../src/boot.js';
import { parseCaseFile } from '../../../src/modules/usecases/usecases.demo.js';

describe('use cases: demo content (content/usecases)', () => {
  const t = useTestApp();
  const files = readdirSync(path.join(contentDir, 'usecases')).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('when the files are read, then there are 12 cases, at least 8 public, spanning statuses, with a stopped one that says what failed', () => {
    const parsed = files.map((f) => parseCaseFile(readFileSync(path.join(contentDir, 'usecases', f), 'utf8')));
    expect(parsed).toHaveLength(12);
    expect(parsed.filter((p) => p.meta.visibility === 'public').length).toBeGreaterThanOrEqual(8);
    expect(new Set(parsed.map((p) => p.meta.status)).size).toBeGreaterThanOrEqual(4);
    const stopped = parsed.filter((p) => p.meta.status === 'stopped');
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    expect(stopped[0]!.narrative.notWorked!.length).toBeGreaterThan(100);
    expect(new Set(parsed.flatMap((p) => p.meta.methods as string[])).size).toBeGreaterThanOrEqual(8);
  });

  it('when the demo is loaded twice, then cases, adoptions and comments exist once and the pages render', async () => {
    await loadDemo(t.ctx, ['administrations', 'accounts', 'usecases']);
    const count = async () => (await t.ctx.ds.query(
      `SELECT (SELECT count(*) FROM use_cases WHERE slug = ANY($1))::int AS cases,
              (SELECT count(*) FROM use_case_comments c JOIN use_cases u ON u.id = c.use_case_id WHERE u.slug = ANY($1))::int AS comments,
              (SELECT count(*) FROM use_case_adoptions a JOIN use_cases u ON u.id = a.use_case_id WHERE u.slug = ANY($1))::int AS adoptions`,
      [files.map((f) => f.replace(/\.md$/, ''))]))[0];
    const first = await count();
    expect(first.cases).toBe(12);
    expect(first.comments).toBeGreaterThan(10);
    expect(first.adoptions).toBeGreaterThan(10);
    await loadDemo(t.ctx, ['usecases']);
    expect(await count()).toEqual(first);
    // A planned demo project starts in the future, whatever day the demo is loaded.
    const [planned] = await t.ctx.ds.query(`SELECT start_date > current_date AS ahead, narrative->>'goal' AS goal FROM use_cases WHERE slug = 'musterstadt-buergerbudget'`);
    expect(planned.ahead).toBe(true);
    expect(planned.goal).toMatch(/im Haushalt \d{4},/);
    const [derived] = await t.ctx.ds.query(
      `SELECT d.slug FROM use_cases u JOIN use_cases d ON d.id = u.derived_from_id WHERE u.slug = 'musterstadt-buergerbudget'`);
    expect(derived.slug).toBe('eberswalde-buergerbudget');
    const page = await request(t.app).get('/use-cases/marburg-biedenkopf-nahverkehr-dialog');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Was nicht funktioniert hat');
    expect((await request(t.app).get('/use-cases/weyarn-arbeitskreise')).status).toBe(404); // network-only
    // Potsdam's English translation carries sections, published once (the second load added no revision),
    // and English readers see them with lang="en".
    const [potsdam] = await t.ctx.ds.query(
      `SELECT (SELECT count(*) FROM jsonb_object_keys(t.narrative_html))::int AS sections,
              (SELECT count(*) FROM use_case_translation_revisions r WHERE r.use_case_id = t.use_case_id)::int AS revisions, t.narrative_html AS html
         FROM use_case_translations t JOIN use_cases u ON u.id = t.use_case_id WHERE u.slug = 'potsdam-buergerhaushalt' AND t.language = 'en'`);
    expect(potsdam.sections).toBeGreaterThanOrEqual(2);
    expect(potsdam.revisions).toBe(1);
    const en = await request(t.app).get('/use-cases/potsdam-buergerhaushalt').set('Accept-Language', 'en');
    expect(en.text).toContain(`<div class="kern-body prose" lang="en">${potsdam.html.goal}</div>`);
  }, 120_000);
});
