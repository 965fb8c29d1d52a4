import { describe, expect, it } from '@jest/globals';
import { forumModule } from '../../../src/modules/forum/index.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';

describe('forum search contract', () => {
  const t = useTestApp();
  const queued = async (type: string, id: number) =>
    (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = $1 AND (payload->>'id')::int = $2`, [type, id]))[0].n;

  it('when threads and replies are created, edited, accepted, hidden and merged, then each change queues a search-index row', async () => {
    const cat = await createCategory(t.ctx.ds);
    const author = await signedIn(t.app, await createUser(t.ctx.ds));
    await author.post('/forum/new', { categoryId: String(cat.id), kind: 'question', title: 'Indexierung von Forumsbeiträgen prüfen', body: 'Text', checked: '1' }, '/forum/new');
    const [th] = await t.ctx.ds.query(`SELECT id, slug FROM forum_threads WHERE category_id = $1`, [cat.id]);
    expect(await queued('thread', th.id)).toBeGreaterThanOrEqual(1);
    const replier = await signedIn(t.app, await createUser(t.ctx.ds));
    await replier.post(`/forum/threads/${th.id}/replies`, { body: 'Eine Antwort' });
    const [r] = await t.ctx.ds.query(`SELECT id FROM forum_replies WHERE thread_id = $1`, [th.id]);
    expect(await queued('reply', r.id)).toBeGreaterThanOrEqual(1);
    const before = await queued('thread', th.id);
    await author.post(`/forum/replies/${r.id}/accept`);
    expect(await queued('thread', th.id)).toBeGreaterThan(before);
    const replyBefore = await queued('reply', r.id);
    const fac = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    await fac.post(`/forum/threads/${th.id}/hide`, { reply: String(r.id), reason: 'Testgrund' });
    expect(await queued('reply', r.id)).toBeGreaterThan(replyBefore);
  });

  it('when the search loads documents, then a thread carries its accepted answer, public categories are public, hidden posts are gone', async () => {
    const pub = await createCategory(t.ctx.ds, { isPublic: true });
    const priv = await createCategory(t.ctx.ds);
    const a = await createThread(t.ctx.ds, { category: pub, body: 'Frage zum **Datenschutz**', tags: ['datenschutz'] });
    const accepted = await createReply(t.ctx.ds, a, { body: 'Die Antwort: Einwilligung einholen.' });
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [a.id, accepted.id]);
    const b = await createThread(t.ctx.ds, { category: priv });
    const hiddenReply = await createReply(t.ctx.ds, b);
    await t.ctx.ds.query(`UPDATE forum_replies SET hidden_at = now() WHERE id = $1`, [hiddenReply.id]);
    const threads = await forumModule.searchSources!.thread!(t.ctx.ds.manager, [a.id, b.id]);
    const docA = threads.find((d) => d.id === `thread:${a.id}`)!;
    expect(docA.body).toContain('Frage zum Datenschutz');
    expect(docA.body).toContain('Die Antwort: Einwilligung einholen.');
    expect(docA.visibility).toBe('public');
    expect(docA.tags).toEqual(['datenschutz']);
    expect(docA.url).toBe(a.url);
    expect(threads.find((d) => d.id === `thread:${b.id}`)!.visibility).toBe('network');
    const replies = await forumModule.searchSources!.reply!(t.ctx.ds.manager, [accepted.id, hiddenReply.id]);
    expect(replies.map((d) => d.id)).toEqual([`reply:${accepted.id}`]);
    expect(replies[0]!.url).toBe(`${a.url}#reply-${accepted.id}`);
  });
});
