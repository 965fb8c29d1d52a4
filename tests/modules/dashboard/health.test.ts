// The dashboard's "content health" section: overdue reviews, unverified use cases and open flags now,
// counted (before and after this test's own items), linked to their lists, the oldest listed, as CSV.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { rebuildRollups } from '../../../src/modules/dashboard/index.js';
import { berlinToday } from '../../../src/modules/dashboard/dashboard.period.js';

const LONG_AGO = '1975-01-03'; // older than what other test files date back (2000 and later)

/** The counts of the summary table, by list address (or heading when there is no list). */
function counts(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  const flat = html.replace(/\s+/g, ' ');
  const section = flat.slice(flat.indexOf('id="dash-health"'));
  for (const m of section.matchAll(/scope="row">([^<]+)<\/th><td class="kern-table__cell">(?:<a class="kern-link" href="([^"]+)">)?([\d.]+)/g)) {
    out[m[2] ?? m[1]!] = Number(m[3]!.replace(/\./g, ''));
  }
  return out;
}

describe('dashboard: content health', () => {
  const t = useTestApp();

  it('when content is overdue, unverified or flagged, then each is counted, linked and listed among the oldest, and offered as CSV', async () => {
    const ds = t.ctx.ds;
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    const before = counts((await facilitator.get('/dashboard?period=30d')).text);

    const uc = await createUseCase(ds, { title: '=SUMME(A1) Bürgerhaushalt überfällig', nextReviewAt: LONG_AGO });
    await ds.query(`UPDATE use_cases SET published_at = $2 WHERE id = $1`, [uc.id, LONG_AGO]);
    const guide = await createGuide(ds, { publish: true });
    await ds.query(`UPDATE guides SET next_review_on = $2 WHERE slug = $1`, [guide.slug, LONG_AGO]);
    const thread = await createThread(ds);
    const flagger = await createUser(ds);
    await ds.query(`INSERT INTO forum_flags (thread_id, user_id, reason, created_at) VALUES ($1, $2, 'spam', $3)`, [thread.id, flagger.id, LONG_AGO]);
    const [comment] = await ds.query(`INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'x', '<p>x</p>') RETURNING id`, [uc.id, flagger.id]);
    await ds.query(`INSERT INTO use_case_comment_flags (comment_id, user_id, reason, created_at) VALUES ($1, $2, 'spam', $3)`, [comment.id, flagger.id, LONG_AGO]);

    // Totals above 10 come from the section's snapshot (recomputed with the rollups): a rebuild, as the worker's.
    await rebuildRollups(ds, berlinToday(), berlinToday());
    const page = (await facilitator.get('/dashboard?period=30d')).text;
    const after = counts(page);
    for (const key of ['/use-cases/review', '/guides/review', '/forum/flags', '/use-cases/flags', 'Veröffentlichte, nicht verifizierte Praxisbeispiele']) {
      expect(after[key]).toBeGreaterThanOrEqual((before[key] ?? 0) + 1);
    }
    expect(page).toMatch(/<h2[^>]*>Zustand der Inhalte<\/h2>/);
    expect(page).toContain(`href="/use-cases/${uc.slug}">&#x3D;SUMME(A1) Bürgerhaushalt überfällig</a>`);
    expect(page).toContain(`href="/guides/${guide.slug}"`);
    expect(page).toContain(`href="${thread.url}"`);
    expect(page).toContain('03.01.1975');

    const csv = await facilitator.get('/dashboard/health/caseReview.csv?period=30d');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFFEintrag,Prüfung fällig seit,URL\r\n')).toBe(true);
    expect(csv.text).toContain(`'=SUMME(A1) Bürgerhaushalt überfällig,${LONG_AGO},/use-cases/${uc.slug}\r\n`);
    expect((await facilitator.get('/dashboard/health/commentFlags.csv')).text).toContain(`/use-cases/${uc.slug}`);
  });
});

describe('dashboard: content health counts', () => {
  const t = useTestApp(usePrivateDatabase());
  const UNVERIFIED = 'Veröffentlichte, nicht verifizierte Praxisbeispiele';
  const direct = async () => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM use_cases WHERE published AND verified_at IS NULL`))[0].n as number;

  it('when up to 10 wait, then the count is live and exact; beyond 10, the count of the last refresh (never below 11), exact again after it', async () => {
    const ds = t.ctx.ds;
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));
    const view = async () => counts((await facilitator.get('/dashboard?period=30d')).text)[UNVERIFIED];
    expect(await view()).toBe(await direct()); // computes and keeps the totals

    // A mix of writes, each seen at once while 10 or fewer wait.
    const cases = [];
    for (let i = 0; i < 4; i++) cases.push(await createUseCase(ds));
    await createUseCase(ds, { published: false });
    await ds.query(`UPDATE use_cases SET verified_at = now() WHERE id = $1`, [cases[0]!.id]);
    await ds.query(`UPDATE use_cases SET published = false WHERE id = $1`, [cases[1]!.id]);
    expect(await direct()).toBe(2);
    expect(await view()).toBe(2);

    for (let i = 0; i < 10; i++) await createUseCase(ds);
    expect(await direct()).toBe(12);
    expect(await view()).toBe(11); // the kept total (counted at the first view) is older than the list: "more than 10"
    await rebuildRollups(ds, berlinToday(), berlinToday());
    expect(await view()).toBe(12);
    await createUseCase(ds);
    await ds.query(`UPDATE use_cases SET verified_at = now() WHERE id = $1`, [cases[2]!.id]);
    await ds.query(`DELETE FROM use_cases WHERE id = $1`, [cases[3]!.id]);
    expect(await direct()).toBe(11);
    await rebuildRollups(ds, berlinToday(), berlinToday());
    expect(await view()).toBe(11);
  });
});
