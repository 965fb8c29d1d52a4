import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { blockOf } from './support.js';

describe('start page: privacy and visibility', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  it('when a member downloads their data, then it lists their start-page visits and thread read marks; after deletion both are gone', async () => {
    const me = await createUser(ds());
    const thread = await createThread(ds());
    const b = await signedIn(t.app, me);
    await b.get('/');
    await b.get(thread.url);
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.home.visits).toEqual([expect.objectContaining({ lastVisitAt: expect.any(String), previousVisitAt: null })]);
    expect(data.forum.threadReads).toEqual([expect.objectContaining({ threadId: thread.id })]);
    const res = await b.post('/me/delete', { password: me.password, confirm: 'DELETE' }, '/me/delete');
    expect(res.status).toBe(200);
    expect(await ds().query(`SELECT 1 FROM home_visits WHERE user_id = $1`, [me.id])).toEqual([]);
    expect(await ds().query(`SELECT 1 FROM forum_thread_reads WHERE user_id = $1`, [me.id])).toEqual([]);
  });

  it('when threads I watch sit in a restricted category I am not in, are hidden, or have only hidden or deleted replies, then they are not listed', async () => {
    const me = await createUser(ds());
    const restricted = await createCategory(ds());
    await ds().query(`UPDATE forum_categories SET restricted = true WHERE id = $1`, [restricted.id]);
    const secret = await createThread(ds(), { category: restricted });
    const hidden = await createThread(ds());
    await ds().query(`UPDATE forum_threads SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    const quietlyModerated = await createThread(ds());
    const visible = await createThread(ds());
    for (const th of [secret, hidden, quietlyModerated, visible]) {
      await ds().query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at) VALUES ($1, 'thread', $2, 'watching', now() - interval '1 day')`, [me.id, th.id]);
      await createReply(ds(), th);
    }
    await ds().query(`UPDATE forum_replies SET hidden_at = now() WHERE thread_id = $1`, [quietlyModerated.id]);
    const deleted = await createReply(ds(), quietlyModerated);
    await ds().query(`UPDATE forum_replies SET deleted_at = now() WHERE id = $1`, [deleted.id]);
    const b = await signedIn(t.app, me);
    const page = (await b.get('/')).text;
    const block = blockOf(page, 'forum-followed');
    expect(block).toContain(visible.title);
    for (const gone of [secret, hidden, quietlyModerated]) expect(page).not.toContain(gone.title);
    // As a listed member of the restricted category, its thread appears.
    await ds().query(`INSERT INTO forum_category_members (category_id, user_id) VALUES ($1, $2)`, [restricted.id, me.id]);
    expect(blockOf((await b.get('/')).text, 'forum-followed')).toContain(secret.title);
  });

  it('when another member\'s unpublished case matches my topic or comes from an administration like mine, then it is never shown; my own unpublished case shows its comments', async () => {
    const me = await createUser(ds());
    await ds().query(`UPDATE users SET created_at = now() - interval '1 day' WHERE id = $1`, [me.id]);
    await ds().query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', 'budget')`, [me.id]);
    const draft = await createUseCase(ds(), { published: false, policyAreas: ['budget'] });
    const myDraft = await createUseCase(ds(), { administrationId: me.administrationId!, createdById: me.id, published: false });
    const other = await createUser(ds());
    await ds().query(`INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'x', '<p>x</p>')`, [myDraft.id, other.id]);
    const b = await signedIn(t.app, me);
    const page = (await b.get('/')).text;
    expect(page).not.toContain(draft.slug);
    expect(blockOf(page, 'usecases-comments')).toContain(myDraft.slug);
  });
});
