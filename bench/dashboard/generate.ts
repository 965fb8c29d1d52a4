// Generates the dashboard benchmark's data set, set-based (INSERT … SELECT generate_series, one
// transaction): 400 administrations across the 16 Länder (every kind, populations from 1,000 to
// about 3 million), 3,000 members and one facilitator, BENCH_THREADS forum threads (default
// 100,000) spread over the last two years with 1–3 of 40 tags each, BENCH_REPLIES replies (default
// 1,000,000) in the days after their thread, accepted answers, votes, BENCH_CASES use cases
// (default 10,000) with policy areas and methods, adoptions, guides with chapters, courses and
// quizzes with BENCH_ATTEMPTS submitted attempts (default 50,000) and certificates, and
// BENCH_SEARCHES logged searches (default 200,000) with the zero-result counts they imply.
// Deterministic (no random()): the same scale gives the same data. Idempotent per scale: a database
// that already holds as many threads is left alone.
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/accounts/index.js';
import { BENCH_PASSWORD } from '../forum/seed.js';

/** The signed-in user of the benchmark (role facilitator, password BENCH_PASSWORD). */
export const DASHBOARD_FACILITATOR = 'dash-facilitator@bench.example';

export interface DashboardScale {
  threads: number; replies: number; cases: number; attempts: number; searches: number;
  /** Members (default 3,000), administrations (default 400) and guides of 10 chapters (default 8): bench:pages scales them. */
  members?: number; administrations?: number; guides?: number;
}
export interface Generated { counts: Record<string, number>; seconds: number; generated: boolean }

const DEFAULT_MEMBERS = 3000;
const DEFAULT_ADMINISTRATIONS = 400;
const DEFAULT_GUIDES = 8;
const DAYS = 730;
const TWO_YEARS_S = DAYS * 86_400;

/** Rows per table after generation (what the benchmark reports). */
export async function countRows(ds: DataSource): Promise<Record<string, number>> {
  const tables = ['administrations', 'users', 'forum_threads', 'forum_thread_tags', 'forum_replies', 'forum_votes', 'use_cases',
    'use_case_adoptions', 'academy_attempts', 'academy_certificates', 'guide_chapters', 'search_log', 'search_zero_results', 'dashboard_daily'];
  const [row] = await ds.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
  return row;
}

/**
 * The search log of issue 16 (built by the knowledge-gaps part, migration of its own): created here
 * with the agreed schema only when no migration has, so the benchmark runs before and after the merge.
 */
export async function ensureSearchLog(ds: DataSource): Promise<void> {
  await ds.query(`CREATE TABLE IF NOT EXISTS search_log (
    id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), query text NOT NULL, results integer NOT NULL,
    user_id integer NULL REFERENCES users ON DELETE SET NULL, opened_at timestamptz NULL)`);
  await ds.query(`CREATE INDEX IF NOT EXISTS search_log_at_idx ON search_log (at)`);
}

/** What a generated set holds: its threads, use cases, members, administrations and guides. */
export async function heldShape(ds: DataSource): Promise<Required<Pick<DashboardScale, 'threads' | 'cases' | 'members' | 'administrations' | 'guides'>>> {
  const [row] = await ds.query(`SELECT
      (SELECT count(*) FROM forum_threads WHERE slug LIKE 'dash-%')::int AS threads,
      (SELECT count(*) FROM use_cases WHERE slug LIKE 'dash-fall-%')::int AS cases,
      (SELECT count(*) FROM users WHERE email LIKE 'dash%@bench.example' AND email <> $1)::int AS members,
      (SELECT count(*) FROM administrations WHERE slug LIKE 'dash-verwaltung-%')::int AS administrations,
      (SELECT count(*) FROM guides WHERE slug LIKE 'dash-leitfaden-%')::int AS guides`, [DASHBOARD_FACILITATOR]);
  return row;
}

/**
 * What a set that holds the threads asked for lacks of the rest of the scale ('' when nothing): a set
 * generated at another shape (fewer use cases or guides at the same number of threads, as an older
 * bench:pages asked for) would otherwise be kept and measured as if it were the one asked for.
 */
