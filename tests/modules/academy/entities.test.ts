import { describe, expect, it } from '@jest/globals';
import { Attempt, Course, Question, Quiz } from '../../../src/modules/academy/index.js';
import * as service from '../../../src/modules/academy/attempts.service.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';

describe('academy entities', () => {
  const t = useTestApp();

  it('when rows are read through the entities, then every column maps to the migrated schema', async () => {
    const quiz = await createQuiz(t.ctx.ds, { attemptLimit: 2 });
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const user = await createUser(t.ctx.ds);
    const attemptId = await service.startAttempt(t.ctx, { id: user.id, role: user.role }, quiz.slug);
    const q = await t.ctx.ds.getRepository(Quiz).findOneByOrFail({ slug: quiz.slug });
    expect(q).toMatchObject({ attemptLimit: 2, feedbackPolicy: 'after_attempt', archivedAt: null });
    const questions = await t.ctx.ds.getRepository(Question).findBy({ quizId: q.id });
    expect(questions).toHaveLength(6);
    expect(questions.find((x) => x.kind === 'ordering')!.choices).toHaveLength(3);
    const c = await t.ctx.ds.getRepository(Course).findOneByOrFail({ id: course.id });
    expect(c.guideSlugs).toEqual(['buergerhaushalt-planen']);
    const a = await t.ctx.ds.getRepository(Attempt).findOneByOrFail({ id: attemptId });
    expect(a).toMatchObject({ state: 'open', number: 1, userId: user.id });
    expect(a.layout).toHaveLength(6);
  });
});
