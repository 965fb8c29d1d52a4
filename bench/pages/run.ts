// npm run bench:pages — every main page at network scale through the honest harness (bench/support/harness.ts).
// Data: the set-based generator of bench/dashboard (generate.ts: administrations, members, forum threads
// with tags, replies, votes and accepted answers, use cases with adoptions, guides with chapters,
// courses, quizzes and attempts, logged searches) at BENCH_THREADS threads (default 100,000) with the
// issue's proportions — 10 replies, 0.1 use cases, 0.5 quiz attempts and 2 logged searches per thread
// (BENCH_REPLIES, BENCH_CASES, BENCH_ATTEMPTS, BENCH_SEARCHES override), 20,000 members, 2,000 administrations
// and 50 guides of 10 chapters at 100,000 threads (never fewer than 3,000 / 400 / 30, a page of guides, nor
// than 300 use cases, a page of the faceted list's picked topic) — and again at BENCH_BASE_THREADS
// (default 1,000) for the growth factor; each scale in its own database praxis_bench_pages_<threads> on
// BENCH_DATABASE_SERVER (default postgres://postgres@127.0.0.1:5432), generated once and kept (generated
// again when it holds fewer use cases, members, administrations or guides than asked), with the
// search index built once (search:reindex). BENCH_BASE_THREADS=0 skips the base scale.
// Per page and role: warm-up, BENCH_RUNS (3) × BENCH_SECONDS (10) closed-loop runs at BENCH_CONNECTIONS (50),
// the same number of open-loop runs at BENCH_RATE (100) requests/s; BENCH_PAGES=forum,thread,… picks pages.
// Prints per run a line, then one table (median and min–max over the runs) with met / NOT met per target.
// Exits 0 when a target is missed too (the figures are the result).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase, ensureDatabase } from '../support/database.js';
import { Monitor, machineLine, measurePage, optionsFromEnv, showSpread, spread, startServer, databaseNote, statementsNote, type Page, type PageResult } from '../support/harness.js';
import { benchAppEnv } from '../support/server.js';
import { signIn } from '../support/session.js';
import { createDataSource } from '../../src/db/data-source.js';
import { entities } from '../../src/composition.js';
import { DASHBOARD_FACILITATOR, countRows, generateDashboard, heldShape, shortOf } from '../dashboard/generate.js';
import { rebuildAllRollups } from '../../src/modules/dashboard/index.js';
import { PAGE_SIZE } from '../../src/shared/pagination.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverUrl = (process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const threads = Number(process.env.BENCH_THREADS ?? 100_000);
const baseThreads = Number(process.env.BENCH_BASE_THREADS ?? 1_000);
const opts = optionsFromEnv();
const only = process.env.BENCH_PAGES?.split(',').map((s) => s.trim()).filter(Boolean);
const proxy = { 'x-forwarded-proto': 'https' };
const TARGET = { rps: 300, p99: 50, growth: 1.5 };

function scaleFor(t: number) {
  const f = t / 100_000;
  const env = (name: string, fallback: number) => (t === threads && process.env[name] ? Number(process.env[name]) : Math.round(fallback));
  return {
    // Use cases: the issue's 10,000 at 100,000 threads, never fewer than give the faceted list's picked
    // value (a topic, about 12 % of the cases a visitor or member sees) a full page: with 100 at the base
    // scale it had 12–13 cards against 30, and the growth factor measured the cards (1.65–1.77× on 2026-12-07).
    threads: t, replies: env('BENCH_REPLIES', 1_000_000 * f), cases: env('BENCH_CASES', Math.max(10 * PAGE_SIZE, 10_000 * f)), attempts: env('BENCH_ATTEMPTS', 50_000 * f), searches: env('BENCH_SEARCHES', 200_000 * f),
    // The issue's 20,000 members, 2,000 administrations and 500 guide chapters at 100,000 threads, never
    // fewer than bench:dashboard's 3,000 / 400 members and administrations (the benchmark's members and
    // facilitators are among them) nor than one full page of the guides list (PAGE_SIZE guides of 10
    // chapters): with 8 guides at the base scale the list showed 8 cards against 30, and its growth factor
    // measured the number of cards, not the data size (1.52–1.57× on 2026-12-06).
    members: Math.max(3000, Math.round(20_000 * f)), administrations: Math.max(400, Math.round(2000 * f)), guides: Math.max(PAGE_SIZE, Math.round(50 * f)),
  };
}

