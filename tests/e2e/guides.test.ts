// Guides in the browser (issue 5): four-eyes publishing. Facilitator A edits a published chapter,
// readers keep the published text, facilitator B approves in the review queue, readers get the new
// text and the history shows the diff. Then axe-core on every guide page, editor forms included.
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, field, follow, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { createGuide } from '../support/guides-factories.js';

const chapterText = (page: Page) => page.locator('.guide-chapter .markdown').innerText();

describe('guides', () => {
  const e = useE2E();

  it('when facilitator A edits a published chapter, then readers keep the old text until facilitator B approves, and the history shows the diff', async () => {
    const ds = e.server.ctx.ds;
    const guide = await createGuide(ds, { title: 'Bürgerhaushalt planen' });
    const chapterPath = `/guides/${guide.slug}/planung`;
    const [a, b, reader] = [await createMember(e.server, 'facilitator', { name: 'Anke Autorin' }), await createMember(e.server, 'facilitator', { name: 'Bernd Prüfer' }), await createMember(e.server)];

    // Facilitator A edits the chapter: a draft waits for a second person.
    const pa = await e.newPage();
    await signIn(pa, a);
    await visit(pa, chapterPath);
    await follow(pa, pa.getByRole('link', { name: tr('guides.chapter.edit') }));
    expect(new URL(pa.url()).pathname).toBe(`/guides/${guide.slug}/chapters/c-planung/edit`);
    await field(pa, 'guides.fields.body').fill('Zweiter Text zur Planung.\n\nNeu: ein **Zeitplan** mit drei Phasen.');
    await field(pa, 'guides.fields.message').fill('Zeitplan ergänzt');
    await submitForm(pa, `/guides/${guide.slug}/chapters/c-planung`, tr('guides.form.save'));
    await expect(pa.getByRole('status').filter({ hasText: tr('guides.flash.draftSaved') }).count()).resolves.toBe(1);
    const [g] = await ds.query(`SELECT draft_revision_id AS "draft", published_revision_id AS "published" FROM guides WHERE id = $1`, [guide.id]);
    expect(g.draft).not.toBeNull();
    expect(g.draft).not.toBe(g.published);

    // Readers, signed in or not, still see the published text.
    const member = await e.newPage();
    await signIn(member, reader);
    const visitor = await e.newPage();
    for (const p of [member, visitor]) {
      await visit(p, chapterPath);
      await expect(chapterText(p)).resolves.toBe('Zweiter Text zur Planung.');
      await visit(p, `/guides/${guide.slug}/print`);
      await expect(p.locator('main').innerText()).resolves.not.toContain('Zeitplan');
    }

    // A cannot approve their own draft.
    await visit(pa, `/guides/${guide.slug}/review`);
    await expect(pa.getByRole('button', { name: tr('guides.review.approve') }).count()).resolves.toBe(0);
    await expect(pa.locator('main').innerText()).resolves.toContain(tr('guides.review.ownDraft'));

    // B finds the draft in the review queue, sees the diff and approves.
    const pb = await e.newPage();
    await signIn(pb, b);
    await visit(pb, '/guides/review');
    await follow(pb, pb.locator('#drafts-heading + ul').getByRole('link', { name: guide.title }));
    expect(new URL(pb.url()).pathname).toBe(`/guides/${guide.slug}/review`);
    await expect(pb.locator('.guide-diff ins').filter({ hasText: 'Zeitplan' }).count()).resolves.toBeGreaterThan(0);
    await submitForm(pb, `/guides/${guide.slug}/approve`, tr('guides.review.approve'));
    expect(new URL(pb.url()).pathname).toBe(`/guides/${guide.slug}`);
    await expect(pb.getByRole('status').filter({ hasText: tr('guides.flash.approved') }).count()).resolves.toBe(1);
    const [after] = await ds.query(`SELECT draft_revision_id AS "draft", published_revision_id AS "published" FROM guides WHERE id = $1`, [guide.id]);
    expect(after).toEqual({ draft: null, published: g.draft });

    // Readers now see the new text.
    for (const p of [member, visitor]) {
      await visit(p, chapterPath);
      await expect(chapterText(p)).resolves.toContain('Neu: ein Zeitplan mit drei Phasen.');
      await expect(p.locator('.guide-chapter .markdown strong').innerText()).resolves.toBe('Zeitplan');
    }

    // The chapter's history lists the change; its page shows what was added.
    await visit(pb, `/guides/${guide.slug}/revisions?chapter=c-planung`);
    const row = pb.locator('tbody tr').filter({ hasText: 'Zeitplan ergänzt' });
    await expect(row.innerText()).resolves.toContain('Anke Autorin');
    await expect(row.innerText()).resolves.toContain('Bernd Prüfer');
    await follow(pb, row.getByRole('link'));
    expect(new URL(pb.url()).pathname).toBe(`/guides/${guide.slug}/revisions/${g.draft}`);
    await expect(pb.locator('.guide-diff ins').filter({ hasText: 'Neu: ein **Zeitplan** mit drei Phasen.' }).count()).resolves.toBe(1);
  });

  it('when every guide page is opened as visitor, member and facilitator, with previews and errors, then axe finds no violation', async () => {
    const ds = e.server.ctx.ds;
    const audit = new AxeAudit();
    const guide = await createGuide(ds, { title: 'Online-Dialog durchführen', tags: ['dialog', 'online'] });
    const due = await createGuide(ds, { title: 'Datenschutz in der Beteiligung' });
    await ds.query(`UPDATE guides SET next_review_on = current_date - 10 WHERE id = $1`, [due.id]);
    const [author, reviewer] = [await createMember(e.server, 'facilitator'), await createMember(e.server, 'facilitator')];

    const visitor = await e.newPage();
    for (const [label, path] of [
      ['guides (visitor)', '/guides'],
      ['guides by tag', '/guides?tag=dialog'],
      ['guide (visitor)', `/guides/${guide.slug}`],
      ['chapter (visitor)', `/guides/${guide.slug}/planung`],
      ['print view', `/guides/${guide.slug}/print`],
    ]) {
      await visit(visitor, path!);
      await audit.check(visitor, label!);
    }

    const member = await e.newPage();
    await signIn(member, await createMember(e.server));
    await visit(member, `/guides/${guide.slug}/einstieg`);
    await submitForm(member, `/guides/${guide.slug}/einstieg/read`, tr('guides.chapter.markReadNext'));
    expect(new URL(member.url()).pathname).toBe(`/guides/${guide.slug}/planung`);
    await audit.check(member, 'chapter (member, with progress)');
    await visit(member, `/guides/${guide.slug}`);
    await audit.check(member, 'guide (member, with progress)');

    // The author: editor pages with previews and errors, a draft of a chapter.
    const pa = await e.newPage();
    await signIn(pa, author);
    for (const [label, path] of [
      ['guides (facilitator)', '/guides'],
      ['guides with drafts', '/guides?status=draft'],
      ['new guide', '/guides/new'],
    ]) {
      await visit(pa, path!);
      await audit.check(pa, label!);
    }
    await field(pa, 'guides.fields.title').fill('');
    await submitForm(pa, '/guides', tr('guides.form.save'));
    await expect(pa.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(pa, 'new guide with errors');

    await visit(pa, `/guides/${guide.slug}/edit`);
    await audit.check(pa, 'guide editor');
    await field(pa, 'guides.fields.title').fill('');
    await submitForm(pa, `/guides/${guide.slug}/edit`, tr('guides.form.save'));
    await expect(pa.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(pa, 'guide editor with errors');

    await visit(pa, `/guides/${guide.slug}/chapters/new`);
    await audit.check(pa, 'new chapter');
    await submitForm(pa, `/guides/${guide.slug}/chapters`, tr('guides.form.save'));
    await expect(pa.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(pa, 'new chapter with errors');

    const chapterAction = `/guides/${guide.slug}/chapters/c-planung`;
    await visit(pa, `${chapterAction}/edit`);
    await audit.check(pa, 'chapter editor');
    await field(pa, 'guides.fields.body').fill('## Ablauf\n\n1. Ziele klären\n2. **Zeitplan** festlegen\n\n> Tipp: früh beginnen.');
    await submitForm(pa, chapterAction, tr('guides.chapterForm.preview'));
    await expect(pa.locator('.guide-preview strong').innerText()).resolves.toBe('Zeitplan');
    await audit.check(pa, 'chapter editor with preview');
    await field(pa, 'guides.fields.chapterTitle').fill('');
    await submitForm(pa, chapterAction, tr('guides.form.save'));
    await expect(pa.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(pa, 'chapter editor with errors');
    await field(pa, 'guides.fields.chapterTitle').fill('Planung');
    await field(pa, 'guides.fields.message').fill('Ablauf beschrieben');
    await submitForm(pa, chapterAction, tr('guides.form.save'));
    await audit.check(pa, 'guide editor with a draft');
    await visit(pa, `/guides/${guide.slug}/review`);
    await audit.check(pa, 'review (own draft)');

    // The reviewer: queues, review with errors, history, a revision's diff and the restore form.
    const pb = await e.newPage();
    await signIn(pb, reviewer);
    await visit(pb, '/guides/review');
    await pb.locator('#drafts-heading + ul').getByRole('link', { name: guide.title }).waitFor();
    await pb.locator('#due-heading + ul').getByRole('link', { name: due.title }).waitFor();
    await audit.check(pb, 'review queue and needs-review queue');
    await visit(pb, `/guides/${guide.slug}/review`);
    await audit.check(pb, 'review (another facilitator)');
    await submitForm(pb, `/guides/${guide.slug}/request-changes`, tr('guides.review.requestChanges'));
    await expect(pb.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(pb, 'review with errors');

    await visit(pb, `/guides/${guide.slug}/revisions`);
    await audit.check(pb, 'history');
    await visit(pb, `/guides/${guide.slug}/revisions?chapter=c-planung`);
    await audit.check(pb, 'chapter history');
    const [first] = await ds.query(`SELECT min(id) AS id FROM guide_revisions WHERE guide_id = $1`, [guide.id]);
    const [last] = await ds.query(`SELECT max(id) AS id FROM guide_revisions WHERE guide_id = $1`, [guide.id]);
    await visit(pb, `/guides/${guide.slug}/revisions/${last.id}`);
    await expect(pb.locator('.guide-diff ins').count()).resolves.toBeGreaterThan(0);
    await audit.check(pb, 'revision with diff and restore form');
    await visit(pb, `/guides/${guide.slug}/revisions/${first.id}`);
    await field(pb, 'guides.fields.message').fill('Ursprünglichen Stand wiederhergestellt');
    await submitForm(pb, `/guides/${guide.slug}/revisions/${first.id}/restore`, tr('guides.revision.restore'));
    expect(new URL(pb.url()).pathname).toBe(`/guides/${guide.slug}/review`);
    await audit.check(pb, 'review after restore');

    audit.assertClean();
    expect(audit.checked.length).toBeGreaterThan(25);
  });
});
