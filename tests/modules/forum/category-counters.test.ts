// The forum overview's per-category counts (threads; open questions) are counters kept by a trigger
// in the same transaction as each write; so are the tag page's counts per tag and category and the
// copy of each thread's sort key on its tags (migration 1764901100000). After a random but seeded mix
// of new threads, replies, accepted and withdrawn answers, moves, merges, hides, unhides, pins, new
// tags and deletions — through the forum's own services — they equal a direct count over the threads,
// /forum shows them, and the tag page lists and counts what a direct query over the threads finds.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory } from '../../support/forum-factories.js';
import { expectSameRows } from '../../support/maintained-rows.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { randomFromState } from '../../../src/shared/seeded-random.js';
import { createThread, updateThread } from '../../../src/modules/forum/threads.service.js';
import { listThreads, viewerOf } from '../../../src/modules/forum/forum.queries.js';
import { acceptReply, createReply, unacceptReply } from '../../../src/modules/forum/replies.service.js';
import { hidePost, mergeThread, moveThread, switchThread, unhidePost } from '../../../src/modules/forum/moderation.service.js';
import { deleteThread } from '../../../src/modules/forum/privacy.store.js';

describe('forum: category counters', () => {
  const t = useTestApp();

  it('when threads are posted, answered, moved, merged, hidden, unhidden, pinned, tagged and deleted in a random mix, then the counters equal a direct count', async () => {
    const ds = t.ctx.ds;
    const cats = [await createCategory(ds, { isPublic: true }), await createCategory(ds), await createCategory(ds)];
    const catIds = cats.map((c) => c.id);
    const author = await createUser(ds);
    const helper = await createUser(ds);
    const mod = await createUser(ds, { role: 'facilitator' });
    const asAuthor = { id: author.id, role: 'member' as const };
    const asHelper = { id: helper.id, role: 'member' as const };
    const asMod = { id: mod.id, role: 'facilitator' as const };
    const rng = randomFromState(16); // the same sequence of operations on every run
    const threads: number[] = [];
    const tagNames = ['zählprobe-eins', 'zählprobe-zwei', 'zählprobe-drei'];
    const someTags = () => tagNames.filter(() => rng.next() < 0.5);

    for (let step = 0; step < 150; step++) {
      const r = rng.next();
      const live = async (): Promise<number[]> => (await ds.query(
        `SELECT id FROM forum_threads WHERE id = ANY($1::int[]) AND merged_into_id IS NULL ORDER BY id`, [threads])).map((x: { id: number }) => x.id as number);
      if (threads.length < 4 || r < 0.25) {
        const made = await createThread(t.ctx, asAuthor, {
          categoryId: rng.pick(catIds), kind: rng.next() < 0.7 ? 'question' : 'discussion',
          title: `Zählerprobe ${step} zur Beteiligung`, body: 'Wie zählt ihr das?', tags: someTags(), action: 'post' } as never);
        threads.push(made.id);
        continue;
      }
      const ids = await live();
      if (!ids.length) continue;
      const id = rng.pick(ids);
      const [state] = await ds.query(`SELECT hidden_at IS NOT NULL AS hidden, pinned_at IS NOT NULL AS pinned, accepted_reply_id AS accepted, kind FROM forum_threads WHERE id = $1`, [id]);
      if (r < 0.4) {
        if (state.hidden) continue;
        await createReply(t.ctx, asHelper, id, { body: `Antwort ${step}`, parentId: null });
      } else if (r < 0.48) {
        // The thread's replies as they are now (a merge brings the other thread's along).
        const replies: number[] = (await ds.query(`SELECT id FROM forum_replies WHERE thread_id = $1 AND deleted_at IS NULL AND hidden_at IS NULL ORDER BY id`, [id])).map((x: { id: number }) => x.id);
        if (state.kind !== 'question' || state.hidden || !replies.length) continue;
        if (state.accepted) { await unacceptReply(t.ctx, asAuthor, id); } else { await acceptReply(t.ctx, asAuthor, rng.pick(replies)); }
      } else if (r < 0.58) {
        await moveThread(t.ctx, asMod, id, rng.pick(catIds));
      } else if (r < 0.65) {
        const others = ids.filter((x) => x !== id);
        if (!others.length) continue;
        await mergeThread(t.ctx, asMod, id, rng.pick(others));
      } else if (r < 0.78) {
        if (state.hidden) { await unhidePost(t.ctx, asMod, id, null, null); } else { await hidePost(t.ctx, asMod, id, null, 'Probe'); }
      } else if (r < 0.84) {
        await switchThread(t.ctx, asMod, id, state.pinned ? 'unpin' : 'pin');
      } else if (r < 0.92) {
        await updateThread(t.ctx, asMod, id, { title: `Zählerprobe ${step} neu verschlagwortet`, body: 'Wie zählt ihr das?', tags: someTags(), action: 'post' });
      } else {
        await inTransaction(ds, (db) => deleteThread(db, id));
        threads.splice(threads.indexOf(id), 1);
      }
    }
    // Then every kind of write once more on threads of its own, so the comparison covers each of them
    // whatever the random part drew: answer and withdraw, hide and unhide, move, merge, delete.
    const fresh = async (categoryId: number) => (await createThread(t.ctx, asAuthor, {
      categoryId, kind: 'question', title: 'Zählerprobe zum Schluss', body: 'Wie zählt ihr das?', tags: tagNames.slice(0, 2), action: 'post' } as never)).id;
    const a = await fresh(catIds[0]!);
    const reply = (await createReply(t.ctx, asHelper, a, { body: 'Antwort zum Schluss', parentId: null })).id;
    await acceptReply(t.ctx, asAuthor, reply);
    await unacceptReply(t.ctx, asAuthor, a);
    await acceptReply(t.ctx, asAuthor, reply);
    const b = await fresh(catIds[1]!);
    await hidePost(t.ctx, asMod, b, null, 'Probe');
    await unhidePost(t.ctx, asMod, b, null, null);
    await moveThread(t.ctx, asMod, b, catIds[2]!);
    await mergeThread(t.ctx, asMod, await fresh(catIds[0]!), b);
    await hidePost(t.ctx, asMod, await fresh(catIds[1]!), null, 'Probe');
    const d = await fresh(catIds[2]!);
    await inTransaction(ds, (db) => deleteThread(db, d));
    const e = await fresh(catIds[0]!);
    await switchThread(t.ctx, asMod, e, 'pin');
    await updateThread(t.ctx, asMod, e, { title: 'Zählerprobe neu verschlagwortet', body: 'Wie zählt ihr das?', tags: tagNames.slice(1), action: 'post' });
    await createReply(t.ctx, asHelper, e, { body: 'Antwort auf das angeheftete Thema', parentId: null });

    const direct = await ds.query(
      `SELECT c.id, count(t.id)::int AS threads, (count(t.id) FILTER (WHERE t.kind = 'question' AND t.accepted_reply_id IS NULL))::int AS unanswered
         FROM forum_categories c LEFT JOIN forum_threads t ON t.category_id = c.id AND t.merged_into_id IS NULL AND t.hidden_at IS NULL
        WHERE c.id = ANY($1::int[]) GROUP BY c.id ORDER BY c.id`, [catIds]);
    const counters = await ds.query(
      `SELECT id, thread_count AS threads, unanswered_count AS unanswered FROM forum_categories WHERE id = ANY($1::int[]) ORDER BY id`, [catIds]);
    expectSameRows('forum_categories: thread_count, unanswered_count', counters, direct, (c: { id: number }) => c.id);
    expect(direct.reduce((s: number, c: { threads: number }) => s + c.threads, 0)).toBeGreaterThan(0);

    // The overview shows the counters: the public category's thread count as a member sees it.
    const page = (await (await signedIn(t.app, await createUser(ds))).get('/forum')).text.replace(/\s+/g, ' ');
    const pub = direct.find((c: { id: number }) => c.id === cats[0]!.id)!;
    const row = page.slice(page.indexOf(`/forum/c/${cats[0]!.slug}"`), page.indexOf(`/forum/c/${cats[0]!.slug}"`) + 600);
    const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;
    expect(row).toContain(`${plural(pub.threads, 'Thema', 'Themen')} · ${plural(pub.unanswered, 'offene Frage', 'offene Fragen')}`);

    // The tag counts and the copied sort key, against the threads in one statement each (one snapshot,
    // so other test files writing meanwhile cannot make them differ): every tag of the database.
    const countsOff = await ds.query(
      `SELECT tag_id, category_id, k.thread_count AS counter, coalesce(d.n, 0) AS direct
         FROM forum_tag_category_counts k
         FULL JOIN (SELECT tt.tag_id, t.category_id, count(*)::int AS n FROM forum_thread_tags tt JOIN forum_threads t ON t.id = tt.thread_id
                     WHERE t.merged_into_id IS NULL AND t.hidden_at IS NULL GROUP BY tt.tag_id, t.category_id) d USING (tag_id, category_id)
        WHERE coalesce(k.thread_count, 0) <> coalesce(d.n, 0)`);
    expect(countsOff).toEqual([]);
    const copiesOff = await ds.query(
      `SELECT tt.thread_id, tt.tag_id FROM forum_thread_tags tt JOIN forum_threads t ON t.id = tt.thread_id
        WHERE (tt.category_id, tt.pinned, tt.last_activity_at, tt.counted)
              IS DISTINCT FROM (t.category_id, t.pinned_at IS NOT NULL, t.last_activity_at, t.merged_into_id IS NULL AND t.hidden_at IS NULL)`);
    expect(copiesOff).toEqual([]);
    const tagged: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE g.name = ANY($1) GROUP BY g.id`, [tagNames]);
    expect(tagged.length).toBe(3);

    // The tag page's list and total, per viewer, equal a direct query over the threads (the query the
    // page ran before the copies: visibility from the thread's category, order from the thread).
    // One thread (pinned, tagged) moves to a members-only category with the helper as its member.
    const [restricted] = await ds.query(
      `INSERT INTO forum_categories (slug, name, restricted) VALUES ('zaehlprobe-gruppe', 'Zählprobe Gruppe', true) RETURNING id`);
    await ds.query(`INSERT INTO forum_category_members (category_id, user_id) VALUES ($1, $2)`, [restricted.id, helper.id]);
    await moveThread(t.ctx, asMod, e, restricted.id);
    const viewers = [undefined, asHelper, asAuthor, asMod];
    for (const tag of tagNames) {
      for (const actor of viewers) {
        const v = viewerOf(actor);
        const direct: { id: number }[] = await ds.query(
          `SELECT t.id FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
            WHERE (CASE WHEN c.restricted THEN $3::boolean OR EXISTS (SELECT 1 FROM forum_category_members cm WHERE cm.category_id = c.id AND cm.user_id = $2::int)
                        ELSE c.is_public OR $1::boolean END)
              AND t.merged_into_id IS NULL AND (t.hidden_at IS NULL OR t.author_id = $2::int OR $3::boolean)
              AND EXISTS (SELECT 1 FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id AND g.name = $4)
            ORDER BY t.pinned_at IS NULL, t.last_activity_at DESC, t.id DESC`, [v.signedIn, v.id, v.facilitator, tag]);
        const [{ n }] = await ds.query(
          `SELECT count(*)::int AS n FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
            WHERE (CASE WHEN c.restricted THEN $3::boolean OR EXISTS (SELECT 1 FROM forum_category_members cm WHERE cm.category_id = c.id AND cm.user_id = $2::int)
                        ELSE c.is_public OR $1::boolean END)
              AND t.merged_into_id IS NULL AND t.hidden_at IS NULL
              AND EXISTS (SELECT 1 FROM forum_thread_tags tt JOIN forum_tags g ON g.id = tt.tag_id WHERE tt.thread_id = t.id AND g.name = $4)`,
          [v.signedIn, v.id, v.facilitator, tag]);
        // Pages of two rows, so the total comes from the counters whenever there is a second page.
        const listed: number[] = [];
        let total = -1;
        for (let offset = 0; offset === 0 || offset < direct.length; offset += 2) {
          const got = await listThreads(ds, v, { view: 'tag', tag }, { page: offset / 2 + 1, limit: 2, offset });
          listed.push(...got.rows.map((x) => x.id));
          if (offset === 0) total = got.total;
        }
        const who = actor ? `${actor.role} ${actor.id}` : 'visitor';
        expect({ tag, who, listed, total }).toEqual({ tag, who, listed: direct.map((x) => x.id), total: n });
      }
    }
  }, 120_000);
});
