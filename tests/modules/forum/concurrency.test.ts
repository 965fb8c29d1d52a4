import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn, type Browser } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';
import { csrfIn } from '../../support/agent.js';

/**
 * Signs in n members, five at a time, returning agents with their CSRF tokens. The concurrency under
 * test is the votes' and replies'. 50 sign-ins at once (two password hashes at a time per process)
 * were answered 503 on a loaded machine (load average 8–15): by design when a request waits longer
 * than the request queue's 10 s, or when the database refuses further connections.
 */
async function members(t: ReturnType<typeof useTestApp>, n: number): Promise<{ b: Browser; token: string }[]> {
  const users = [];
  for (let i = 0; i < n; i++) users.push(await createUser(t.ctx.ds));
  const out: { b: Browser; token: string }[] = [];
  for (let i = 0; i < users.length; i += 5) {
    out.push(...await Promise.all(users.slice(i, i + 5).map(async (u) => {
      const b = await signedIn(t.app, u);
      return { b, token: csrfIn((await b.get('/barrierefreiheit')).text) };
    })));
  }
  return out;
}

describe('forum counters under concurrency', () => {
  const t = useTestApp();

  it('when 50 members vote on one reply and 50 reply to one thread at the same time, then every counter is exact', async () => {
    const th = await createThread(t.ctx.ds);
    const r = await createReply(t.ctx.ds, th);
    const crowd = await members(t, 50);
    const votes = await Promise.all(crowd.map(({ b, token }) => b.agent.post(`/forum/replies/${r.id}/vote`).type('form').send({ _csrf: token })));
    expect(votes.every((x) => x.status === 303)).toBe(true);
    const replies = await Promise.all(crowd.map(({ b, token }, i) =>
      b.agent.post(`/forum/threads/${th.id}/replies`).type('form').send({ _csrf: token, body: `Gleichzeitige Antwort ${i}` })));
    expect(replies.every((x) => x.status === 303)).toBe(true);

    const [reply] = await t.ctx.ds.query(`SELECT vote_count FROM forum_replies WHERE id = $1`, [r.id]);
    const [{ n: voteRows }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_votes WHERE reply_id = $1`, [r.id]);
    expect(reply.vote_count).toBe(50);
    expect(voteRows).toBe(50);
    const [thread] = await t.ctx.ds.query(`SELECT reply_count, last_activity_at FROM forum_threads WHERE id = $1`, [th.id]);
    const [{ n: replyRows, latest }] = await t.ctx.ds.query(`SELECT count(*)::int AS n, max(created_at) AS latest FROM forum_replies WHERE thread_id = $1`, [th.id]);
    expect(thread.reply_count).toBe(51);
    expect(replyRows).toBe(51);
    expect(new Date(thread.last_activity_at).getTime()).toBeGreaterThanOrEqual(new Date(latest).getTime());

    // Half take their vote back at once: the counter follows exactly.
    await Promise.all(crowd.slice(0, 25).map(({ b, token }) => b.agent.post(`/forum/replies/${r.id}/vote`).type('form').send({ _csrf: token })));
    const [after] = await t.ctx.ds.query(`SELECT vote_count FROM forum_replies WHERE id = $1`, [r.id]);
    expect(after.vote_count).toBe(25);
  }, 180_000);
});
