// Use-case translations in the browser (issue 18): facilitator A writes the English title, summary and
// one section of the report in the form (the original section shown above its field); facilitator B is
// notified, follows the notification to the same page and approves (four eyes); an English reader then
// sees the translated title, summary and section on the case page — the untranslated section in German.
import { describe, expect, it } from '@jest/globals';
import { createMember, expectAccessible, field, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { createAdministration } from '../support/factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { renderMarkdown } from '../../src/shared/markdown.js';

const EN = { title: 'Participatory budget in the browser town', summary: 'Residents decided on a share of the budget, translated in the browser.' };
const ORIGINAL = { situation: 'Die Stadt wollte den Haushalt öffnen.', goal: 'Vorschläge sichtbar machen.' };
const SITUATION = 'The town wanted to open up its budget.';

describe('use-case translations', () => {
  const e = useE2E();

  it('when facilitator A saves a translation and facilitator B approves it, then an English reader sees it', async () => {
    const ds = e.server.ctx.ds;
    const adm = await createAdministration(ds);
    const uc = await createUseCase(ds, { administrationId: adm.id, visibility: 'public', title: 'Bürgerhaushalt im Browser-Test' });
    await ds.query(`UPDATE use_cases SET narrative = $2, narrative_html = $3 WHERE id = $1`, [uc.id, JSON.stringify(ORIGINAL),
      JSON.stringify(Object.fromEntries(Object.entries(ORIGINAL).map(([k, v]) => [k, renderMarkdown(v)])))]);
    const form = `/use-cases/${uc.slug}/translations/en`;
    const [memberA, memberB] = [await createMember(e.server, 'facilitator'), await createMember(e.server, 'facilitator')];

    // A writes the translation: it waits for review, readers do not see it yet.
    const a = await e.newPage();
    await signIn(a, memberA);
    await visit(a, form);
    await field(a, 'translations.usecase.form.titleLabel').fill(EN.title);
    await field(a, 'translations.usecase.form.summaryLabel').fill(EN.summary);
    // The original section stands above its field, read-only, in German.
    const situation = a.locator('fieldset[aria-labelledby="uc-tr-section-situation"]');
    await expect(situation.locator('.uc-tr-original[lang="de"]').innerText()).resolves.toBe(ORIGINAL.situation);
    await situation.locator('textarea[name="situation"][lang="en"]').fill(SITUATION);
    await submitForm(a, form, tr('translations.usecase.form.submit'));
    await expect(a.locator('main').innerText()).resolves.toContain(tr('translations.usecase.flash.saved'));
    await expect(a.locator('section[aria-labelledby="uc-tr-pending"]').count()).resolves.toBe(1);
    // The writer is not offered the approval (four eyes).
    await expect(a.locator(`form[action="${form}/approve"]`).count()).resolves.toBe(0);
    await expectAccessible(a, 'use-case translation, waiting for review');

    // B finds it among the notifications, follows the link and approves what they see.
    const b = await e.newPage();
    await signIn(b, memberB);
    await visit(b, '/notifications');
    const link = b.locator(`a[href="${form}"]`);
    await expect(link.count()).resolves.toBe(1);
    await Promise.all([b.waitForEvent('load'), link.click()]);
    expect(new URL(b.url()).pathname).toBe(form);
    await expect(b.locator('section[aria-labelledby="uc-tr-pending"]').innerText()).resolves.toContain(EN.title);
    await submitForm(b, `${form}/approve`, tr('translations.usecase.review.approve'));
    await expect(b.locator('main').innerText()).resolves.toContain(tr('translations.usecase.flash.approved'));

    // An English reader (a browser in English, signed out: the case is public) reads it, with lang="en".
    const reader = await e.newPage({ locale: 'en-GB' });
    await visit(reader, `/use-cases/${uc.slug}`);
    await expect(reader.locator('h1[lang="en"]').innerText()).resolves.toBe(EN.title);
    await expect(reader.locator('.uc-summary[lang="en"]').innerText()).resolves.toBe(EN.summary);
    await expect(reader.locator('section[aria-labelledby="section-situation"] .prose[lang="en"]').innerText()).resolves.toBe(SITUATION);
    await expect(reader.locator('section[aria-labelledby="section-goal"] .prose[lang="de"]').innerText()).resolves.toBe(ORIGINAL.goal);
    await expectAccessible(reader, 'translated use case');
  });
});
