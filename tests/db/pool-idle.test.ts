// Idle pooled connections: the web server keeps them for DATABASE_IDLE_SECONDS (300 by default), not
// pg's 10 s, so a quiet moment does not make the next requests open new backends and run their first
// statements with cold caches (bench:tail). Through boot(), as the server and the worker open the pool.
import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { boot } from '../../src/boot.js';
import { poolOf } from '../../src/db/pool.js';
import { testConfig } from '../support/app.js';

/** Opens `n` connections at once (n statements in flight), then leaves them idle for `ms`. */
async function idleAfter(overrides: Record<string, string>, n: number, ms: number): Promise<{ before: number; after: number }> {
  const booted = await boot({ name: 'pool-idle-test', config: testConfig(overrides), migrate: false });
  try {
    const pool = poolOf(booted.ctx.ds);
    await Promise.all(Array.from({ length: n }, () => pool.query('SELECT pg_sleep(0.05)')));
    const before = pool.totalCount;
    await sleep(ms);
    return { before, after: pool.totalCount };
  } finally {
    await booted.shutdown();
  }
}

describe('database pool: idle connections', () => {
  it('when the defaults are used, then connections idle for longer than pg’s own 10 s stay open', async () => {
    expect(testConfig().DATABASE_IDLE_SECONDS).toBe(300);
    expect(await idleAfter({}, 3, 10_500)).toEqual({ before: 3, after: 3 });
  }, 30_000);

  it('when DATABASE_IDLE_SECONDS is 1, then idle connections are closed after a second', async () => {
    expect(await idleAfter({ DATABASE_IDLE_SECONDS: '1' }, 3, 1_600)).toEqual({ before: 3, after: 0 });
  }, 30_000);
});
