import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createGroup, createGroupEvent } from '../../support/groups-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { blockOf } from './support.js';

describe('start page: academy, events and the page itself', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  it('when I passed the first quiz of a course and began the second, then the course shows my progress and lets me continue the second', async () => {
    const me = await createUser(ds());
    const first = await createQuiz(ds(), { title: 'Erster Test' });
    const second = await createQuiz(ds(), { title: 'Zweiter Test' });
    const course = await createCourse(ds(), [first.slug, second.slug]);
    await ds().query(
      `INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, submitted_at, passed) VALUES ($1, $2, 1, '[]', 'submitted', now(), true)`,
      [first.id, me.id]);
    const [open] = await ds().query(
      `INSERT INTO academy_attempts (quiz_id, user_id, number, layout) VALUES ($1, $2, 1, '[]') RETURNING id`, [second.id, me.id]);
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'academy-progress');
    expect(block).toContain(`href="/academy/courses/${course.slug}"`);
    expect(block).toContain('1 von 2 Tests bestanden');
    expect(block).toContain(`href="/academy/attempts/${open.id}"`);
    expect(block).toContain('fortsetzen');
    // Another member sees nothing of my course, and the empty state points to the courses.
    const other = await signedIn(t.app, await createUser(ds()));
    const theirs = blockOf((await other.get('/')).text, 'academy-progress');
    expect(theirs).not.toContain(course.slug);
    expect(theirs).toContain('Sie haben noch keinen Kurs begonnen');
  });

  it('when I hold the certificate of a course, then it is no longer in progress', async () => {
    const me = await createUser(ds());
    const quiz = await createQuiz(ds());
    const course = await createCourse(ds(), [quiz.slug]);
    await ds().query(`INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, submitted_at, passed) VALUES ($1, $2, 1, '[]', 'submitted', now(), true)`, [quiz.id, me.id]);
    await ds().query(`INSERT INTO academy_certificates (course_id, user_id, recipient_name) VALUES ($1, $2, 'Ich')`, [course.id, me.id]);
    const b = await signedIn(t.app, me);
    expect(blockOf((await b.get('/')).text, 'academy-progress')).not.toContain(course.slug);
  });

  it('when I registered for an upcoming event, then it is listed; past and cancelled registrations and others\' events are not', async () => {
    const me = await createUser(ds());
    const group = await createGroup(ds());
    const soon = await createGroupEvent(ds(), group.id, { daysFromNow: 3 });
    const past = await createGroupEvent(ds(), group.id, { daysFromNow: -3 });
    const dropped = await createGroupEvent(ds(), group.id, { daysFromNow: 5 });
    const notMine = await createGroupEvent(ds(), group.id, { daysFromNow: 4 });
    await ds().query(
      `INSERT INTO event_registrations (event_id, user_id, status) VALUES ($1, $4, 'registered'), ($2, $4, 'registered'), ($3, $4, 'cancelled')`,
      [soon.id, past.id, dropped.id, me.id]);
    const b = await signedIn(t.app, me);
    const block = blockOf((await b.get('/')).text, 'events-upcoming');
    expect(block).toContain(soon.title);
    for (const gone of [past, dropped, notMine]) expect(block).not.toContain(gone.title);
  });

  it('when a member opens /, then the blocks come in their order with headings, show-all links and no duplicate ids; a visitor gets the visitors\' home page', async () => {
    const b = await signedIn(t.app, await createUser(ds()));
    const res = await b.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1 class="kern-heading-display">Mein Praxis</h1>');
    const order = ['forum-my-threads', 'usecases-comments', 'usecases-like-mine', 'forum-followed', 'usecases-topics', 'forum-unanswered', 'academy-progress', 'events-upcoming'];
    const positions = order.map((key) => res.text.indexOf(`id="start-${key}"`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    const ids = [...res.text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(blockOf(res.text, 'guides-care')).toBe('');
    const visitor = await request(t.app).get('/');
    expect(visitor.status).toBe(200);
    expect(visitor.text).not.toContain('Mein Praxis</h1>');
  });

  it('when the page is shown in English, then the blocks speak English', async () => {
    const b = await signedIn(t.app, await createUser(ds(), { language: 'en' }));
    const res = await b.get('/');
    expect(res.text).toContain('My Praxis');
    expect(blockOf(res.text, 'forum-unanswered')).toContain('Watch a category or a tag');
  });

  it('when a guide draft waits for review and a published guide is past its review date, then a facilitator sees both in "Guides to look after"; a member does not see the block', async () => {
    const waiting = await createGuide(ds(), { publish: false, title: `Entwurf ${Date.now()}` });
    const overdue = await createGuide(ds(), { title: `Überfällig ${Date.now()}` });
    await ds().query(`UPDATE guides SET next_review_on = '2000-01-01' WHERE id = $1`, [overdue.id]);
    const [{ drafts, due }] = await ds().query(
      `SELECT (SELECT count(*)::int FROM guides g JOIN guide_revisions r ON r.id = g.draft_revision_id WHERE g.review_state = 'in_review' AND r.created_at < (SELECT created_at FROM guide_revisions WHERE id = (SELECT draft_revision_id FROM guides WHERE id = $1))) AS drafts,
              (SELECT count(*)::int FROM guides WHERE status = 'published' AND next_review_on < '2000-01-01') AS due`, [waiting.id]);
    const f = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const block = blockOf((await f.get('/')).text, 'guides-care');
    expect(block).toContain('Leitfäden, die Pflege brauchen');
    // Oldest first, five of each: ours are listed unless other tests left older ones.
    if (drafts < 5) expect(block).toContain(`href="/guides/${waiting.slug}/review"`);
    if (due < 5) expect(block).toContain(`href="/guides/${overdue.slug}"`);
    const m = await signedIn(t.app, await createUser(ds()));
    expect(blockOf((await m.get('/')).text, 'guides-care')).toBe('');
  });
});
