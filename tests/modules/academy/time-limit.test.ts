import { describe, expect, it } from '@jest/globals';
import { CLOSE_ATTEMPT_TOPIC } from '../../../src/modules/academy/attempts.model.js';
import { runHousekeeping } from '../../../src/worker.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';

async function start(b: Browser, slug: string): Promise<number> {
  const res = await b.post(`/academy/quizzes/${slug}/attempts`, {}, `/academy/quizzes/${slug}`);
  return Number(/\/academy\/attempts\/(\d+)\/pages\/1$/.exec(res.headers.location ?? '')![1]);
}

describe('academy: a timed attempt closes itself when the time runs out', () => {
  const t = useTestApp();
  const attemptRow = async (id: number) => (await t.ctx.ds.query(`SELECT * FROM academy_attempts WHERE id = $1`, [id]))[0];
  const closeRows = async (id: number) => t.ctx.ds.query(
    `SELECT id, available_at, processed_at, available_at - (SELECT deadline FROM academy_attempts WHERE id = $1) AS after_deadline
       FROM outbox WHERE topic = $2 AND payload->>'attemptId' = $1::text ORDER BY id`, [id, CLOSE_ATTEMPT_TOPIC]);

  /** One right answer saved in time, then the clock "moves" past deadline and grace: attempt and close row shifted back. */
  async function expiredAttempt() {
    const quiz = await createQuiz(t.ctx.ds, { timeLimitMinutes: 10, shuffleQuestions: false });
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    const first = qs[0]!;
    await postPairs(b, page, [[`q${first.id}`, first.choices.find((c) => c.weight === 100)!.id], ['nav', 'save']], page);
    const [row] = await closeRows(id);
    expect(row).toBeDefined();
    // Due right after the deadline plus the 30 s grace, not before.
    expect(row.after_deadline).toMatchObject({ seconds: 31 });
    await t.ctx.ds.query(`UPDATE academy_attempts SET started_at = started_at - interval '1 hour', deadline = deadline - interval '1 hour' WHERE id = $1`, [id]);
    await t.ctx.ds.query(`UPDATE academy_attempt_answers SET saved_at = saved_at - interval '1 hour' WHERE attempt_id = $1`, [id]);
    await t.ctx.ds.query(`UPDATE outbox SET available_at = available_at - interval '1 hour' WHERE id = $1`, [row.id]);
    return { b, id, quiz, qs, user };
  }

  it('when the time runs out and the learner does not come back, then the worker grades the attempt on what was saved and closes it', async () => {
    const { id } = await expiredAttempt();
    expect((await attemptRow(id)).state).toBe('open');
    await t.drain();
    const row = await attemptRow(id);
    expect(row).toMatchObject({ state: 'submitted', late: true, passed: false });
    expect(Number(row.score)).toBe(1);
    const [close] = await closeRows(id);
    expect(close.processed_at).not.toBeNull();
  });

  it('when the learner comes back after the worker closed it, then saving or submitting leads to the result as for a late request, and the grade stays', async () => {
    const { b, id, qs, quiz } = await expiredAttempt();
    await t.drain();
    const late = await postPairs(b, `/academy/attempts/${id}/pages/1`, [...rightAnswers(qs), ['nav', 'review']], `/academy/quizzes/${quiz.slug}`);
    expect(late.status).toBe(303);
    expect(late.headers.location).toBe(`/academy/attempts/${id}`);
    const result = await b.get(`/academy/attempts/${id}`);
    expect(result.status).toBe(200);
    expect(result.text).toContain('Die Zeit ist abgelaufen.');
    const again = await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/quizzes/${quiz.slug}`);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/academy/attempts/${id}`);
    expect(Number((await attemptRow(id)).score)).toBe(1);
  });

  it('when the learner submitted in time, then the close row changes nothing', async () => {
    const quiz = await createQuiz(t.ctx.ds, { timeLimitMinutes: 10, shuffleQuestions: false });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    const page = `/academy/attempts/${id}/pages/1`;
    await postPairs(b, page, [...rightAnswers(await questionsOf(t.ctx.ds, quiz.id)), ['nav', 'review']], page);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    const before = await attemptRow(id);
    expect(before).toMatchObject({ state: 'submitted', passed: true, late: false });
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1 AND payload->>'attemptId' = $2::text`, [CLOSE_ATTEMPT_TOPIC, String(id)]);
    await t.drain();
    expect(await attemptRow(id)).toEqual(before);
    const rows = await closeRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0].processed_at).not.toBeNull();
  });

  it('when the close row comes before the deadline (it was moved), then the attempt stays open and a new row waits for the deadline', async () => {
    const quiz = await createQuiz(t.ctx.ds, { timeLimitMinutes: 10 });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE topic = $1 AND payload->>'attemptId' = $2::text`, [CLOSE_ATTEMPT_TOPIC, String(id)]);
    await t.drain();
    expect((await attemptRow(id)).state).toBe('open');
    const rows = await closeRows(id);
    expect(rows).toHaveLength(2);
    expect(rows[1].processed_at).toBeNull();
    expect(rows[1].after_deadline).toMatchObject({ seconds: 31 });
  });

  it('when an untimed attempt starts, then no close row is written', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const id = await start(b, quiz.slug);
    expect(await closeRows(id)).toHaveLength(0);
  });

  it('when an expired attempt has no close row (started before they existed), then housekeeping closes it', async () => {
    const { id } = await expiredAttempt();
    await t.ctx.ds.query(`DELETE FROM outbox WHERE topic = $1 AND payload->>'attemptId' = $2::text`, [CLOSE_ATTEMPT_TOPIC, String(id)]);
    await runHousekeeping(t.ctx);
    expect(await attemptRow(id)).toMatchObject({ state: 'submitted', late: true });
  });
});