interface Target { key: string; name: string; path: string; role: 'visitor' | 'member' | 'facilitator' }

async function prepare(t: number): Promise<{ url: string; targets: Target[]; counts: Record<string, number> }> {
  const url = `${serverUrl}/praxis_bench_pages_${t}`;
  const scale = scaleFor(t);
  console.log(`\n== ${t.toLocaleString('en')} threads: ${JSON.stringify(scale)}`);
  const openDatabase = async () => {
    await ensureDatabase(url);
    const source = createDataSource(url, { entities, poolMax: 2, applicationName: 'praxis-bench-generate' });
    await source.initialize();
    await source.runMigrations({ transaction: 'each' });
    return source;
  };
  let ds = await openDatabase();
  // A set kept from a run that asked for another shape at the same number of threads is generated again.
  const held = await heldShape(ds);
  const short = held.threads >= scale.threads ? shortOf(held, scale) : '';
  if (short) {
    console.log(`the kept set holds ${short}: generating it again`);
    await ds.destroy();
    await dropDatabase(url);
    ds = await openDatabase();
  }
  const gen = await generateDashboard(ds, scale);
  console.log(gen.generated ? `generated in ${gen.seconds.toFixed(1)} s` : 'already generated');
  if (gen.generated) {
    // The generator updates the category counters once per thread in one go: 100,000 dead versions
    // nobody could prune, and a 10-row table of thousands of pages that every forum page scans. A
    // live site prunes them as it goes; the benchmark starts from that state.
    await ds.query('VACUUM (FULL) forum_categories');
    await ds.query('VACUUM (ANALYZE)');
  }
  // The dashboard reads rollups, which the worker keeps — and the benchmarked server runs none: without
  // this its period sections would show (and cost) an empty network.
  const [{ rolled }] = await ds.query(`SELECT EXISTS (SELECT 1 FROM dashboard_daily) AS rolled`);
  if (gen.generated || !rolled) {
    console.log('building the dashboard rollups (dashboard:rebuild) …');
    await rebuildAllRollups(ds);
  }
  const [{ indexed }] = await ds.query(`SELECT count(*)::int AS indexed FROM search_documents`).catch(() => [{ indexed: 0 }]);
  if (gen.generated || !indexed) {
    console.log('building the search index (search:reindex) …');
    const r = spawnSync(process.execPath, [path.join(here, '../../src/cli/search-reindex.js')], {
      env: { ...process.env, ...benchAppEnv, DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) console.log(`search:reindex exited with ${r.status}; the search page is measured on what is indexed`);
  }
  const [thread] = await ds.query(`
    SELECT t.id, t.slug FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
     WHERE c.is_public AND t.removed_at IS NULL AND t.hidden_at IS NULL AND t.slug LIKE 'dash-%'
     ORDER BY abs(t.reply_count - 20), t.id LIMIT 1`);
  const [category] = await ds.query(`SELECT slug FROM forum_categories WHERE is_public AND slug LIKE 'dash-%' ORDER BY position LIMIT 1`);
  const [useCase] = await ds.query(`SELECT slug FROM use_cases WHERE published AND visibility = 'public' AND slug LIKE 'dash-fall-%' ORDER BY id LIMIT 1`);
  const [chapter] = await ds.query(`SELECT g.slug AS guide, c.slug AS chapter FROM guide_chapters c JOIN guides g ON g.id = c.guide_id
     WHERE g.slug LIKE 'dash-leitfaden-%' ORDER BY g.id, c.position LIMIT 1`);
  const counts = await countRows(ds);
  await ds.destroy();
  const both = (key: string, name: string, p: string): Target[] => [{ key, name, path: p, role: 'visitor' }, { key, name, path: p, role: 'member' }];
  const targets: Target[] = [
    ...both('forum', 'forum overview', '/forum'),
    ...both('category', 'a category', `/forum/c/${category.slug}`),
    ...both('tag', 'a tag', `/forum/tags/${encodeURIComponent('bürgerhaushalt')}`),
    ...both('unanswered', 'unanswered', '/forum?view=unanswered'),
    ...both('thread', 'a thread', `/forum/threads/${thread.id}-${thread.slug}`),
    ...both('usecases', 'use cases, faceted', '/use-cases'), // a facet is added from the page's own links
    ...both('usecase', 'a use case', `/use-cases/${useCase.slug}`),
    ...both('administration', 'an administration', '/administrations/dash-verwaltung-1'),
    { key: 'member', name: 'a member profile', path: '/members/dash2', role: 'member' },
    ...both('search', 'search', `/search?q=${encodeURIComponent('Bürgerhaushalt Frage')}`),
    ...both('academy', 'academy', '/academy'),
    ...both('course', 'a course', '/academy/courses/dash-kurs-1'),
    ...both('guides', 'guides', '/guides'),
    ...both('chapter', 'a guide chapter', `/guides/${chapter.guide}/${chapter.chapter}`),
    { key: 'home', name: "visitors' home page", path: '/', role: 'visitor' },
    { key: 'start', name: 'start page', path: '/', role: 'member' },
    { key: 'dashboard', name: 'dashboard', path: '/dashboard?period=12m', role: 'facilitator' },
  ];
  return { url, targets: targets.filter((x) => !only || only.includes(x.key)), counts };
}

interface Row { target: Target; result?: PageResult; skipped?: string }

async function measureScale(t: number): Promise<{ rows: Row[]; counts: Record<string, number>; pgVersion: string }> {
  const { url, targets, counts } = await prepare(t);
  const monitor = await Monitor.connect(url);
  const server = await startServer(url);
  const rows: Row[] = [];
  try {
    // One member per connection, as in real use; the facilitators (every 250th member and the
    // benchmark's own; every 100th member waits for approval) round robin.
    const sessions: Record<Target['role'], Record<string, string>[]> = { visitor: [proxy], member: [], facilitator: [] };
    if (targets.some((x) => x.role === 'member')) {
      for (let i = 1; i <= opts.connections; i += 10) {
        const batch = Array.from({ length: Math.min(10, opts.connections - i + 1) }, (_, j) => signIn(server.base, proxy, `dash${i + j}@bench.example`));
        sessions.member.push(...(await Promise.all(batch)).map((cookie) => ({ ...proxy, cookie })));
      }
    }
    if (targets.some((x) => x.role === 'facilitator')) {
      for (const email of [DASHBOARD_FACILITATOR, 'dash250@bench.example', 'dash750@bench.example', 'dash1250@bench.example']) {
        sessions.facilitator.push({ ...proxy, cookie: await signIn(server.base, proxy, email) });
      }
    }
    for (const target of targets) {
      const headers = sessions[target.role];
      let p = target.path;
      if (target.key === 'usecases') {
        const html = await (await fetch(`${server.base}${p}`, { headers: headers[0] })).text();
        // The facets are check boxes of the filter form with their counts: the first facet's most used
        // value (the first box would be "budget", nearly all drafts in the generated data: 1–3 cards at
        // 1,000 threads against 20 at 100,000, which measured the cards, not the filter); a link, if any, else.
        const boxes = [...html.matchAll(/type="checkbox" id="f-[^"]*" name="([^"]+)" value="([^"]+)"[^>]*>\s*<label[^>]*>[^<]*<span class="uc-count">\(([\d.,]+)\)/g)]
          .map((m) => ({ name: m[1]!, value: m[2]!, count: Number(m[3]!.replace(/[.,]/g, '')) }));
        const box = boxes.filter((b) => b.name === boxes[0]?.name).sort((a, b) => b.count - a.count)[0];
        const facet = box
          ? `/use-cases?${encodeURIComponent(box.name)}=${encodeURIComponent(box.value.replace(/&amp;/g, '&'))}`
          : html.match(/href="(\/use-cases\?[^"#]+)"/)?.[1]?.replace(/&amp;/g, '&');
        if (facet) p = facet;
        if (box) console.log(`  ${target.name} (${target.role}): ${box.value} has ${box.count} cases${box.count < PAGE_SIZE ? ` — fewer than a page of ${PAGE_SIZE}: its growth measures the cards, not the data size` : ''}`);
      }
      const check = await fetch(`${server.base}${p}`, { headers: headers[0], redirect: 'manual' });
      const body = await check.text();
      const label = `${target.name} (${target.role}) ${p}`;
      if (check.status !== 200) {
        console.log(`  ${label}: ${check.status} — skipped`);
        rows.push({ target: { ...target, path: p }, skipped: `HTTP ${check.status}` });
        continue;
      }
      console.log(`  ${label}: 200, ${(body.length / 1024).toFixed(0)} KB`);
      const page: Page = { name: `${target.name} (${target.role})`, url: `${server.base}${p}`, headers };
      rows.push({ target: { ...target, path: p }, result: await measurePage(server, monitor, opts, page) });
    }
  } finally {
    await server.stop();
    await monitor.close();
  }
  return { rows, counts, pgVersion: monitor.version };
}

const cost = (r: PageResult) => spread(r.closed.map((x) => x.cpuMs + x.dbMs)).median;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

const base = baseThreads > 0 && baseThreads !== threads ? await measureScale(baseThreads) : undefined;
const main = await measureScale(threads);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)}`;
const table: Record<string, Record<string, string | number>> = {};
for (const row of main.rows) {
  const k = `${row.target.name} (${row.target.role})`;
  if (!row.result) { table[k] = { [`rps@${opts.connections}`]: row.skipped! }; continue; }
  const r = row.result;
  const b = base?.rows.find((x) => x.target.key === row.target.key && x.target.role === row.target.role)?.result;
  const growth = b ? cost(r) / cost(b) : NaN;
  // Statements from the open-loop runs: every request sent there completes and is counted, whereas a
  // closed-loop run ends with up to `connections` requests in flight whose statements it also sees.
  const stmts = spread(r.open.map((x) => x.statements));
  const rpsOk = r.closed.every((x) => x.rps >= TARGET.rps);
  const p99Ok = r.open.every((x) => x.p99 <= TARGET.p99 && x.errors === 0);
  const growthOk = Number.isFinite(growth) ? growth <= TARGET.growth : undefined;
  const stmtOk = b ? Math.abs(stmts.median - spread(b.open.map((x) => x.statements)).median) < 0.5 : undefined;
  const disturbed = [...r.closed, ...r.open].filter((x) => x.disturbed).length;
  table[k] = {
    [`rps@${opts.connections}`]: showSpread(spread(r.closed.map((x) => x.rps))),
    [`p99@${opts.rate}/s ms`]: showSpread(spread(r.open.map((x) => x.p99)), 1),
    'CPU ms/req': showSpread(spread(r.closed.map((x) => x.cpuMs)), 2),
    'DB ms/req': showSpread(spread(r.closed.map((x) => x.dbMs)), 2),
    'PG CPU ms/req': showSpread(spread(r.closed.map((x) => x.pgCpuMs)), 2),
    'stmt/req': showSpread(stmts, 1),
    'peak RSS MB': mb(r.peakRss),
    growth: Number.isFinite(growth) ? `${growth.toFixed(2)}×` : '–',
    disturbed: `${disturbed}/${r.closed.length + r.open.length}`,
    targets: [`rps ${verdict(rpsOk)}`, `p99 ${verdict(p99Ok)}`, `growth ${growthOk === undefined ? '–' : verdict(growthOk)}`,
      `stmts ${stmtOk === undefined ? '–' : stmtOk ? 'constant' : 'NOT constant'}`].join(', '),
  };
}

console.log(`\nbench:pages — ${main.counts.forum_threads?.toLocaleString('en')} threads, ${main.counts.forum_replies?.toLocaleString('en')} replies, `
  + `${main.counts.use_cases?.toLocaleString('en')} use cases, ${main.counts.users?.toLocaleString('en')} members, ${main.counts.administrations?.toLocaleString('en')} administrations, `
  + `${main.counts.guide_chapters?.toLocaleString('en')} guide chapters, ${main.counts.academy_attempts?.toLocaleString('en')} quiz attempts`
  + (base ? `; growth against ${base.counts.forum_threads?.toLocaleString('en')} threads` : '; no base scale (growth –)'));
console.log(`machine: ${machineLine(main.pgVersion)}`);
console.log(`per page: ${opts.warmupSeconds} s warm-up, ${opts.runs} × ${opts.seconds} s at ${opts.connections} connections (rps), `
  + `${opts.runs} × ${opts.seconds} s open loop at ${opts.rate} req/s (p99 from the scheduled send time); median (min–max) over the runs`);
console.table(table);
console.log(`targets: ≥ ${TARGET.rps} req/s at ${opts.connections} connections in every run; p99 ≤ ${TARGET.p99} ms at ${opts.rate} req/s in every run; `
  + `cost (server CPU + DB time per request) ≤ ${TARGET.growth}× that at the base scale; statements per request the same at both scales`);
console.log(`${databaseNote}; ${statementsNote}`);
console.log(`disturbed: runs in which the other processes on the machine (not the server, the load generator or the database backends serving `
  + `the app) used more than ${opts.disturbedAt} of a CPU — such figures describe the neighbours more than the app; re-run on a quiet machine`);
