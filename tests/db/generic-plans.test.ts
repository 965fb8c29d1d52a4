// Named statements are worth it only when PostgreSQL keeps a generic plan for them: a statement it
// re-plans on every execution ("custom plan") costs its planning each time. A `LIMIT $n` or
// `OFFSET $n` parameter makes the generic plan assume a tenth of the rows are read, so on a large
// table the custom plan always looked cheaper: at 100,000 threads the start page's "unanswered in my
// topics", "like mine" and "my topics" and the forum's thread lists were planned on every view
// (bench:pages, issue 19). This fills a database of its own with enough rows for that estimate to
// matter (20,000 threads, 4,000 use cases), runs the statements on one connection more often than
// PostgreSQL's five custom plans, and reads pg_prepared_statements.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { usePrivateDatabase } from '../support/accounts-factories.js';
import { useTestApp } from '../support/app.js';
import { createAdministration, createUser, type TestUser } from '../support/factories.js';
import { createCategory } from '../support/forum-factories.js';
import { listThreads } from '../../src/modules/forum/forum.queries.js';
import { repliesOnMyThreads, unansweredInMyTopics, unreadFollowedThreads } from '../../src/modules/forum/start.queries.js';
import { casesInMyTopics, casesLikeMine, commentsOnMyCases } from '../../src/modules/usecases/start.queries.js';
import { pageFrom } from '../../src/shared/pagination.js';
import { healthLists } from '../../src/modules/dashboard/health.queries.js';
import { pendingApprovals } from '../../src/modules/dashboard/activity.queries.js';
import { readSnapshot, snapshotStamps } from '../../src/modules/dashboard/snapshots.store.js';
import { recentPublicUseCases } from '../../src/modules/usecases/home.queries.js';
import { recentGuides } from '../../src/modules/guides/home.queries.js';
import { upcomingPublicEvents } from '../../src/modules/events/home.queries.js';
import { engagementOf } from '../../src/modules/recognition/leaderboards.queries.js';
import { facetCounts } from '../../src/modules/usecases/usecases.queries.js';
import { findParent, videosOf } from '../../src/modules/media/media.store.js';

const env = usePrivateDatabase();
const t = useTestApp(env);
let one: DataSource;
let member: TestUser;
let administrationId: number;

beforeAll(async () => {
  const ds = t.ctx.ds;
  const adm = await createAdministration(ds, { kind: 'municipality', state: 'BY', population: 30_000 });
  administrationId = adm.id;
  member = await createUser(ds, { administrationId });
  // 500 authors, as a network has many (one author for every row would make the generic plan, which
  // assumes an average author, look far dearer than the custom one for a member who wrote nothing).
  const authors = ((await ds.query(
    `INSERT INTO users (email, handle, name, administration_id)
     SELECT 'gp' || i || '@plans.example', 'gp' || i || '-' || $2, 'Autor ' || i, $1 FROM generate_series(1, 500) i RETURNING id`,
    [adm.id, Date.now()])) as { id: number }[]).map((r) => r.id);
  const category = await createCategory(ds, { isPublic: true });
  await ds.query(
    `INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, created_at, last_activity_at)
     SELECT $1, CASE WHEN i % 3 = 0 THEN 'discussion' ELSE 'question' END, 'Frage ' || i, 'frage-' || i, ($2::int[])[1 + i % 500],
            'Wie?', '<p>Wie?</p>', now() - i * interval '1 minute', now() - i * interval '1 minute'
       FROM generate_series(1, 20000) i`, [category.id, authors]);
  // Like-mine candidates: administrations as big as the member's in other Länder, and unlike ones.
  const like = await createAdministration(ds, { kind: 'municipality', state: 'NW', population: 32_000 });
  const unlike = await createAdministration(ds, { kind: 'county', state: 'HH', population: 900_000 });
  await ds.query(
    `INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                            created_by_id, owner_id, published, published_at, visibility)
     SELECT 'fall-' || i, 'Fall ' || i, 'Kurz.', CASE WHEN i % 50 = 0 THEN $1::int ELSE $2::int END, 'finance', 'completed',
            ARRAY[CASE WHEN i % 40 = 0 THEN 'youth' ELSE 'budget' END], 'consult', ARRAY['participatory-budget'],
            ($3::int[])[1 + i % 500], ($3::int[])[1 + i % 500], true, now() - i * interval '1 minute', 'network'
       FROM generate_series(1, 4000) i`, [like.id, unlike.id, authors]);
  await ds.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, 'category', $2, 'watching')`, [member.id, category.id]);
  await ds.query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', 'youth')`, [member.id]);
  await ds.query('ANALYZE');
  // One connection, so every execution meets the same named statement.
  one = createDataSource(env.DATABASE_URL!, { entities, poolMax: 1 });
  await one.initialize();
}, 120_000);

