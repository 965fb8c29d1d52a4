// "Activity over time": totals of a custom period in 2007 (rollup rows only this test writes), the
// change against the previous period in German, the chart's table, the CSV, and 404 for members.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createAdministration, createUser } from '../../support/factories.js';
import { csvDocument } from '../../../src/shared/csv.js';

const PERIOD = 'period=custom&from=2007-03-01&to=2007-03-31';

describe('dashboard: activity over time', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const ds = t.ctx.ds;
    const adm = (await createAdministration(ds)).id;
    await ds.query(`DELETE FROM dashboard_daily WHERE day BETWEEN '2007-01-01' AND '2007-12-31'`);
    const rows: [string, string, number][] = [
      ['2007-03-05', 'thread', 1000], ['2007-03-20', 'thread', 234], ['2007-02-10', 'thread', 1000],
      ['2007-03-06', 'reply', 5], ['2007-03-07', 'accepted', 2], ['2007-02-07', 'accepted', 4],
      ['2007-03-08', 'usecase_published', 3], ['2007-03-09', 'quiz_attempt', 7],
      ['2007-03-05', 'active_members_week', 10], ['2007-03-12', 'active_members_week', 20],
    ];
    for (const [day, metric, value] of rows) {
      await ds.query(`INSERT INTO dashboard_daily (day, metric, administration_id, dim, value) VALUES ($1, $2, $3, '', $4)`, [day, metric, adm, value]);
    }
  });

  it('when a facilitator opens a custom period in 2007, then the totals, the change against the previous period and the chart table show the rollups in German', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const page = await b.get(`/dashboard?${PERIOD}`);
    expect(page.status).toBe(200);
    const html = page.text.replace(/\s+/g, ' ');
    expect(html).toContain('<h2 class="kern-heading-medium" id="dash-activity-heading">Aktivität im Zeitverlauf</h2>');
    // New threads: 1.234 against 1.000 before: +23,4 %; linked to the forum.
    expect(html).toMatch(/<a class="kern-link" href="\/forum">Neue Themen<\/a><\/th> <td class="kern-table__cell">1\.234<\/td> <td class="kern-table__cell">1\.000<\/td> <td class="kern-table__cell dash-change dash-change--up">\+23,4\s%<\/td>/u);
    // Accepted answers: 2 against 4: −50,0 %; replies new: +5.
    expect(html).toMatch(/Akzeptierte Antworten<\/a><\/th> <td class="kern-table__cell">2<\/td> <td class="kern-table__cell">4<\/td> <td class="kern-table__cell dash-change dash-change--down">−50,0\s%<\/td>/u);
    expect(html).toMatch(/Antworten<\/a><\/th> <td class="kern-table__cell">5<\/td> <td class="kern-table__cell">0<\/td> <td[^>]*>\+5<\/td>/);
    expect(html).toContain('<a class="kern-link" href="/forum?view&#x3D;unanswered">Unbeantwortete Fragen ansehen</a>');
    // Weekly active members: 30 over the 5 weeks of March = 6,0 per week.
    expect(html).toMatch(/Aktive Mitglieder \(Wochenmittel\)<\/th> <td class="kern-table__cell">6,0<\/td>/);
    // The chart's table: week 10 has the 1.000 threads, 5 replies and 2 accepted answers.
    expect(html).toContain('<th class="kern-table__header" scope="row">KW 10</th><td class="kern-table__cell">1.000</td><td class="kern-table__cell">5</td><td class="kern-table__cell">2</td>');
    expect(html).toContain('href="/dashboard/activity/forum.csv?period&#x3D;custom&amp;from&#x3D;2007-03-01&amp;to&#x3D;2007-03-31"');
    expect(html).toContain('role="img" aria-labelledby="dash-activity-forum-title dash-activity-forum-desc"');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when an English-speaking facilitator opens the same period, then the numbers are formatted in English', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator', language: 'en' }));
    const html = (await b.get(`/dashboard?${PERIOD}`)).text.replace(/\s+/g, ' ');
    expect(html).toMatch(/New threads<\/a><\/th> <td class="kern-table__cell">1,234<\/td> <td class="kern-table__cell">1,000<\/td> <td[^>]*>\+23\.4%<\/td>/);
    expect(html).toMatch(/Active members \(weekly average\)<\/th> <td class="kern-table__cell">6\.0<\/td>/);
  });

  it('when a facilitator downloads the forum CSV, then it has the BOM, the header and a row per week; members get 404', async () => {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const csv = await b.get(`/dashboard/activity/forum.csv?${PERIOD}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    expect(csv.text.slice(1).split('\r\n')).toEqual([
      'Von,Bis,Neue Themen,Antworten,Akzeptierte Antworten',
      '2007-03-01,2007-03-04,0,0,0', '2007-03-05,2007-03-11,1000,5,2', '2007-03-12,2007-03-18,0,0,0',
      '2007-03-19,2007-03-25,234,0,0', '2007-03-26,2007-03-31,0,0,0', '']);
    const active = await b.get(`/dashboard/activity/active.csv?${PERIOD}`);
    expect(active.text).toContain('2007-03-05,2007-03-11,10\r\n');
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const table of ['forum', 'usecases', 'learning', 'active']) {
      expect((await member.get(`/dashboard/activity/${table}.csv?${PERIOD}`)).status).toBe(404);
    }
  });

  it('when a CSV cell would start a formula, then it is guarded (the writer the sections use; these tables hold only dates and counts)', () => {
    expect(csvDocument(['Von', 'Neue Themen'], [['=HYPERLINK("x")', 3], ['@SUM(A1)', 0]]))
      .toBe('\uFEFFVon,Neue Themen\r\n"\'=HYPERLINK(""x"")",3\r\n\'@SUM(A1),0\r\n');
  });
});
