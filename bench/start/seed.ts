// Seeds the start-page benchmark: the forum benchmark's data (BENCH_THREADS threads, BENCH_REPLIES
// replies, 1,000 members in 50 administrations, reused from bench/forum/seed.ts), BENCH_CASES use
// cases (default 10,000) from 500 administrations of every kind and size, and one member (bench1)
// with what fills every block: follows of categories, tags, threads and topics, own threads and use
// cases with new replies and comments, a course in progress and upcoming events. INSERT … SELECT
// generate_series throughout; idempotent per scale.
import type { DataSource } from 'typeorm';
import { benchEmail, seedForum } from '../forum/seed.js';

export const START_MEMBER = benchEmail(1);

export interface StartSeed { threads: number; replies: number; cases: number; seconds: number; seeded: boolean }

export async function seedStart(ds: DataSource, threads: number, replies: number, cases: number): Promise<StartSeed> {
  const started = Date.now();
  const forum = await seedForum(ds, threads, replies);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM use_cases WHERE slug LIKE 'bench-fall-%'`);
  if (n >= cases) {
    return { threads: forum.threads, replies: forum.replies, cases: n, seconds: (Date.now() - started) / 1000, seeded: forum.seeded };
  }
  await ds.transaction(async (db) => {
    await db.query(`SET LOCAL synchronous_commit = off`);
    const kinds = `ARRAY['municipality','municipality','municipality','county','county','state_agency','association']`;
    const states = `ARRAY['BW','BY','BE','BB','HB','HH','HE','MV','NI','NW','RP','SL','SN','ST','SH','TH']`;
    await db.query(`INSERT INTO administrations (slug, name, kind, state, population)
      SELECT 'bench-verwaltung-' || i, 'Benchverwaltung ' || i, (${kinds})[1 + i % 7], (${states})[1 + i % 16],
             (1000 * power(1.02, i % 400))::int
        FROM generate_series(1, 500) i ON CONFLICT DO NOTHING`);
    const topics = `ARRAY['budget','democracy','mobility','climate','youth','urban-development','digital','social','education','health']`;
    const methods = `ARRAY['participatory-budget','citizens-assembly','online-dialogue','workshop','survey','town-hall']`;
    await db.query(`
      WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM administrations WHERE slug LIKE 'bench-verwaltung-%'),
           u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'bench%@bench.example')
      INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                             created_by_id, owner_id, published, published_at, visibility, created_at, updated_at, next_review_at)
      SELECT 'bench-fall-' || i, 'Praxisbeispiel ' || i || ': ' || (${topics})[1 + i % 10], 'Kurzbeschreibung des Beispiels ' || i,
             a.ids[1 + i % 500], 'finance', 'completed', ARRAY[(${topics})[1 + i % 10]], 'consult', ARRAY[(${methods})[1 + i % 6]],
             u.ids[2 + i % 999], u.ids[2 + i % 999], i % 10 <> 0, now() - (i || ' hours')::interval,
             CASE WHEN i % 2 = 0 THEN 'public' ELSE 'network' END,
             now() - (i || ' hours')::interval, now() - ((i % 500) || ' hours')::interval,
             CASE WHEN i % 50 = 0 THEN current_date - 30 END
        FROM generate_series(1, $1::int) i, a, u`, [cases]);
    // The member under test: bench1, in an administration like many others (a mid-sized municipality).
    const [me] = await db.query(`SELECT id FROM users WHERE email = $1`, [START_MEMBER]);
    await db.query(`UPDATE users SET administration_id = (SELECT id FROM administrations WHERE slug = 'bench-verwaltung-70'),
                           created_at = now() - interval '1 year' WHERE id = $1`, [me.id]);
    await db.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level)
      SELECT $1::int, 'category', id, 'watching' FROM forum_categories WHERE slug IN ('bench-kategorie-2', 'bench-kategorie-3')
      UNION ALL SELECT $1::int, 'tag', id, 'watching' FROM forum_tags WHERE name IN ('bürgerhaushalt', 'kämmerei')
      ON CONFLICT DO NOTHING`, [me.id]);
    // Watching 50 busy threads, read a while ago.
    await db.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at)
      SELECT $1::int, 'thread', id, 'watching', now() - interval '30 days' FROM forum_threads WHERE slug LIKE 'frage-%' ORDER BY id LIMIT 50
      ON CONFLICT DO NOTHING`, [me.id]);
    await db.query(`INSERT INTO forum_thread_reads (user_id, thread_id, last_read_at)
      SELECT $1::int, target_id, now() - interval '2 hours' FROM forum_follows WHERE user_id = $1 AND target_type = 'thread'
      ON CONFLICT DO NOTHING`, [me.id]);
    await db.query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', 'climate'), ($1, 'method', 'citizens-assembly')
      ON CONFLICT DO NOTHING`, [me.id]);
    // Comments from others on 20 of the member's use cases.
    await db.query(`UPDATE use_cases SET owner_id = $1, created_by_id = $1 WHERE slug IN (SELECT 'bench-fall-' || i FROM generate_series(1, 200, 10) i)`, [me.id]);
    await db.query(`
      INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html, created_at)
      SELECT uc.id, (SELECT id FROM users WHERE email = 'bench2@bench.example'), 'Danke!', '<p>Danke!</p>', now() - (g || ' minutes')::interval
        FROM use_cases uc, generate_series(1, 5) g WHERE uc.owner_id = $1`, [me.id]);
    await db.query(`INSERT INTO home_visits (user_id, last_visit_at, previous_visit_at) VALUES ($1, now() - interval '1 day', now() - interval '2 days')
      ON CONFLICT (user_id) DO NOTHING`, [me.id]);
  });
  await ds.query(`ANALYZE use_cases; ANALYZE administrations; ANALYZE use_case_comments; ANALYZE forum_follows; ANALYZE forum_thread_reads`);
  const [{ c }] = await ds.query(`SELECT count(*)::int AS c FROM use_cases WHERE slug LIKE 'bench-fall-%'`);
  return { threads: forum.threads, replies: forum.replies, cases: c, seconds: (Date.now() - started) / 1000, seeded: true };
}
