import { describe, expect, it } from '@jest/globals';
import * as service from '../../../src/modules/academy/attempts.service.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createQuiz, postPairs, questionsOf, rightAnswers, SAMPLE_GIFT } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';

async function start(b: Browser, slug: string): Promise<number> {
  const res = await b.post(`/academy/quizzes/${slug}/attempts`, {}, `/academy/quizzes/${slug}`);
  expect(res.status).toBe(303);
  const m = /\/academy\/attempts\/(\d+)\/pages\/1$/.exec(res.headers.location ?? '');
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('academy: taking a quiz', () => {
  const t = useTestApp();
  const attemptRow = async (id: number) => (await t.ctx.ds.query(`SELECT * FROM academy_attempts WHERE id = $1`, [id]))[0];
  const answerCount = async (id: number) => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_attempt_answers WHERE attempt_id = $1`, [id]))[0].n;

  it('when a member answers everything right and submits, then the server grades it passed and the result shows the score', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    const saved = await postPairs(b, page, [...rightAnswers(qs), ['nav', 'review']], page);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/academy/attempts/${id}/review`);
    expect(await answerCount(id)).toBe(6);
    const submitted = await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    expect(submitted.status).toBe(303);
    const row = await attemptRow(id);
    expect(row).toMatchObject({ state: 'submitted', passed: true, late: false });
    expect(Number(row.score)).toBe(7);
    expect(Number(row.max_score)).toBe(7);
    const result = await b.get(`/academy/attempts/${id}`);
    expect(result.status).toBe(200);
    expect(result.text).toContain('Bestanden');
    expect(result.text).toContain('Zuerst wird informiert.');
  });

  it('when the attempt page is shown, then it contains no answer key: no weights, feedback, explanations, accepted answers or the right order', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const html = (await b.get(`/academy/attempts/${id}/pages/1`)).text;
    expect(html).toContain('Womit beginnt ein Bürgerhaushalt?');
    // Random tokens (CSRF, choice ids) may contain any digits; the key must not appear anywhere else.
    // Addresses and element ids hold database ids (attempt 100, a thread 1007 in the header …), never the key.
    const scrubbed = html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/\b[0-9a-f]{10}\b/g, 'ID')
      .replace(/\b(href|action|src|id|for|aria-[a-z]+)="[^"]*"/g, '');
    for (const secret of ['RICHTIG-FEEDBACK', 'FALSCH-FEEDBACK', 'Zuerst wird informiert', 'Beteiligungshaushalt', 'weight', 'position', 'correct', '100', '-100']) {
      expect(scrubbed).not.toContain(secret);
    }
    // The ordering items never start in the right order.
    const i = html.indexOf('Ordnen Sie die Phasen');
    const tail = html.slice(i);
    const order = ['Information', 'Vorschläge', 'Abstimmung'].map((w) => tail.indexOf(`>${w}</label>`));
    expect(order.every((x) => x > 0)).toBe(true);
    expect(order[0]! < order[1]! && order[1]! < order[2]!).toBe(false);
  });

  it('when a page is saved and reloaded, then the answers are still there', async () => {
    const quiz = await createQuiz(t.ctx.ds, { questionsPerPage: 3, shuffleQuestions: false });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const right = qs[0]!.choices.find((c) => c.weight === 100)!;
    const page = `/academy/attempts/${id}/pages/1`;
    const res = await postPairs(b, page, [[`q${qs[0]!.id}`, right.id], ['nav', 'next']], page);
    expect(res.headers.location).toBe(`/academy/attempts/${id}/pages/2`);
    const again = await b.get(page);
    expect(again.text).toMatch(new RegExp(`value="${right.id}" checked`));
    // Page 2 has the other questions only.
    const p2 = await b.get(`/academy/attempts/${id}/pages/2`);
    expect(p2.text).toContain('Wie heißt das Verfahren?');
    expect(p2.text).not.toContain('Womit beginnt');
  });

  it('when a choice id is tampered with, then 422 and nothing is saved', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    const good = rightAnswers(qs);
    for (const bad of [[`q${qs[0]!.id}`, 'deadbeef00'], [`q${qs[0]!.id}`, qs[1]!.choices[0]!.id], ['q999999', 'x']] as [string, string][]) {
      const res = await postPairs(b, page, [...good.filter(([n]) => n !== bad[0]), bad, ['nav', 'save']], page);
      expect(res.status).toBe(422);
      expect(await answerCount(id)).toBe(0);
    }
    // two answers to a single-choice question
    const two = await postPairs(b, page, [[`q${qs[0]!.id}`, qs[0]!.choices[0]!.id], [`q${qs[0]!.id}`, qs[0]!.choices[1]!.id]], page);
    expect(two.status).toBe(422);
    expect(await answerCount(id)).toBe(0);
  });

  it('when an attempt is submitted twice, then the second is refused and the grade does not change', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const review = `/academy/attempts/${id}/review`;
    const csrfPage = `/academy/quizzes/${quiz.slug}`;
    expect((await b.post(`/academy/attempts/${id}/submit`, {}, review)).status).toBe(303);
    const before = await attemptRow(id);
    const replay = await b.post(`/academy/attempts/${id}/submit`, {}, csrfPage);
    expect(replay.status).toBe(409);
    const page = await postPairs(b, `/academy/attempts/${id}/pages/1`, [], csrfPage);
    expect(page.status).toBe(409);
    expect(await attemptRow(id)).toEqual(before);
  });

  it('when two submissions of one attempt race, then it is graded once and the other gets 409', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const actor = { id: user.id, role: user.role };
    const id = await service.startAttempt(t.ctx, actor, quiz.slug);
    const results = await Promise.allSettled([1, 2, 3].map(() => service.submitAttempt(t.ctx, actor, id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason.status).toBe(409);
    expect((await attemptRow(id)).state).toBe('submitted');
  });

  it('when the time is up, then saving is refused and the attempt is graded on what was saved in time', async () => {
    const quiz = await createQuiz(t.ctx.ds, { timeLimitMinutes: 10, shuffleQuestions: false });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    const first = qs[0]!;
    await postPairs(b, page, [[`q${first.id}`, first.choices.find((c) => c.weight === 100)!.id], ['nav', 'save']], page);
    // The clock moves on: the deadline passed long ago.
    await t.ctx.ds.query(`UPDATE academy_attempts SET started_at = now() - interval '1 hour', deadline = now() - interval '50 minutes' WHERE id = $1`, [id]);
    await t.ctx.ds.query(`UPDATE academy_attempt_answers SET saved_at = now() - interval '55 minutes' WHERE attempt_id = $1`, [id]);
    const csrfPage = `/academy/quizzes/${quiz.slug}`;
    const late = await postPairs(b, page, [...rightAnswers(qs), ['nav', 'review']], csrfPage);
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe(`/academy/attempts/${id}`);
    const row = await attemptRow(id);
    expect(row).toMatchObject({ state: 'submitted', late: true, passed: false });
    expect(Number(row.score)).toBe(1);
  });

  it('when an answer was saved after the deadline plus grace, then it does not count', async () => {
    const quiz = await createQuiz(t.ctx.ds, { timeLimitMinutes: 5 });
    const user = await createUser(t.ctx.ds);
    const actor = { id: user.id, role: user.role };
    const id = await service.startAttempt(t.ctx, actor, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    await t.ctx.ds.query(`UPDATE academy_attempts SET deadline = now() - interval '10 minutes' WHERE id = $1`, [id]);
    // Slipped in directly (as if a save had raced the clock): saved_at is after the deadline.
    await t.ctx.ds.query(`INSERT INTO academy_attempt_answers (attempt_id, question_id, response) VALUES ($1, $2, $3)`,
      [id, qs[2]!.id, JSON.stringify({ choiceIds: ['false'] })]);
    const r = await service.submitAttempt(t.ctx, actor, id);
    expect(r.late).toBe(true);
    expect(Number((await attemptRow(id)).score)).toBe(0);
  });

  it('when the attempt limit is reached, then no further attempt starts until a facilitator grants one', async () => {
    const quiz = await createQuiz(t.ctx.ds, { attemptLimit: 1 });
    const member = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, member);
    const id = await start(b, quiz.slug);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    const refused = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
    expect(refused.status).toBe(409);
    const count = async () => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_attempts WHERE quiz_id = $1`, [quiz.id]))[0].n;
    expect(await count()).toBe(1);

    // A member cannot grant; nothing changes.
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    const denied = await other.post(`/academy/manage/quizzes/${quiz.slug}/extra-attempts`, { handle: member.handle, reason: 'x' }, `/academy/quizzes/${quiz.slug}`);
    expect(denied.status).toBe(403);
    const grants = async () => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_extra_attempts WHERE quiz_id = $1`, [quiz.id]))[0].n;
    expect(await grants()).toBe(0);

    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const granted = await f.post(`/academy/manage/quizzes/${quiz.slug}/extra-attempts`, { handle: member.handle, reason: 'Krank' }, `/academy/manage/quizzes/${quiz.slug}/stats`);
    expect(granted.status).toBe(303);
    expect(await grants()).toBe(1);
    // The member is told by the quiz's title, and the audit log names it the same way, not by slug.
    const [note] = await t.ctx.ds.query(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'academy.extraAttempt'`, [member.id]);
    expect(note.title).toBe('Testquiz');
    const [audit] = await t.ctx.ds.query(`SELECT details FROM audit_log WHERE action = 'academy.attempt.grant' AND subject_id = $1`, [String(member.id)]);
    expect(audit.details).toEqual({ quiz: 'Testquiz' });
    await start(b, quiz.slug);
    expect(await count()).toBe(2);
  });

  it('when someone else opens an attempt, then 404; a facilitator may see a submitted result', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const stranger = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await stranger.get(`/academy/attempts/${id}/pages/1`)).status).toBe(404);
    expect((await stranger.get(`/academy/attempts/${id}`)).status).toBe(404);
    const saved = await postPairs(stranger, `/academy/attempts/${id}/pages/1`, [], '/academy');
    expect(saved.status).toBe(404);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await f.get(`/academy/attempts/${id}`)).status).toBe(200);
  });

  it('when a wrong answer tests a chapter, then the result links to the chapter; with after_pass the explanation stays hidden', async () => {
    const guide = await createGuide(t.ctx.ds, { chapters: [{ slug: 'phasen', title: 'Die Phasen', body: 'Text.' }] });
    const quiz = await createQuiz(t.ctx.ds, { feedbackPolicy: 'after_pass', shuffleQuestions: false, gift: SAMPLE_GIFT.replaceAll('buergerhaushalt-planen/', `${guide.slug}/`) });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    await postPairs(b, page, [[`q${qs[0]!.id}`, qs[0]!.choices.find((c) => c.weight === 0)!.id], ['nav', 'review']], page);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    const html = (await b.get(`/academy/attempts/${id}`)).text;
    expect(html).toContain(`href="/guides/${guide.slug}/phasen" lang="de">${guide.title}: Die Phasen</a>`);
    expect(html).toContain('Nicht bestanden');
    expect(html).not.toContain('Zuerst wird informiert.');
  });

  it('when a visitor looks around, then courses and rules are public but starting an attempt needs sign-in', async () => {
    const quiz = await createQuiz(t.ctx.ds, { attemptLimit: 2, timeLimitMinutes: 15 });
    const v = new Browser(t.app);
    const page = await v.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('15 Minuten');
    expect(page.text).toContain('/login?next=');
    const res = await v.post(`/academy/quizzes/${quiz.slug}/attempts`, {});
    expect(res.status).toBe(401);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_attempts WHERE quiz_id = $1`, [quiz.id]);
    expect(n).toBe(0);
  });

  it('when several starts race, then one attempt is created and the limit holds', async () => {
    const quiz = await createQuiz(t.ctx.ds, { attemptLimit: 1 });
    const user = await createUser(t.ctx.ds);
    const actor = { id: user.id, role: user.role };
    const ids = await Promise.all([1, 2, 3, 4].map(() => service.startAttempt(t.ctx, actor, quiz.slug)));
    expect(new Set(ids).size).toBe(1);
    await service.submitAttempt(t.ctx, actor, ids[0]!);
    const again = await Promise.allSettled([1, 2].map(() => service.startAttempt(t.ctx, actor, quiz.slug)));
    expect(again.every((r) => r.status === 'rejected' && r.reason.status === 409)).toBe(true);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_attempts WHERE quiz_id = $1`, [quiz.id]);
    expect(n).toBe(1);
  });
});
