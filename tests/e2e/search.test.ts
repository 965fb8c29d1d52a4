// Search in the browser (issue 7): search from the header, apply a facet, open a result; a query
// without results leads to a pre-filled question in the forum; axe-core on the search page.
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, follow, signIn, tr, useE2E, visit } from './support/index.js';
import { inTransaction } from '../../src/db/transaction.js';
import { queueSearchIndex } from '../../src/shared/search-index.js';
import { uniq } from '../support/factories.js';
import { createCategory, createReply, createThread } from '../support/forum-factories.js';
import { createGuide } from '../support/guides-factories.js';

describe('search', () => {
  const e = useE2E();

  it('when a member searches from the header, filters by type and opens a result, then the result page opens; no results offer a pre-filled question', async () => {
    const ds = e.server.ctx.ds;
    const word = uniq('Quartiersbudget');
    const category = await createCategory(ds, { isPublic: true });
    const thread = await createThread(ds, { category, title: `Wie verteilt ihr das ${word}?`, body: `Beim ${word} stimmen die Nachbarn ab.` });
    const guide = await createGuide(ds, { title: `Leitfaden ${word}`, chapters: [{ slug: 'start', title: `Ein ${word} planen`, body: `Das ${word} braucht Regeln.` }] });
    const [chapter] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1`, [guide.id]);
    // Replies are indexed with their thread's title: they must not repeat the thread in the suggestions.
    const replies = [await createReply(ds, thread, { body: `Unser ${word} ist klein.` }), await createReply(ds, thread, { body: `Ein ${word} für alle.` })];
    await inTransaction(ds, async (db) => {
      for (const r of replies) await queueSearchIndex(db, 'reply', r.id);
      await queueSearchIndex(db, 'thread', thread.id);
      await queueSearchIndex(db, 'guide_chapter', chapter.id);
    });
    await e.server.drain();

    const page = await e.newPage();
    await signIn(page, await createMember(e.server));
    const audit = new AxeAudit();
    await visit(page, '/');
    // As you type: the thread once and the chapter, each with its type.
    await page.locator('#site-search-q').pressSequentially(word);
    const options = page.locator('#site-search-q-suggestions [role="option"]');
    await options.first().waitFor();
    await expect(options.count()).resolves.toBe(2);
    await expect(page.locator(`#site-search-q-suggestions a[href="${thread.url}"]`).innerText()).resolves.toContain(tr('search.types.thread'));
    await expect(page.locator(`#site-search-q-suggestions a[href="${thread.url}"] .site-suggest__title`).getAttribute('lang')).resolves.toBe('de');
    await expect(options.filter({ hasText: tr('search.types.guide_chapter') }).count()).resolves.toBe(1);
    await page.locator('#site-search-q').fill(word);
    await Promise.all([page.waitForURL(/\/search\?/), page.locator('#site-search-q').press('Enter')]);
    // The results list every match: the thread, its two replies, the chapter.
    await expect(page.locator('.search-hit').count()).resolves.toBe(4);
    await audit.check(page, 'search results');

    // Facet: only questions and discussions.
    await page.getByLabel(new RegExp(`^${tr('search.types.thread')}`)).check();
    if (!/type=thread/.test(page.url())) {
      await Promise.all([page.waitForURL(/type=thread/), page.getByRole('button', { name: tr('search.applyFilters') }).click()]);
    }
    await page.waitForLoadState('load');
    await expect(page.locator('.search-hit').count()).resolves.toBe(1);
    await audit.check(page, 'search results with a facet');

    await follow(page, page.locator('.search-hit a').first());
    expect(new URL(page.url()).pathname).toBe(thread.url);

    // No results: "ask the network" opens the forum form with the query as the title.
    // Letters only: the stored query drops runs of digits (anonymisation), so the check can find it.
    const nothing = `${uniq('Nirgendwo').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)} Zebrastreifenbeteiligung`;
    await visit(page, `/search?q=${encodeURIComponent(nothing)}`);
    await audit.check(page, 'search without results');
    await follow(page, page.getByRole('link', { name: tr('search.empty.ask') }));
    expect(new URL(page.url()).pathname).toBe('/forum/new');
    await expect(page.locator('#field-title').inputValue()).resolves.toBe(nothing);
    const [gap] = await ds.query(`SELECT count(*)::int AS n FROM search_zero_results WHERE query ILIKE $1`, [`%${nothing.split(' ')[0]!.toLowerCase()}%`]);
    expect(gap.n).toBeGreaterThan(0);
    audit.assertClean();
  });
});
