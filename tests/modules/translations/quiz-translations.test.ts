// Quizzes in another language: `<quiz>.en.gift` beside `<quiz>.gift`, synced as a translation of the
// quiz; English readers take it, graded with the original's key, counting for its certificates.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncAcademy } from '../../../src/modules/academy/academy.content.js';
import { contentDir } from '../../../src/paths.js';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCourse, postPairs, questionsOf } from '../../support/academy-factories.js';

const GIFT_DE = `Womit beginnt ein Bürgerhaushalt? {
  =Information
  ~Abstimmung
}

Wie heißt das Verfahren? {=Bürgerhaushalt}
`;
const GIFT_EN = `What does participatory budgeting start with? {
  =Information
  ~Vote
}

What is the procedure called? {=participatory budgeting}
`;

describe('academy: quizzes in another language', () => {
  // The sync archives the file quizzes its manifest does not list: a database of its own.
  const t = useTestApp(usePrivateDatabase());

  /** A content folder with one quiz (German) and its English translation. */
  function folder(slug: string, o: { en?: string | null; translations?: string } = {}) {
    const dir = mkdtempSync(path.join(tmpdir(), 'academy-tr-'));
    const translations = o.translations ?? `\n    translations:\n      en: { title: Participatory budgeting quiz, intro: Two questions. }`;
    writeFileSync(path.join(dir, 'academy.yml'), `quizzes:\n  - slug: ${slug}\n    file: quiz.gift\n    title: Bürgerhaushalt-Quiz\n    intro: Zwei Fragen.\n    passMark: 100\n    shuffleQuestions: false${translations}\n`);
    writeFileSync(path.join(dir, 'quiz.gift'), GIFT_DE);
    if (o.en !== null) writeFileSync(path.join(dir, 'quiz.en.gift'), o.en ?? GIFT_EN);
    return dir;
  }
  const quizId = async (slug: string) => (await t.ctx.ds.query(`SELECT id FROM academy_quizzes WHERE slug = $1`, [slug]))[0].id as number;
  const translationRow = async (id: number) => (await t.ctx.ds.query(
    `SELECT t.title, t.updated_at AS "updatedAt", t.source_hash = q.content_hash AS current
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id WHERE t.quiz_id = $1 AND t.language = 'en'`, [id]))[0];
  const questionTexts = async (id: number) => t.ctx.ds.query(
    `SELECT x.text, x.choices FROM academy_question_translations x JOIN academy_questions q ON q.id = x.question_id
      WHERE q.quiz_id = $1 AND q.archived_at IS NULL AND x.language = 'en' ORDER BY q.position`, [id]);

  it('when a quiz has a .en.gift beside it, then the sync stores it as its translation, and a second sync changes nothing', async () => {
    const slug = uniq('tr-');
    const dir = folder(slug);
    const r1 = await syncAcademy(t.ctx, dir);
    expect(r1.errors).toEqual([]);
    expect(r1.created).toEqual([`quiz ${slug}`, `quiz ${slug} (en)`]);
    const id = await quizId(slug);
    const first = await translationRow(id);
    expect(first).toMatchObject({ title: 'Participatory budgeting quiz', current: true });
    const texts = await questionTexts(id);
    expect(texts.map((x: { text: string }) => x.text)).toEqual(['What does participatory budgeting start with?', 'What is the procedure called?']);
    // Choice texts are keyed by the original's choice ids.
    const [original] = await questionsOf(t.ctx.ds, id);
    expect(texts[0].choices).toEqual(Object.fromEntries(original!.choices.map((c) => [c.id, c.text === 'Information' ? 'Information' : 'Vote'])));

    const r2 = await syncAcademy(t.ctx, dir);
    expect(r2.unchanged).toEqual([`quiz ${slug}`, `quiz ${slug} (en)`]);
    expect(r2.created).toEqual([]);
    expect(r2.updated).toEqual([]);
    expect(await translationRow(id)).toEqual(first);

    // A file removed: the translation goes.
    rmSync(path.join(dir, 'quiz.en.gift'));
    const r3 = await syncAcademy(t.ctx, dir);
    expect(r3.archived).toEqual([`quiz ${slug} (en)`]);
    expect(r3.errors).toEqual([{ file: 'academy.yml', message: `${slug}: translations.en without a file quiz.en.gift` }]);
    expect(await translationRow(id)).toBeUndefined();
  });

  it('when a translation does not match the original, or has no title, then it is reported and nothing is stored', async () => {
    const slug = uniq('tr-');
    const mismatch = await syncAcademy(t.ctx, folder(slug, { en: 'What does it start with? {\n  =Information\n  ~Vote\n  ~Nothing\n}\n\nWhat is it called? {=pb}\n' }));
    expect(mismatch.created).toEqual([`quiz ${slug}`]);
    expect(mismatch.errors).toEqual([{ file: 'quiz.en.gift', line: 1, message: expect.stringContaining('question 1: the choices differ') }]);
    expect(await translationRow(await quizId(slug))).toBeUndefined();

    const fewer = await syncAcademy(t.ctx, folder(slug, { en: 'What is it called? {=pb}\n' }));
    expect(fewer.errors).toEqual([{ file: 'quiz.en.gift', message: expect.stringContaining('has 1 question(s), the original has 2') }]);

    const untitled = await syncAcademy(t.ctx, folder(slug, { translations: '' }));
    expect(untitled.errors).toEqual([{ file: 'quiz.en.gift', message: expect.stringContaining('add translations.en.title') }]);
    expect(await translationRow(await quizId(slug))).toBeUndefined();
  });

  it('when the original changes after the translation, then the translation is outdated until its own file changes', async () => {
    const slug = uniq('tr-');
    const dir = folder(slug);
    await syncAcademy(t.ctx, dir);
    const id = await quizId(slug);
    writeFileSync(path.join(dir, 'quiz.gift'), GIFT_DE.replace('Womit beginnt', 'Womit fängt'));
    const r = await syncAcademy(t.ctx, dir);
    expect(r.errors).toEqual([]);
    // The translation moved to the new questions with the quiz (its file is unchanged).
    expect(r.updated).toEqual([`quiz ${slug}`]);
    expect(r.unchanged).toContain(`quiz ${slug} (en)`);
    expect(await translationRow(id)).toMatchObject({ current: false });
    expect(await questionTexts(id)).toHaveLength(2);

    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const page = await (await signedIn(t.app, reader)).get(`/academy/quizzes/${slug}`);
    expect(page.text).toContain('<h1 class="kern-heading-large" lang="en">Participatory budgeting quiz</h1>');
    expect(page.text).toContain('This translation is outdated: the original (German) has changed since.');

    writeFileSync(path.join(dir, 'quiz.en.gift'), GIFT_EN.replace('start with', 'begin with'));
    expect((await syncAcademy(t.ctx, dir)).updated).toEqual([`quiz ${slug} (en)`]);
    expect(await translationRow(id)).toMatchObject({ current: true });
    const again = await (await signedIn(t.app, reader)).get(`/academy/quizzes/${slug}`);
    expect(again.text).not.toContain('This translation is outdated');
    expect(again.text).toContain('Translated from the original (German).');
  });

  it('when readers open a quiz, then English readers get the translation with lang="en", German ones the original, and a quiz without one falls back with a notice', async () => {
    const slug = uniq('tr-');
    await syncAcademy(t.ctx, folder(slug));
    const en = await new Browser(t.app).get(`/academy/quizzes/${slug}`).set('Accept-Language', 'en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1 class="kern-heading-large" lang="en">Participatory budgeting quiz</h1>');
    expect(en.text).toContain('<p class="kern-body" lang="en">Two questions.</p>');
    const de = await new Browser(t.app).get(`/academy/quizzes/${slug}`);
    expect(de.text).toMatch(/<h1 class="kern-heading-large"( lang="de")?>Bürgerhaushalt-Quiz<\/h1>/);
    expect(de.text).not.toContain('Participatory budgeting quiz');
    // ?lang= picks the original explicitly.
    const original = await new Browser(t.app).get(`/academy/quizzes/${slug}?lang=de`).set('Accept-Language', 'en');
    expect(original.text).toContain('<h1 class="kern-heading-large" lang="de">Bürgerhaushalt-Quiz</h1>');

    const plain = uniq('tr-');
    await syncAcademy(t.ctx, folder(plain, { en: null, translations: '' }));
    const fallback = await new Browser(t.app).get(`/academy/quizzes/${plain}`).set('Accept-Language', 'en');
    expect(fallback.text).toContain('<h1 class="kern-heading-large" lang="de">Bürgerhaushalt-Quiz</h1>');
    expect(fallback.text).toContain('This is not available in English yet. It is shown in the original language (German).');
  });

  it('when an English reader takes the English quiz, then it shows the English questions, accepts the English answer and counts for the course certificate', async () => {
    const slug = uniq('tr-');
    await syncAcademy(t.ctx, folder(slug));
    const id = await quizId(slug);
    const course = await createCourse(t.ctx.ds, [slug]);
    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, reader);
    const start = await postPairs(b, `/academy/quizzes/${slug}/attempts`, [['lang', 'en']], `/academy/quizzes/${slug}`);
    expect(start.status).toBe(303);
    const pageUrl = start.headers.location!;
    const attemptId = Number(/attempts\/(\d+)/.exec(pageUrl)![1]);
    const [row] = await t.ctx.ds.query(`SELECT quiz_id, language FROM academy_attempts WHERE id = $1`, [attemptId]);
    expect(row).toEqual({ quiz_id: id, language: 'en' });

    const page = await b.get(pageUrl);
    expect(page.text).toContain('What does participatory budgeting start with?');
    expect(page.text).toContain('Vote');
    expect(page.text).not.toContain('Womit beginnt');

    const [single, short] = await questionsOf(t.ctx.ds, id);
    const right = single!.choices.find((c) => c.weight === 100)!.id;
    await postPairs(b, pageUrl, [[`q${single!.id}`, right], [`q${short!.id}`, 'Participatory Budgeting'], ['nav', 'review']], pageUrl);
    await b.post(`/academy/attempts/${attemptId}/submit`, {}, `/academy/attempts/${attemptId}/review`);
    const [graded] = await t.ctx.ds.query(`SELECT state, passed, percent FROM academy_attempts WHERE id = $1`, [attemptId]);
    expect(graded).toEqual({ state: 'submitted', passed: true, percent: '100.0' });
    const certs = await t.ctx.ds.query(`SELECT id FROM academy_certificates WHERE course_id = $1 AND user_id = $2`, [course.id, reader.id]);
    expect(certs).toHaveLength(1);

    const result = await b.get(`/academy/attempts/${attemptId}`);
    expect(result.text).toContain('What is the procedure called?');
    expect(result.text).toContain('lang="en"');
  });

  it('when a German reader starts the same quiz, then the attempt is in the original', async () => {
    const slug = uniq('tr-');
    await syncAcademy(t.ctx, folder(slug));
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'de' }));
    const start = await postPairs(b, `/academy/quizzes/${slug}/attempts`, [['lang', 'de']], `/academy/quizzes/${slug}`);
    const attemptId = Number(/attempts\/(\d+)/.exec(start.headers.location!)![1]);
    expect((await t.ctx.ds.query(`SELECT language FROM academy_attempts WHERE id = $1`, [attemptId]))[0].language).toBeNull();
    const page = await b.get(start.headers.location!);
    expect(page.text).toContain('Womit beginnt ein Bürgerhaushalt?');
  });

  it('when the demo content is synced, then the introductory guide\'s quiz has its English translation, current', async () => {
    const dir = path.join(contentDir, 'academy');
    const count = (file: string) => (readFileSync(path.join(dir, file), 'utf8').match(/^::/gm) ?? []).length;
    expect(count('buergerhaushalt-grundlagen.en.gift')).toBe(count('buergerhaushalt-grundlagen.gift'));
    const r = await syncAcademy(t.ctx);
    expect(r.errors).toEqual([]);
    expect([...r.created, ...r.updated, ...r.unchanged]).toContain('quiz buergerhaushalt-grundlagen (en)');
    const row = await translationRow(await quizId('buergerhaushalt-grundlagen'));
    expect(row).toMatchObject({ title: 'Participatory budgeting – the basics', current: true });
    expect([...r.created, ...r.updated, ...r.unchanged]).toContain('course buergerhaushalt-in-der-praxis (en)');
  });

  it('when a course has translations.en in the manifest, then English readers see its title and summary with lang="en", outdated once the original changes', async () => {
    const slug = uniq('tr-');
    const course = uniq('kurs-');
    const dir = folder(slug);
    const base = readFileSync(path.join(dir, 'academy.yml'), 'utf8');
    const manifest = (summary: string, enTitle: string) => `${base}courses:\n  - slug: ${course}\n    title: Ein Kurs zum Testen\n    summary: ${summary}\n    quizzes: [${slug}]\n`
      + `    translations:\n      en: { title: ${enTitle}, summary: A course **for testing**. }\n`;
    writeFileSync(path.join(dir, 'academy.yml'), manifest('Ein **Kurs**.', 'A course for testing'));
    const r1 = await syncAcademy(t.ctx, dir);
    expect(r1.errors).toEqual([]);
    expect(r1.created).toEqual([`quiz ${slug}`, `quiz ${slug} (en)`, `course ${course}`, `course ${course} (en)`]);
    expect((await syncAcademy(t.ctx, dir)).unchanged).toContain(`course ${course} (en)`);

    const en = await new Browser(t.app).get(`/academy/courses/${course}`).set('Accept-Language', 'en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1 class="kern-heading-large" lang="en">A course for testing</h1>');
    expect(en.text).toContain('<div class="kern-body" lang="en"><p>A course <strong>for testing</strong>.</p>');
    expect(en.text).toContain('Title and summary translated from the original (German).');
    // Its quiz is listed by its English title.
    expect(en.text).toContain(`<a class="kern-link" href="/academy/quizzes/${slug}" lang="en">Participatory budgeting quiz</a>`);
    const list = await new Browser(t.app).get('/academy').set('Accept-Language', 'en');
    expect(list.text).toContain(`<h2 class="kern-heading-medium" lang="en"><a class="kern-link" href="/academy/courses/${course}">A course for testing</a></h2>`);
    const de = await new Browser(t.app).get(`/academy/courses/${course}`);
    expect(de.text).toMatch(/<h1 class="kern-heading-large"( lang="de")?>Ein Kurs zum Testen<\/h1>/);
    expect(de.text).not.toContain('A course for testing');

    // The original's summary changes, the translation not: outdated.
    writeFileSync(path.join(dir, 'academy.yml'), manifest('Ein **geänderter** Kurs.', 'A course for testing'));
    const r2 = await syncAcademy(t.ctx, dir);
    expect(r2.errors).toEqual([]);
    expect(r2.updated).toEqual([`course ${course}`]);
    expect(r2.unchanged).toContain(`course ${course} (en)`);
    const outdated = await new Browser(t.app).get(`/academy/courses/${course}`).set('Accept-Language', 'en');
    expect(outdated.text).toContain('This translation of title and summary is outdated: the original (German) has changed since.');
    // The translation is brought up to date: current again.
    writeFileSync(path.join(dir, 'academy.yml'), manifest('Ein **geänderter** Kurs.', 'A changed course for testing'));
    expect((await syncAcademy(t.ctx, dir)).updated).toEqual([`course ${course} (en)`]);
    const current = await new Browser(t.app).get(`/academy/courses/${course}`).set('Accept-Language', 'en');
    expect(current.text).not.toContain('is outdated');
    expect(current.text).toContain('A changed course for testing');
  });
});
