// The forum's activity facts end to end: the forum's own services (accept, vote, hide, delete,
// merge) publish them, the worker applies them, and the member's ledger shows the points and the
// reversals. Also the backfill from the forum's activityHistory.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createReply, createThread } from '../../support/forum-factories.js';
import { acceptReply, deleteReply, toggleVote, unacceptReply } from '../../../src/modules/forum/replies.service.js';
import { dismissFlags, flagPost, hidePost, mergeThread, unhidePost } from '../../../src/modules/forum/moderation.service.js';
import { replayHistory } from '../../../src/modules/recognition/ledger.service.js';

const t = useTestApp();

const total = async (u: { id: number }) =>
  Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [u.id]))[0].s);
const lines = async (u: { id: number }) =>
  t.ctx.ds.query(`SELECT reason, points, fact FROM recognition_ledger WHERE user_id = $1 ORDER BY id`, [u.id]) as Promise<{ reason: string; points: number; fact: string }[]>;
const facilitator = () => createUser(t.ctx.ds, { role: 'facilitator' });

async function question(o: { tags?: string[] } = {}) {
  const th = await createThread(t.ctx.ds, { tags: o.tags });
  const a = await createReply(t.ctx.ds, th);
  const b = await createReply(t.ctx.ds, th);
  return { th, asker: th.author, a, b };
}

describe('forum activity', () => {
  it('when the asker accepts an answer, then its author gets 15 and the asker 3; another answer accepted instead moves them; unaccepting takes them back', async () => {
    const { th, asker, a, b } = await question({ tags: ['datenschutz'] });
    await acceptReply(t.ctx, asker, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(15);
    expect(await total(asker)).toBe(3);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, item_id, title, url, competences, actor_id FROM recognition_facts WHERE fact = $1`, [`forum.answer_accepted:${a.id}`]);
    expect(fact).toEqual({ item_type: 'forum_reply', item_id: String(a.id), title: th.title, url: `${th.url}#reply-${a.id}`, competences: ['accessibility-privacy'], actor_id: asker.id });

    await acceptReply(t.ctx, asker, b.id);
    await t.drain();
    expect(await total(a.author)).toBe(0);
    expect(await total(b.author)).toBe(15);
    // The question stays answered: the asker keeps 3, without a new award.
    expect((await lines(asker)).map((l) => l.points)).toEqual([3]);

    await unacceptReply(t.ctx, asker, th.id);
    await t.drain();
    expect(await total(b.author)).toBe(0);
    expect(await total(asker)).toBe(0);
    expect((await lines(b.author)).map((l) => l.points)).toEqual([15, -15]);
  });

  it('when the accepted answer is hidden, then its points are reversed, and they return when it is shown again', async () => {
    const { th, asker, a } = await question();
    const mod = await facilitator();
    await acceptReply(t.ctx, asker, a.id);
    await hidePost(t.ctx, mod, th.id, a.id, 'Werbung');
    await t.drain();
    expect(await total(a.author)).toBe(0);
    expect(await total(asker)).toBe(0);
    await unhidePost(t.ctx, mod, th.id, a.id, null);
    await t.drain();
    expect(await total(a.author)).toBe(15);
    expect(await total(asker)).toBe(3);
  });

  it('when the thread is hidden, then the acceptance no longer counts; shown again, it counts', async () => {
    const { th, asker, a } = await question();
    const mod = await facilitator();
    await acceptReply(t.ctx, asker, a.id);
    await hidePost(t.ctx, mod, th.id, null, 'Doppelt');
    await t.drain();
    expect(await total(a.author)).toBe(0);
    await unhidePost(t.ctx, mod, th.id, null, null);
    await t.drain();
    expect(await total(a.author)).toBe(15);
  });

  it('when the accepted answer is deleted by its author, then the points go', async () => {
    const { th, asker, a } = await question();
    await acceptReply(t.ctx, asker, a.id);
    await t.drain();
    await deleteReply(t.ctx, a.author, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(0);
    expect(await total(asker)).toBe(0);
    const [thread] = await t.ctx.ds.query(`SELECT accepted_reply_id FROM forum_threads WHERE id = $1`, [th.id]);
    expect(thread.accepted_reply_id).toBeNull();
  });

  it('when the thread is merged into another, then its accepted answer no longer counts', async () => {
    const { th, asker, a } = await question();
    const target = await createThread(t.ctx.ds);
    await acceptReply(t.ctx, asker, a.id);
    await mergeThread(t.ctx, await facilitator(), th.id, target.id);
    await t.drain();
    expect(await total(a.author)).toBe(0);
    expect(await total(asker)).toBe(0);
  });

  it('when members vote a reply helpful, then its author gets a point per vote; a vote taken back, hiding and deleting the reply reverse them', async () => {
    const { th, a } = await question();
    const voters: TestUser[] = [];
    for (let i = 0; i < 3; i++) voters.push(await createUser(t.ctx.ds));
    for (const v of voters) await toggleVote(t.ctx, v, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(3);

    await toggleVote(t.ctx, voters[0]!, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(2);

    // Flags hide it until a facilitator looks: the votes stop counting; dismissed, they count again.
    for (let i = 0; i < 3; i++) await flagPost(t.ctx, await createUser(t.ctx.ds), th.id, a.id, { reason: 'spam', text: '' });
    await t.drain();
    expect(await total(a.author)).toBe(0);
    await dismissFlags(t.ctx, await facilitator(), th.id, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(2);

    await deleteReply(t.ctx, a.author, a.id);
    await t.drain();
    expect(await total(a.author)).toBe(0);
    expect((await lines(a.author)).filter((l) => l.reason === 'reply-helpful').map((l) => l.points).reduce((x, y) => x + y, 0)).toBe(0);
  });

  it('when the forum facts are lost, then the backfill from activityHistory restores them with the same points', async () => {
    const { th, asker, a, b } = await question();
    const voter = await createUser(t.ctx.ds);
    await acceptReply(t.ctx, asker, a.id);
    await toggleVote(t.ctx, voter, b.id);
    await t.drain();
    const before = { a: await total(a.author), b: await total(b.author), asker: await total(asker) };
    expect(before).toEqual({ a: 15, b: 1, asker: 3 });
    const mine = [a.author.id, b.author.id, asker.id];
    // Deleting the facts takes their ledger lines with them (the ledger itself is append-only).
    await t.ctx.ds.query(`DELETE FROM recognition_facts WHERE user_id = ANY($1)`, [mine]);
    expect(await total(a.author)).toBe(0);
    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: mine });
    const facts = await t.ctx.ds.query(`SELECT fact, holds, actor_id FROM recognition_facts WHERE user_id = ANY($1) ORDER BY fact`, [mine]);
    expect(facts).toEqual([
      { fact: `forum.answer_accepted:${a.id}`, holds: true, actor_id: asker.id },
      { fact: `forum.reply_helpful:${b.id}:${voter.id}`, holds: true, actor_id: voter.id },
      { fact: `forum.thread_answered:${th.id}`, holds: true, actor_id: a.author.id },
    ]);
    expect({ a: await total(a.author), b: await total(b.author), asker: await total(asker) }).toEqual(before);
  });
});
