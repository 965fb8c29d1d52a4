import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';
import { recordView } from '../../../src/modules/forum/forum.queries.js';

describe('forum thread page SQL', () => {
  const t = useTestApp();

  /** Counts every statement any pg client sends while `work` runs (TypeORM, named statements, the session store). */
  async function countQueries(work: () => Promise<unknown>): Promise<{ n: number; sql: string[] }> {
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    const sql: string[] = [];
    proto.query = function (this: unknown, ...args: unknown[]) {
      const q = args[0];
      sql.push(typeof q === 'string' ? q : String((q as { text?: string }).text));
      return original.apply(this, args);
    };
    try {
      await work();
    } finally {
      proto.query = original;
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
    // The forum's own share: thread and replies (today's view was written by the warm-up).
    expect(b.sql.filter((q) => /forum_/.test(q)).length).toBe(2);
    // Session, member, unread count, thread, replies, guide chapters citing it.
    expect(b.n).toBeLessThanOrEqual(6);
  });
});

describe('forum daily views', () => {
  const t = useTestApp();
  const views = async (id: number) => (await t.ctx.ds.query(`SELECT views FROM forum_threads WHERE id = $1`, [id]))[0].views;

  it('when another process already counted today\'s view, then this one does not count it again', async () => {
    const th = await createThread(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    const today = new Date().toISOString().slice(0, 10);
    // Written by "another process": the row exists, this process has not seen it.
    await t.ctx.ds.query(`INSERT INTO forum_thread_views (thread_id, user_id, day) VALUES ($1, $2, $3)`, [th.id, member.id, today]);
    await t.ctx.ds.query(`UPDATE forum_threads SET views = 1 WHERE id = $1`, [th.id]);
    await recordView(t.ctx.ds, th.id, member.id);
    await recordView(t.ctx.ds, th.id, member.id);
    expect(await views(th.id)).toBe(1);
  });

  it('when the same member opens the thread on the next day, then the view counts again', async () => {
    const th = await createThread(t.ctx.ds);
    const member = await createUser(t.ctx.ds);
    await recordView(t.ctx.ds, th.id, member.id, new Date('2026-03-01T10:00:00Z'));
    await recordView(t.ctx.ds, th.id, member.id, new Date('2026-03-01T23:59:00Z'));
    expect(await views(th.id)).toBe(1);
    await recordView(t.ctx.ds, th.id, member.id, new Date('2026-03-02T00:01:00Z'));
    expect(await views(th.id)).toBe(2);
    const days = await t.ctx.ds.query(`SELECT day::text AS day FROM forum_thread_views WHERE thread_id = $1 ORDER BY day`, [th.id]);
    expect(days.map((d: { day: string }) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
  });
});
