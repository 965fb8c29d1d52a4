import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../src/paths.js';
import { translate } from '../../../src/shared/i18n.js';
import { useTestApp } from '../../support/app.js';
import { type Browser, csrfIn, signedIn } from '../../support/agent.js';
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

  async function upload(role: 'facilitator' | 'member', slug: string, file: Buffer | null, extra: Record<string, string> = {}, b?: Browser) {
    b ??= await signedIn(t.app, await createUser(t.ctx.ds, { role }));
    const token = csrfIn((await b.get(role === 'facilitator' ? '/academy/manage/quizzes/new' : '/barrierefreiheit')).text);
    const req = b.agent.post(`/academy/manage/quizzes/new?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries({ ...settings(slug), ...extra })) req.field(k, v);
    return file ? req.attach('giftFile', file, 'quiz.gift') : req;
  }
  const storedQuestions = async (slug: string) => t.ctx.ds.query(
    `SELECT x.kind, x.title FROM academy_questions x JOIN academy_quizzes q ON q.id = x.quiz_id WHERE q.slug = $1 AND x.archived_at IS NULL ORDER BY x.position`, [slug]);
  const moodleExport = readFileSync(path.join(projectRoot, 'tests', 'fixtures', 'gift', '07-moodle-export.gift'));
  /** What a browser sends back from the page's GIFT field: entities decoded, the leading line break dropped, CRLF line ends. */
  const textareaOf = (html: string) => {
    const m = /<textarea[^>]*name="source"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
    if (!m) throw new Error('no GIFT field on the page');
    const text = m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x60;/g, '`')
      .replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    return text.replace(/^\r?\n/, '').replace(/\r?\n/g, '\r\n');
  };
  const confirmIn = (html: string) => /name="confirm" value="([0-9a-f]+)"/.exec(html)?.[1];
  const de = (key: string, vars?: Record<string, unknown>) => translate('de', key, vars);
  /** A list entry of the GIFT report as the page shows it (escaped like every text). */
  const entry = (line: number, key: string) => Handlebars.escapeExpression(`${de('academy.gift.line', { line })}: ${de(key)}`);

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

  it('when an uploaded Moodle export holds items Praxis does not import, then 422 lists each with line and reason, keeps the text and offers the valid questions; nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('facilitator', slug, moodleExport);
    expect(res.status).toBe(422);
    expect(res.text).toContain(entry(45, 'academy.gift.error.essayUnsupported'));
    expect(res.text).toContain(entry(53, 'academy.gift.error.matchingUnsupported'));
    expect(res.text).toContain(entry(49, 'academy.gift.skipped.description'));
    expect(res.text).toContain(de('academy.gift.importValid.other', { count: 5 }));
    expect(textareaOf(res.text).replace(/\r\n/g, '\n')).toBe(moodleExport.toString('utf8'));
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when the facilitator then chooses "import the 5 valid questions", then exactly those are stored and the message names the lines left out', async () => {
    const slug = uniq('quiz-');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const first = await upload('facilitator', slug, moodleExport, {}, b);
    const res = await upload('facilitator', slug, null, { source: textareaOf(first.text), upload: '1', confirm: confirmIn(first.text)! }, b);
    expect(res.status).toBe(303);
    expect(await quizzes(slug)).toEqual([expect.objectContaining({ source: 'upload', questions: 5 })]);
    expect(await storedQuestions(slug)).toEqual([
      { kind: 'single', title: 'Council' }, { kind: 'multiple', title: 'Channels' }, { kind: 'truefalse', title: 'Binding' },
      { kind: 'short', title: 'Term' }, { kind: 'numeric', title: 'Members' }]);
    const page = (await b.get(res.headers.location!)).text;
    expect(page).toContain(de('academy.gift.importedPartly', { count: 5, lines: '45, 53' }));
    expect(page).toContain(de('academy.gift.descriptionsSkipped', { lines: '49' }));
    const [audit] = await t.ctx.ds.query(`SELECT details FROM audit_log WHERE action = 'academy.quiz.create' AND subject_id = (SELECT id::text FROM academy_quizzes WHERE slug = $1)`, [slug]);
    expect(audit.details).toEqual({ refusedLines: [45, 53], skippedLines: [49] });
  });

  it('when the text was changed after the list was shown, then the confirmation is refused with a message and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const first = await upload('facilitator', slug, moodleExport, {}, b);
    const changed = `${textareaOf(first.text)}\r\n\r\nNoch ein Essay {}\r\n`;
    const res = await upload('facilitator', slug, null, { source: changed, confirm: confirmIn(first.text)! }, b);
    expect(res.status).toBe(422);
    expect(res.text).toContain(de('academy.gift.confirmStale'));
    expect(res.text).toContain(de('academy.gift.importValid.other', { count: 5 }));
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when the facilitator fixes the text instead, then saving imports every question without a second step', async () => {
    const slug = uniq('quiz-');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const first = await upload('facilitator', slug, Buffer.from('Gut {T}\n\nSchlecht {~a ~b}\n', 'utf8'), {}, b);
    expect(first.status).toBe(422);
    expect(first.text).toContain(de('academy.gift.importValid.one'));
    const res = await upload('facilitator', slug, null, { source: 'Gut {T}\r\n\r\nRepariert {=a ~b}\r\n' }, b);
    expect(res.status).toBe(303);
    expect(await quizzes(slug)).toEqual([expect.objectContaining({ questions: 2 })]);
    expect((await b.get(res.headers.location!)).text).toContain(de('academy.manage.quizSaved'));
  });

  it('when every item of a file is refused, then no import button is offered and a forged confirmation stores nothing', async () => {
    const slug = uniq('quiz-');
    const source = 'Essay {}\n\nZuordnung {=a -> b =c -> d}\n';
    const res = await upload('facilitator', slug, Buffer.from(source, 'utf8'));
    expect(res.status).toBe(422);
    expect(confirmIn(res.text)).toBeUndefined();
    const forged = await upload('facilitator', slug, null, { source, confirm: 'f'.repeat(32) });
    expect(forged.status).toBe(422);
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when the only items left out are descriptions, then the quiz is saved at once and a notice names their lines', async () => {
    const slug = uniq('quiz-');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await upload('facilitator', slug, Buffer.from('Die folgenden Fragen betreffen den Haushalt.\n\nFrage {T}\n', 'utf8'), {}, b);
    expect(res.status).toBe(303);
    expect(await quizzes(slug)).toEqual([expect.objectContaining({ questions: 1 })]);
    const page = (await b.get(res.headers.location!)).text;
    expect(page).toContain(de('academy.gift.descriptionsSkipped', { lines: '1' }));
    expect(page).toContain(de('academy.manage.quizSaved'));
  });

  it.each([
    ['Latin-1 (ä as one byte)', Buffer.from('Frage {T}\n\nZweite Frage mit \xe4 {F}\n', 'latin1'), 3, 'academy.gift.error.notUtf8'],
    ['UTF-16 with byte order mark', Buffer.from('\ufeffFrage {T}\n', 'utf16le'), 1, 'academy.gift.error.utf16'],
  ])('when the uploaded file is %s, then 422 names the line of the first bad byte and nothing is stored', async (_what, file, line, key) => {
    const slug = uniq('quiz-');
    const res = await upload('facilitator', slug, file);
    expect(res.status).toBe(422);
    expect(res.text).toContain(de('academy.gift.fileRefused'));
    expect(res.text).toContain(entry(line, key));
    expect(res.text).not.toContain('\ufffd');
    expect(await quizzes(slug)).toEqual([]);
  });

  it('when a member uploads, then 403 and nothing is stored', async () => {
    const slug = uniq('quiz-');
    const res = await upload('member', slug, Buffer.from(SAMPLE_GIFT, 'utf8'));
    expect(res.status).toBe(403);
    expect(await quizzes(slug)).toEqual([]);
  });
});
