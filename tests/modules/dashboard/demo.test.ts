// The demo as `npm start` loads it (every module's demo, the content sync, the background activity)
// gives a believable dashboard: in a database of its own, each of the last twelve 30-day stretches
// has threads, replies, accepted answers, use cases, quiz attempts, registrations and active members;
// nothing is dated before its author registered or after now; loading again adds nothing; and a
// second database loaded for the same moment holds exactly the same rollups (a fixed seed).
import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { loadDemo, loadDemoActivity } from '../../../src/boot.js';
import { syncContent } from '../../../src/content-sync.js';
import type { AppContext } from '../../../src/modules/module.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { useTestApp } from '../../support/app.js';

const NOW = new Date('2026-12-04T10:00:00Z');
const DAY_MS = 86_400_000;

async function loadAll(ctx: AppContext, now: Date): Promise<void> {
  await loadDemo(ctx, undefined, now);
  await syncContent(ctx, { publish: true });
  await loadDemoActivity(ctx, now);
}

/** Per metric, the rollups' sum in each 30-day stretch back from NOW (index 0: the last 30 days). */
async function perStretch(ds: DataSource): Promise<Record<string, number[]>> {
  const found: { metric: string; stretch: number; value: number }[] = await ds.query(
    `SELECT metric, floor(($1::date - day) / 30)::int AS stretch, sum(value)::int AS value FROM dashboard_daily
      WHERE day > $1::date - 360 AND day <= $1::date GROUP BY 1, 2`, [NOW.toISOString().slice(0, 10)]);
  const out: Record<string, number[]> = {};
  for (const r of found) (out[r.metric] ??= Array(12).fill(0))[r.stretch] = r.value;
  return out;
}

/** What the demo wrote, counted: to compare two loads. */
async function counts(ds: DataSource): Promise<Record<string, number>> {
  const [c] = await ds.query(`SELECT
      (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM forum_threads)::int AS threads,
      (SELECT count(*) FROM forum_replies)::int AS replies, (SELECT count(*) FROM forum_votes)::int AS votes,
      (SELECT count(*) FROM use_cases)::int AS cases, (SELECT count(*) FROM use_case_adoptions)::int AS adoptions,
      (SELECT count(*) FROM academy_attempts)::int AS attempts, (SELECT count(*) FROM academy_attempt_answers)::int AS answers,
      (SELECT count(*) FROM academy_certificates)::int AS certificates, (SELECT count(*) FROM academy_badge_assertions)::int AS assertions,
      (SELECT count(*) FROM guide_chapters)::int AS chapters, (SELECT count(*) FROM search_log)::int AS searches, (SELECT coalesce(sum(value), 0) FROM dashboard_daily)::int AS rollup`);
  return c;
}

async function rollupRows(ds: DataSource): Promise<string[]> {
  const found: { r: string }[] = await ds.query(
    `SELECT to_char(day, 'YYYY-MM-DD') || ' ' || metric || ' ' || dim || ' ' || value AS r FROM dashboard_daily d
       LEFT JOIN administrations a ON a.id = d.administration_id ORDER BY 1, a.slug`);
  return found.map((x) => x.r);
}

