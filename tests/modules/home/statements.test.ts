import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { statementsOf } from '../../support/db.js';
import { createAdministration, createUser, uniq, type TestUser } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createGroup, createGroupEvent } from '../../support/groups-factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { blockOf } from './support.js';

/** A member with `n` items in every block: own threads with replies, watched threads with unread replies, open questions, cases … */
async function memberWith(ds: DataSource, n: number): Promise<TestUser> {
  const adm = await createAdministration(ds, { kind: 'association', population: 5_000, state: 'SL' });
  const alike = await createAdministration(ds, { kind: 'association', population: 5_500, state: 'SL' });
  const me = await createUser(ds, { administrationId: adm.id });
  await ds.query(`UPDATE users SET created_at = now() - interval '1 day' WHERE id = $1`, [me.id]);
  const other = await createUser(ds);
  const cat = await createCategory(ds);
  await ds.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level) VALUES ($1, 'category', $2, 'watching')`, [me.id, cat.id]);
  const topic = uniq('topic-');
  await ds.query(`INSERT INTO use_case_topic_follows (user_id, facet, key) VALUES ($1, 'topic', $2)`, [me.id, topic]);
  const group = await createGroup(ds);
  const quizzes = [];
  for (let i = 0; i < n; i++) {
    const mine = await createThread(ds, { author: me, category: cat, kind: 'discussion' });
    await createReply(ds, mine, { author: other });
    const watched = await createThread(ds, { author: other, category: cat, kind: 'discussion' });
    await ds.query(`INSERT INTO forum_follows (user_id, target_type, target_id, level, created_at) VALUES ($1, 'thread', $2, 'watching', now() - interval '1 hour')`, [me.id, watched.id]);
    await createReply(ds, watched, { author: other });
    await createThread(ds, { author: other, category: cat });
    const myCase = await createUseCase(ds, { administrationId: adm.id, createdById: me.id });
    await ds.query(`INSERT INTO use_case_comments (use_case_id, author_id, body_source, body_html) VALUES ($1, $2, 'x', '<p>x</p>')`, [myCase.id, other.id]);
    await createUseCase(ds, { administrationId: alike.id, policyAreas: [topic] });
    const event = await createGroupEvent(ds, group.id, { daysFromNow: i + 1 });
    await ds.query(`INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $2, 'registered')`, [event.id, me.id]);
    if (i < 3) quizzes.push(await createQuiz(ds));
  }
  // Courses in progress: as many as the block lists at most (3) — one per created quiz.
  for (const q of quizzes) {
    await createCourse(ds, [q.slug]);
    await ds.query(`INSERT INTO academy_attempts (quiz_id, user_id, number, layout) VALUES ($1, $2, 1, '[]')`, [q.id, me.id]);
  }
  return me;
}

describe('start page: a constant number of statements', () => {
  const t = useTestApp();

  it('when a member has 1 or 20 items per block, then the start page runs the same number of statements', async () => {
    const one = await memberWith(t.ctx.ds, 1);
    const twenty = await memberWith(t.ctx.ds, 20);
    const b1 = await signedIn(t.app, one);
    const b20 = await signedIn(t.app, twenty);
    let page1 = '';
    let page20 = '';
    const s1 = await statementsOf(t.ctx.ds, async () => { page1 = (await b1.get('/')).text; });
    const s20 = await statementsOf(t.ctx.ds, async () => { page20 = (await b20.get('/')).text; });
    // The blocks really hold the items (else the comparison proves nothing).
    for (const key of ['forum-my-threads', 'forum-followed', 'forum-unanswered', 'usecases-comments', 'usecases-like-mine', 'usecases-topics', 'events-upcoming', 'academy-progress']) {
      expect(blockOf(page1, key)).toContain('<li>');
      expect((blockOf(page20, key).match(/<li>/g) ?? []).length).toBeGreaterThanOrEqual(3);
    }
    expect(blockOf(page20, 'forum-my-threads')).toContain('und 15 weitere');
    expect(s20.length).toBe(s1.length);
    expect(s1.length).toBeGreaterThanOrEqual(9);
  }, 60_000);
});
