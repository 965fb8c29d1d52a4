import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contentDir } from '../../../src/paths.js';
import { parseCaseFile } from '../../../src/modules/usecases/usecases.demo.js';
import { upsertTranslation } from '../../../src/modules/usecases/translations.store.js';
import { useTestApp } from '../../support/app.js';
import { Browser } from '../../support/agent.js';
import { createUseCase } from '../../support/usecases-factories.js';

describe('use cases: title and summary in another language', () => {
  const t = useTestApp();
  const rowsOf = async (id: number) => t.ctx.ds.query(`SELECT language, title, summary, updated_at AS "updatedAt" FROM use_case_translations WHERE use_case_id = $1`, [id]);

  it('when a use case has an English title and summary, then English readers see them with lang="en" and a notice, German readers the original', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    await upsertTranslation(t.ctx.ds, uc.id, { language: 'en', title: 'Participatory budget for testing', summary: 'A short description in English.' });
    const first = await rowsOf(uc.id);
    await upsertTranslation(t.ctx.ds, uc.id, { language: 'en', title: 'Participatory budget for testing', summary: 'A short description in English.' });
    expect(await rowsOf(uc.id)).toEqual(first); // unchanged text changes nothing

    const en = await new Browser(t.app).get(`/use-cases/${uc.slug}`).set('Accept-Language', 'en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1 class="kern-heading-large" lang="en">Participatory budget for testing</h1>');
    expect(en.text).toContain('<p class="kern-body uc-summary" lang="en">A short description in English.</p>');
    expect(en.text).toContain('Title and summary are translated; the report is in the original language (German).');
    const de = await new Browser(t.app).get(`/use-cases/${uc.slug}`);
    expect(de.text).toMatch(/<h1 class="kern-heading-large" lang="de">Bürgerhaushalt uc-/);
    expect(de.text).not.toContain('Participatory budget for testing');
  });

  it('when the original summary changes after the translation, then English readers see it marked outdated', async () => {
    const uc = await createUseCase(t.ctx.ds, { visibility: 'public' });
    await upsertTranslation(t.ctx.ds, uc.id, { language: 'en', title: 'Participatory budget for testing', summary: 'A short description in English.' });
    await t.ctx.ds.query(`UPDATE use_cases SET summary = 'Eine geänderte Beschreibung.' WHERE id = $1`, [uc.id]);
    const en = await new Browser(t.app).get(`/use-cases/${uc.slug}`).set('Accept-Language', 'en');
    expect(en.text).toContain('This translation of title and summary is outdated: the original (German) has changed since.');
  });

  it('when the demo file of Potsdam is read, then it carries an English title, summary and at least two sections the original has', () => {
    const { meta, narrative } = parseCaseFile(readFileSync(path.join(contentDir, 'usecases', 'potsdam-buergerhaushalt.md'), 'utf8'));
    const en = (meta.translations as Record<string, { title: string; summary: string; sections: Record<string, string> }>).en!;
    expect(en.title).toMatch(/^Potsdam participatory budget/);
    expect(en.summary.length).toBeLessThanOrEqual(300);
    expect(Object.keys(en.sections).length).toBeGreaterThanOrEqual(2);
    for (const [section, text] of Object.entries(en.sections)) {
      expect({ section, original: !!narrative[section as keyof typeof narrative] }).toEqual({ section, original: true });
      expect(text).not.toBe(narrative[section as keyof typeof narrative]);
    }
  });
});
