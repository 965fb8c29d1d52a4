// The Kompetenzpass in the browser: axe (WCAG 2.1 A/AA and best practices) on the pass, its
// settings with an error, the share link shown once, the print view and the pass opened by its
// link, at 1280 px and 320 px (no sideways scrolling); and the journey of making it public,
// opening the link signed out, revoking it, and the link answering 404.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, sidewaysOverflow, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { uniq } from '../support/factories.js';
import { inTransaction } from '../../src/db/transaction.js';
import { activityFact, type ActivityKind } from '../../src/shared/activity.js';
import { applyActivity } from '../../src/modules/recognition/ledger.service.js';

describe('Kompetenzpass', () => {
  const e = useE2E();

  async function seed(userId: number) {
    const facts: [ActivityKind, string, string[]][] = [
      ['usecase.published', 'Bürgerhaushalt mit Online-Dialog in einer Kleinstadt am Rand des Landkreises', ['methods-formats', 'digital-tools']],
      ['forum.answer_accepted', 'Wie schreibe ich eine Einladung in Leichter Sprache?', ['accessibility-privacy']],
      ['academy.certificate', 'Grundlagen der Bürgerbeteiligung', ['competence-resources']],
    ];
    for (const [kind, title, competences] of facts) {
      await inTransaction(e.server.ctx.ds, (db) => applyActivity(db, {
        kind, fact: activityFact(kind, uniq(), userId), holds: true, beneficiaryId: userId, actorId: null,
        item: { type: 'test', id: uniq(), title, url: '/use-cases' }, competences,
      }, 1));
    }
    await e.server.ctx.ds.query(
      `INSERT INTO recognition_assertions (kind, class_key, user_id, identity_hash, salt) VALUES ('badge', 'first-answer', $1, $2, 'salz')`,
      [userId, `sha256$${'c'.repeat(64)}`]);
  }

  it('when the member opens, prints and shares their pass, then every page passes axe at 1280 and 320 px', async () => {
    const member = await createMember(e.server);
    await seed(member.id);
    const path = `/members/${member.handle}/kompetenzpass`;
    const audit = new AxeAudit();
    const overflow: string[] = [];
    for (const width of [1280, 320]) {
      const page = await e.newPage({ width });
      await signIn(page, member);
      const check = async (label: string) => {
        await audit.check(page, `${label} (${width} px)`);
        if (width === 320 && (await sidewaysOverflow(page)) > 0) overflow.push(`${label}: ${page.url()}`);
      };
      await visit(page, path);
      await check('Kompetenzpass');
      await visit(page, `${path}/print`);
      await check('Kompetenzpass print view');
      // The settings with an error: no visibility chosen (the radios cleared before sending).
      await visit(page, path);
      await page.evaluate(`document.querySelectorAll('input[name="visibility"]').forEach((i) => { i.checked = false; })`);
      await submitForm(page, `${path}/visibility`, tr('recognition.pass.settings.save'));
      expect(await page.locator('#error-summary').count()).toBe(1);
      await check('Kompetenzpass settings with an error');
      await visit(page, path);
      await page.locator('#field-visibility-public').check();
      await submitForm(page, `${path}/visibility`, tr('recognition.pass.settings.save'));
      await submitForm(page, `${path}/link`, tr(width === 1280 ? 'recognition.pass.link.create' : 'recognition.pass.link.renew'));
      await check('Kompetenzpass with its new share link');
      const url = (await page.locator('.pass-share-url').innerText()).trim();
      const visitor = await e.newPage({ width });
      await visit(visitor, new URL(url).pathname);
      await audit.check(visitor, `Kompetenzpass by share link (${width} px)`);
      if (width === 320 && (await sidewaysOverflow(visitor)) > 0) overflow.push(`shared: ${url}`);
    }
    audit.assertClean();
    expect(overflow).toEqual([]);
  });

  it('when the member makes the pass public, then the link opens it signed out; once revoked, the link answers 404', async () => {
    const member = await createMember(e.server);
    await seed(member.id);
    const path = `/members/${member.handle}/kompetenzpass`;
    const page = await e.newPage();
    await signIn(page, member);
    await visit(page, path);
    await page.locator('#field-visibility-public').check();
    await submitForm(page, `${path}/visibility`, tr('recognition.pass.settings.save'));
    await submitForm(page, `${path}/link`, tr('recognition.pass.link.create'));
    const link = new URL((await page.locator('.pass-share-url').innerText()).trim()).pathname;

    const visitor = await e.newPage();
    await visit(visitor, link);
    await expect(visitor.locator('h1').innerText()).resolves.toContain(member.name);
    await expect(visitor.locator('main').innerText()).resolves.toContain('Grundlagen der Bürgerbeteiligung');
    await visit(visitor, path, 404);

    await visit(page, path);
    await submitForm(page, `${path}/link/delete`, tr('recognition.pass.link.revoke'));
    await visit(visitor, link, 404);
  });
});
