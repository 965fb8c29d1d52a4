import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { blockOf } from './support.js';

describe('start page: forum blocks', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  it('when others replied to my thread since my last visit, then "Replies to my threads" lists it with the count, and not threads of others', async () => {
    const me = await createUser(ds());
    const mine = await createThread(ds(), { author: me });
    const others = await createThread(ds());
    await ds().query(`INSERT INTO home_visits (user_id, last_visit_at) VALUES ($1, now() - interval '2 hours')`, [me.id]);
    await ds().query(`UPDATE users SET created_at = now() - interval '10 days' WHERE id = $1`, [me.id]);
    const old = await createReply(ds(), mine);
    await ds().query(`UPDATE forum_replies SET created_at = now() - interval '3 hours' WHERE id = $1`, [old.id]);
    await createReply(ds(), mine);
    await createReply(ds(), mine);
    await createReply(ds(), mine, { author: me });
    await createReply(ds(), others);
    const b = await signedIn(t.app, me);
    const res = await b.get('/');
    expect(res.status).toBe(200);
    const block = blockOf(res.text, 'forum-my-threads');
    expect(block).toContain(mine.title);
    expect(block).toContain('2 neue Antworten');
    expect(res.text).not.toContain(others.title);
    // The visit was recorded: the previous visit moved to previous_visit_at.
    const [visit] = await ds().query(`SELECT previous_visit_at < now() - interval '1 hour' AS moved, last_visit_at > now() - interval '1 minute' AS fresh FROM home_visits WHERE user_id = $1`, [me.id]);
    expect(visit).toEqual({ moved: true, fresh: true });
  });

  it('when I visit again after a while, then replies seen on the previous visit are no longer new', async () => {
    const me = await createUser(ds());
    const mine = await createThread(ds(), { author: me });
    await ds().query(`UPDATE users SET created_at = now() - interval '10 days' WHERE id = $1`, [me.id]);
    const reply = await createReply(ds(), mine);
    await ds().query(`UPDATE forum_replies SET created_at = now() - interval '2 hours' WHERE id = $1`, [reply.id]);
    const b = await signedIn(t.app, me);
    expect(blockOf((await b.get('/')).text, 'forum-my-threads')).toContain(mine.title);
    // A reload shortly after keeps "since" (visits within 30 minutes count as one).
    expect(blockOf((await b.get('/')).text, 'forum-my-threads')).toContain(mine.title);
    await ds().query(`UPDATE home_visits SET last_visit_at = now() - interval '1 hour' WHERE user_id = $1`, [me.id]);
    const later = blockOf((await b.get('/')).text, 'forum-my-threads');
    expect(later).not.toContain(mine.title);
    expect(later).toContain('Seit Ihrem letzten Besuch gibt es keine neuen Antworten');
  });

  it('when a thread I watch has replies after I last opened it, then it is listed as unread until I open it', async () => {
    const me = await createUser(ds());
    const thread = await createThread(ds());
    const quiet = await createThread(ds());
    await ds().query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at) VALUES ($1, 'thread', $2, 'watching', now() - interval '1 day'), ($1, 'thread', $3, 'watching', now() - interval '1 day')`, [me.id, thread.id, quiet.id]);
    await createReply(ds(), thread);
    await createReply(ds(), thread);
    const b = await signedIn(t.app, me);
    const before = blockOf((await b.get('/')).text, 'forum-followed');
    expect(before).toContain(thread.title);
    expect(before).toContain('2 ungelesene Antworten');
    expect(before).not.toContain(quiet.title);
    expect((await b.get(thread.url)).status).toBe(200);
    const [mark] = await ds().query(`SELECT count(*)::int AS n FROM forum_thread_reads WHERE user_id = $1 AND thread_id = $2`, [me.id, thread.id]);
    expect(mark.n).toBe(1);
    const after = blockOf((await b.get('/')).text, 'forum-followed');
    expect(after).not.toContain(thread.title);
    expect(after).toContain('Keine ungelesenen Antworten');
  });

  it('when I open a thread without new activity again, then the read mark is not rewritten', async () => {
    const me = await createUser(ds());
    const thread = await createThread(ds());
    const b = await signedIn(t.app, me);
    await b.get(thread.url);
    await ds().query(`UPDATE forum_thread_reads SET last_read_at = now() + interval '1 minute' WHERE user_id = $1`, [me.id]);
    const [before] = await ds().query(`SELECT last_read_at FROM forum_thread_reads WHERE user_id = $1 AND thread_id = $2`, [me.id, thread.id]);
    await b.get(thread.url);
    const [after] = await ds().query(`SELECT last_read_at FROM forum_thread_reads WHERE user_id = $1 AND thread_id = $2`, [me.id, thread.id]);
    expect(after.last_read_at).toEqual(before.last_read_at);
  });

  it('when questions in a category or tag I watch are open, then they are listed, but not answered ones, my own, hidden ones or those in a restricted category I am not in', async () => {
    const me = await createUser(ds());
    const cat = await createCategory(ds());
    const elsewhere = await createCategory(ds());
    const restricted = await createCategory(ds());
    await ds().query(`UPDATE forum_categories SET restricted = true WHERE id = $1`, [restricted.id]);
    const open = await createThread(ds(), { category: cat });
    const tagged = await createThread(ds(), { category: elsewhere, tags: [`tag${me.id}`] });
    const answered = await createThread(ds(), { category: cat });
    const r = await createReply(ds(), answered);
    await ds().query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [answered.id, r.id]);
    const own = await createThread(ds(), { category: cat, author: me });
    const hidden = await createThread(ds(), { category: cat });
    await ds().query(`UPDATE forum_threads SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    const secret = await createThread(ds(), { category: restricted, tags: [`tag${me.id}`] });
    const unfollowed = await createThread(ds(), { category: elsewhere });
    await ds().query(
      `INSERT INTO forum_follows (user_id, target_type, target_id, level)
       SELECT $1::int, 'category', $2::int, 'watching' UNION ALL SELECT $1::int, 'tag', id, 'watching' FROM forum_tags WHERE name = $3`,
      [me.id, cat.id, `tag${me.id}`]);
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'forum-unanswered');
    expect(block).toContain(open.title);
    expect(block).toContain(tagged.title);
    for (const gone of [answered, own, hidden, secret, unfollowed]) expect(block).not.toContain(gone.title);
  });

  it('when I follow nothing, then the unanswered block says how to follow a category or tag', async () => {
    const b = await signedIn(t.app, await createUser(ds()));
    const block = blockOf((await b.get('/')).text, 'forum-unanswered');
    expect(block).toContain('Beobachten Sie eine Kategorie oder ein Schlagwort');
    expect(block).toContain('href="/forum?view&#x3D;unanswered"');
  });

  it('when a thread I watch has more unread replies than the cap, then the block says "at least 100" instead of counting them all', async () => {
    const me = await createUser(ds());
    const busy = await createThread(ds());
    const other = await createUser(ds());
    await ds().query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at) VALUES ($1, 'thread', $2, 'watching', now() - interval '1 day')`, [me.id, busy.id]);
    await ds().query(
      `INSERT INTO forum_replies (thread_id, author_id, body_source, body_html) SELECT $1, $2, 'x', '<p>x</p>' FROM generate_series(1, 120)`, [busy.id, other.id]);
    await ds().query(`UPDATE forum_threads SET reply_count = 120, last_activity_at = now() WHERE id = $1`, [busy.id]);
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'forum-followed');
    expect(block).toContain(busy.title);
    expect(block).toContain('mindestens 100 ungelesene Antworten');
  });
});
