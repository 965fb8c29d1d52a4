// The academy's activity facts end to end: a learner passes quizzes through the pages (the first
// pass counts once), completes a course and gets its certificate, a facilitator revokes the badge;
// the ledger follows. Also the backfill from the academy's activityHistory.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { signedIn, type Browser } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { revokeAssertion } from '../../../src/modules/academy/certificates.service.js';
import { replayHistory } from '../../../src/modules/recognition/ledger.service.js';

const t = useTestApp();

const total = async (u: { id: number }) =>
  Number((await t.ctx.ds.query(`SELECT coalesce(sum(points), 0) AS s FROM recognition_ledger WHERE user_id = $1`, [u.id]))[0].s);

/** Takes the quiz through its pages, all right or all wrong, and submits. */
async function take(b: Browser, quiz: { id: number; slug: string }, right: boolean): Promise<void> {
  const started = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
  expect(started.status).toBe(303);
  const id = Number(/\/academy\/attempts\/(\d+)\//.exec(started.headers.location!)![1]);
  const page = `/academy/attempts/${id}/pages/1`;
  const answers = right ? rightAnswers(await questionsOf(t.ctx.ds, quiz.id)) : [];
  expect((await postPairs(b, page, [...answers, ['nav', 'review']], page)).status).toBe(303);
  expect((await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`)).status).toBe(303);
}

describe('academy activity', () => {
  it('when a learner passes a quiz twice, then it counts once (5); a failed attempt counts nothing', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const learner = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, learner);
    await take(b, quiz, false);
    await t.drain();
    expect(await total(learner)).toBe(0);
    await take(b, quiz, true);
    await take(b, quiz, true);
    await t.drain();
    expect(await total(learner)).toBe(5);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, item_id, url FROM recognition_facts WHERE fact = $1`, [`academy.quiz_passed:${quiz.id}:${learner.id}`]);
    expect(fact).toEqual({ item_type: 'academy_quiz', item_id: String(quiz.id), url: `/academy/quizzes/${quiz.slug}` });
  });

  it('when a learner completes a course, then the certificate counts 20 under its guides\' areas; revoking the badge reverses it', async () => {
    const guide = await createGuide(t.ctx.ds, { tags: ['datenschutz'] });
    const q1 = await createQuiz(t.ctx.ds);
    const q2 = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [q1.slug, q2.slug], [guide.slug]);
    const learner = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, learner);
    await take(b, q1, true);
    await t.drain();
    expect(await total(learner)).toBe(5);
    await take(b, q2, true);
    await t.drain();
    expect(await total(learner)).toBe(5 + 5 + 20);
    const [fact] = await t.ctx.ds.query(`SELECT item_type, item_id, url, competences FROM recognition_facts WHERE fact = $1`,
      [`academy.certificate:${course.slug}:${learner.id}`]);
    expect(fact).toEqual({ item_type: 'academy_course', item_id: course.slug, url: `/academy/courses/${course.slug}`, competences: ['accessibility-privacy'] });

    const [assertion] = await t.ctx.ds.query(`SELECT id FROM academy_badge_assertions WHERE user_id = $1 AND course_id = $2`, [learner.id, course.id]);
    await revokeAssertion(t.ctx, await createUser(t.ctx.ds, { role: 'facilitator' }), assertion.id, 'Irrtum');
    await t.drain();
    expect(await total(learner)).toBe(10);
  });

  it('when the academy facts are lost, then the backfill restores passes and standing certificates, not revoked ones', async () => {
    const q1 = await createQuiz(t.ctx.ds);
    const q2 = await createQuiz(t.ctx.ds);
    const kept = await createCourse(t.ctx.ds, [q1.slug]);
    const revoked = await createCourse(t.ctx.ds, [q2.slug]);
    const learner = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, learner);
    await take(b, q1, true);
    await take(b, q2, true);
    const [assertion] = await t.ctx.ds.query(`SELECT id FROM academy_badge_assertions WHERE user_id = $1 AND course_id = $2`, [learner.id, revoked.id]);
    await revokeAssertion(t.ctx, await createUser(t.ctx.ds, { role: 'facilitator' }), assertion.id, 'Irrtum');
    await t.drain();
    expect(await total(learner)).toBe(30);

    await t.ctx.ds.query(`DELETE FROM recognition_facts WHERE user_id = $1`, [learner.id]);
    await replayHistory(t.ctx.ds, t.ctx, { beneficiaries: [learner.id] });
    expect(await total(learner)).toBe(30);
    const facts = await t.ctx.ds.query(`SELECT fact FROM recognition_facts WHERE user_id = $1 AND holds ORDER BY fact`, [learner.id]);
    expect(facts.map((f: { fact: string }) => f.fact).sort()).toEqual([
      `academy.certificate:${kept.slug}:${learner.id}`, `academy.quiz_passed:${q1.id}:${learner.id}`, `academy.quiz_passed:${q2.id}:${learner.id}`,
    ].sort());
  });
});
