// Several processes on one PostgreSQL, as production runs them: two web processes (RUN_WORKER=false)
// started at the same moment on an empty database, two outbox workers, a real SMTP server. Requests
// alternate between the web processes. Checks: both come up (one migrates under the advisory lock,
// the other waits); a session made on one works on the other and signing out on one ends it on both;
// a thread read on both counts one view; a category renamed on one shows renamed on the other; a
// request limit and a sign-in lock-out are reached after the same number of requests whichever
// process serves them; 1,000
// outbox jobs of mixed topics (mails, search index changes) are all handled by two competing workers,
// also when one is killed (SIGKILL) mid-way; and a rolling restart under a steady 100 requests/s
// fails no request.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { entities } from '../../src/composition.js';
import { createDataSource } from '../../src/db/data-source.js';
import { createUser, uniq } from '../support/factories.js';
import { createCategory, createThread } from '../support/forum-factories.js';
import { migrations } from '../../migrations/index.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { Client, csrfIn, freePort, startProc, stopProc, waitReady, type Proc } from './support.js';

const AUTH_LIMIT = 6;
const LOCK_AFTER = 3;
const MAIL_JOBS = 700;
const INDEX_JOBS = 300;

describe('two web processes and two workers on one PostgreSQL', () => {
  // A database of its own, created empty here and dropped after the processes have ended.
  const db: { DATABASE_URL?: string } = {};
  const dbName = uniq('praxis_cluster_');
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  let smtp: TestSmtp;
  let sql: pg.Client;
  let ds: DataSource;
  const ports: number[] = [];
  const web: Proc[] = [];
  const workers: Proc[] = [];
  const base = (i: number) => `http://127.0.0.1:${ports[i]}`;

  const env = () => ({
    NODE_ENV: 'test', LOAD_DEMO: 'false', LOG_LEVEL: 'warn', DATABASE_URL: db.DATABASE_URL!, HOST: '127.0.0.1',
    BASE_URL: 'http://praxis.test', SESSION_SECRET: 'a-cluster-test-secret-of-at-least-32-chars', SMTP_URL: `${smtp.url}/?pool=true`,
    // Each scenario comes from its own address (X-Forwarded-For), so their request limits do not mix.
    TRUST_PROXY: 'true', RATE_LIMIT_AUTH_PER_MINUTE: String(AUTH_LIMIT), SHUTDOWN_DRAIN_MS: '3000', OUTBOX_LEASE_SECONDS: '5',
    SIGNIN_ACCOUNT_MAX_FAILURES: String(LOCK_AFTER),
  });
  const startWeb = (i: number) => (web[i] = startProc(`web ${i}`, 'main', { ...env(), RUN_WORKER: 'false', PORT: String(ports[i]) }));
  const startWorker = (i: number) => (workers[i] = startProc(`worker ${i}`, 'worker', env()));

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${dbName}`;
    db.DATABASE_URL = url.toString();
    smtp = await startSmtp();
    ports.push(await freePort(), await freePort());
  });

  afterAll(async () => {
    await Promise.all([...web, ...workers].filter(Boolean).map((p) => stopProc(p, 'SIGKILL')));
    await sql?.end();
    await ds?.destroy();
    await smtp?.stop();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });

  it('when two web processes start at the same moment on an empty database, then both come up and every migration ran once', async () => {
    startWeb(0);
    startWeb(1);
    await Promise.all([waitReady(ports[0]!, web[0]!), waitReady(ports[1]!, web[1]!)]);
    sql = new pg.Client({ connectionString: db.DATABASE_URL });
    sql.on('error', () => undefined);
    await sql.connect();
    ds = createDataSource(db.DATABASE_URL!, { entities, poolMax: 2 });
    await ds.initialize();
    const { rows } = await sql.query<{ n: number; names: number }>(`SELECT count(*)::int AS n, count(DISTINCT name)::int AS names FROM migrations`);
    expect(rows[0]).toEqual({ n: migrations.length, names: migrations.length });
    // The workers do not migrate: they start once the database is ready.
    startWorker(0);
    startWorker(1);
  });

  it('when a member signs in on one process, then the session works on the other; signing out on one ends it on both', async () => {
    const user = await createUser(ds);
    const member = new Client({ 'x-forwarded-for': '10.0.0.1' });
    let page = await member.request(base(0), '/login');
    expect(page.status).toBe(200);
    const signedIn = await member.request(base(0), '/login', { form: { _csrf: csrfIn(page.text), email: user.email, password: user.password } });
    expect({ status: signedIn.status, location: signedIn.location }).toEqual({ status: 303, location: '/' });
    expect((await member.request(base(1), '/me')).status).toBe(200);
    expect((await member.request(base(0), '/me')).status).toBe(200);

    // A thread read on both processes (each keeps its own "seen today" set) counts one view.
    const thread = await createThread(ds);
    const url = (await member.request(base(0), `/forum/threads/${thread.id}`)).location!;
    for (const i of [0, 1, 0, 1]) expect((await member.request(base(i), url)).status).toBe(200);
    const { rows: views } = await sql.query<{ views: number }>(`SELECT views FROM forum_threads WHERE id = $1`, [thread.id]);
    expect(views[0]!.views).toBe(1);

    page = await member.request(base(1), '/me');
    expect((await member.request(base(1), '/logout', { form: { _csrf: csrfIn(page.text) } })).status).toBe(303);
    expect((await member.request(base(0), '/me')).status).toBe(303);
    expect((await member.request(base(1), '/me')).status).toBe(303);
  });

  it('when a facilitator renames a category on one process, then the other shows the new name at once (no per-process cache to invalidate)', async () => {
    const facilitator = await createUser(ds, { role: 'facilitator' });
    const category = await createCategory(ds, { isPublic: true });
    const staff = new Client({ 'x-forwarded-for': '10.0.0.5' });
    const login = await staff.request(base(0), '/login');
    await staff.request(base(0), '/login', { form: { _csrf: csrfIn(login.text), email: facilitator.email, password: facilitator.password } });
    // Both processes have shown the old name (and could have kept it) before the change.
    for (const i of [0, 1]) expect((await staff.request(base(i), '/forum')).text).toContain(category.name);
    const edit = await staff.request(base(0), `/forum/admin/categories/${category.id}/edit`);
    const renamed = `Umbenannt ${category.slug}`;
    const saved = await staff.request(base(0), `/forum/admin/categories/${category.id}`, {
      form: { _csrf: csrfIn(edit.text), name: renamed, slug: category.slug, description: '', position: '0', isPublic: '1' },
    });
    expect(saved.status).toBe(303);
    const startedAt = Date.now();
    const onOther = await staff.request(base(1), '/forum');
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(onOther.text).toContain(renamed);
    expect(onOther.text).not.toContain(category.name);
  });

  it('when one address posts the sign-in form to both processes in turn, then the limit is reached after the same number of requests', async () => {
    const visitor = new Client({ 'x-forwarded-for': '10.0.0.2' });
    const token = csrfIn((await visitor.request(base(0), '/register')).text);
    const statuses: number[] = [];
    for (let i = 0; i <= AUTH_LIMIT; i++) {
      statuses.push((await visitor.request(base(i % 2), '/register', { form: { _csrf: token }, accept: 'application/json' })).status);
    }
    expect(statuses).toEqual([...Array<number>(AUTH_LIMIT).fill(422), 429]);
    // Another address has its own count, on either process.
    const other = new Client({ 'x-forwarded-for': '10.0.0.3' });
    const t2 = csrfIn((await other.request(base(1), '/register')).text);
    expect((await other.request(base(1), '/register', { form: { _csrf: t2 }, accept: 'application/json' })).status).toBe(422);
  });

  it('when wrong passwords for one account come to both processes in turn, then the lock-out starts after the same number of failures', async () => {
    const signIn = async (client: InstanceType<typeof Client>, i: number, email: string, password: string) => {
      const page = await client.request(base(i), '/login');
      return client.request(base(i), '/login', { form: { _csrf: csrfIn(page.text), email, password } });
    };
    const locked = await createUser(ds);
    const guesser = new Client({ 'x-forwarded-for': '10.0.0.6' });
    for (let n = 0; n < LOCK_AFTER; n++) expect((await signIn(guesser, n % 2, locked.email, 'falsches-passwort')).status).toBe(422);
    // The right password now needs a code as well (the lock), whichever process is asked.
    const after = await signIn(guesser, LOCK_AFTER % 2, locked.email, locked.password);
    expect({ status: after.status, location: after.location }).toEqual({ status: 303, location: '/login/verify?next=%2F' });
    // One failure fewer, on the two processes: no lock.
    const fine = await createUser(ds);
    const member = new Client({ 'x-forwarded-for': '10.0.0.7' });
    for (let n = 0; n < LOCK_AFTER - 1; n++) expect((await signIn(member, n % 2, fine.email, 'falsches-passwort')).status).toBe(422);
    const ok = await signIn(member, 1, fine.email, fine.password);
    expect({ status: ok.status, location: ok.location }).toEqual({ status: 303, location: '/' });
  });

  it('when 1,000 jobs of mixed topics (mails, search index changes) are queued and one of two workers is killed mid-way, then the other finishes: none lost, none failed', async () => {
    // 700 mails and 300 index changes, interleaved; each index change puts a thread into the index.
    const category = await createCategory(ds, { isPublic: true });
    const author = await createUser(ds);
    const threadIds: number[] = [];
    for (let i = 0; i < INDEX_JOBS; i++) threadIds.push((await createThread(ds, { category, author, title: `Clusterindex Thema ${i}` })).id);
    const topics: string[] = [];
    const keys: string[] = [];
    const payloads: string[] = [];
    for (let g = 1, t = 0; g <= MAIL_JOBS + INDEX_JOBS; g++) {
      if (t < INDEX_JOBS && g % 10 < 3) {
        const id = threadIds[t++]!;
        topics.push('search.index'); keys.push(`search:thread:${id}`); payloads.push(JSON.stringify({ type: 'thread', id }));
      } else {
        topics.push('mail.send'); keys.push(`mail:cluster-${g}`);
        payloads.push(JSON.stringify({ to: `cluster-${g}@mail.example`, subject: `cluster job ${g}`, text: `job ${g}` }));
      }
    }
    expect(topics.filter((x) => x === 'search.index')).toHaveLength(INDEX_JOBS);
    await sql.query(`INSERT INTO outbox (topic, key, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`, [topics, keys, payloads]);
    await sql.query(`SELECT pg_notify('outbox', 'search.index')`);
    await sql.query(`SELECT pg_notify('outbox', 'mail.send')`);
    const queuedAt = Date.now();
    const jobs = () => smtp.messages.filter((m) => m.subject?.startsWith('cluster job '));
    // Generous: on a loaded two-core machine the 1,000 mails took two minutes (unloaded: seconds).
    const until = Date.now() + 120_000;
    while (jobs().length < 150 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(jobs().length).toBeGreaterThanOrEqual(150);
    // Killed while it holds a claimed batch (its worker id names its pid), so a lease has to expire.
    // Frozen first (SIGSTOP) and checked while frozen: between seeing the claim and the kill, a running
    // worker could finish the batch (then nothing is left to take over, and a CI run failed so). A
    // statement it sent just before the freeze still runs in PostgreSQL (a CI run saw the batch held,
    // then marked done by the frozen worker's last UPDATE): so the same rows must still be held a
    // while later, with the worker still frozen, before it is killed.
    const pid = workers[0]!.child.pid!;
    const held = async () => (await sql.query<{ id: string }>(
      `SELECT id FROM outbox WHERE processed_at IS NULL AND locked_until > now() AND locked_by LIKE $1 ORDER BY id`, [`%-${pid}-%`],
    )).rows.map((r) => Number(r.id));
    let heldAtKill: number[] = [];
    for (;;) {
      process.kill(pid, 'SIGSTOP');
      const first = await held();
      if (first.length > 0) {
        await new Promise((r) => setTimeout(r, 300));
        const later = await held();
        if (later.join() === first.join()) { heldAtKill = later; break; }
      }
      if (Date.now() > until) break;
      process.kill(pid, 'SIGCONT');
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(heldAtKill.length).toBeGreaterThan(0);
    expect(jobs().length).toBeLessThan(MAIL_JOBS);
    await stopProc(workers[0]!, 'SIGKILL');
    const killedAt = Date.now();
    const sentBeforeKill = jobs().length;

    let left = MAIL_JOBS + INDEX_JOBS;
    while (left > 0 && Date.now() < until + 120_000) {
      left = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic IN ('mail.send', 'search.index') AND processed_at IS NULL`)).rows[0]!.n;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (left > 0) {
      const stuck = await sql.query(`SELECT attempts, locked_by, locked_until, available_at, last_error FROM outbox WHERE processed_at IS NULL LIMIT 5`);
      throw new Error(`${left} jobs left: ${JSON.stringify(stuck.rows)}\n${workers[1]!.output().slice(-3000)}`);
    }
    const taken = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic IN ('mail.send', 'search.index') AND attempts > 1`)).rows[0]!.n;
    console.log(`outbox: ${sentBeforeKill} mails sent ${killedAt - queuedAt} ms after queueing, when one worker was killed; all handled after ${Date.now() - queuedAt} ms; ${taken} rows claimed more than once`);
    expect(taken).toBeGreaterThan(0);
    // The killed worker's batch, every row of it, finished by the other after the lease.
    const takenOver = await sql.query<{ attempts: number; done: boolean; mine: boolean }>(
      `SELECT attempts, processed_at IS NOT NULL AS done, locked_by LIKE $2 AS mine FROM outbox WHERE id = ANY($1::bigint[])`,
      [heldAtKill, `%-${pid}-%`]);
    expect(takenOver.rows).toHaveLength(heldAtKill.length);
    expect(takenOver.rows.every((r) => r.done && !r.mine && r.attempts > 1)).toBe(true);
    const failed = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NOT NULL`)).rows[0]!.n;
    expect(failed).toBe(0);
    const subjects = new Map<string, number>();
    for (const m of jobs()) subjects.set(m.subject!, (subjects.get(m.subject!) ?? 0) + 1);
    expect(subjects.size).toBe(MAIL_JOBS);
    // Every index change arrived: each thread is in the index once, at the version of its job
    // (applying an index change twice is harmless: the document is loaded afresh).
    const docIds = threadIds.map((id) => `thread:${id}`);
    expect((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_documents WHERE id = ANY($1)`, [docIds])).rows[0]!.n).toBe(INDEX_JOBS);
    expect((await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_versions WHERE doc_id = ANY($1) AND NOT deleted`, [docIds])).rows[0]!.n).toBe(INDEX_JOBS);
    // Sending and marking a batch done cannot be one step: mails the killed worker had sent from
    // the batch it held when killed (at most one batch, 10) are sent again by the one taking over.
    // Apart from those, every job ran exactly once.
    const twice = [...subjects.values()].filter((n) => n > 1).length;
    expect(twice).toBeLessThanOrEqual(10);
    expect([...subjects.values()].every((n) => n <= 2)).toBe(true);
  }, 300_000);

  it('when both web processes are restarted one after the other under 100 requests/s, then no request fails', async () => {
    const ready = [true, true];
    let polling = true;
    const poll = async (i: number) => {
      while (polling) {
        ready[i] = await fetch(`${base(i)}/readyz`).then((r) => r.status === 200, () => false);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const pollers = [poll(0), poll(1)];
    const results = { ok: 0, failed: [] as string[] };
    const started = Date.now();
    const events: string[] = [];
    const at = () => `${Date.now() - started} ms`;
    const inFlight = new Set<Promise<void>>();
    let next = 0;
    const timer = setInterval(() => {
      const candidates = [0, 1].filter((i) => ready[i]);
      if (!candidates.length) return void results.failed.push('no process ready');
      const i = candidates[next++ % candidates.length]!;
      const p = fetch(`${base(i)}/login`, { headers: { 'x-forwarded-for': '10.0.0.4' } })
        .then(async (r) => {
          await r.arrayBuffer();
          if (r.status === 200) results.ok++;
          else results.failed.push(`${i}: ${r.status}`);
        }, (err: Error) => void results.failed.push(`${i} at ${at()}: ${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}`))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }, 10);
    try {
      await new Promise((r) => setTimeout(r, 1000));
      for (const i of [0, 1]) {
        events.push(`SIGTERM ${i} at ${at()}`);
        expect(await stopProc(web[i]!, 'SIGTERM')).toBe(0);
        events.push(`exited ${i} at ${at()}`);
        startWeb(i);
        await waitReady(ports[i]!, web[i]!);
        events.push(`ready ${i} at ${at()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    } finally {
      clearInterval(timer);
      await Promise.all(inFlight);
      polling = false;
      await Promise.all(pollers);
    }
    expect({ failed: results.failed, events: results.failed.length ? events : [] }).toEqual({ failed: [], events: [] });
    expect(results.ok).toBeGreaterThan(300);
  });
});
