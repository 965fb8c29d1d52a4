import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useTestApp } from '../../support/app.js';
import { csrfIn, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { SAMPLE_GIFT } from '../../support/academy-factories.js';
import { eventually, filesIn, multipartBody, sessionOf, startUpload, within } from '../../support/uploads.js';

const settings = (slug: string): Record<string, string> => ({
  slug, title: 'Hochgeladenes Quiz', intro: '', language: 'de', passMark: '60', attemptLimit: '', timeLimitMinutes: '',
  questionsPerPage: '5', shuffleQuestions: '1', shuffleAnswers: '1', feedbackPolicy: 'after_attempt', source: '',
});

describe('academy: GIFT upload without JavaScript', () => {
  // The default layout (uploads under <DATA_DIR>/uploads), with a data directory of this file's own.
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data');
  const t = useTestApp({ DATA_DIR: dataDir });
  const incoming = () => filesIn(path.join(dataDir, 'uploads', 'incoming'));
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

  it('when the file is larger than 512 KB, then 422 with a message, the fields (also after the file) kept, no temporary file and nothing stored', async () => {
    const slug = uniq('quiz-');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const token = csrfIn((await b.get('/academy/manage/quizzes/new')).text);
    const req = b.agent.post(`/academy/manage/quizzes/new?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(settings(slug))) if (k !== 'source') req.field(k, v);
    const res = await req.attach('giftFile', Buffer.alloc(600 * 1024, 'a'), 'quiz.gift').field('source', 'Mein Entwurf {T}');
    expect(res.status).toBe(422);
    expect(res.text).toContain('höchstens 512 KB');
    expect(res.text).toContain('value="Hochgeladenes Quiz"');
    expect(res.text).toContain('Mein Entwurf {T}</textarea>');
    expect(incoming()).toEqual({});
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when a GIFT file is still arriving, then what has arrived is on disk, not in memory, and after the import no temporary file is left', async () => {
    const slug = uniq('quiz-');
    const { cookie, token } = await sessionOf(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }), '/academy/manage/quizzes/new');
    const gift = Buffer.from(`${SAMPLE_GIFT}\n${'// Kommentar\n'.repeat(30_000)}`, 'utf8');
    const form = multipartBody({ ...settings(slug), source: '' }, { field: 'giftFile', name: 'quiz.gift', content: gift });
    const part = form.head.length + 300 * 1024;
    const up = await startUpload(t.app, {
      path: `/academy/manage/quizzes/new?_csrf=${encodeURIComponent(token)}`, cookie,
      contentType: form.contentType, declaredLength: form.length, firstPart: form.body.subarray(0, part),
    });
    try {
      await eventually(() => Object.values(incoming()).find((size) => size >= 200 * 1024));
      await up.sendRest(form.body.subarray(part));
      expect((await within(up.reply, 20_000, 'GIFT upload')).status).toBe(303);
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
    expect(await quizzes(slug)).toEqual([expect.objectContaining({ source: 'upload', questions: 6 })]);
  });

  it('when a member sends a large GIFT upload, then 403 arrives before the body is sent and nothing is written', async () => {
    const member = await createUser(t.ctx.ds);
    const { cookie, token } = await sessionOf(t.app, member);
    const form = multipartBody(settings(uniq('quiz-')), { field: 'giftFile', name: 'quiz.gift', content: Buffer.alloc(0) });
    const up = await startUpload(t.app, {
      path: `/academy/manage/quizzes/new?_csrf=${encodeURIComponent(token)}`, cookie,
      contentType: form.contentType, declaredLength: form.length + 10 * 1024 * 1024, firstPart: form.head,
    });
    try {
      expect((await within(up.reply, 20_000, 'refused GIFT upload')).status).toBe(403);
    } finally {
      await up.close();
    }
    expect(incoming()).toEqual({});
  });

  it('when a member uploads, then 403 and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('member', slug, Buffer.from(SAMPLE_GIFT, 'utf8'));
    expect(res.status).toBe(403);
    expect(await quizzes(slug)).toEqual([]);
  });
});
