// The use-case library in the browser (issue 4): a member writes a case in steps and publishes it;
// a member of another administration says "we want this too", implements it and derives their own
// case, both linked. Every use-case page is checked with axe, forms also with their errors shown.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, follow, signIn, signInAs, submitAsIs, submitForm, tr, useE2E, visit } from './support/index.js';
import { createUseCase, CORE } from '../support/usecases-factories.js';
import { declareAdoption } from '../../src/modules/usecases/adoptions.service.js';
import { addComment, flagComment } from '../../src/modules/usecases/comments.service.js';
import type { UcActor } from '../../src/modules/usecases/usecases.policy.js';

const slugFromUrl = (page: Page) => new URL(page.url()).pathname.split('/')[2]!;

describe('use cases', () => {
  const e = useE2E();

  it('when a member publishes a case in steps and another administration adopts, implements and derives it, then both cases link each other and every page passes axe', async () => {
    const ds = e.server.ctx.ds;
    const audit = new AxeAudit();
    const author = await createMember(e.server, 'member');
    const adopter = await createMember(e.server, 'member');
    expect(adopter.administrationId).not.toBe(author.administrationId);
    const title = `Bürgerbudget ${Date.now()}`;

    // ---- the author: four steps, each saved as a draft ----
    const a = await e.newPage();
    await signIn(a, author);
    await visit(a, '/use-cases/new');
    await audit.check(a, 'create: core step');
    await submitAsIs(a, '/use-cases');
    expect(await a.locator('#error-summary').count()).toBe(1);
    await audit.check(a, 'create: core step with errors');

    await a.locator('#field-title').fill(title);
    await a.locator('#field-summary').fill(CORE.summary);
    await a.locator('#field-department').selectOption(CORE.department);
    await a.locator(`#field-status-${CORE.status}`).check();
    for (const p of CORE.policyAreas) await a.locator(`#field-policyAreas-${p}`).check();
    await a.locator(`#field-iap2Level-${CORE.iap2Level}`).check();
    for (const m of CORE.methods) await a.locator(`#field-methods-${m}`).check();
    await submitForm(a, '/use-cases', tr('usecases.form.saveNext'));
    expect(new URL(a.url()).pathname).toMatch(/^\/use-cases\/[^/]+\/edit\/details$/);
    const slug = slugFromUrl(a);
    await audit.check(a, 'edit: details step');

    // Details with errors (an end before the start, a count that is no number), then properly.
    await a.locator('#field-startDate').fill('2024-05-01');
    await a.locator('#field-endDate').fill('2024-04-01');
    await a.locator('#field-participantCount').fill('viele');
    await submitForm(a, `/use-cases/${slug}/edit/details`, tr('usecases.form.saveNext'));
    expect(await a.locator('#error-summary').count()).toBe(1);
    await audit.check(a, 'edit: details step with errors');
    await a.locator('#field-endDate').fill('2024-11-30');
    await a.locator('#field-participantCount').fill('1200');
    await a.locator('#field-visibility-public').check();
    await submitForm(a, `/use-cases/${slug}/edit/details`, tr('usecases.form.saveNext'));
    expect(new URL(a.url()).pathname).toBe(`/use-cases/${slug}/edit/narrative`);
    await audit.check(a, 'edit: narrative step');

    await a.locator('#field-situation').fill('Die Stadtteile fühlten sich bei Haushaltsfragen übergangen.');
    await a.locator('#field-goal').fill('Mehr Mitsprache über kleine Investitionen im eigenen Viertel.');
    await a.locator('#field-worked').fill('- Abstimmung vor Ort und online\n- feste Budgets je Stadtteil');
    await submitForm(a, `/use-cases/${slug}/edit/narrative`, tr('usecases.form.saveNext'));
    expect(new URL(a.url()).pathname).toBe(`/use-cases/${slug}/edit/publish`);
    await audit.check(a, 'edit: publish step');
    await submitForm(a, `/use-cases/${slug}/edit/publish`, tr('usecases.form.publish'));
    expect(new URL(a.url()).pathname).toBe(`/use-cases/${slug}`);
    await expect(a.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(title);
    const [row] = await ds.query(`SELECT id, published, visibility, administration_id FROM use_cases WHERE slug = $1`, [slug]);
    expect(row).toMatchObject({ published: true, visibility: 'public', administration_id: author.administrationId });
    await audit.check(a, 'case page (author, just published)');

    // The narrative step shown with an error (a section over 30,000 characters).
    await visit(a, `/use-cases/${slug}/edit/narrative`);
    await a.locator('#field-process').fill('x'.repeat(30_001));
    await submitForm(a, `/use-cases/${slug}/edit/narrative`, tr('usecases.form.saveNext'));
    expect(await a.locator('#error-summary').count()).toBe(1);
    await audit.check(a, 'edit: narrative step with errors');
    // The core step of an existing case, and with errors.
    await visit(a, `/use-cases/${slug}/edit/core`);
    await audit.check(a, 'edit: core step');
    await a.locator('#field-summary').fill('kurz');
    await submitForm(a, `/use-cases/${slug}/edit/core`, tr('usecases.form.saveNext'));
    expect(await a.locator('#error-summary').count()).toBe(1);
    await audit.check(a, 'edit: core step with errors');
    // A published change keeps a revision with a diff.
    await a.locator('#field-summary').fill(`${CORE.summary} Seit 2024 auch für Jugendliche.`);
    await submitForm(a, `/use-cases/${slug}/edit/core`, tr('usecases.form.saveNext'));
    expect(new URL(a.url()).pathname).toBe(`/use-cases/${slug}/edit/details`);

    // Attachment: the upload form with its error (no file), then a PNG.
    await visit(a, `/use-cases/${slug}`);
    await submitForm(a, `/use-cases/${slug}/attachments`, tr('usecases.attachments.submit'));
    await a.locator('#field-file-error').waitFor();
    await audit.check(a, 'attachment upload with errors');
    // A text file named .pdf is refused by its content, and nothing is stored.
    await a.locator('#field-file').setInputFiles({ name: 'bericht.pdf', mimeType: 'application/pdf', buffer: Buffer.from('kein PDF, nur Text') });
    await submitForm(a, `/use-cases/${slug}/attachments`, tr('usecases.attachments.submit'));
    await a.locator('#field-file-error').waitFor();
    await expect(ds.query(`SELECT count(*)::int AS n FROM use_case_attachments WHERE use_case_id = $1`, [row.id])).resolves.toEqual([{ n: 0 }]);
    await audit.check(a, 'attachment upload of a disguised file');
    await a.locator('#field-file').setInputFiles({ name: 'plakat.png', mimeType: 'image/png', buffer: PNG });
    await a.locator('#field-description').fill('Plakat der Abstimmung');
    await submitForm(a, `/use-cases/${slug}/attachments`, tr('usecases.attachments.submit'));
    await a.getByRole('link', { name: 'plakat.png' }).waitFor();
    // The file downloads again (uploads live under .data/uploads, a dot directory, by default).
    const href = await a.getByRole('link', { name: 'plakat.png' }).getAttribute('href');
    const download = await a.context().request.get(new URL(href!, a.url()).href);
    expect(download.status()).toBe(200);
    expect((await download.body()).equals(PNG)).toBe(true);

    // A comment by the author.
    await a.locator('#field-body').fill('Fragen zum **Ablauf** gern hier.');
    await submitForm(a, `/use-cases/${slug}/comments`, tr('usecases.comments.submit'));
    const [comment] = await ds.query(`SELECT c.id FROM use_case_comments c WHERE c.use_case_id = $1`, [row.id]);
    expect(comment).toBeDefined();
    // The revision history opened.
    await a.locator('#history').waitFor();
    for (const d of await a.locator('details.uc-revision').all()) await d.locator('summary').click();
    await expect(a.locator('.uc-diff').first().isVisible()).resolves.toBe(true);
    await audit.check(a, 'case page with attachment, comment and open revision diffs');
    await visit(a, `/use-cases/${slug}/comments/${comment.id}/edit`);
    await audit.check(a, 'edit comment');
    await a.locator('#field-body').fill('');
    await submitForm(a, `/use-cases/${slug}/comments/${comment.id}/edit`, tr('form.save'));
    expect(await a.locator('#error-summary').count()).toBe(1);
    await audit.check(a, 'edit comment with errors');

    // ---- the adopter, from another administration ----
    const b = await e.newPage();
    await signIn(b, adopter);
    await visit(b, `/use-cases/${slug}`);
    await audit.check(b, 'case page (another administration)');
    // The adoption form sent without a status, then "interested", then "implemented".
    await submitForm(b, `/use-cases/${slug}/adoption`, tr('usecases.adoptions.submit'));
    expect(await b.locator('#error-summary').count()).toBe(1);
    await audit.check(b, 'adoption form with errors');
    await b.locator('#field-status').selectOption('interested');
    await submitForm(b, `/use-cases/${slug}/adoption`, tr('usecases.adoptions.submit'));
    await b.locator('#field-status').selectOption('implemented');
    await b.locator('#field-note').fill('Seit Frühjahr in zwei Ortsteilen.');
    await submitForm(b, `/use-cases/${slug}/adoption`, tr('usecases.adoptions.submit'));
    const [adoption] = await ds.query(`SELECT status, note FROM use_case_adoptions WHERE use_case_id = $1 AND administration_id = $2`, [row.id, adopter.administrationId]);
    expect(adoption).toEqual({ status: 'implemented', note: 'Seit Frühjahr in zwei Ortsteilen.' });

    // A reply to the author's comment and a flag on it.
    await b.locator(`#comment-${comment.id}`).locator('..').locator('details.uc-reply-form summary').click();
    await b.locator(`#reply-${comment.id}`).fill('Wie lange lief die Abstimmung?');
    await Promise.all([b.waitForEvent('load'), b.getByRole('button', { name: tr('usecases.comments.replySubmit') }).click()]);
    await b.locator(`#comment-${comment.id}`).locator('summary', { hasText: tr('usecases.comments.flag') }).click();
    await b.locator(`#flag-${comment.id}`).fill('Bitte prüfen, Test einer Meldung.');
    await Promise.all([b.waitForEvent('load'), b.locator(`#comment-${comment.id}`).getByRole('button', { name: tr('usecases.comments.flagSubmit') }).click()]);
    await expect(b.locator('.uc-reply').count()).resolves.toBe(1);
    for (const d of await b.locator('main details').all()) await d.locator('summary').click();
    await audit.check(b, 'case page with a reply, the adoption as implemented and every form opened');

    // Derive: a new case pre-filled from the original, linked both ways.
    await submitForm(b, `/use-cases/${slug}/derive`, tr('usecases.adoptions.derive'));
    expect(new URL(b.url()).pathname).toMatch(/\/edit\/core$/);
    const derivedSlug = slugFromUrl(b);
    expect(derivedSlug).not.toBe(slug);
    const [derived] = await ds.query(`SELECT derived_from_id, administration_id FROM use_cases WHERE slug = $1`, [derivedSlug]);
    expect(derived).toEqual({ derived_from_id: row.id, administration_id: adopter.administrationId });
    await audit.check(b, 'derived case: core step (pre-filled)');
    await expect(b.locator('#field-summary').inputValue()).resolves.toBe(`${CORE.summary} Seit 2024 auch für Jugendliche.`);
    // While it is a draft, the original does not point to it (a visitor would meet a 404).
    const v = await e.newPage();
    await visit(v, `/use-cases/${slug}`);
    await expect(v.locator(`main a[href="/use-cases/${derivedSlug}"]`).count()).resolves.toBe(0);
    // The adopter walks through the pre-filled steps and publishes the derived case.
    await submitForm(b, `/use-cases/${derivedSlug}/edit/core`, tr('usecases.form.saveNext'));
    await submitForm(b, `/use-cases/${derivedSlug}/edit/details`, tr('usecases.form.saveNext'));
    await submitForm(b, `/use-cases/${derivedSlug}/edit/narrative`, tr('usecases.form.saveNext'));
    await submitForm(b, `/use-cases/${derivedSlug}/edit/publish`, tr('usecases.form.publish'));
    expect(new URL(b.url()).pathname).toBe(`/use-cases/${derivedSlug}`);
    const up = b.locator('main p', { hasText: tr('usecases.derivedFrom') }).getByRole('link');
    await expect(up.getAttribute('href')).resolves.toBe(`/use-cases/${slug}`);
    await audit.check(b, 'derived case page');
    await visit(b, `/use-cases/${slug}`);
    const down = b.locator('main p', { hasText: tr('usecases.derivedCases') }).getByRole('link');
    await expect(down.getAttribute('href')).resolves.toBe(`/use-cases/${derivedSlug}`);
    await expect(b.locator('#adoptions').locator('..').locator(`a[href="/use-cases/${derivedSlug}"]`).count()).resolves.toBe(1);
    await visit(v, `/use-cases/${slug}`);
    await audit.check(v, 'case page (visitor) with adoption and derived case');

    // The adopter's administration profile lists its adoption (and its derived case once public).
    const [adm] = await ds.query(`SELECT slug FROM administrations WHERE id = $1`, [adopter.administrationId]);
    await visit(b, `/administrations/${adm.slug}`);
    await b.getByRole('link', { name: title }).first().waitFor();
    await audit.check(b, 'adopter administration profile with adoptions');
    const [authorAdm] = await ds.query(`SELECT slug FROM administrations WHERE id = $1`, [author.administrationId]);
    await visit(b, `/administrations/${authorAdm.slug}`);
    await b.getByRole('link', { name: title }).first().waitFor();
    await audit.check(b, 'author administration profile with its use cases');

    await visit(a, '/use-cases/mine');
    await audit.check(a, 'my use cases');

    audit.assertClean();
  });

  it('when a visitor and a facilitator open the library, a case with a flagged reply, the review queue and the flags, then every page passes axe', async () => {
    const ds = e.server.ctx.ds;
    const audit = new AxeAudit();
    const title = `Jugendbeteiligung ${Date.now()}`;
    const uc = await createUseCase(ds, { title, visibility: 'public', status: 'running', policyAreas: ['budget'], methods: ['participatory-budget'] });
    await createUseCase(ds, { nextReviewAt: '2020-01-01', title: `Überfällige Prüfung ${Date.now()}` });
    const other = await createMember(e.server, 'member');
    const author: UcActor = { id: uc.createdById, role: 'member', administrationId: uc.administrationId };
    const reader: UcActor = { id: other.id, role: 'member', administrationId: other.administrationId };
    const ctx = e.server.ctx;
    const commentId = await addComment(ctx, author, uc.slug, 'Fragen gern hier.', null);
    await addComment(ctx, reader, uc.slug, 'Wie lange lief es?', commentId);
    await flagComment(ctx, reader, uc.slug, commentId, 'Bitte einmal prüfen.');
    await declareAdoption(ctx, reader, uc.slug, 'planning', 'Wir planen es für 2027.');

    // The library with facets, as a member and as a visitor.
    const m = await e.newPage();
    await signIn(m, other);
    await visit(m, '/use-cases');
    await audit.check(m, 'use-case list');
    await visit(m, '/use-cases?topic=budget&method=participatory-budget&status=running&sort=adopted');
    await m.getByRole('link', { name: title }).waitFor();
    await audit.check(m, 'use-case list with facets');
    await visit(m, '/use-cases?topic=budget&level=inform&size=small&sort=similar');
    await audit.check(m, 'use-case list with facets and no result');
    const [adm] = await ds.query(`SELECT slug FROM administrations WHERE id = $1`, [other.administrationId]);
    await visit(m, `/administrations/${adm.slug}`);
    await m.getByRole('link', { name: title }).first().waitFor();
    await audit.check(m, 'administration profile with an adoption');
    const v = await e.newPage();
    await visit(v, `/use-cases/${uc.slug}`);
    await audit.check(v, 'case page (visitor)');
    await visit(v, '/use-cases?topic=budget');
    await audit.check(v, 'use-case list (visitor, filtered)');

    // The facilitator: review queue, flags, the case with its moderation forms, verification.
    const f = await e.newPage();
    await signInAs(f, e.server, 'facilitator');
    await visit(f, '/use-cases/review');
    await expect(f.locator('main table').count()).resolves.toBe(1);
    await audit.check(f, 'facilitator review queue');
    await visit(f, '/use-cases/flags');
    await follow(f, f.getByRole('link', { name: title }).first());
    expect(new URL(f.url()).pathname).toBe(`/use-cases/${uc.slug}`);
    await submitForm(f, `/use-cases/${uc.slug}/verify`, tr('usecases.verify.submit'));
    const [verified] = await ds.query(`SELECT verified_at IS NOT NULL AS v FROM use_cases WHERE id = $1`, [uc.id]);
    expect(verified.v).toBe(true);
    for (const d of await f.locator('main details').all()) await d.locator('summary').click();
    await audit.check(f, 'case page (facilitator, verified, moderation forms open)');
    await visit(f, '/use-cases/flags');
    await audit.check(f, 'facilitator flags');
    await visit(f, `/use-cases/${uc.slug}/edit/details`);
    await audit.check(f, 'edit: details step (facilitator, owner choice)');
    await visit(f, '/use-cases/new');
    await audit.check(f, 'create: core step (facilitator, administration choice)');
    await submitAsIs(f, '/use-cases');
    await audit.check(f, 'create: core step with errors (facilitator)');

    audit.assertClean();
  });
});

// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
