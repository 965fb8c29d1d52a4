// The dashboard's "questions" section: open questions by age, reply times (median, 90th percentile)
// per period against the previous one, the 48-hour share, and its CSVs. Period figures use June 2004
// (a period no other test writes to; the reply times are rebuilt for it as the worker would);
// "now" figures compare counts before and after.
import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, type TestCategory } from '../../support/forum-factories.js';
import { rebuildQuestionTimes } from '../../../src/modules/dashboard/index.js';

const PERIOD = 'period=custom&from=2004-06-01&to=2004-06-30';

/** A question asked at `at` (timestamptz text) with replies after the given hours (by others unless `own`). */
async function question(ds: DataSource, category: TestCategory, at: string, replies: { hours: number; own?: boolean; accepted?: boolean }[] = [], o: { hidden?: boolean; title?: string } = {}) {
  const t = await createThread(ds, { category, title: o.title });
  for (const r of replies) {
    const reply = await createReply(ds, t, r.own ? { author: t.author } : {});
    await ds.query(`UPDATE forum_replies SET created_at = $2::timestamptz + make_interval(secs => $3::float8 * 3600) WHERE id = $1`, [reply.id, at, r.hours]);
    if (r.accepted) await ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [t.id, reply.id]);
  }
  await ds.query(`UPDATE forum_threads SET created_at = $2, hidden_at = CASE WHEN $3 THEN now() END WHERE id = $1`, [t.id, at, o.hidden ?? false]);
  return t;
}

const openCounts = async (agent: Awaited<ReturnType<typeof signedIn>>) => {
  const csv = (await agent.get('/dashboard/questions/open.csv')).text;
  return csv.trim().split('\r\n').slice(1).map((line) => Number(line.split(',').at(-1)));
};

