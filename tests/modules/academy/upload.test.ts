import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { csrfIn, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { SAMPLE_GIFT } from '../../support/academy-factories.js';

const settings = (slug: string): Record<string, string> => ({
  slug, title: 'Hochgeladenes Quiz', intro: '', language: 'de', passMark: '60', attemptLimit: '', timeLimitMinutes: '',
  questionsPerPage: '5', shuffleQuestions: '1', shuffleAnswers: '1', feedbackPolicy: 'after_attempt', source: '',
});

describe('academy: GIFT upload without JavaScript', () => {
  const t = useTestApp();
  const quizzes = async (slug: string) =>
    t.ctx.ds.query(`SELECT q.id, q.source, (SELECT count(*)::int FROM academy_questions x WHERE x.quiz_id = q.id) AS questions FROM academy_quizzes q WHERE q.slug = $1`, [slug]);

  async function upload(role: 'facilitator' | 'member', slug: string, file: Buffer) {
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role }));
    const token = csrfIn((await b.get(role === 'facilitator' ? '/academy/manage/quizzes/new' : '/barrierefreiheit')).text);
    const req = b.agent.post(`/academy/manage/quizzes/new?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(settings(slug))) req.field(k, v);
    return req.attach('giftFile', file, 'quiz.gift');
  }

  it('when a facilitator sends a GIFT file with the form and an empty text field, then the quiz is imported from the file', async () => {
    const slug = uniq('quiz-');
    const res = await upload('facilitator', slug, Buffer.from(SAMPLE_GIFT, 'utf8'));
    expect(res.status).toBe(303);
    expect(await quizzes(slug)).toEqual([expect.objectContaining({ source: 'upload', questions: 6 })]);
  });

  it('when the uploaded file is malformed, then 422 lists the lines and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('facilitator', slug, Buffer.from('Gut {T}\n\nSchlecht {~a ~b}\n', 'utf8'));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Zeile 3');
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when the file is larger than 512 KB, then 422 with a message and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('facilitator', slug, Buffer.alloc(600 * 1024, 'a'));
    expect(res.status).toBe(422);
    expect(res.text).toContain('höchstens 512 KB');
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when a member uploads, then 403 and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('member', slug, Buffer.from(SAMPLE_GIFT, 'utf8'));
    expect(res.status).toBe(403);
    expect(await quizzes(slug)).toEqual([]);
  });
});
