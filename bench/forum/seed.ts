// Seeds a forum benchmark database quickly with INSERT … SELECT generate_series: members,
// categories, BENCH_THREADS threads (default 100,000) and BENCH_REPLIES replies (default 1,000,000),
// plus one thread with exactly 50 replies for the page benchmark. Idempotent: seeds once per scale.
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/modules/accounts/index.js';

/** Members bench1 … bench1000 share this password; each load connection signs in as its own member. */
export const benchEmail = (i: number) => `bench${i}@bench.example`;
export const BENCH_PASSWORD = 'bench password for the forum';
export const BENCH_THREAD_TITLE = 'Bench: Wie organisieren wir einen Bürgerhaushalt mit 50 Antworten?';

export interface SeedResult { threadUrl: string; threads: number; replies: number; seconds: number; seeded: boolean }

export async function seedForum(ds: DataSource, threads: number, replies: number): Promise<SeedResult> {
  const started = Date.now();
  const [existing] = await ds.query(`SELECT id, slug FROM forum_threads WHERE title = $1`, [BENCH_THREAD_TITLE]);
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM forum_threads`);
  // The page under test lives in the public category, so the same page can also be loaded by visitors.
  if (existing) await ds.query(`UPDATE forum_threads SET category_id = (SELECT id FROM forum_categories WHERE slug = 'bench-kategorie-1') WHERE id = $1`, [existing.id]);
  if (existing && n >= threads) {
    const [{ r }] = await ds.query(`SELECT count(*)::int AS r FROM forum_replies`);
    return { threadUrl: `/forum/threads/${existing.id}-${existing.slug}`, threads: n, replies: r, seconds: 0, seeded: false };
  }
  const hash = await hashPassword(BENCH_PASSWORD);
  await ds.transaction(async (db) => {
    await db.query(`SET LOCAL synchronous_commit = off`);
    await db.query(`INSERT INTO administrations (slug, name, kind, state, population)
      SELECT 'bench-' || i, 'Benchstadt ' || i, 'municipality', 'TH', 10000 + i * 100 FROM generate_series(1, 50) i ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO users (email, handle, name, role, status, administration_id, password_hash, email_confirmed_at)
      SELECT 'bench' || i || '@bench.example', 'bench' || i, 'Mitglied ' || i, 'member', 'active',
             (SELECT id FROM administrations WHERE slug = 'bench-' || (1 + i % 50)), $1, now()
        FROM generate_series(1, 1000) i ON CONFLICT DO NOTHING`, [hash]);
    await db.query(`INSERT INTO forum_categories (slug, name, description, position, is_public)
      SELECT 'bench-kategorie-' || i, 'Kategorie ' || i, 'Beschreibung ' || i, i * 10, i = 1 FROM generate_series(1, 10) i ON CONFLICT DO NOTHING`);
    const words = `ARRAY['Bürgerhaushalt','Online-Dialog','Barrierefreiheit','Datenschutz','Ratsbeschluss','Jugendbeteiligung','Bürgerrat','Leitlinien','Kämmerei','Moderation']`;
    const body = `'Wir planen ein Verfahren und haben dazu **eine Frage**. Wie habt ihr das gelöst? Wir sind für jede Erfahrung dankbar.'`;
    const html = `'<p>Wir planen ein Verfahren und haben dazu <strong>eine Frage</strong>. Wie habt ihr das gelöst? Wir sind für jede Erfahrung dankbar.</p>'`;
    await db.query(`
      WITH u AS (SELECT array_agg(id) AS ids FROM users WHERE email LIKE 'bench%@bench.example'),
           c AS (SELECT array_agg(id) AS ids FROM forum_categories WHERE slug LIKE 'bench-kategorie-%')
      INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html, created_at, updated_at, last_activity_at, accepted_reply_id)
      SELECT c.ids[1 + i % 10], CASE WHEN i % 3 = 0 THEN 'discussion' ELSE 'question' END,
             'Frage ' || i || ': ' || (${words})[1 + i % 10] || ' und ' || (${words})[1 + (i / 10) % 10] || ' in der Praxis',
             'frage-' || i, u.ids[1 + i % 1000], ${body}, ${html},
             now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval, NULL
        FROM generate_series(1, $1::int) i, u, c`, [threads - 1]);
    await db.query(`
      WITH u AS (SELECT array_agg(id) AS ids FROM users WHERE email LIKE 'bench%@bench.example'),
           t AS (SELECT min(id) AS lo, max(id) AS hi FROM forum_threads WHERE slug LIKE 'frage-%')
      INSERT INTO forum_replies (thread_id, author_id, body_source, body_html, vote_count, created_at, updated_at)
      SELECT t.lo + (i % (t.hi - t.lo + 1)), u.ids[1 + (i * 7) % 1000],
             'Bei uns hat das so funktioniert: früh anfangen, **klar kommunizieren**, Ergebnisse zurückmelden. Antwort ' || i,
             '<p>Bei uns hat das so funktioniert: früh anfangen, <strong>klar kommunizieren</strong>, Ergebnisse zurückmelden. Antwort ' || i || '</p>',
             i % 7, now() - ((i % 50000) || ' seconds')::interval, now()
        FROM generate_series(1, $1::int) i, u, t`, [replies - 50]);
    // The page under test: a question with exactly 50 replies, votes, nesting and an accepted answer.
    const [bench] = await db.query(`
      INSERT INTO forum_threads (category_id, kind, title, slug, author_id, body_source, body_html)
      SELECT (SELECT id FROM forum_categories WHERE slug = 'bench-kategorie-1'), 'question', $1, 'bench-50-antworten',
             (SELECT id FROM users WHERE email = 'bench1@bench.example'), ${body}, ${html} RETURNING id, slug`, [BENCH_THREAD_TITLE]);
    await db.query(`
      WITH u AS (SELECT array_agg(id) AS ids FROM users WHERE email LIKE 'bench%@bench.example')
      INSERT INTO forum_replies (thread_id, author_id, body_source, body_html, vote_count, created_at)
      SELECT $1, u.ids[1 + i * 13 % 1000], 'Antwort **' || i || '** mit etwas Text, einer Liste\n\n- eins\n- zwei',
             '<p>Antwort <strong>' || i || '</strong> mit etwas Text, einer Liste</p><ul><li>eins</li><li>zwei</li></ul>',
             i % 9, now() - ((50 - i) || ' minutes')::interval
        FROM generate_series(1, 50) i, u`, [bench.id]);
    await db.query(`UPDATE forum_replies SET parent_id = (SELECT min(id) FROM forum_replies WHERE thread_id = $1) WHERE thread_id = $1 AND id % 5 = 0`, [bench.id]);
    await db.query(`UPDATE forum_threads SET accepted_reply_id = (SELECT max(id) FROM forum_replies WHERE thread_id = $1) WHERE id = $1`, [bench.id]);
    await db.query(`INSERT INTO forum_tags (name) VALUES ('bürgerhaushalt'), ('kämmerei') ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO forum_thread_tags (thread_id, tag_id) SELECT $1, id FROM forum_tags WHERE name IN ('bürgerhaushalt', 'kämmerei')`, [bench.id]);
    await db.query(`
      UPDATE forum_threads t SET reply_count = r.n, last_activity_at = greatest(t.last_activity_at, r.latest)
        FROM (SELECT thread_id, count(*)::int AS n, max(created_at) AS latest FROM forum_replies GROUP BY thread_id) r
       WHERE r.thread_id = t.id`);
  });
  await ds.query(`ANALYZE forum_threads; ANALYZE forum_replies; ANALYZE users`);
  const [bench] = await ds.query(`SELECT id, slug FROM forum_threads WHERE title = $1`, [BENCH_THREAD_TITLE]);
  const [{ r }] = await ds.query(`SELECT count(*)::int AS r FROM forum_replies`);
  const [{ t }] = await ds.query(`SELECT count(*)::int AS t FROM forum_threads`);
  return { threadUrl: `/forum/threads/${bench.id}-${bench.slug}`, threads: t, replies: r, seconds: (Date.now() - started) / 1000, seeded: true };
}