describe('dashboard: questions', () => {
  const t = useTestApp();

  it('when questions were asked in the period, then the medians, 90th percentiles and the 48-hour share are shown in German against the previous period', async () => {
    const ds = t.ctx.ds;
    const category = await createCategory(ds);
    await question(ds, category, '2004-06-03 10:00+02', [{ hours: 1, accepted: true }]);
    await question(ds, category, '2004-06-04 10:00+02', [{ hours: 0.5, own: true }, { hours: 2 }]);
    await question(ds, category, '2004-06-05 10:00+02', [{ hours: 3 }]);
    await question(ds, category, '2004-06-20 10:00+02', [{ hours: 50 }]);
    await question(ds, category, '2004-06-21 10:00+02');
    await question(ds, category, '2004-06-22 10:00+02', [{ hours: 1 }], { hidden: true });
    await question(ds, category, '2004-05-20 10:00+02', [{ hours: 4 }]);
    // The section reads the reply times the rollups' rebuild keeps per question.
    await rebuildQuestionTimes(ds, '2004-05-01', '2004-06-30');
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));

    const page = await facilitator.get(`/dashboard?${PERIOD}`);
    expect(page.status).toBe(200);
    const html = page.text.replace(/\s+/g, ' ').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(html).toContain('id="dash-questions"');
    expect(html).toMatch(/<h2[^>]*>Fragen<\/h2>/);
    expect(html).toMatch(/Gestellte Fragen<\/th><td class="kern-table__cell">5<\/td><td class="kern-table__cell">1<\/td>/);
    expect(html).toMatch(/Median Stunden bis zur ersten Antwort<\/th><td class="kern-table__cell">2,5 Std\.<\/td><td class="kern-table__cell">4,0 Std\.<\/td>/);
    expect(html).toMatch(/90\. Perzentil Stunden bis zur ersten Antwort<\/th><td class="kern-table__cell">35,9 Std\.<\/td>/);
    expect(html).toMatch(/Median Stunden bis zur akzeptierten Antwort<\/th><td class="kern-table__cell">1,0 Std\.<\/td><td class="kern-table__cell">–<\/td>/);
    expect(html).toMatch(/Anteil mit erster Antwort binnen 48 Stunden<\/th><td class="kern-table__cell">60,0 %<\/td><td class="kern-table__cell">100,0 %<\/td>/);
    expect(html).toContain('href="/forum?view=unanswered"');
    expect(html).toContain(`href="/dashboard/questions/times.csv?${PERIOD}"`);
    expect(html).toMatch(/<svg class="dash-chart"[^>]*aria-labelledby="dash-questions-times-title dash-questions-times-desc"/);

    const period = await facilitator.get(`/dashboard/questions/period.csv?${PERIOD}`);
    expect(period.headers['content-type']).toContain('text/csv');
    expect(period.text.startsWith('\uFEFFVon,Bis,Gestellte Fragen,')).toBe(true);
    expect(period.text).toContain('\r\n2004-06-01,2004-06-30,5,2.5,35.9,1,1,0.6\r\n');
    expect(period.text).toContain('\r\n2004-05-02,2004-05-31,1,4,4,,,1\r\n');

    const times = await facilitator.get(`/dashboard/questions/times.csv?${PERIOD}`);
    expect(times.text).toContain('\r\n2004-06-01,2004-06-06,3,2,2.8,1,1,1\r\n');
    expect(times.text).toContain('\r\n2004-06-14,2004-06-20,1,50,50,,,0\r\n2004-06-21,2004-06-27,1,,,,,0\r\n');
  });

  it('when questions are open now, then each age band counts them and the oldest list links them; the CSV guards formulas', async () => {
    const ds = t.ctx.ds;
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    const before = await openCounts(facilitator);
    const category = await createCategory(ds);
    await question(ds, category, new Date(Date.now() - 2 * 3600_000).toISOString());
    await question(ds, category, new Date(Date.now() - 3 * 86_400_000).toISOString());
    await question(ds, category, new Date(Date.now() - 10 * 86_400_000).toISOString());
    // Older than any question other test files make (they use 2000 and later), so it heads the list.
    const old = await question(ds, category, '1975-01-15 10:00+01', [], { title: '=HYPERLINK("x") Frage von 1975' });
    const after = await openCounts(facilitator);
    expect(after[0]).toBeGreaterThanOrEqual(before[0]! + 1);
    expect(after[1]).toBeGreaterThanOrEqual(before[1]! + 1);
    expect(after[2]).toBeGreaterThanOrEqual(before[2]! + 2);

    const page = (await facilitator.get('/dashboard?period=30d')).text.replace(/&#x3D;/g, '=');
    expect(page).toContain(`href="/forum/threads/${old.id}-${old.slug}"`);
    const oldest = await facilitator.get('/dashboard/questions/oldest.csv');
    expect(oldest.text.startsWith('\uFEFFFrage,Bereich,Gestellt am,URL\r\n')).toBe(true);
    expect(oldest.text).toContain(`"'=HYPERLINK(""x"") Frage von 1975",${category.name},1975-01-15T09:00:00.000Z,/forum/threads/${old.id}-${old.slug}`);
  });

  it('when a facilitator reads the page in English, then the three sections show in order with English numbers, headings h2 then h3, and no id twice', async () => {
    const ds = t.ctx.ds;
    const category = await createCategory(ds);
    await question(ds, category, '2004-08-03 10:00+02', [{ hours: 1.25 }]);
    await rebuildQuestionTimes(ds, '2004-08-01', '2004-08-31');
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator', language: 'en' }));
    const html = (await facilitator.get('/dashboard?period=custom&from=2004-08-01&to=2004-08-31')).text;
    expect(html).toMatch(/<h2[^>]*>Questions<\/h2>/);
    expect(html.indexOf('id="dash-questions"')).toBeLessThan(html.indexOf('id="dash-learning"'));
    expect(html.indexOf('id="dash-learning"')).toBeLessThan(html.indexOf('id="dash-health"'));
    expect(html).toMatch(/Share with a first reply within 48 hours<\/th><td class="kern-table__cell">100\.0%<\/td>/);
    expect(html).toMatch(/Median hours to first reply<\/th><td class="kern-table__cell">1\.3 h<\/td>/);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const levels = [...html.matchAll(/<h([1-6])/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => { if (i) expect(level).toBeLessThanOrEqual(levels[i - 1]! + 1); });
  });
});
