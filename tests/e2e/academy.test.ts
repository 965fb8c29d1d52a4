// The academy in the browser (issue 6): a learner takes a quiz with every question kind, fails one
// question (and with it the attempt), follows the link to the guide chapter it tests, retakes,
// passes, and downloads the certificate and the Open Badges PNG. Every academy page is checked
// with axe, the answering pages once per question kind; then the facilitator pages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, expectAccessible, follow, signIn, signInAs, submitForm, tr, useE2E, visit } from './support/index.js';
import { projectRoot } from '../../src/paths.js';
import { createCourse, createQuiz, questionsOf, rightAnswers, SAMPLE_GIFT, type QuestionInfo } from '../support/academy-factories.js';
import { createGuide } from '../support/guides-factories.js';
import { expectValidOb2 } from '../support/open-badges.js';
import { readBakedText, readPngChunks } from '../../src/shared/open-badges.js';

/** Fills the one question on the page with the given [name, value] pairs (radio, checkbox, text or ordering select). */
async function answer(page: Page, q: QuestionInfo, pairs: [string, string][]): Promise<void> {
  for (const [name, value] of pairs) {
    if (q.kind === 'ordering') await page.locator(`select[name="${name}"]`).selectOption(value);
    else if (q.kind === 'short' || q.kind === 'numeric') await page.locator(`#${name}-text`).fill(value);
    else await page.locator(`input[name="${name}"][value="${value}"]`).check();
  }
}

