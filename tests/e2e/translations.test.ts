// Translated guides in the browser (issue 18): an English reader — a member whose account language is
// English — opens a chapter that has a published English translation and reads it (lang="en", the
// language switch, hreflang); after the German original changes (a facilitator edits, another
// approves) the reader sees the "translation outdated" notice and facilitators find it listed. The
// translation itself is made and reviewed over HTTP (tests/modules/translations covers its forms).
import { describe, expect, it } from '@jest/globals';
import { expectAccessible, createMember, signIn, tr, useE2E, visit } from './support/index.js';
import { signedIn } from '../support/agent.js';
import { createUser } from '../support/factories.js';
import { createGuide } from '../support/guides-factories.js';

describe('translated guides', () => {
  const e = useE2E();

  it('when an English reader opens a translated chapter and the German original then changes, then they read the English text and afterwards see it marked outdated', async () => {
    const ds = e.server.ctx.ds;
    const app = e.server.app;
    const g = await createGuide(ds, { title: 'Bürgerhaushalt übersetzen' });
    const [a, b] = [await createUser(ds, { role: 'facilitator' }), await createUser(ds, { role: 'facilitator' })];
    const translator = await signedIn(app, a);
    const reviewer = await signedIn(app, b);
    const uidOf = async (guideId: number, slug: string) => (await ds.query(`SELECT uid FROM guide_chapters WHERE guide_id = $1 AND slug = $2`, [guideId, slug]))[0].uid as string;
    const draftOf = async (slug: string) => Number((await ds.query(`SELECT draft_revision_id AS d FROM guides WHERE slug = $1`, [slug]))[0].d);

    // A translates the chapter "planung" and the guide's title into English; B approves.
    expect((await translator.post(`/guides/${g.slug}/translate`, { language: 'en' }, `/guides/${g.slug}/translate`)).status).toBe(303);
    const trSlug = `${g.slug}-en`;
    const uid = await uidOf(g.id, 'planung');
    expect((await translator.post(`/guides/${trSlug}/chapters/${uid}`,
      { title: 'Planning', slug: 'planning', body: 'Second text about **planning**.', message: 'translated' }, `/guides/${trSlug}/chapters/${uid}/edit`)).status).toBe(303);
    expect((await translator.post(`/guides/${trSlug}/edit`,
      { title: 'Translating a participatory budget', summary: 'A summary.', tags: 'test', owner: '', reviewIntervalMonths: '12', language: 'en', sortOrder: '100', message: 'title' },
      `/guides/${trSlug}/edit`)).status).toBe(303);
    expect((await reviewer.post(`/guides/${trSlug}/approve`, { revision: String(await draftOf(trSlug)), comment: '' }, `/guides/${trSlug}/review`)).status).toBe(303);

    // The English reader (account language English) reads the translation.
    const reader = await createMember(e.server);
    await ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [reader.id]);
    const page = await e.newPage(); // a German browser: the account's language decides once signed in
    await signIn(page, reader);
    await visit(page, `/guides/${g.slug}/planung`);
    await expect(page.locator('h1[lang="en"]').innerText()).resolves.toBe('Planning');
    await expect(page.locator('.guide-chapter .markdown[lang="en"]').innerText()).resolves.toBe('Second text about planning.');
    await expect(page.locator('link[rel="alternate"][hreflang="de"]').count()).resolves.toBe(1);
    await expect(page.locator('main').innerText()).resolves.not.toContain('outdated');
    // The switch leads to the German original and back.
    await page.locator('a[hreflang="de"][lang="de"]').first().click();
    await page.waitForLoadState('load');
    await expect(page.locator('.guide-chapter .markdown[lang="de"]').innerText()).resolves.toBe('Zweiter Text zur Planung.');
    await visit(page, `/guides/${g.slug}/planung`);

    // The German original changes: A edits another chapter, B approves.
    const other = await uidOf(g.id, 'umsetzung');
    expect((await translator.post(`/guides/${g.slug}/chapters/${other}`, { title: 'Umsetzung', slug: '', body: 'Neuer Text zur Umsetzung.', message: 'neu' },
      `/guides/${g.slug}/chapters/${other}/edit`)).status).toBe(303);
    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(await draftOf(g.slug)), comment: '' }, `/guides/${g.slug}/review`)).status).toBe(303);

    // The reader reloads: still the English text, now with the notice; the page stays accessible.
    await page.reload();
    const notice = tr('translations.reader.outdated', { original: 'German' }, 'en');
    await expect(page.locator('main').innerText()).resolves.toContain(notice);
    await expect(page.locator('.guide-chapter .markdown[lang="en"]').innerText()).resolves.toBe('Second text about planning.');
    await expectAccessible(page, 'translated chapter, outdated');

    // Facilitators find it listed as outdated.
    const fac = await e.newPage();
    await signIn(fac, await createMember(e.server, 'facilitator'));
    await visit(fac, '/guides/translations');
    await expect(fac.locator(`form[action="/guides/${trSlug}/translation-current"]`).count()).resolves.toBe(1);
    await expectAccessible(fac, 'translations overview');
  });
});