afterAll(async () => {
  await one?.destroy();
});

describe('generic plans for the named statements of the start page, the forum lists and the dashboard', () => {
  it('when each runs more often than PostgreSQL plans it custom, then it runs on a generic plan', async () => {
    const since = new Date(Date.now() - 7 * 86_400_000);
    const viewer = { signedIn: true, id: member.id, facilitator: false };
    let found = 0;
    for (let i = 0; i < 8; i++) {
      found += (await unansweredInMyTopics(one, member.id, false)).length;
      found += (await casesLikeMine(one, administrationId, since)).length;
      found += (await casesInMyTopics(one, member.id, since)).length;
      await repliesOnMyThreads(one, member.id, false, since);
      await unreadFollowedThreads(one, member.id, false);
      await commentsOnMyCases(one, member.id, since);
      found += (await listThreads(one, viewer, { view: 'latest' }, pageFrom({}), 20_000)).rows.length;
      found += (await listThreads(one, viewer, { view: 'unanswered' }, pageFrom({}), 13_334)).rows.length;
    }
    // The statements found what the data holds (5 + 5 + 5 + 30 + 30 per round), so their plans were exercised.
    expect(found).toBe(8 * 75);
    const plans = (await one.query(
      `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`,
      [['start-forum-unanswered', 'start-cases-like-mine', 'start-cases-topics', 'start-forum-my-threads', 'start-forum-followed',
        'start-cases-comments', 'forum-threads-latest-first', 'forum-threads-unanswered-first']],
    )) as { name: string; generic: number; custom: number }[];
    expect(plans).toHaveLength(8);
    // PostgreSQL plans a statement custom five times, then keeps the generic plan when it is no
    // dearer: three generic executions of eight.
    expect(plans.filter((p) => p.generic < 3)).toEqual([]);
  });

  it('when the dashboard is viewed, then its statements of every view run on a generic plan (the five-way union of content health was planned anew each time: 4 ms)', async () => {
    for (let i = 0; i < 8; i++) {
      const lists = await healthLists(one);
      expect(Object.keys(lists)).toHaveLength(5);
      await readSnapshot(one, `health|de|${i}`);
      await snapshotStamps(one, [`activity|de|${i}`, `topics|de|${i}`]);
      expect(await pendingApprovals(one)).toBeGreaterThanOrEqual(0);
    }
    const plans = (await one.query(
      `SELECT name, generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`,
      [['dashboard-health-lists', 'dashboard-snapshot-read', 'dashboard-snapshot-stamps', 'dashboard-pending-approvals']],
    )) as { name: string; generic: number; custom: number }[];
    expect(plans.map((p) => p.name)).toEqual(['dashboard-health-lists', 'dashboard-pending-approvals', 'dashboard-snapshot-read', 'dashboard-snapshot-stamps']);
    expect(plans.filter((p) => p.generic < 3)).toEqual([]);
  });

  it("when the visitors' home page is viewed, then its lists run on a generic plan (the newest public use cases were planned anew each time: 3 ms)", async () => {
    await one.query(`UPDATE use_cases SET visibility = 'public' WHERE slug IN ('fall-1', 'fall-2', 'fall-3', 'fall-4', 'fall-5')`);
    for (let i = 0; i < 8; i++) {
      expect((await recentPublicUseCases(one)).map((c) => c.slug)).toEqual(['fall-1', 'fall-2', 'fall-3', 'fall-4']);
      await recentGuides(one);
      await upcomingPublicEvents(one);
    }
    const plans = (await one.query(
      `SELECT name, generic_plans::int AS generic FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`,
      [['usecases-recent-public', 'guides-recent-public', 'events-upcoming-public']],
    )) as { name: string; generic: number }[];
    expect(plans.map((p) => p.name)).toEqual(['events-upcoming-public', 'guides-recent-public', 'usecases-recent-public']);
    expect(plans.filter((p) => p.generic < 3)).toEqual([]);
  });

  it("when an administration's page is viewed, then its engagement figures run on a generic plan (planned anew each time before: 1.4 ms)", async () => {
    for (let i = 0; i < 8; i++) expect((await engagementOf(one, administrationId, new Date())).members).toBe(0);
    const [plan] = (await one.query(`SELECT generic_plans::int AS generic FROM pg_prepared_statements WHERE name = 'recognition-engagement-of'`)) as { generic: number }[];
    expect(plan?.generic).toBeGreaterThanOrEqual(3);
  });

  it('when the use-case list is viewed unfiltered or with one facet value, then its facet counts run on a generic plan (planned anew each time before: 0.3–0.4 ms)', async () => {
    // The direct counts, for members (every published case) and for visitors (the public ones).
    const [members, visitors] = (await one.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE 'youth' = ANY(policy_areas))::int AS youth FROM use_cases WHERE published
       UNION ALL
       SELECT count(*)::int, count(*) FILTER (WHERE 'youth' = ANY(policy_areas))::int FROM use_cases WHERE published AND visibility = 'public'`,
    )) as { n: number; youth: number }[];
    expect(members!.youth).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) {
      for (const [signedIn, direct] of [[true, members!], [false, visitors!]] as const) {
        const all = await facetCounts(one, {}, signedIn);
        const youth = await facetCounts(one, { topic: ['youth'] }, signedIn);
        expect(all.total).toBe(direct.n);
        expect(all.counts.topic.youth ?? 0).toBe(direct.youth);
        expect(youth.total).toBe(direct.youth);
        // The picked facet shows its own maintained counts; every generated case has the one method.
        expect(youth.counts.topic.youth ?? 0).toBe(direct.youth);
        expect(youth.counts.method['participatory-budget'] ?? 0).toBe(direct.youth);
      }
    }
    const names = ['usecases-facet-counts-all-members', 'usecases-facet-counts-all-public', 'usecases-facet-counts-one-topic-members', 'usecases-facet-counts-one-topic-public'];
    const plans = (await one.query(`SELECT name, generic_plans::int AS generic FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`, [names])) as { name: string; generic: number }[];
    expect(plans.map((p) => p.name)).toEqual(names);
    expect(plans.filter((p) => p.generic < 3)).toEqual([]);
  });

  it("when a guide chapter or a course is viewed, then its player's reads run on a generic plan (planned anew each time before)", async () => {
    for (let i = 0; i < 8; i++) {
      for (const kind of ['chapter', 'course'] as const) {
        expect(await findParent(one, kind, 2_000_000_000)).toBeNull();
        expect(await videosOf(one, kind, 2_000_000_000)).toEqual([]);
      }
    }
    const names = ['media-parent-chapter', 'media-parent-course', 'media-videos-of-chapter', 'media-videos-of-course'];
    const plans = (await one.query(`SELECT name, generic_plans::int AS generic FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`, [names])) as { name: string; generic: number }[];
    expect(plans.map((p) => p.name)).toEqual(names);
    expect(plans.filter((p) => p.generic < 3)).toEqual([]);
  });
});