describe('academy', () => {
  const e = useE2E();

  it('when a learner fails one question, re-reads its chapter, retakes and passes, then the certificate and the baked badge are there and every academy page passes axe', async () => {
    const ds = e.server.ctx.ds;
    const audit = new AxeAudit();
    // A guide whose chapters the quiz's questions point to, so the "re-read" link leads somewhere real.
    const guide = await createGuide(ds, {
      chapters: [
        { slug: 'phasen', title: 'Phasen', body: 'Zuerst wird informiert, dann vorgeschlagen, dann abgestimmt.' },
        { slug: 'ablauf', title: 'Ablauf', body: 'Information, Vorschläge, Abstimmung.' },
      ],
    });
    const gift = SAMPLE_GIFT.replaceAll('buergerhaushalt-planen/', `${guide.slug}/`);
    // One question per page: the answering page is checked once per question kind. 6 of 7 points < 90 %.
    const quiz = await createQuiz(ds, { gift, passMark: 90, questionsPerPage: 1, shuffleQuestions: false, attemptLimit: 3 });
    const course = await createCourse(ds, [quiz.slug], [guide.slug]);
    const questions = await questionsOf(ds, quiz.id);
    expect(questions.map((q) => q.kind)).toEqual(['single', 'multiple', 'truefalse', 'short', 'numeric', 'ordering']);

    const learner = await createMember(e.server, 'member');
    const page = await e.newPage();
    // A visitor sees the academy, the course and the quiz's start page.
    await visit(page, '/academy');
    await audit.check(page, 'academy (visitor)');
    await visit(page, `/academy/courses/${course.slug}`);
    await audit.check(page, 'course (visitor)');
    await visit(page, `/academy/quizzes/${quiz.slug}`);
    await audit.check(page, 'quiz start page (visitor)');

    await signIn(page, learner);
    await visit(page, '/academy');
    await audit.check(page, 'academy with progress');
    await visit(page, `/academy/courses/${course.slug}`);
    await follow(page, page.getByRole('link', { name: quiz.settings.title }));
    await audit.check(page, 'quiz start page');

    // ---- attempt 1: everything right except the first question ----
    const takeQuiz = async (wrongFirst: boolean, check: boolean) => {
      await visit(page, `/academy/quizzes/${quiz.slug}`);
      await submitForm(page, `/academy/quizzes/${quiz.slug}/attempts`, tr('academy.quiz.start'));
      for (const [i, q] of questions.entries()) {
        expect(new URL(page.url()).pathname).toMatch(new RegExp(`/pages/${i + 1}$`));
        if (check) await audit.check(page, `answering: ${q.kind}`);
        const right = rightAnswers([q]);
        const wrong = q.choices.find((c) => c.weight <= 0);
        await answer(page, q, wrongFirst && i === 0 ? [[`q${q.id}`, wrong!.id]] : right);
        const last = i === questions.length - 1;
        const action = new URL(page.url()).pathname;
        await submitForm(page, action, tr(last ? 'academy.attempt.toReview' : 'academy.attempt.next'));
      }
      expect(new URL(page.url()).pathname).toMatch(/\/review$/);
      if (check) await audit.check(page, 'review before submitting');
      const attemptId = new URL(page.url()).pathname.split('/')[3]!;
      await submitForm(page, `/academy/attempts/${attemptId}/submit`, tr('academy.review.submit'));
      expect(new URL(page.url()).pathname).toBe(`/academy/attempts/${attemptId}`);
      return attemptId;
    };

    // The ordering question left incomplete shows its error on the page.
    await submitForm(page, `/academy/quizzes/${quiz.slug}/attempts`, tr('academy.quiz.start'));
    const openId = new URL(page.url()).pathname.split('/')[3]!;
    await visit(page, `/academy/attempts/${openId}/pages/6`);
    await page.locator('select').first().selectOption({ index: 1 });
    await submitForm(page, `/academy/attempts/${openId}/pages/6`, tr('academy.attempt.save'));
    expect(new URL(page.url()).searchParams.get('incomplete')).toBe(String(questions[5]!.id));
    await audit.check(page, 'answering: ordering incomplete');
    await visit(page, `/academy/attempts/${openId}/review`);
    await audit.check(page, 'review with unanswered questions');
    await submitForm(page, `/academy/attempts/${openId}/submit`, tr('academy.review.submit'));
    await audit.check(page, 'result: failed (almost nothing answered)');

    const first = await takeQuiz(true, true);
    const [a1] = await ds.query(`SELECT passed, score::float AS score, max_score::float AS max FROM academy_attempts WHERE id = $1`, [first]);
    expect(a1).toEqual({ passed: false, score: 6, max: 7 });
    await audit.check(page, 'result: failed one question');

    // The wrong question links to the chapter it tests; the link leads to that chapter.
    // Named by guide and chapter titles, never by slug.
    const reread = page.getByRole('link', { name: `${guide.title}: Phasen`, exact: true });
    await expect(page.locator('main').innerText()).resolves.not.toContain(`${guide.slug}/phasen`);
    await expect(reread.count()).resolves.toBe(1);
    await expect(reread.getAttribute('href')).resolves.toBe(`/guides/${guide.slug}/phasen`);
    await follow(page, reread);
    expect(new URL(page.url()).pathname).toBe(`/guides/${guide.slug}/phasen`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('Phasen');

    // ---- attempt 2: all right ----
    const second = await takeQuiz(false, false);
    const [a2] = await ds.query(`SELECT passed, score::float AS score FROM academy_attempts WHERE id = $1`, [second]);
    expect(a2).toEqual({ passed: true, score: 7 });
    await audit.check(page, 'result: passed');
    await visit(page, `/academy/quizzes/${quiz.slug}`);
    await audit.check(page, 'quiz start page with past attempts');

    // ---- the course is complete: certificate, badge ----
    await visit(page, `/academy/courses/${course.slug}`);
    await audit.check(page, 'course completed');
    await follow(page, page.getByRole('link', { name: tr('academy.certificate.view') }));
    const certPath = new URL(page.url()).pathname;
    expect(certPath).toMatch(/^\/academy\/certificates\/[^/]+$/);
    await audit.check(page, 'certificate');
    await expect(page.getByText(learner.name).count()).resolves.toBeGreaterThan(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: tr('academy.badge.download') }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${course.slug}-badge.png`);
    const png = readFileSync((await download.path())!);
    const chunks = readPngChunks(png);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    expect(chunks.some((c) => c.type === 'iTXt' && c.data.subarray(0, 11).toString('latin1') === 'openbadges\0')).toBe(true);
    const assertion = JSON.parse(readBakedText(png)!);
    expectValidOb2('Assertion', assertion);
    const hosted = await page.request.get(assertion.id);
    expect(hosted.status()).toBe(200);
    expect(await hosted.json()).toEqual(assertion);

    // The verification page, as anyone would open it.
    const verifyUrl = await page.locator('main a[href$="/verify"]').first().getAttribute('href');
    const visitor = await e.newPage();
    await visit(visitor, new URL(verifyUrl!).pathname);
    await audit.check(visitor, 'certificate verification (visitor)');
    await expect(visitor.getByText(learner.name).count()).resolves.toBeGreaterThan(0);

    // ---- facilitator pages ----
    const f = await e.newPage();
    await signInAs(f, e.server, 'facilitator');
    await visit(f, '/academy/manage');
    await audit.check(f, 'manage');
    await visit(f, `/academy/manage/quizzes/${quiz.slug}/stats`);
    await audit.check(f, 'statistics');
    await submitForm(f, `/academy/manage/quizzes/${quiz.slug}/extra-attempts`, tr('academy.stats.grant'));
    await expect(f.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(f, 'statistics: extra attempt with errors');
    await f.locator('#field-handle').fill(learner.handle);
    await f.locator('#field-reason').fill('Technische Störung beim ersten Versuch');
    await submitForm(f, `/academy/manage/quizzes/${quiz.slug}/extra-attempts`, tr('academy.stats.grant'));
    expect(new URL(f.url()).pathname).toBe(`/academy/manage/quizzes/${quiz.slug}/stats`);
    await audit.check(f, 'statistics: extra attempt granted');
    await visit(f, `/academy/manage/members/${learner.handle}`);
    await audit.check(f, 'member attempts');
    await visit(f, `/academy/attempts/${first}`);
    await audit.check(f, 'a member\'s result (facilitator)');
    await visit(f, certPath);
    await audit.check(f, 'certificate with revocation form (facilitator)');
    await visit(f, '/academy/manage/quizzes/new');
    await audit.check(f, 'authoring: new quiz');
    await f.locator('#field-title').fill('Kaputtes Quiz');
    await f.locator('#field-slug').fill(`kaputt-${Date.now()}`);
    await f.locator('#field-source').fill('Frage ohne Ende {\n=Antwort\n\n::Zweite:: Noch eine {~a =b\n');
    await submitForm(f, '/academy/manage/quizzes/new', tr('form.save'));
    await expect(f.locator('#error-summary').count()).resolves.toBe(1);
    await expect(f.locator('main').innerText()).resolves.toMatch(/\b(Zeile|line)\b/i);
    await audit.check(f, 'authoring with GIFT errors');
    await visit(f, `/academy/manage/quizzes/${quiz.slug}/edit`);
    await audit.check(f, 'authoring: edit quiz');
    await visit(f, '/academy/manage/courses/new');
    await audit.check(f, 'authoring: new course');
    await submitForm(f, '/academy/manage/courses/new', tr('form.save'));
    await expect(f.locator('#error-summary').count()).resolves.toBe(1);
    await audit.check(f, 'authoring: new course with errors');
    await visit(f, `/academy/manage/courses/${course.slug}/edit`);
    await audit.check(f, 'authoring: edit course');

    // Revocation: the verification page then says so.
    await visit(f, certPath);
    await f.locator('#field-reason').fill('Versehentlich ausgestellt');
    await submitForm(f, `${certPath}/revoke`, tr('academy.badge.revoke'));
    await audit.check(f, 'certificate revoked (facilitator)');
    await visit(visitor, new URL(verifyUrl!).pathname);
    await visitor.getByText(tr('academy.verify.revoked')).first().waitFor();
    await audit.check(visitor, 'verification of a revoked certificate');

    audit.assertClean();
  });

  it('when a facilitator without JavaScript uploads a Moodle export with items Praxis cannot import, then the page lists them and one click imports the valid questions', async () => {
    const ds = e.server.ctx.ds;
    const file = path.join(projectRoot, 'tests', 'fixtures', 'gift', '07-moodle-export.gift');
    const facilitator = await createMember(e.server, 'facilitator');
    const uploadExport = async (page: Page, slug: string) => {
      await visit(page, '/academy/manage/quizzes/new');
      await page.locator('#field-title').fill('Aus Moodle');
      await page.locator('#field-slug').fill(slug);
      await page.locator('#gift-file').setInputFiles(file);
      await submitForm(page, '/academy/manage/quizzes/new', tr('form.save'));
    };

    // With JavaScript (the file is read into the field at once): the report page passes axe.
    const withJs = await e.newPage();
    await signIn(withJs, facilitator);
    await uploadExport(withJs, `moodle-js-${Date.now()}`);
    await withJs.locator('#gift-report').waitFor();
    await expectAccessible(withJs, 'authoring: GIFT items refused, the valid ones offered');

    const f = await e.newPage({ javaScript: false });
    await signIn(f, facilitator);
    const slug = `moodle-${Date.now()}`;
    await uploadExport(f, slug);
    const report = f.locator('#gift-report');
    await expect(report.locator('[data-gift-refused] li').allInnerTexts()).resolves.toEqual([
      `${tr('academy.gift.line', { line: 45 })}: ${tr('academy.gift.error.essayUnsupported')}`,
      `${tr('academy.gift.line', { line: 53 })}: ${tr('academy.gift.error.matchingUnsupported')}`,
    ]);
    await expect(report.locator('[data-gift-skipped] li').allInnerTexts()).resolves.toEqual([
      `${tr('academy.gift.line', { line: 49 })}: ${tr('academy.gift.skipped.description')}`,
    ]);
    await expect(f.locator('#field-source').inputValue()).resolves.toContain('::Council::');
    expect(await ds.query(`SELECT 1 FROM academy_quizzes WHERE slug = $1`, [slug])).toEqual([]);

    await follow(f, f.getByRole('button', { name: tr('academy.gift.importValid.other', { count: 5 }) }));
    expect(new URL(f.url()).pathname).toBe(`/academy/quizzes/${slug}`);
    await expect(f.locator('main').innerText()).resolves.toContain(tr('academy.gift.importedPartly', { count: 5, lines: '45, 53' }));
    const stored = await ds.query(
      `SELECT x.kind FROM academy_questions x JOIN academy_quizzes q ON q.id = x.quiz_id WHERE q.slug = $1 AND q.source = 'upload' ORDER BY x.position`, [slug]);
    expect(stored.map((r: { kind: string }) => r.kind)).toEqual(['single', 'multiple', 'truefalse', 'short', 'numeric']);
  });
});
