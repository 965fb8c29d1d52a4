import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncAcademy } from '../../../src/modules/academy/academy.content.js';
import { formatReports } from '../../../src/content-sync.js';
import { courseSearchSource } from '../../../src/modules/academy/academy.search.js';
import * as service from '../../../src/modules/academy/attempts.service.js';
import { createGuide } from '../../support/guides-factories.js';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCourse, createQuiz, questionsOf, SAMPLE_GIFT } from '../../support/academy-factories.js';

const quizFields = (slug: string, source: string) => ({
  slug, title: 'Neues Quiz', intro: '', language: 'de', passMark: '60', attemptLimit: '2', timeLimitMinutes: '',
  questionsPerPage: '5', shuffleQuestions: '1', shuffleAnswers: '1', feedbackPolicy: 'after_attempt', source,
});

describe('academy: facilitators', () => {
  const t = useTestApp();
  const quizCount = async (slug: string) => (await t.ctx.ds.query(`SELECT count(*)::int AS n FROM academy_quizzes WHERE slug = $1`, [slug]))[0].n;

  it('when a facilitator saves a quiz with malformed GIFT, then 422 lists the lines and nothing is stored', async () => {
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const slug = uniq('quiz-');
    const res = await f.post('/academy/manage/quizzes/new', quizFields(slug, 'Gut {T}\n\nSchlecht {~a ~b}\n\nAuch {#x}'), '/academy/manage/quizzes/new');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Zeile 3');
    expect(res.text).toContain('Zeile 5');
    expect(res.text).toContain('Keine Antwort ist als richtig markiert.');
    expect(await quizCount(slug)).toBe(0);
  });

  it('when a facilitator saves valid GIFT, then the quiz exists; editing shows the questions as GIFT again and saves changes', async () => {
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const slug = uniq('quiz-');
    const res = await f.post('/academy/manage/quizzes/new', { ...quizFields(slug, SAMPLE_GIFT), upload: '1' }, '/academy/manage/quizzes/new');
    expect(res.status).toBe(303);
    const [quiz] = await t.ctx.ds.query(`SELECT id, attempt_limit, pass_mark, source, time_limit_minutes FROM academy_quizzes WHERE slug = $1`, [slug]);
    expect(quiz).toMatchObject({ attempt_limit: 2, pass_mark: 60, source: 'upload', time_limit_minutes: null });
    expect(await questionsOf(t.ctx.ds, quiz.id)).toHaveLength(6);
    const edit = await f.get(`/academy/manage/quizzes/${slug}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('//! chapter: buergerhaushalt-planen/phasen');
    const saved = await f.post(`/academy/manage/quizzes/${slug}/edit`, quizFields(slug, 'Nur noch eine Frage {T}'), `/academy/manage/quizzes/${slug}/edit`);
    expect(saved.status).toBe(303);
    expect(await questionsOf(t.ctx.ds, quiz.id)).toHaveLength(1);
    const [{ archived }] = await t.ctx.ds.query(`SELECT count(*)::int AS archived FROM academy_questions WHERE quiz_id = $1 AND archived_at IS NOT NULL`, [quiz.id]);
    expect(archived).toBe(6);
  });

  it('when a member tries any academy write for facilitators, then 403 and nothing changes', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    const slug = uniq('quiz-');
    expect((await m.post('/academy/manage/quizzes/new', quizFields(slug, SAMPLE_GIFT), '/academy')).status).toBe(403);
    expect(await quizCount(slug)).toBe(0);
    expect((await m.post(`/academy/manage/quizzes/${quiz.slug}/edit`, quizFields(quiz.slug, 'X {T}'), '/academy')).status).toBe(403);
    expect(await questionsOf(t.ctx.ds, quiz.id)).toHaveLength(6);
    expect((await m.post('/academy/manage/courses/new', { slug: uniq('k-'), title: 'Kurs', quizSlugs: quiz.slug }, '/academy')).status).toBe(403);
    expect((await m.get('/academy/manage')).status).toBe(403);
    expect((await m.get(`/academy/manage/quizzes/${quiz.slug}/stats`)).status).toBe(403);
    // The service refuses too, whatever the route does.
    const member = await createUser(t.ctx.ds);
    await expect(service.grantExtraAttempt(t.ctx, { id: member.id, role: 'member' }, quiz.slug, member.id, '')).rejects.toMatchObject({ status: 403 });
  });

  it('when a facilitator creates a course, then it lists its quizzes in order and is queued for search', async () => {
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const a = await createQuiz(t.ctx.ds, { title: 'Erstes Quiz' });
    const b = await createQuiz(t.ctx.ds, { title: 'Zweites Quiz' });
    const guide = await createGuide(t.ctx.ds, { title: `Dialog ${uniq()}` });
    const slug = uniq('kurs-');
    const bad = await f.post('/academy/manage/courses/new', { slug, title: 'Kurs', summary: '', language: 'de', guideSlugs: 'a', quizSlugs: 'gibt-es-nicht' }, '/academy/manage/courses/new');
    expect(bad.status).toBe(422);
    const res = await f.post('/academy/manage/courses/new', { slug, title: 'Kurs Haushalt', summary: 'Über *Haushalte*', language: 'de', guideSlugs: `gibt-es-nicht-${slug}, ${guide.slug}`, quizSlugs: `${b.slug}, ${a.slug}` }, '/academy/manage/courses/new');
    expect(res.status).toBe(303);
    const page = await f.get(`/academy/courses/${slug}`);
    expect(page.text.indexOf('Zweites Quiz')).toBeLessThan(page.text.indexOf('Erstes Quiz'));
    expect(page.text).toContain(`href="/guides/${guide.slug}" lang="de">${guide.title}</a>`);
    // The facilitator sees the name that leads nowhere, marked; learners do not.
    expect(page.text).toContain(`gibt-es-nicht-${slug} (Leitfaden nicht veröffentlicht`);
    const learner = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await learner.get(`/academy/courses/${slug}`)).text).not.toContain(`gibt-es-nicht-${slug}`);
    const [course] = await t.ctx.ds.query(`SELECT id FROM academy_courses WHERE slug = $1`, [slug]);
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND key = $1`, [`search:course:${course.id}`]);
    expect(n).toBeGreaterThanOrEqual(1);
    const docs = await courseSearchSource(t.ctx.ds.manager, [course.id, 999999]);
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ id: `course:${course.id}`, type: 'course', title: 'Kurs Haushalt', url: `/academy/courses/${slug}`, visibility: 'public', language: 'de' });
    expect(docs[0]!.body).toContain('Haushalte');
    expect(docs[0]!.body).toContain('Erstes Quiz');
  });

  it('when a course names a quiz twice, then it is saved with the quiz once (found by the form fuzz: it answered 500)', async () => {
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const quiz = await createQuiz(t.ctx.ds, { title: 'Doppeltes Quiz' });
    const slug = uniq('kurs-');
    const res = await f.post('/academy/manage/courses/new', { slug, title: 'Kurs doppelt', summary: '', language: 'de', guideSlugs: '', quizSlugs: `${quiz.slug}, ${quiz.slug}` }, '/academy/manage/courses/new');
    expect(res.status).toBe(303);
    const [{ n }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n FROM academy_course_quizzes cq JOIN academy_courses c ON c.id = cq.course_id WHERE c.slug = $1`, [slug]);
    expect(n).toBe(1);
  });

  it('when statistics list chapters, then they name guide and chapter by title, and the guide filter offers titles, not slugs', async () => {
    const guide = await createGuide(t.ctx.ds, { title: `Leitfaden Statistik ${uniq()}` });
    const quiz = await createQuiz(t.ctx.ds, { shuffleQuestions: false });
    const first = (await questionsOf(t.ctx.ds, quiz.id))[0]!;
    const ref = `${guide.slug}/planung`;
    await t.ctx.ds.query(`UPDATE academy_questions SET chapter_ref = $2 WHERE id = $1`, [first.id, ref]);
    const wrong = first.choices.find((c) => c.weight <= 0)!;
    const u = await createUser(t.ctx.ds);
    const id = await service.startAttempt(t.ctx, { id: u.id, role: u.role }, quiz.slug);
    await service.submitAttempt(t.ctx, { id: u.id, role: u.role }, id, { page: 1, fields: { [`q${first.id}`]: wrong.id } });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));

    const stats = (await f.get(`/academy/manage/quizzes/${quiz.slug}/stats`)).text;
    expect(stats).toContain(`<a class="kern-link" href="/guides/${ref}" lang="de">${guide.title}: Planung</a>`);
    expect(stats).not.toContain(`>${ref}<`);
    const manage = (await f.get(`/academy/manage?guide=${guide.slug}`)).text;
    expect(manage).toContain(`<a class="kern-link" href="/guides/${ref}" lang="de">${guide.title}: Planung</a>`);
    expect(manage).toContain(`<option value="${guide.slug}" selected>${guide.title}</option>`);
    expect(manage).not.toContain(`>${ref}<`);
  });

  it('when attempts exist, then statistics show share correct, the most chosen wrong answer and failed chapters', async () => {
    const quiz = await createQuiz(t.ctx.ds, { shuffleQuestions: false });
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const first = qs[0]!;
    const wrong = first.choices.find((c) => c.text === 'Abstimmung')!;
    const right = first.choices.find((c) => c.weight === 100)!;
    for (const pick of [wrong, wrong, right]) {
      const u = await createUser(t.ctx.ds);
      const actor = { id: u.id, role: u.role };
      const id = await service.startAttempt(t.ctx, actor, quiz.slug);
      await service.submitAttempt(t.ctx, actor, id, { page: 1, fields: { [`q${first.id}`]: pick.id } });
    }
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const html = (await f.get(`/academy/manage/quizzes/${quiz.slug}/stats`)).text;
    expect(html).toContain('3 abgegebene Versuche');
    expect(html).toContain('Abstimmung (2)');
    expect(html).toMatch(/33,3\s*%/);
    const manage = (await f.get('/academy/manage?guide=buergerhaushalt-planen')).text;
    expect(manage).toContain('buergerhaushalt-planen/phasen');
    const [someone] = await t.ctx.ds.query(`SELECT u.handle, a.id FROM academy_attempts a JOIN users u ON u.id = a.user_id WHERE a.quiz_id = $1 LIMIT 1`, [quiz.id]);
    const member = await f.get(`/academy/manage/members/${someone.handle}`);
    expect(member.status).toBe(200);
    expect(member.text).toContain(`/academy/attempts/${someone.id}`);
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await m.get(`/academy/manage/members/${someone.handle}`)).status).toBe(403);
  });
});

describe('academy: content sync', () => {
  const t = useTestApp();

  it('when content/academy holds a manifest and GIFT files, then quizzes and courses are imported idempotently, a file\'s valid questions import and its refused items are reported with lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'academy-'));
    const good = uniq('sync-');
    const broken = uniq('sync-');
    const course = uniq('sync-kurs-');
    writeFileSync(path.join(dir, 'good.gift'), SAMPLE_GIFT);
    writeFileSync(path.join(dir, 'broken.gift'), 'Gut {T}\n\nEinleitung ohne Antworten.\n\n\nKaputt {=a\n');
    writeFileSync(path.join(dir, 'academy.yml'), `quizzes:
  - { slug: ${good}, file: good.gift, title: Gutes Quiz, passMark: 80, attemptLimit: 3, timeLimitMinutes: 15, feedback: after_pass }
  - { slug: ${broken}, file: broken.gift, title: Kaputtes Quiz }
courses:
  - { slug: ${course}, title: Sync-Kurs, guides: [buergerhaushalt-planen], quizzes: [${good}] }
`);
    const r1 = await syncAcademy(t.ctx, dir);
    expect(r1.created).toEqual([`quiz ${good}`, `quiz ${broken}`, `course ${course}`]);
    expect(r1.errors).toEqual([{ file: 'broken.gift', line: 6, message: 'The answer block is not closed with }.' }]);
    expect(r1.notices).toEqual([{ file: 'broken.gift', line: 3, message: 'Description (text without an answer block { … }), not imported.' }]);
    expect(formatReports({ academy: r1 })).toContain('  ! broken.gift:6: The answer block is not closed with }.');
    const [q] = await t.ctx.ds.query(`SELECT pass_mark, attempt_limit, time_limit_minutes, feedback_policy, source FROM academy_quizzes WHERE slug = $1`, [good]);
    expect(q).toEqual({ pass_mark: 80, attempt_limit: 3, time_limit_minutes: 15, feedback_policy: 'after_pass', source: 'file' });
    const questionsOfSlug = (slug: string) => t.ctx.ds.query(
      `SELECT x.text FROM academy_questions x JOIN academy_quizzes q ON q.id = x.quiz_id WHERE q.slug = $1 AND x.archived_at IS NULL ORDER BY x.position`, [slug]);
    expect(await questionsOfSlug(broken)).toEqual([{ text: 'Gut' }]);
    const r2 = await syncAcademy(t.ctx, dir);
    expect(r2.unchanged).toEqual([`quiz ${good}`, `quiz ${broken}`, `course ${course}`]);
    expect(r2.created).toEqual([]);

    // Fixed: the quiz gets the question that was refused.
    writeFileSync(path.join(dir, 'broken.gift'), 'Gut {T}\n\nRepariert {=a ~b}\n');
    const r3 = await syncAcademy(t.ctx, dir);
    expect(r3.updated).toEqual([`quiz ${broken}`]);
    expect(r3.errors).toEqual([]);
    expect(await questionsOfSlug(broken)).toEqual([{ text: 'Gut' }, { text: 'Repariert' }]);
  });

  it('when a GIFT file is not UTF-8 or has no valid question, then it is reported with its line and the quiz keeps its questions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'academy-'));
    const slug = uniq('sync-');
    writeFileSync(path.join(dir, 'academy.yml'), `quizzes:\n  - { slug: ${slug}, file: quiz.gift, title: Ein Quiz }\n`);
    writeFileSync(path.join(dir, 'quiz.gift'), 'Gut {T}\n');
    expect((await syncAcademy(t.ctx, dir)).created).toEqual([`quiz ${slug}`]);
    const before = await t.ctx.ds.query(`SELECT x.id, x.text FROM academy_questions x JOIN academy_quizzes q ON q.id = x.quiz_id WHERE q.slug = $1 AND x.archived_at IS NULL`, [slug]);

    writeFileSync(path.join(dir, 'quiz.gift'), Buffer.concat([Buffer.from('Gut {T}\n\nGr', 'utf8'), Buffer.from([0xf6]), Buffer.from('\u00dfe {F}\n', 'utf8')]));
    const latin1 = await syncAcademy(t.ctx, dir);
    expect(latin1.errors).toEqual([{ file: 'quiz.gift', line: 3, message: expect.stringContaining('not UTF-8') }]);
    expect(latin1.updated).toEqual([]);

    writeFileSync(path.join(dir, 'quiz.gift'), 'Essay {}\n');
    const none = await syncAcademy(t.ctx, dir);
    expect(none.errors).toEqual([{ file: 'quiz.gift', line: 1, message: expect.stringContaining('Essay questions') }]);
    expect(none.updated).toEqual([]);
    const after = await t.ctx.ds.query(`SELECT x.id, x.text FROM academy_questions x JOIN academy_quizzes q ON q.id = x.quiz_id WHERE q.slug = $1 AND x.archived_at IS NULL`, [slug]);
    expect(after).toEqual(before);
  });

  it('when a course is created through the factory, then it is listed on /academy with progress', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const c = await createCourse(t.ctx.ds, [quiz.slug]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const html = (await b.get('/academy')).text;
    expect(html).toContain(`/academy/courses/${c.slug}`);
    expect(html).toContain('0 von 1 Quizzen bestanden');
  });
});