export function shortOf(held: Awaited<ReturnType<typeof heldShape>>, s: DashboardScale): string {
  const asked = { cases: s.cases, members: s.members ?? DEFAULT_MEMBERS, administrations: s.administrations ?? DEFAULT_ADMINISTRATIONS, guides: s.guides ?? DEFAULT_GUIDES };
  return Object.entries(asked).filter(([k, v]) => held[k as keyof typeof asked] < v)
    .map(([k, v]) => `${held[k as keyof typeof asked]} ${k} of ${v}`).join(', ');
}

export async function generateDashboard(ds: DataSource, s: DashboardScale): Promise<Generated> {
  const MEMBERS = s.members ?? DEFAULT_MEMBERS;
  const ADMINISTRATIONS = s.administrations ?? DEFAULT_ADMINISTRATIONS;
  const GUIDES = s.guides ?? DEFAULT_GUIDES;
  const started = Date.now();
  await ensureSearchLog(ds);
  const held = await heldShape(ds);
  if (held.threads >= s.threads) {
    const short = shortOf(held, s);
    if (short) throw new Error(`the database holds a generated set of another shape (${short}): drop it and run again`);
    return { counts: await countRows(ds), seconds: 0, generated: false };
  }
  const hash = await hashPassword(BENCH_PASSWORD);
  await ds.transaction(async (db) => {
    const q = async (label: string, sql: string, params: unknown[] = []) => {
      const t0 = Date.now();
      await db.query(sql, params);
      console.log(`  ${label.padEnd(24)} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query(`SET LOCAL work_mem = '256MB'`);
    const states = `ARRAY['BW','BY','BE','BB','HB','HH','HE','MV','NI','NW','RP','SL','SN','ST','SH','TH']`;
    // Bigger Länder get more administrations: state i % 23 through this map (NW, BY, BW, NI most).
    const stateOf = `(ARRAY[10,2,1,9,7,15,14,12,13,4,11,16,8,10,2,1,9,7,10,2,1,3,6])[1 + i % 23]`;
    const kinds = `ARRAY['municipality','municipality','municipality','municipality','county','county','state_agency','association','partner']`;
    await q('administrations', `INSERT INTO administrations (slug, name, kind, state, population, created_at)
      SELECT 'dash-verwaltung-' || i, 'Verwaltung ' || i,
             CASE WHEN (${states})[${stateOf}] IN ('BE','HB','HH') AND i % 5 = 0 THEN 'city_state' ELSE (${kinds})[1 + i % 9] END,
             (${states})[${stateOf}], (1000 * power(1.0195, i % 400))::int, now() - interval '3 years'
        FROM generate_series(1, ${ADMINISTRATIONS}) i ON CONFLICT DO NOTHING`);
    // Members joined over three years; every 40th has no administration, every 100th waits for approval.
    await q('users', `INSERT INTO users (email, handle, name, role, status, administration_id, password_hash, email_confirmed_at, created_at, decided_at)
      SELECT 'dash' || i || '@bench.example', 'dash' || i, 'Mitglied ' || i, CASE WHEN i % 250 = 0 THEN 'facilitator' ELSE 'member' END,
             CASE WHEN i % 100 = 0 THEN 'pending' ELSE 'active' END,
             CASE WHEN i % 40 = 0 THEN NULL ELSE (SELECT id FROM administrations WHERE slug = 'dash-verwaltung-' || (1 + (i * 7) % ${ADMINISTRATIONS})) END,
             $1, now() - ((i::bigint * 31337) % ${TWO_YEARS_S * 1.5}) * interval '1 second',
             now() - ((i::bigint * 31337) % ${TWO_YEARS_S * 1.5}) * interval '1 second',
             CASE WHEN i % 100 <> 0 THEN now() - ((i::bigint * 31337) % ${TWO_YEARS_S * 1.5}) * interval '1 second' + interval '1 day' END
        FROM generate_series(1, ${MEMBERS}) i ON CONFLICT DO NOTHING`, [hash]);
    await q('facilitator', `INSERT INTO users (email, handle, name, role, status, administration_id, password_hash, email_confirmed_at, created_at, decided_at)
      VALUES ($1, 'dash-moderation', 'Moderation Benchmark', 'facilitator', 'active', NULL, $2, now(), now() - interval '3 years', now() - interval '3 years')
      ON CONFLICT DO NOTHING`, [DASHBOARD_FACILITATOR, hash]);
    await q('categories', `INSERT INTO forum_categories (slug, name, description, position, is_public)
      SELECT 'dash-kategorie-' || i, 'Kategorie ' || i, 'Beschreibung ' || i, i * 10, i <= 3 FROM generate_series(1, 10) i ON CONFLICT DO NOTHING`);
    const tags = `ARRAY['bürgerhaushalt','online-dialog','barrierefreiheit','datenschutz','ratsbeschluss','jugendbeteiligung','bürgerrat',
      'leitlinien','kämmerei','moderation','klimaschutz','mobilität','stadtentwicklung','digitalisierung','senioren','inklusion','evaluation',
      'öffentlichkeitsarbeit','verkehr','schule','spielplatz','quartier','wohnen','haushalt','beteiligungsportal','losverfahren','workshop',
      'umfrage','einwohnerversammlung','dorfentwicklung','kinder','integration','ehrenamt','kultur','sport','gesundheit','energie',
      'wasser','friedhof','feuerwehr']`;
    await q('tags', `INSERT INTO forum_tags (name) SELECT unnest(${tags}) ON CONFLICT DO NOTHING`);
    const body = `'Wir planen ein Verfahren und haben dazu **eine Frage**. Wie habt ihr das gelöst?'`;
    const html = `'<p>Wir planen ein Verfahren und haben dazu <strong>eine Frage</strong>. Wie habt ihr das gelöst?</p>'`;
    // Threads over the last two years; two in three are questions; a few removed, hidden or merged.
    await q('threads', `
      WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active'),
           c AS (SELECT array_agg(id ORDER BY id) AS ids FROM forum_categories WHERE slug LIKE 'dash-kategorie-%')
      INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, created_at, updated_at, last_activity_at,
                                 removed_at, hidden_at)
      SELECT c.ids[1 + i % 10], CASE WHEN i % 3 = 0 THEN 'discussion' ELSE 'question' END, 'Frage ' || i || ' aus der Praxis',
             'dash-' || i, u.ids[1 + (i * 13) % array_length(u.ids, 1)], ${body}, ${html}, x.at, x.at, x.at,
             CASE WHEN i % 200 = 0 THEN x.at + interval '1 day' END, CASE WHEN i % 333 = 0 THEN x.at + interval '2 hours' END
        FROM generate_series(1, $1::int) i, u, c,
             LATERAL (SELECT now() - ((i::bigint * 7919) % ${TWO_YEARS_S}) * interval '1 second' AS at) x`, [s.threads]);
    // Replies in the week after their thread (never in the future), by others than the asker mostly.
    await q('replies', `
      WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active'),
           b AS (SELECT min(id) AS lo, max(id) AS hi FROM forum_threads WHERE slug LIKE 'dash-%')
      INSERT INTO forum_replies (thread_id, author_id, body_source, body_html, vote_count, created_at, updated_at, deleted_at)
      SELECT t.id, u.ids[1 + (i * 7) % array_length(u.ids, 1)], 'Bei uns hat das so funktioniert: früh anfangen. Antwort ' || i,
             '<p>Bei uns hat das so funktioniert: früh anfangen. Antwort ' || i || '</p>', 0, r.at, r.at,
             CASE WHEN i % 150 = 0 THEN r.at + interval '1 hour' END
        FROM generate_series(1, $1::int) i CROSS JOIN u CROSS JOIN b
        JOIN forum_threads t ON t.id = b.lo + ((i::bigint * 104729) % (b.hi - b.lo + 1))
        CROSS JOIN LATERAL (SELECT least(now(), t.created_at + ((i::bigint * 7907) % 604800 + 300) * interval '1 second') AS at) r`, [s.replies]);
    // Two in five questions have an accepted answer: their earliest reply by someone else.
    await q('accepted answers', `
      UPDATE forum_threads t SET accepted_reply_id = a.reply_id
        FROM (SELECT DISTINCT ON (r.thread_id) r.thread_id, r.id AS reply_id
                FROM forum_replies r JOIN forum_threads t2 ON t2.id = r.thread_id
               WHERE t2.slug LIKE 'dash-%' AND t2.kind = 'question' AND t2.id % 5 < 2 AND r.deleted_at IS NULL
                 AND r.author_id IS DISTINCT FROM t2.author_id
               ORDER BY r.thread_id, r.created_at, r.id) a
       WHERE a.thread_id = t.id`);
    await q('reply counts', `
      UPDATE forum_threads t SET reply_count = r.n, last_activity_at = greatest(t.last_activity_at, r.latest)
        FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS latest FROM forum_replies GROUP BY thread_id) r
       WHERE r.thread_id = t.id AND t.slug LIKE 'dash-%'`);
    // After the threads' last activity is final: the tag rows copy it (with the category, pinned and
    // counted flags) from their thread on insert, and their per-category counts are kept by one
    // statement-level trigger (migration 1764901100000), so tagging first would update every tag row again.
    await q('thread tags', `
      WITH g AS (SELECT array_agg(id ORDER BY id) AS ids FROM forum_tags WHERE name = ANY(${tags}))
      INSERT INTO forum_thread_tags (thread_id, tag_id)
      SELECT DISTINCT t.id, g.ids[1 + (t.id * k * 7 + (t.id / 1000) * k) % 40]
        FROM forum_threads t, g, generate_series(1, 3) k WHERE t.slug LIKE 'dash-%' AND (k = 1 OR t.id % (k + 1) = 0)`);
    // One vote on every third reply, an hour after it (or now), by another member.
    await q('votes', `
      WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active')
      INSERT INTO forum_votes (reply_id, user_id, created_at)
      SELECT r.id, u.ids[1 + (r.id * 17) % array_length(u.ids, 1)], least(now(), r.created_at + interval '1 hour')
        FROM forum_replies r, u WHERE r.id % 3 = 0 ON CONFLICT DO NOTHING`);
    await q('vote counts', `UPDATE forum_replies r SET vote_count = 1 WHERE r.id % 3 = 0`);
    // Use cases from every administration, published over two years (one in ten a draft).
    const topics = `ARRAY['budget','democracy','mobility','climate','youth','urban-development','digital','social','education','health']`;
    const methods = `ARRAY['participatory-budget','citizens-assembly','online-dialogue','workshop','survey','town-hall']`;
    await q('use cases', `
      WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM administrations WHERE slug LIKE 'dash-verwaltung-%'),
           u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active')
      INSERT INTO use_cases (slug, title, summary, administration_id, department, status, policy_areas, iap2_level, methods,
                             created_by_id, owner_id, published, published_at, visibility, created_at, updated_at, next_review_at, verified_at)
      SELECT 'dash-fall-' || i, 'Praxisbeispiel ' || i || ': ' || (${topics})[1 + i % 10], 'Kurzbeschreibung des Beispiels ' || i,
             a.ids[1 + (i * 11) % ${ADMINISTRATIONS}], 'finance', 'completed',
             CASE WHEN i % 3 = 0 THEN ARRAY[(${topics})[1 + i % 10], (${topics})[1 + (i / 10) % 10]] ELSE ARRAY[(${topics})[1 + i % 10]] END,
             'consult',
             CASE WHEN i % 4 = 0 THEN ARRAY[(${methods})[1 + i % 6], (${methods})[1 + (i / 6) % 6]] ELSE ARRAY[(${methods})[1 + i % 6]] END,
             u.ids[1 + i % array_length(u.ids, 1)], u.ids[1 + i % array_length(u.ids, 1)], i % 10 <> 0,
             CASE WHEN i % 10 <> 0 THEN x.at END, CASE WHEN i % 2 = 0 THEN 'public' ELSE 'network' END, x.at - interval '3 days', x.at,
             CASE WHEN i % 50 = 0 THEN current_date - 30 END, CASE WHEN i % 4 = 0 THEN x.at + interval '1 day' END
        FROM generate_series(1, $1::int) i, a, u,
             LATERAL (SELECT now() - ((i::bigint * 6197) % ${TWO_YEARS_S}) * interval '1 second' AS at) x
       ON CONFLICT DO NOTHING`, [s.cases]);
    await q('adoptions', `
      INSERT INTO use_case_adoptions (use_case_id, administration_id, status, created_at, updated_at)
      SELECT c.id, a.id, (ARRAY['interested','planning','implemented','stopped'])[1 + c.id % 4],
             least(now(), c.published_at + ((c.id % 60) || ' days')::interval), now()
        FROM use_cases c JOIN administrations a ON a.slug = 'dash-verwaltung-' || (1 + (c.id * 13) % ${ADMINISTRATIONS})
       WHERE c.slug LIKE 'dash-fall-%' AND c.published AND c.id % 2 = 0 AND a.id <> c.administration_id ON CONFLICT DO NOTHING`);
    // Guides (8, each with 10 chapters written over two years) and the academy: 5 courses of 3
    // quizzes with 10 questions each, every question tied to a chapter.
    await q('guides', `
      INSERT INTO guides (slug, title, summary, owner_id, status, published_at, next_review_on, created_at)
      SELECT 'dash-leitfaden-' || g, 'Leitfaden ' || g, 'Ein Leitfaden', (SELECT min(id) FROM users WHERE email LIKE 'dash%@bench.example'),
             'published', now() - interval '2 years', CASE WHEN g % 4 = 0 THEN current_date - 10 ELSE current_date + 200 END, now() - interval '2 years'
        FROM generate_series(1, ${GUIDES}) g ON CONFLICT DO NOTHING`);
    await q('chapters', `
      INSERT INTO guide_chapters (guide_id, uid, position, slug, title, body_source, body_html, created_at)
      SELECT g.id, 'k' || k, k, 'kapitel-' || k, 'Kapitel ' || k, 'Text', '<p>Text</p>',
             now() - ((g.id * 10 + k) * 8) * interval '1 day'
        FROM guides g, generate_series(1, 10) k WHERE g.slug LIKE 'dash-leitfaden-%' ON CONFLICT DO NOTHING`);
    await q('courses and quizzes', `
      INSERT INTO academy_courses (slug, title, summary) SELECT 'dash-kurs-' || c, 'Kurs ' || c, 'Ein Kurs' FROM generate_series(1, 5) c ON CONFLICT DO NOTHING;`);
    await db.query(`INSERT INTO academy_quizzes (slug, title) SELECT 'dash-quiz-' || z, 'Quiz ' || z FROM generate_series(1, 15) z ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO academy_course_quizzes (course_id, quiz_id, position)
      SELECT c.id, z.id, z.n FROM (SELECT id, split_part(slug, '-', 3)::int AS n FROM academy_quizzes WHERE slug LIKE 'dash-quiz-%') z
        JOIN academy_courses c ON c.slug = 'dash-kurs-' || (1 + (z.n - 1) / 3) ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO academy_questions (quiz_id, position, kind, text, text_html, chapter_ref, choices)
      SELECT z.id, p, 'single', 'Frage ' || p, '<p>Frage ' || p || '</p>', 'dash-leitfaden-' || (1 + (z.id + p) % 8) || '/kapitel-' || (1 + (z.id * p) % 10),
             '[{"id":"a","text":"ja","correct":true},{"id":"b","text":"nein","correct":false}]'
        FROM academy_quizzes z, generate_series(1, 10) p WHERE z.slug LIKE 'dash-quiz-%'`);
    // Attempts: member i % 3,000 on quiz (i / 3,000) % 15, a second attempt when i ≥ 45,000.
    await q('quiz attempts', `
      WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active'),
           z AS (SELECT array_agg(id ORDER BY id) AS ids FROM academy_quizzes WHERE slug LIKE 'dash-quiz-%'),
           qs AS (SELECT quiz_id, array_agg(id ORDER BY position) AS ids FROM academy_questions GROUP BY quiz_id)
      INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, started_at, submitted_at, score, max_score, percent, passed, result)
      SELECT z.ids[1 + (i / array_length(u.ids, 1)) % 15], u.ids[1 + i % array_length(u.ids, 1)], 1 + i / (15 * array_length(u.ids, 1)), '[]',
             'submitted', x.at, x.at + interval '20 minutes', 10 - i % 5, 10, 100 - 10 * (i % 5), i % 5 < 3,
             (SELECT jsonb_agg(jsonb_build_object('questionId', qid, 'score', 1, 'max', 1,
                       'outcome', CASE WHEN (i + o) % 4 = 0 THEN 'incorrect' ELSE 'correct' END, 'response', NULL) ORDER BY o)
                FROM unnest(qs.ids) WITH ORDINALITY AS e(qid, o))
        FROM generate_series(0, $1::int - 1) i, u, z,
             LATERAL (SELECT now() - ((i::bigint * 4099) % ${TWO_YEARS_S}) * interval '1 second' AS at) x
        JOIN qs ON true WHERE qs.quiz_id = z.ids[1 + (i / array_length(u.ids, 1)) % 15]
       ON CONFLICT DO NOTHING`, [s.attempts]);
    await q('certificates', `
      INSERT INTO academy_certificates (course_id, user_id, recipient_name, issued_at)
      SELECT cq.course_id, a.user_id, 'Mitglied', max(a.submitted_at)
        FROM academy_attempts a JOIN academy_course_quizzes cq ON cq.quiz_id = a.quiz_id
       WHERE a.passed GROUP BY cq.course_id, a.user_id HAVING count(DISTINCT a.quiz_id) = 3 ON CONFLICT DO NOTHING`);
    // The search log: 500 queries (normalised, lower case) over two years, one in eight without
    // results; a third of the searches opened a result; the zero-result counts per day follow from it.
    const words = `ARRAY['bürgerhaushalt','losverfahren','jugendbeteiligung','barrierefreiheit','online-dialog','datenschutz','bürgerrat',
      'leitlinien','klimaschutz','mobilität','spielplatz','quartier','evaluation','einwohnerversammlung','moderation','umfrage',
      'dorfentwicklung','seniorenbeirat','kinderrechte','beteiligungssatzung']`;
    await q('search log', `
      WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE email LIKE 'dash%@bench.example' AND status = 'active')
      INSERT INTO search_log (at, query, results, user_id, opened_at)
      SELECT x.at, x.query, CASE WHEN (i * 7) % 8 = 0 THEN 0 ELSE 1 + i % 40 END,
             CASE WHEN i % 5 = 0 THEN NULL ELSE u.ids[1 + (i * 3) % array_length(u.ids, 1)] END,
             CASE WHEN (i * 7) % 8 <> 0 AND i % 3 = 0 THEN x.at + interval '30 seconds' END
        FROM generate_series(1, $1::int) i, u,
             LATERAL (SELECT now() - ((i::bigint * 3041) % ${TWO_YEARS_S}) * interval '1 second' AS at,
                             (${words})[1 + i % 20] || CASE WHEN (i / 20) % 25 = 0 THEN '' ELSE ' ' || (${words})[1 + (i / 20) % 20] END AS query) x`,
    [s.searches]);
    await q('zero-result counts', `
      INSERT INTO search_zero_results (day, query, count)
      SELECT (at AT TIME ZONE 'Europe/Berlin')::date, query, count(*) FROM search_log WHERE results = 0 GROUP BY 1, 2
      ON CONFLICT (day, query) DO UPDATE SET count = EXCLUDED.count`);
  });
  await ds.query(`VACUUM ANALYZE`);
  return { counts: await countRows(ds), seconds: (Date.now() - started) / 1000, generated: true };
}
