// Read replicas against a REAL streaming replica (issue 20, item 3): a primary initdb'd from the
// system's PostgreSQL binaries, a replica made with pg_basebackup -R, the app's data source with
// DATABASE_REPLICA_URLS. WAL replay on the replica is paused to make it lag on demand: a list read
// that went to the replica then misses a new thread, a read from the primary shows it. Skipped,
// with the reason printed, where the binaries (pg_basebackup in particular) are absent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import { createApp } from '../../src/app.js';
import { appContext, entities } from '../../src/composition.js';
import { createDataSource } from '../../src/db/data-source.js';
import { readsFromReplica, replicaReads, routeReads } from '../../src/db/replica.js';
import type { AppContext } from '../../src/modules/module.js';
import { createLogger } from '../../src/shared/logger.js';
import { Browser, signedIn } from '../support/agent.js';
import { migrateOnce, testConfig } from '../support/app.js';
import { createUser, uniq } from '../support/factories.js';
import { createCategory } from '../support/forum-factories.js';
import { replicationBinaries, startReplicatedPostgres, type ReplicatedPostgres } from '../support/replica.js';

const bin = replicationBinaries();
if (!bin) {
  console.log('SKIPPED tests/db/replica.test.ts: no PostgreSQL binaries with pg_basebackup (set PG_BIN, or install postgresql-15 so /usr/lib/postgresql/<n>/bin has initdb, pg_ctl and pg_basebackup)');
}
const describeWithReplica = bin ? describe : describe.skip;
const STICKY_SECONDS = 3;

describeWithReplica('read replicas (a real streaming replica)', () => {
  let pgs: ReplicatedPostgres;
  let ctx: AppContext;
  let app: Express;
  let close: () => void = () => undefined;

  beforeAll(async () => {
    pgs = await startReplicatedPostgres(bin!);
    const config = testConfig({
      DATABASE_URL: pgs.primaryUrl, DATABASE_REPLICA_URLS: pgs.replicaUrl, REPLICA_STICKY_SECONDS: String(STICKY_SECONDS),
    });
    const ds = createDataSource(config.DATABASE_URL!, { entities, poolMax: 4, replicaUrls: config.replicaUrls, applicationName: 'praxis-replica-test' });
    await ds.initialize();
    await migrateOnce(ds);
    ctx = appContext(config, ds, createLogger({ level: config.LOG_LEVEL, pretty: false }));
    const handle = createApp(ctx);
    app = handle.app;
    close = handle.close;
  }, 180_000);

  afterAll(async () => {
    close();
    await ctx?.ds.destroy();
    await pgs?.stop();
  }, 60_000);

  const serverPort = async (work: () => Promise<unknown[]>) => Number(((await work()) as { p: number }[])[0]!.p);

  it('when the migrations ran, then they ran on the primary and reached the replica, which refuses writes', async () => {
    await pgs.caughtUp();
    const count = 'SELECT count(*)::int AS n FROM migrations';
    const [primary] = await pgs.query<{ n: number }>('primary', count);
    const [replica] = await pgs.query<{ n: number }>('replica', count);
    expect(primary!.n).toBeGreaterThan(10);
    expect(replica!.n).toBe(primary!.n);
    await expect(pgs.query('replica', `INSERT INTO forum_tags (name) VALUES ('nope')`)).rejects.toThrow(/read-only/);
  });

  it('when a replica read is asked for, then it goes to the replica only inside a request that allows it; everything else reads the primary', async () => {
    const sql = 'SELECT inet_server_port() AS p';
    const reads = replicaReads(ctx.ds);
    expect(await serverPort(() => reads.query(sql))).toBe(pgs.primaryPort);
    expect(await serverPort(() => routeReads(true, () => reads.query(sql)))).toBe(pgs.replicaPort);
    expect(await serverPort(() => routeReads(false, () => reads.query(sql)))).toBe(pgs.primaryPort);
    expect(routeReads(true, () => readsFromReplica(ctx.ds))).toBe(true);
    // The data source's own reads (ds.query, find, the query builder) stay on the primary, also in a request.
    expect(await serverPort(() => routeReads(true, () => ctx.ds.query(sql)))).toBe(pgs.primaryPort);
    expect(await serverPort(() => routeReads(true, () => ctx.ds.createQueryBuilder().select('inet_server_port()', 'p').from('migrations', 'm').limit(1).getRawMany())))
      .toBe(pgs.primaryPort);
  });

  it('when a member posts while the replica lags, then the write goes to the primary, the author sees the thread in the list at once, others see it once the replica catches up', async () => {
    const category = await createCategory(ctx.ds, { isPublic: true });
    const author = await createUser(ctx.ds);
    const reader = await createUser(ctx.ds);
    const facilitator = await createUser(ctx.ds, { role: 'facilitator' });
    await pgs.caughtUp();
    const [a, b, f] = [await signedIn(app, author), await signedIn(app, reader), await signedIn(app, facilitator)];
    const visitor = new Browser(app);

    await pgs.pauseReplay();
    try {
      const title = `Replikat-Test ${uniq('t')} Beteiligung`;
      const post = await a.post('/forum/new', { categoryId: String(category.id), kind: 'discussion', title, body: 'Ein Beitrag, der gerade geschrieben wurde.', checked: '1' }, '/forum/new');
      expect(post.status).toBe(303);
      // The write is on the primary; the paused replica does not have it.
      expect(await pgs.query('primary', 'SELECT id FROM forum_threads WHERE title = $1', [title])).toHaveLength(1);
      expect(await pgs.query('replica', 'SELECT id FROM forum_threads WHERE title = $1', [title])).toHaveLength(0);

      // The author's next requests read the primary (the marker in their session) …
      expect((await a.get('/forum')).text).toContain(title);
      expect((await a.get(`/forum/c/${category.slug}`)).text).toContain(title);
      // … everyone else's list reads go to the lagging replica.
      const others = [await b.get('/forum'), await visitor.get('/forum'), await b.get(`/forum/c/${category.slug}`)];
      for (const page of others) {
        expect(page.status).toBe(200);
        expect(page.text).not.toContain(title);
      }
      // The replica's own view: the app's replica pool is connected to it under its name.
      const onReplica = await pgs.query<{ n: number }>('replica',
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'praxis-replica-test-replica'`);
      expect(onReplica[0]!.n).toBeGreaterThan(0);
      // The thread page itself reads the primary: a link to a new thread never answers 404.
      const thread = (await pgs.query<{ id: number }>('primary', 'SELECT id FROM forum_threads WHERE title = $1', [title]))[0]!;
      const threadPage = await b.get(`/forum/threads/${thread.id}`);
      expect([200, 301, 308]).toContain(threadPage.status);
      // The other heavy pages run on a hot standby (no write hides in their reads).
      expect((await visitor.get('/use-cases')).status).toBe(200);
      expect((await b.get('/search?q=Beteiligung')).status).toBe(200);
      expect((await f.get('/dashboard')).status).toBe(200);

      // The marker is short-lived: after REPLICA_STICKY_SECONDS the author reads the replica again.
      await new Promise((r) => setTimeout(r, STICKY_SECONDS * 1000 + 200));
      expect((await a.get('/forum')).text).not.toContain(title);

      await pgs.resumeReplay();
      await pgs.caughtUp();
      expect((await b.get('/forum')).text).toContain(title);
      expect((await visitor.get(`/forum/c/${category.slug}`)).text).toContain(title);
    } finally {
      await pgs.resumeReplay().catch(() => undefined);
    }
  });
});
