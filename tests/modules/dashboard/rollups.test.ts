// The rollups equal the raw rows: a generated data set in 2011 (own administrations and members;
// nobody else writes on those days), rebuilt, compared per metric, day, administration and dimension
// with what the generator wrote — also the weekly active members; the network-wide totals and the
// monthly rollups equal the sums of the daily ones, each question's reply times those written — and a
// second rebuild changes nothing.
import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser, type TestUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { rebuildRollups } from '../../../src/modules/dashboard/index.js';

const berlinDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const mondayOf = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
};

describe('dashboard rollups', () => {
  const t = useTestApp();

  async function rollups(ds: DataSource, adms: number[]): Promise<Record<string, number>> {
    const rows: { day: string; metric: string; adm: number; dim: string; value: number }[] = await ds.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, metric, administration_id AS adm, dim, value FROM dashboard_daily
       WHERE administration_id = ANY($1) AND day BETWEEN '2010-12-27' AND '2011-12-31'`, [adms]);
    return Object.fromEntries(rows.map((r) => [`${r.metric}|${r.day}|${r.adm}|${r.dim}`, r.value]));
  }

  /** The network-wide totals of the days and, computed from dashboard_daily in the same snapshot, what they must be. */
  async function totals(ds: DataSource): Promise<{ stored: Record<string, number>; summed: Record<string, number> }> {
    const [row] = await ds.query(
      `SELECT (SELECT coalesce(json_object_agg(metric || '|' || day || '|' || dim, value), '{}') FROM dashboard_daily_total
                WHERE day BETWEEN '2010-12-27' AND '2011-12-31') AS stored,
              (SELECT coalesce(json_object_agg(k, v), '{}') FROM (SELECT metric || '|' || day || '|' || dim AS k, sum(value) AS v FROM dashboard_daily
                WHERE day BETWEEN '2010-12-27' AND '2011-12-31' GROUP BY metric, day, dim) x) AS summed`);
    return row;
  }

  /** The monthly rollups per administration of the months and, computed from dashboard_daily in the same snapshot, what they must be. */
  async function monthly(ds: DataSource): Promise<{ stored: Record<string, string>; summed: Record<string, string> }> {
    const [row] = await ds.query(
      `SELECT (SELECT coalesce(json_object_agg(metric || '|' || month || '|' || administration_id, value || '|' || last_day), '{}') FROM dashboard_monthly
                WHERE month BETWEEN '2010-12-01' AND '2011-12-01') AS stored,
              (SELECT coalesce(json_object_agg(k, v), '{}') FROM (
                SELECT metric || '|' || date_trunc('month', day)::date || '|' || administration_id AS k, sum(value) || '|' || max(day) AS v FROM dashboard_daily
                 WHERE day BETWEEN '2010-12-01' AND '2011-12-31' AND dim = '' GROUP BY metric, date_trunc('month', day), administration_id) x) AS summed`);
    return row;
  }

  async function questionTimes(ds: DataSource, threads: number[]): Promise<Record<number, { day: string; first: number | null; accepted: number | null }>> {
    const rows: { id: number; day: string; first: number | null; accepted: number | null }[] = await ds.query(
      `SELECT thread_id AS id, to_char(day, 'YYYY-MM-DD') AS day, first_hours AS first, accepted_hours AS accepted
         FROM dashboard_question_times WHERE thread_id = ANY($1)`, [threads]);
    return Object.fromEntries(rows.map((r) => [r.id, { day: r.day, first: r.first, accepted: r.accepted }]));
  }

  it('when the rollups are rebuilt for 2011, then they equal the raw rows per metric and day, and a second rebuild changes nothing', async () => {
    const ds = t.ctx.ds;
    const expected: Record<string, number> = {};
    const count = (metric: string, at: string, adm: number, dim = '') => {
      const k = `${metric}|${berlinDay(at)}|${adm}|${dim}`;
      expected[k] = (expected[k] ?? 0) + 1;
    };
    const active = new Map<string, Set<number>>();
    const activeAt = (u: TestUser, at: string) => {
      const k = `${mondayOf(berlinDay(at))}|${u.administrationId}`;
      active.set(k, (active.get(k) ?? new Set()).add(u.id));
    };
    // Times near midnight (UTC 23:30 is the next Berlin day), both sides of the switch to summer time.
    const stamp = (i: number) => `2011-03-${String(20 + (i % 10)).padStart(2, '0')}T${['23:30', '08:15', '22:10'][i % 3]}:00Z`;

    const adms = [(await createAdministration(ds)).id, (await createAdministration(ds)).id];
    const users: TestUser[] = [];
    for (let i = 0; i < 4; i++) {
      const u = await createUser(ds, { administrationId: adms[i % 2] });
      await ds.query(`UPDATE users SET created_at = $2, decided_at = $3 WHERE id = $1`, [u.id, stamp(i), stamp(i + 1)]);
      count('registration', stamp(i), u.administrationId!);
      count('approval', stamp(i + 1), u.administrationId!);
      users.push(u);
    }
    const category = await createCategory(ds);
    const hoursAfter = (a: string, b: string) => (new Date(b).getTime() - new Date(a).getTime()) / 3_600_000;
    const times: Record<number, { day: string; first: number | null; accepted: number | null }> = {};
    for (let i = 0; i < 6; i++) {
      const author = users[i % 4]!;
      const tags = i % 2 ? [`rollup-tag-a`] : [`rollup-tag-a`, `rollup-tag-b`];
      const thread = await createThread(ds, { category, author, tags });
      await ds.query(`UPDATE forum_threads SET created_at = $2 WHERE id = $1`, [thread.id, stamp(i)]);
      count('thread', stamp(i), author.administrationId!);
      for (const tag of tags) count('thread_tag', stamp(i), author.administrationId!, tag);
      activeAt(author, stamp(i));
      const time = times[thread.id] = { day: berlinDay(stamp(i)), first: null as number | null, accepted: null as number | null };
      for (let j = 0; j < i % 3; j++) {
        const replier = users[(i + j + 1) % 4]!;
        const reply = await createReply(ds, thread, { author: replier });
        const at = stamp(i + j + 2);
        await ds.query(`UPDATE forum_replies SET created_at = $2 WHERE id = $1`, [reply.id, at]);
        count('reply', at, replier.administrationId!);
        time.first = Math.min(time.first ?? Infinity, hoursAfter(stamp(i), at));
        for (const tag of tags) count('reply_tag', at, replier.administrationId!, tag);
        activeAt(replier, at);
        const voter = users[(i + j + 2) % 4]!;
        await ds.query(`INSERT INTO forum_votes (reply_id, user_id, created_at) VALUES ($1, $2, $3)`, [reply.id, voter.id, stamp(i + 5)]);
        activeAt(voter, stamp(i + 5));
        if (j === 0) {
          await ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [thread.id, reply.id]);
          time.accepted = hoursAfter(stamp(i), at);
          if (i % 2) {
            await ds.query(`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, created_at)
              VALUES ($1, 'forum.answer.accept', 'forum_thread', $2, $3)`, [author.id, String(thread.id), stamp(i + 7)]);
            count('accepted', stamp(i + 7), replier.administrationId!);
          } else count('accepted', at, replier.administrationId!);
        }
      }
    }
    for (let i = 0; i < 3; i++) {
      const uc = await createUseCase(ds, { administrationId: adms[i % 2], createdById: users[i % 2]!.id, policyAreas: ['mobility', 'budget'].slice(0, 1 + (i % 2)), methods: ['survey'] });
      await ds.query(`UPDATE use_cases SET published_at = $2 WHERE id = $1`, [uc.id, stamp(i + 3)]);
      count('usecase_published', stamp(i + 3), adms[i % 2]!);
      for (const k of ['mobility', 'budget'].slice(0, 1 + (i % 2))) count('usecase_topic', stamp(i + 3), adms[i % 2]!, k);
      count('usecase_method', stamp(i + 3), adms[i % 2]!, 'survey');
      const other = adms[(i + 1) % 2]!;
      await ds.query(`INSERT INTO use_case_adoptions (use_case_id, administration_id, status, declared_by_id, created_at) VALUES ($1, $2, 'planning', $3, $4)`,
        [uc.id, other, users[(i + 1) % 2]!.id, stamp(i + 4)]);
      count('adoption', stamp(i + 4), other);
    }
    const quiz = await createQuiz(ds);
    const course = await createCourse(ds, [quiz.slug], []);
    for (let i = 0; i < 4; i++) {
      const u = users[i]!;
      await ds.query(`INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, started_at, submitted_at, passed) VALUES ($1, $2, 1, '[]', 'submitted', $3, $3, true)`, [quiz.id, u.id, stamp(i + 6)]);
      await ds.query(`INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state) VALUES ($1, $2, 2, '[]', 'open')`, [quiz.id, u.id]);
      count('quiz_attempt', stamp(i + 6), u.administrationId!);
      activeAt(u, stamp(i + 6));
      if (i % 2) {
        await ds.query(`INSERT INTO academy_certificates (course_id, user_id, recipient_name, issued_at) VALUES ($1, $2, 'X', $3)`, [course.id, u.id, stamp(i + 8)]);
        count('certificate', stamp(i + 8), u.administrationId!);
      }
    }
    const guide = await createGuide(ds, { owner: users[1]! });
    await ds.query(`UPDATE guide_chapters SET created_at = $2 WHERE guide_id = $1`, [guide.id, stamp(9)]);
    for (let i = 0; i < guide.chapters.length; i++) count('chapter_published', stamp(9), users[1]!.administrationId!);
    for (const [k, set] of active) expected[`active_members_week|${k.split('|')[0]}|${k.split('|')[1]}|`] = set.size;

    await rebuildRollups(ds, '2011-01-01', '2011-12-31');
    const first = await rollups(ds, adms);
    expect(Object.keys(expected).length).toBeGreaterThan(30);
    expect(first).toEqual(expected);
    const firstTotals = await totals(ds);
    expect(Object.keys(firstTotals.stored).length).toBeGreaterThan(20);
    expect(firstTotals.stored).toEqual(firstTotals.summed);
    const firstMonthly = await monthly(ds);
    expect(Object.keys(firstMonthly.stored).length).toBeGreaterThan(10);
    expect(firstMonthly.stored).toEqual(firstMonthly.summed);
    const ids = Object.keys(times).map(Number);
    const firstTimes = await questionTimes(ds, ids);
    expect(Object.values(times).filter((q) => q.first !== null).length).toBe(4);
    for (const id of ids) {
      expect(firstTimes[id]!.day).toBe(times[id]!.day);
      for (const k of ['first', 'accepted'] as const) {
        if (times[id]![k] === null) expect(firstTimes[id]![k]).toBeNull();
        else expect(firstTimes[id]![k]).toBeCloseTo(times[id]![k]!, 9);
      }
    }
    await rebuildRollups(ds, '2011-01-01', '2011-12-31');
    await rebuildRollups(ds, '2011-03-24', '2011-03-25');
    expect(await rollups(ds, adms)).toEqual(first);
    expect(await totals(ds)).toEqual(firstTotals);
    expect(await monthly(ds)).toEqual(firstMonthly);
    expect(await questionTimes(ds, ids)).toEqual(firstTimes);
  });
});
