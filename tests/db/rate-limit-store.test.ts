// The request limits' store in PostgreSQL (src/db/rate-limit.store.ts) and readiness (/readyz):
// two apps on one database with the same RATE_LIMIT_NAMESPACE stand for two web processes.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { PostgresRateLimitStore, pruneRateLimits } from '../../src/db/rate-limit.store.js';
import { migrationsApplied } from '../../src/db/migrate.js';
import { csrfIn } from '../support/agent.js';
import { useTestApp } from '../support/app.js';

const namespace = `shared-${randomUUID()}`;

describe('request limits counted in PostgreSQL', () => {
  const t = useTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '4', RATE_LIMIT_NAMESPACE: namespace });

  it('when one address posts to two apps in turn, then the limit is reached after the same number of requests as on one', async () => {
    const other = createApp(t.ctx); // the same database and namespace: a second process
    try {
      const apps = [t.app, other.app];
      const agent = request.agent(t.app);
      const page = await agent.get('/register');
      const cookie = page.headers['set-cookie']!;
      const token = csrfIn(page.text);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await request(apps[i % 2]!).post('/register').set('Cookie', cookie).set('Accept', 'application/json').type('form').send({ _csrf: token });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([422, 422, 422, 422, 429]);
    } finally {
      other.close();
    }
  });

  it('when many increments of one key arrive at once, then each is counted once; a new window starts at 1; expired rows are pruned', async () => {
    const store = new PostgresRateLimitStore(t.ctx.ds, { name: 'test', secret: 'secret', namespace });
    store.init({ windowMs: 1000 } as Parameters<PostgresRateLimitStore['init']>[0]);
    const key = `k-${randomUUID()}`;
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.increment(key)));
    expect(counts.map((c) => c.totalHits).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect((await store.get(key))?.totalHits).toBe(20);
    await store.decrement(key);
    expect((await store.get(key))?.totalHits).toBe(19);
    // Keys are hashes: the client key itself is not stored.
    expect(await t.ctx.ds.query(`SELECT 1 FROM rate_limit_hits WHERE key LIKE $1`, [`%${key}%`])).toEqual([]);

    await t.ctx.ds.query(`UPDATE rate_limit_hits SET reset_at = now() - interval '1 second' WHERE key LIKE 'test:%' AND hits = 19`);
    expect(await store.get(key)).toBeUndefined();
    expect((await store.increment(key)).totalHits).toBe(1);
    await store.resetKey(key);
    expect(await store.get(key)).toBeUndefined();

    const other = `k-${randomUUID()}`;
    await store.increment(other);
    await t.ctx.ds.query(`UPDATE rate_limit_hits SET reset_at = now() - interval '1 second' WHERE key LIKE 'test:%' AND hits = 1`);
    expect(await pruneRateLimits(t.ctx.ds)).toBeGreaterThanOrEqual(1);
    expect(await store.get(other)).toBeUndefined();
  });
});

describe('readiness', () => {
  const t = useTestApp();

  it('when the database answers and every migration is applied, then /readyz is 200; once draining, 503 and answers close their connection', async () => {
    expect(await migrationsApplied(t.ctx.ds)).toBe(true);
    const handle = createApp(t.ctx);
    try {
      const ready = await request(handle.app).get('/readyz').set('Connection', 'keep-alive');
      expect({ status: ready.status, body: ready.body as unknown }).toEqual({ status: 200, body: { status: 'ready', database: 'up', migrations: 'applied' } });
      expect(ready.headers.connection).toBe('keep-alive');
      handle.drain();
      const draining = await request(handle.app).get('/readyz');
      expect({ status: draining.status, body: draining.body as unknown }).toEqual({ status: 503, body: { status: 'draining' } });
      expect(draining.headers['retry-after']).toMatch(/^\d+$/);
      const page = await request(handle.app).get('/login').set('Connection', 'keep-alive');
      expect(page.status).toBe(200); // still served while the load balancer notices
      expect(page.headers.connection).toBe('close');
    } finally {
      handle.close();
    }
  });
});
