import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';

describe('forum thread page SQL', () => {
  const t = useTestApp();

  /** Counts statements sent through the data source (and its query runners) while `work` runs. */
  async function countQueries(work: () => Promise<unknown>): Promise<{ n: number; sql: string[] }> {
    const ds = t.ctx.ds;
    const original = ds.driver.createQueryRunner.bind(ds.driver);
    const sql: string[] = [];
    const patched = ds.driver as unknown as { createQueryRunner: typeof original };
    patched.createQueryRunner = (mode) => {
      const runner = original(mode);
      const query = runner.query.bind(runner);
      runner.query = ((q: string, p?: unknown[], s?: boolean) => {
        sql.push(q);
        return query(q, p, s as never);
      }) as typeof runner.query;
      return runner;
    };
    try {
      await work();
    } finally {
      patched.createQueryRunner = original;
    }
    return { n: sql.length, sql };
  }

  it('when a thread page shows 5 or 30 replies, then it runs the same number of SQL statements', async () => {
    const viewer = await signedIn(t.app, await createUser(t.ctx.ds));
    const small = await createThread(t.ctx.ds);
    const big = await createThread(t.ctx.ds);
    const authors = [await createUser(t.ctx.ds), await createUser(t.ctx.ds), await createUser(t.ctx.ds)];
    for (let i = 0; i < 5; i++) await createReply(t.ctx.ds, small, { author: authors[i % 3] });
    for (let i = 0; i < 30; i++) {
      const r = await createReply(t.ctx.ds, big, { author: authors[i % 3] });
      if (i % 4 === 0) await t.ctx.ds.query(`UPDATE forum_replies SET parent_id = (SELECT min(id) FROM forum_replies WHERE thread_id = $1) WHERE id = $2`, [big.id, r.id]);
    }
    // Warm up (first view of the day inserts; session refresh).
    await viewer.get(small.url);
    await viewer.get(big.url);
    const a = await countQueries(() => viewer.get(small.url));
    const b = await countQueries(() => viewer.get(big.url));
    const page = await viewer.get(big.url);
    expect((page.text.match(/class="forum-reply/g) ?? []).length).toBe(30);
    expect(a.n).toBeGreaterThan(0);
    expect(b.n).toBe(a.n);
    // The forum's own share: thread, replies, daily view.
    expect(b.sql.filter((q) => /forum_/.test(q)).length).toBe(3);
  });
});
