import { describe, expect, it } from '@jest/globals';
import { remindDueUseCases } from '../../../src/modules/usecases/index.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createUseCase } from '../../support/usecases-factories.js';

describe('use cases: owners are reminded once per review date', () => {
  const t = useTestApp();
  const reminders = async (userId: number) =>
    (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'usecase.reviewDue'`, [userId]))[0].n as number;

  it('when a published case is past its review date, then its owner gets one reminder, however often the check runs, and one more for a new date', async () => {
    const uc = await createUseCase(t.ctx.ds, { nextReviewAt: '2020-01-01' });
    const notDue = await createUseCase(t.ctx.ds, { nextReviewAt: '2999-01-01' });
    const draft = await createUseCase(t.ctx.ds, { nextReviewAt: '2020-01-01', published: false });
    await remindDueUseCases(t.ctx);
    expect(await reminders(uc.createdById)).toBe(1);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await f.get('/use-cases/review')).status).toBe(200);
    await remindDueUseCases(t.ctx);
    expect(await reminders(uc.createdById)).toBe(1);
    const [n] = await t.ctx.ds.query(`SELECT url FROM notifications WHERE user_id = $1 AND kind = 'usecase.reviewDue'`, [uc.createdById]);
    expect(n.url).toBe(`/use-cases/${uc.slug}`);
    expect(await reminders(notDue.createdById)).toBe(0);
    expect(await reminders(draft.createdById)).toBe(0);
    await t.ctx.ds.query(`UPDATE use_cases SET next_review_at = '2021-06-01' WHERE id = $1`, [uc.id]);
    await remindDueUseCases(t.ctx);
    expect(await reminders(uc.createdById)).toBe(2);
  });

  it('when a facilitator verifies a case, then the review date is renewed and a reminder is scheduled for the day after it', async () => {
    const uc = await createUseCase(t.ctx.ds);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await f.post(`/use-cases/${uc.slug}/verify`, {}, `/use-cases/${uc.slug}`);
    expect(res.status).toBe(303);
    const rows = await t.ctx.ds.query(
      `SELECT abs(extract(epoch FROM o.available_at - (u.next_review_at + 1)::timestamptz)) < 60 AS "dayAfter", u.next_review_at > current_date AS renewed
         FROM outbox o JOIN use_cases u ON u.id = $2 WHERE o.topic = 'usecases.review-due' AND o.key = $1`, [`usecases.review-due:${uc.id}`, uc.id]);
    expect(rows).toEqual([{ dayAfter: true, renewed: true }]);
  });
});
