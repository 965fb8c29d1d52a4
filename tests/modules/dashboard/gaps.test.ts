// The dashboard's "gaps" section (knowledge gaps): searches without results (searches, members,
// days, the previous period) and searches whose results nobody opened (searches, median results),
// top 10 each, from rollups that equal the log; their CSVs, the pre-filled "ask the network" and
// "create a guide chapter" links, and the 30-day purge of who searched. Search-log rows are dated in 1990–1991 (years no other test
// file writes to); each test clears its own months first. The purge changes every row older than 30
// days, so it lives here, after the figures that count members.
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import request from 'supertest';
import { rebuildRollups } from '../../../src/modules/dashboard/index.js';
import { searchModule } from '../../../src/modules/search/index.js';
import { signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';

const PERIOD = 'period=custom&from=1991-03-01&to=1991-03-31';

/** A made-up word no other test uses. */
const word = () => `gapw${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

/** Handlebars escapes = as &#x3D;; German percentages have a no-break space. */
const page = (text: string) => text.replace(/&#x3D;/g, '=').replace(/\s+/g, ' ');

describe('dashboard: knowledge gaps', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;
  const log = async (query: string, at: string, o: { results?: number; userId?: number | null; opened?: boolean } = {}) => {
    await ds().query(
      `INSERT INTO search_log (at, query, results, user_id, opened_at) VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN $1::timestamptz + interval '1 minute' END)`,
      [at, query, o.results ?? 0, o.userId ?? null, o.opened ?? false]);
  };
  const clear = (from: string, to: string) => ds().query(`DELETE FROM search_log WHERE at >= $1 AND at < $2`, [from, to]);

  it('when searches found nothing or nobody opened their results, then the top queries show in German with counts, trend and pre-filled links, and as CSV', async () => {
    await clear('1991-01-01', '1991-05-01');
    const [u1, u2] = [await createUser(ds()), await createUser(ds())];
    const w = word();
    const unfound = `${w} förderung`;
    await log(unfound, '1991-03-04 09:00+01', { userId: u1.id });
    await log(unfound, '1991-03-04 10:00+01', { userId: u2.id });
    await log(unfound, '1991-03-31 23:30+02', { userId: u1.id });
    await log(unfound, '1991-02-15 12:00+01');
    await log(unfound, '1991-04-01 00:30+02'); // after the period (Berlin time)
    const rare = `-${w} <b>hilfe</b>`;
    await log(rare, '1991-03-20 12:00+01');
    const unopened = `${w} leitfaden`;
    await log(unopened, '1991-03-05 12:00+01', { results: 12 });
    await log(unopened, '1991-03-06 12:00+01', { results: 5 });
    await log(unopened, '1991-03-06 13:00+01', { results: 8, userId: u1.id });
    const opened = `${w} geöffnet`;
    await log(opened, '1991-03-07 12:00+01', { results: 4 });
    await log(opened, '1991-03-07 12:05+01', { results: 4, opened: true });
    await rebuildRollups(ds(), '1991-01-01', '1991-04-30');
    const rolled: { key: string; value: number }[] = await ds().query(
      `SELECT metric || '|' || to_char(day, 'YYYY-MM-DD') || '|' || administration_id || '|' || dim AS key, value FROM dashboard_daily
        WHERE metric LIKE 'search%' AND day BETWEEN '1991-01-01' AND '1991-04-30' AND position($1 IN dim) > 0 ORDER BY key`, [w]);
    expect(Object.fromEntries(rolled.map((r) => [r.key, r.value]))).toEqual({
      [`search_zero|1991-02-15|0|${unfound}`]: 1, [`search_zero|1991-03-04|0|${unfound}`]: 2, [`search_zero|1991-03-31|0|${unfound}`]: 1,
      [`search_zero|1991-04-01|0|${unfound}`]: 1, [`search_zero|1991-03-20|0|${rare}`]: 1,
      [`search_hit|1991-03-05|0|${unopened}`]: 1, [`search_hit|1991-03-06|0|${unopened}`]: 2,
      [`search_hit|1991-03-07|0|${opened}`]: 2, [`search_opened|1991-03-07|0|${opened}`]: 1,
    });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));

    const res = await facilitator.get(`/dashboard?${PERIOD}`);
    expect(res.status).toBe(200);
    const html = page(res.text);
    expect(html).toMatch(/<h2[^>]*>Wissenslücken<\/h2>/);
    expect(html.indexOf('id="dash-learning"')).toBeLessThan(html.indexOf('id="dash-gaps"'));
    expect(html.indexOf('id="dash-gaps"')).toBeLessThan(html.indexOf('id="dash-health"'));
    // searches 3, members 2, days 2 (4 and 31 March in Berlin), 1 before, +200 %
    expect(html).toContain(`<th class="kern-table__header" scope="row">${unfound}</th><td class="kern-table__cell">3</td><td class="kern-table__cell">2</td><td class="kern-table__cell">2</td><td class="kern-table__cell">1</td><td class="kern-table__cell">+200,0 %</td>`);
    expect(html).toContain(`<th class="kern-table__header" scope="row">-${w} &lt;b&gt;hilfe&lt;/b&gt;</th><td class="kern-table__cell">1</td><td class="kern-table__cell">0</td><td class="kern-table__cell">1</td><td class="kern-table__cell">0</td><td class="kern-table__cell">+1</td>`);
    expect(html.indexOf(`scope="row">${unfound}<`)).toBeLessThan(html.indexOf(`scope="row">-${w} &lt;b&gt;`));
    // median of 5, 8, 12 results; 2 days
    expect(html).toContain(`<th class="kern-table__header" scope="row">${unopened}</th><td class="kern-table__cell">3</td><td class="kern-table__cell">8</td><td class="kern-table__cell">2</td>`);
    expect(html).not.toContain(`scope="row">${opened}<`);
    expect(html).not.toContain(u1.name);
    const title = new URLSearchParams({ title: `${w.charAt(0).toUpperCase()}${w.slice(1)} förderung` }).toString();
    expect(html).toContain(`href="/forum/new?${title}"`);
    expect(html).toContain(`href="/guides/chapters/new?${title}"`);
    expect(html).toContain(`href="/dashboard/gaps/no-results.csv?${PERIOD.replace(/&/g, '&amp;')}"`);

    // The links open the forms pre-filled.
    const ask = await facilitator.get(`/forum/new?${title}`);
    expect(ask.status).toBe(200);
    expect(ask.text).toMatch(new RegExp(`name="title"[^>]*value="${w.charAt(0).toUpperCase()}${w.slice(1)} förderung"`));
    const guide = await createGuide(ds());
    const chapter = await facilitator.get(`/guides/chapters/new?${title}`);
    expect(chapter.status).toBe(200);
    expect(chapter.text).toContain(`<input type="hidden" name="title" value="${w.charAt(0).toUpperCase()}${w.slice(1)} förderung">`);
    expect(chapter.text).toMatch(new RegExp(`<option value="${guide.slug}"`));

    const noResults = await facilitator.get(`/dashboard/gaps/no-results.csv?${PERIOD}`);
    expect(noResults.headers['content-type']).toContain('text/csv');
    expect(noResults.text.startsWith('\uFEFFSuchanfrage,Suchen,Mitglieder (soweit bekannt),Tage,Suchen im vorigen Zeitraum\r\n')).toBe(true);
    expect(noResults.text).toContain(`\r\n${unfound},3,2,2,1\r\n`);
    expect(noResults.text).toContain(`\r\n'-${w} <b>hilfe</b>,1,0,1,0\r\n`);
    const notOpened = await facilitator.get(`/dashboard/gaps/not-opened.csv?${PERIOD}`);
    expect(notOpened.text.startsWith('\uFEFFSuchanfrage,Suchen,Treffer (Median),Tage\r\n')).toBe(true);
    expect(notOpened.text).toContain(`\r\n${unopened},3,8,2\r\n`);
    expect(notOpened.text).not.toContain(opened);
  });

  it('when a facilitator reads it in English with nothing in the period, then it says so; members and visitors get 404 for the CSVs', async () => {
    await clear('1990-01-01', '1990-03-01');
    await rebuildRollups(ds(), '1990-01-01', '1990-02-28');
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator', language: 'en' }));
    const html = page((await facilitator.get('/dashboard?period=custom&from=1990-02-01&to=1990-02-28')).text);
    expect(html).toMatch(/<h2[^>]*>Knowledge gaps<\/h2>/);
    expect(html).toContain('No searches without results in this period.');
    expect(html).toContain('No searches whose results nobody opened in this period.');
    const member = await signedIn(t.app, await createUser(ds()));
    for (const path of ['/dashboard/gaps/no-results.csv', '/dashboard/gaps/not-opened.csv']) {
      expect((await member.get(path)).status).toBe(404);
      expect((await request(t.app).get(path)).status).toBe(404);
    }
  });

  it('when housekeeping runs, then searches older than 30 days lose who searched and keep the rest; newer ones keep the member', async () => {
    const member = await createUser(ds());
    const [old, recent] = [word(), word()];
    await log(old, '1990-06-01 12:00+02', { userId: member.id, results: 3, opened: true });
    await log(recent, new Date(Date.now() - 3_600_000).toISOString(), { userId: member.id });
    expect(await searchModule.housekeeping!(t.ctx)).toBeGreaterThanOrEqual(1);
    const rows = await ds().query(`SELECT query, results, user_id AS "userId", opened_at IS NOT NULL AS opened FROM search_log WHERE query = ANY($1) ORDER BY at`, [[old, recent]]);
    expect(rows).toEqual([{ query: old, results: 3, userId: null, opened: true }, { query: recent, results: 0, userId: member.id, opened: false }]);
    await ds().query(`DELETE FROM search_log WHERE query = $1`, [recent]);
  });
});
