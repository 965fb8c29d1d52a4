// The ledger under concurrency: many helpful votes and unvotes on one reply at the same time leave
// its author with exactly as many points as the reply has votes in the end.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';
import { toggleVote } from '../../../src/modules/forum/replies.service.js';

const t = useTestApp();

describe('points under concurrency', () => {
  it('when 10 voters send 20 toggle-vote requests on one reply at once, then the author\'s points equal the final number of votes', async () => {
    const th = await createThread(t.ctx.ds);
    const reply = await createReply(t.ctx.ds, th);
    const voters: TestUser[] = [];
    for (let i = 0; i < 10; i++) voters.push(await createUser(t.ctx.ds));
    // 20 toggles in all. Toggles of one voter that race may end as "no change" (the vote row they
    // found is gone by the time they take it back), so the final count is the forum's to tell.
    const toggles = [1, 1, 1, 1, 3, 3, 2, 2, 3, 3];
    const requests = voters.flatMap((v, i) => Array.from({ length: toggles[i]! }, () => v));
    expect(requests).toHaveLength(20);
    await Promise.all(requests.map((v) => toggleVote(t.ctx, v, reply.id)));
    await t.drain();

    const [{ n: votes }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM forum_votes WHERE reply_id = $1`, [reply.id]);
    const [{ s: points }] = await t.ctx.ds.query(`SELECT coalesce(sum(points), 0)::int AS s FROM recognition_ledger WHERE user_id = $1`, [reply.author.id]);
    const [{ n: holding }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n FROM recognition_facts WHERE user_id = $1 AND kind = 'forum.reply_helpful' AND holds`, [reply.author.id]);
    expect(points).toBe(votes);
    expect(holding).toBe(votes);
    const [{ vote_count: counted }] = await t.ctx.ds.query(`SELECT vote_count FROM forum_replies WHERE id = $1`, [reply.id]);
    expect(counted).toBe(votes);
    expect(votes).toBeGreaterThan(0);
  }, 60_000);
});