describe('demo activity for the dashboard', () => {
  const t = useTestApp(usePrivateDatabase());
  const twin = useTestApp(usePrivateDatabase());

  it('when the demo is loaded, then every 30-day stretch of the last 12 months has activity in the main figures', async () => {
    await loadAll(t.ctx, NOW);
    const stretches = await perStretch(t.ctx.ds);
    for (const metric of ['thread', 'reply', 'accepted', 'usecase_published', 'quiz_attempt', 'registration', 'active_members_week', 'thread_tag', 'usecase_topic']) {
      expect([metric, stretches[metric]?.map((v) => (v > 0 ? 'some' : 'none'))]).toEqual([metric, Array(12).fill('some')]);
    }
    // Over the year: adoptions, certificates, chapters and approvals happen too.
    const total = (m: string) => (stretches[m] ?? []).reduce((a, b) => a + b, 0);
    for (const metric of ['adoption', 'certificate', 'chapter_published', 'approval']) expect([metric, total(metric) > 0]).toEqual([metric, true]);
    // Knowledge gaps: searches without results, and with results of which some were opened, some not.
    for (const metric of ['search_zero', 'search_hit', 'search_opened']) expect([metric, total(metric) > 0]).toEqual([metric, true]);
    expect(total('search_opened')).toBeLessThan(total('search_hit'));
    // Weekly active members: no four weeks in a row without anyone active.
    const weeks: { week: string; n: number }[] = await t.ctx.ds.query(
      `SELECT to_char(w, 'YYYY-MM-DD') AS week, coalesce((SELECT sum(value) FROM dashboard_daily d WHERE d.metric = 'active_members_week' AND d.day = w), 0)::int AS n
         FROM generate_series(date_trunc('week', $1::date - 357), $1::date, interval '7 days') w`, [NOW.toISOString().slice(0, 10)]);
    expect(weeks.length).toBeGreaterThanOrEqual(51);
    const longestGap = weeks.reduce((acc, w) => (w.n ? { run: 0, max: acc.max } : { run: acc.run + 1, max: Math.max(acc.max, acc.run + 1) }), { run: 0, max: 0 }).max;
    expect(longestGap).toBeLessThan(4);
    // Participation comes from several Länder and kinds of administration.
    const [spread] = await t.ctx.ds.query(
      `SELECT count(DISTINCT a.state)::int AS states, count(DISTINCT a.kind)::int AS kinds FROM dashboard_daily d JOIN administrations a ON a.id = d.administration_id
        WHERE d.metric IN ('thread', 'reply', 'quiz_attempt') AND d.day > $1::date - 365`, [NOW.toISOString().slice(0, 10)]);
    expect(spread.states).toBeGreaterThanOrEqual(8);
    expect(spread.kinds).toBeGreaterThanOrEqual(3);
  });

  it('when the demo is loaded, then nothing happens before its author registered or after now', async () => {
    const [wrong] = await t.ctx.ds.query(`SELECT
        (SELECT count(*) FROM forum_threads x JOIN users u ON u.id = x.author_id WHERE x.created_at < u.created_at OR x.created_at > $1)::int AS threads,
        (SELECT count(*) FROM forum_replies x JOIN users u ON u.id = x.author_id WHERE x.created_at < u.created_at OR x.created_at > $1)::int AS replies,
        (SELECT count(*) FROM forum_votes x JOIN users u ON u.id = x.user_id JOIN forum_replies r ON r.id = x.reply_id
          WHERE x.created_at < u.created_at OR x.created_at < r.created_at OR x.created_at > $1)::int AS votes,
        (SELECT count(*) FROM academy_attempts x JOIN users u ON u.id = x.user_id WHERE x.started_at < u.created_at OR x.submitted_at > $1)::int AS attempts,
        (SELECT count(*) FROM use_cases x JOIN users u ON u.id = x.created_by_id WHERE x.published_at < u.created_at OR x.published_at > $1)::int AS cases,
        (SELECT count(*) FROM use_case_adoptions x JOIN use_cases c ON c.id = x.use_case_id JOIN users u ON u.id = x.declared_by_id
          WHERE x.created_at < c.published_at OR x.created_at < u.created_at OR x.created_at > $1)::int AS adoptions,
        (SELECT count(*) FROM users WHERE decided_at < created_at OR created_at > $1)::int AS members,
        (SELECT count(*) FROM academy_certificates x WHERE NOT EXISTS (SELECT 1 FROM academy_attempts a WHERE a.user_id = x.user_id AND a.passed AND a.submitted_at = x.issued_at))::int AS certificates`,
      [NOW]);
    expect(wrong).toEqual({ threads: 0, replies: 0, votes: 0, attempts: 0, cases: 0, adoptions: 0, members: 0, certificates: 0 });
    // Learners pass, fail and try again: the funnel is not all green.
    const [funnel] = await t.ctx.ds.query(
      `SELECT count(*) FILTER (WHERE passed)::int AS passed, count(*) FILTER (WHERE NOT passed)::int AS failed,
              count(*) FILTER (WHERE state = 'open')::int AS open, count(*) FILTER (WHERE number > 1)::int AS retries FROM academy_attempts`);
    expect(funnel.passed).toBeGreaterThan(funnel.failed);
    expect(funnel.failed).toBeGreaterThan(0);
    expect(funnel.retries).toBeGreaterThan(0);
  });

  it('when the demo is loaded again, then nothing is added; a second database loaded for the same moment holds the same rollups', async () => {
    const before = await counts(t.ctx.ds);
    expect(before.attempts).toBeGreaterThan(20);
    await loadAll(t.ctx, new Date(NOW.getTime() + DAY_MS / 24));
    expect(await counts(t.ctx.ds)).toEqual(before);

    await loadAll(twin.ctx, NOW);
    expect(await counts(twin.ctx.ds)).toEqual(before);
    expect(await rollupRows(twin.ctx.ds)).toEqual(await rollupRows(t.ctx.ds));
  });
});
