// The facilitators' dashboard in the browser (issue 16): a facilitator opens it, changes
// the period with the plain form, opens the table behind a chart and downloads its CSV; axe at 1280
// and 320 px, in German and English; follows a knowledge gap from a member's search into a pre-filled
// question; a member gets 404.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { AxeAudit, createMember, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { rebuildAllRollups } from '../../src/modules/dashboard/index.js';

describe('dashboard', () => {
  const e = useE2E();

  it('when a facilitator opens the dashboard and changes the period, then every chart has its table and CSV, axe finds nothing at both widths, and a member gets 404', async () => {
    const facilitator = await createMember(e.server, 'facilitator', { name: 'Fiona Facilitatorin' });
    const audit = new AxeAudit();
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('dashboard, 90 days', '/dashboard');
    await expect(f.wide.getByRole('heading', { level: 1, name: tr('dashboard.title') }).isVisible()).resolves.toBe(true);

    // The period, changed with the form (no script needed).
    await f.wide.locator('#period-12m').check();
    await submitForm(f.wide, '/dashboard', tr('dashboard.period.apply'));
    expect(new URL(f.wide.url()).search).toContain('period=12m');
    await f.current('dashboard, 12 months');

    // Every chart: an SVG with a title, its numbers as a table behind a toggle, and a CSV that downloads.
    const figures = f.wide.locator('figure.dash-figure');
    const count = await figures.count();
    for (let i = 0; i < count; i++) {
      const figure = figures.nth(i);
      // The SVG's own title (a map's Länder have tooltips of their own, deeper down).
      await expect(figure.locator('svg[role="img"] > title').count()).resolves.toBe(1);
      await figure.locator('details.dash-table summary').click();
      await expect(figure.locator('details.dash-table table').isVisible()).resolves.toBe(true);
    }
    // A CSV, downloaded the way a user does it: a click on the link, saved by the browser.
    const csv = f.wide.locator('figure.dash-figure a[download]').first();
    expect(await csv.getAttribute('href')).toContain('period=12m');
    const [download] = await Promise.all([f.wide.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toMatch(/^praxis-activity-forum-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = readFileSync((await download.path())!);
    expect(saved.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(saved.toString('utf8').split('\r\n')[0]).toBe(`\uFEFF${tr('dashboard.activity.csv.from')},${tr('dashboard.activity.csv.to')},${tr('dashboard.activity.metric.thread')},${tr('dashboard.activity.metric.reply')},${tr('dashboard.activity.metric.accepted')}`);

    // A knowledge gap: a member searches for something nobody has written about; once the rollups
    // are refreshed, the facilitator finds it on the dashboard and asks the network, with the
    // question's title already filled in.
    const searcher = await createMember(e.server, 'member', { name: 'Sina Sucherin' });
    const s = await TwoWidths.open(e, audit, 'searcher', searcher);
    const gap = 'Zaunkönigzählung Bürgerbeirat';
    await s.wide.locator('#site-search-q').fill(gap);
    await Promise.all([s.wide.waitForURL(/\/search\?/), s.wide.locator('#site-search-q').press('Enter')]);
    await rebuildAllRollups(e.server.ctx.ds);
    await visit(f.wide, '/dashboard?period=30d');
    const row = f.wide.locator('#dash-gaps tr', { has: f.wide.locator('th', { hasText: gap }) });
    await expect(row.count()).resolves.toBe(1);
    // Queries are stored normalised (lower case, no digits of four or more, no e-mail addresses).
    const stored = gap.toLowerCase();
    const ask = row.locator('a[href^="/forum/new?"]');
    await expect(ask.textContent()).resolves.toBe(`${tr('dashboard.gaps.ask')}: ${stored}`);
    await Promise.all([f.wide.waitForURL(/\/forum\/new\?/), ask.click()]);
    // The title starts with a capital letter, as a question's title does.
    await expect(f.wide.locator('input[name="title"]').inputValue()).resolves.toBe(`Z${stored.slice(1)}`);

    const english = await createMember(e.server, 'facilitator', { name: 'Ethan English' });
    await e.server.ctx.ds.query(`UPDATE users SET language = 'en' WHERE id = $1`, [english.id]);
    const en = await TwoWidths.open(e, audit, 'facilitator, English', english);
    await en.page('dashboard, English', '/dashboard?period=30d');

    const member = await createMember(e.server, 'member', { name: 'Mia Mitglied' });
    const m = await TwoWidths.open(e, audit, 'member', member);
    await visit(m.wide, '/dashboard', 404);

    audit.assertClean();
    expect([...f.problems, ...en.problems]).toEqual([]);
  });
});
