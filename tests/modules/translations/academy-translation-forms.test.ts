// Quiz and course translations in the academy editor (issue 18): facilitators only, the GIFT text
// matched to the original with the sync's rules (refused with line-numbered reasons, text kept),
// English readers see what was saved, saving clears "outdated", and search finds the translated
// course (with its quizzes' translated titles) in English with ?lang=en.
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import Handlebars from 'handlebars';
import { inTransaction } from '../../../src/db/transaction.js';
import { upsertCourse, upsertQuiz } from '../../../src/modules/academy/authoring.service.js';
import { parseQuizSource } from '../../../src/modules/academy/authoring.model.js';
import { courseTranslationKey, courseTranslationOfKey } from '../../../src/modules/academy/translations.store.js';
import { courseTranslationSearchSource } from '../../../src/modules/academy/translations.search.js';
import { modules } from '../../../src/modules/registry.js';
import { registeredSources, searchEngine } from '../../../src/modules/search/index.js';
import { applyChanges, collapse } from '../../../src/modules/search/search.indexer.js';
import type { OutboxMessage } from '../../../src/shared/outbox.js';
import { translate } from '../../../src/shared/i18n.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { createQuiz } from '../../support/academy-factories.js';

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

/** A made-up word no other test uses (letters only). */
const word = () => `acadtr${Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;
const esc = (s: string) => Handlebars.escapeExpression(s);
const de = (key: string, vars?: Record<string, unknown>) => translate('de', key, vars);

describe('academy: translating quizzes and courses in the editor', () => {
  const t = useTestApp();

  const facilitator = async () => signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
  const quizTranslation = async (quizId: number) => (await t.ctx.ds.query(
    `SELECT t.title, t.intro, t.updated_by_id AS "updatedById", t.source_hash = q.content_hash AS current
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id WHERE t.quiz_id = $1 AND t.language = 'en'`, [quizId]))[0];
  const courseTranslation = async (courseId: number) => (await t.ctx.ds.query(
    `SELECT t.title, t.summary, t.updated_by_id AS "updatedById", (t.source_title = c.title AND t.source_summary = c.summary) AS current
       FROM academy_course_translations t JOIN academy_courses c ON c.id = t.course_id WHERE t.course_id = $1 AND t.language = 'en'`, [courseId]))[0];
  const newCourse = async (quizSlugs: string[], title = 'Ein Kurs zum Übersetzen', summary = 'Ein **Kurs**.') => {
    const slug = uniq('kurs-');
    const { id } = await inTransaction(t.ctx.ds, (db) => upsertCourse(db, { slug, title, summary, language: 'de', guideSlugs: [], quizSlugs }, 'app'));
    return { id, slug, title, summary };
  };

  /** Applies the queued search rows of one document to the engine (what the worker does). */
  async function indexQueued(type: string, id: number) {
    const found = (await t.ctx.ds.query(
      `SELECT id, payload FROM outbox WHERE topic = 'search.index' AND payload->>'type' = $1 AND (payload->>'id')::bigint = $2 ORDER BY id`, [type, id])) as { id: string; payload: unknown }[];
    const messages = found.map((r) => ({ id: Number(r.id), payload: r.payload }) as unknown as OutboxMessage);
    await applyChanges(t.ctx.ds, searchEngine(t.ctx), registeredSources(modules), collapse(messages));
    return messages.length;
  }

  it('when a member who is not a facilitator opens or sends a translation form, then 403 and nothing is stored', async () => {
    const quiz = await createQuiz(t.ctx.ds, { gift: GIFT_DE });
    const course = await newCourse([quiz.slug]);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(`/academy/manage/quizzes/${quiz.slug}/translations/en`)).status).toBe(403);
    expect((await member.get(`/academy/manage/courses/${course.slug}/translations/en`)).status).toBe(403);
    expect((await member.post(`/academy/manage/quizzes/${quiz.slug}/translations/en`, { title: 'A quiz', intro: '', source: GIFT_EN })).status).toBe(403);
    expect((await member.post(`/academy/manage/courses/${course.slug}/translations/en`, { title: 'A course', summary: 'A course.' })).status).toBe(403);
    expect(await quizTranslation(quiz.id)).toBeUndefined();
    expect(await courseTranslation(course.id)).toBeUndefined();
    // Visitors are sent to sign in; nothing is stored either.
    const visitor = await new Browser(t.app).post(`/academy/manage/courses/${course.slug}/translations/en`, { title: 'A course', summary: '' });
    expect([302, 303, 401, 403]).toContain(visitor.status);
    expect(await courseTranslation(course.id)).toBeUndefined();
  });

  it('when the translated GIFT text does not fit the original, then 422 on the same form with line-numbered reasons, the text kept, and nothing stored', async () => {
    const quiz = await createQuiz(t.ctx.ds, { gift: GIFT_DE });
    const f = await facilitator();
    const form = `/academy/manage/quizzes/${quiz.slug}/translations/en`;
    const page = await f.get(form);
    expect(page.status).toBe(200);
    // The form starts with the original's questions for the translator to replace.
    expect(page.text).toContain('Womit beginnt ein Bürgerhaushalt?');

    // A third choice in question 1 (line 1): the choices differ.
    const moreChoices = 'What does it start with? {\n  =Information\n  ~Vote\n  ~Nothing\n}\n\nWhat is it called? {=pb}\n';
    const res = await f.post(form, { title: 'Participatory budgeting quiz', intro: 'Two questions.', source: moreChoices }, form);
    expect(res.status).toBe(422);
    expect(res.text).toContain(esc(`${de('academy.gift.line', { line: 1 })}: ${de('academy.translation.mismatch.choices', { number: 1 })}`));
    expect(res.text).toContain(esc(moreChoices.split('\n')[0]!));
    expect(res.text).toContain('value="Participatory budgeting quiz"');
    expect(res.text).toContain('id="translation-form"');

    // Question 2 (line 4) of another kind.
    const otherKind = 'What does it start with? {\n  =Information\n  ~Vote\n}\n\nIs it binding? {T}\n';
    const kind = await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: otherKind }, form);
    expect(kind.status).toBe(422);
    expect(kind.text).toContain(esc(`${de('academy.gift.line', { line: 6 })}: ${de('academy.translation.mismatch.kind', { number: 2, kind: 'truefalse', original: 'short' })}`));

    // Fewer questions: no line, the counts.
    const fewer = await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: 'What is it called? {=pb}\n' }, form);
    expect(fewer.status).toBe(422);
    expect(fewer.text).toContain(esc(de('academy.translation.mismatch.count', { count: 1, original: 2 })));

    // GIFT that cannot be read: the parser's line and reason.
    const broken = 'Good? {T}\n\nBad {~a ~b}\n';
    const unread = await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: broken }, form);
    expect(unread.status).toBe(422);
    expect(unread.text).toMatch(/<ul class="kern-list" data-translation-problems><li>Zeile 3: /);

    // A title too short: the field's message, the GIFT text kept.
    const short = await f.post(form, { title: 'x', intro: '', source: GIFT_EN }, form);
    expect(short.status).toBe(422);
    expect(short.text).toContain(esc(de('academy.form.titleRequired')));
    expect(short.text).toContain('What does participatory budgeting start with?');

    // Not another content language: 404.
    expect((await f.get(`/academy/manage/quizzes/${quiz.slug}/translations/de`)).status).toBe(404);
    expect((await f.post(`/academy/manage/quizzes/${quiz.slug}/translations/xx`, { title: 'Quiz', intro: '', source: GIFT_EN }, form)).status).toBe(404);
    expect(await quizTranslation(quiz.id)).toBeUndefined();
  });

  it('when a facilitator saves a quiz translation, then English readers get it, the editor shows who saved it, and saving again clears "outdated"', async () => {
    const quiz = await createQuiz(t.ctx.ds, { gift: GIFT_DE, title: 'Bürgerhaushalt-Quiz' });
    const translator = await createUser(t.ctx.ds, { role: 'facilitator', name: 'Tamara Übersetzerin' });
    const f = await signedIn(t.app, translator);
    const form = `/academy/manage/quizzes/${quiz.slug}/translations/en`;
    const saved = await f.post(form, { title: 'Participatory budgeting quiz', intro: 'Two questions.', source: GIFT_EN }, form);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/academy/quizzes/${quiz.slug}?lang=en`);
    expect(await quizTranslation(quiz.id)).toEqual({ title: 'Participatory budgeting quiz', intro: 'Two questions.', updatedById: translator.id, current: true });
    const audit = await t.ctx.ds.query(`SELECT action, details FROM audit_log WHERE subject_type = 'academy_quiz' AND subject_id = $1`, [quiz.id]);
    expect(audit).toEqual([{ action: 'academy.quiz.translate', details: { language: 'en' } }]);

    const reader = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'en' }));
    const page = await reader.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.text).toContain('<h1 class="kern-heading-large" lang="en">Participatory budgeting quiz</h1>');
    expect(page.text).toContain('<p class="kern-body" lang="en">Two questions.</p>');
    expect(page.text).not.toContain('This translation is outdated');
    // An English attempt shows the translated questions.
    const started = await reader.post(`/academy/quizzes/${quiz.slug}/attempts`, { lang: 'en' }, `/academy/quizzes/${quiz.slug}`);
    expect(started.status).toBe(303);
    const attempt = await reader.get(started.headers.location!);
    expect(attempt.text).toContain('What does participatory budgeting start with?');

    // The form shows the translation as saved (by whom), its GIFT text with the translated texts.
    const again = await f.get(form);
    expect(again.text).toContain('Tamara Übersetzerin');
    expect(again.text).toContain('What does participatory budgeting start with?');
    expect(again.text).toContain('value="Participatory budgeting quiz"');

    // The original changes (its title): the translation is outdated, for readers and in the editor.
    await inTransaction(t.ctx.ds, (db) => upsertQuiz(db, { ...quiz.settings, title: 'Bürgerhaushalt-Quiz (neu)' }, parseQuizSource(GIFT_DE), 'app', null));
    expect(await quizTranslation(quiz.id)).toMatchObject({ current: false });
    expect((await reader.get(`/academy/quizzes/${quiz.slug}`)).text).toContain('This translation is outdated: the original (German) has changed since.');
    expect((await f.get(form)).text).toContain(esc(de('academy.translation.outdated', { original: 'Deutsch' })));
    expect((await f.get('/academy/manage')).text).toContain(`href="/academy/manage/quizzes/${quiz.slug}/translations/en" data-translation="en">Englisch</a> (${de('academy.translation.states.outdated')})`);

    // Saved again from the form (the same text): written from the current original, no longer outdated.
    expect((await f.post(form, { title: 'Participatory budgeting quiz', intro: 'Two questions.', source: GIFT_EN }, form)).status).toBe(303);
    expect(await quizTranslation(quiz.id)).toMatchObject({ current: true });
    expect((await reader.get(`/academy/quizzes/${quiz.slug}`)).text).not.toContain('This translation is outdated');
  });

  it('when a facilitator saves a course translation, then English readers see it; a refused one keeps the text; saving again clears "outdated"', async () => {
    const course = await newCourse([]);
    const translator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const f = await signedIn(t.app, translator);
    const form = `/academy/manage/courses/${course.slug}/translations/en`;
    expect((await f.get(form)).text).toContain(esc(de('academy.translation.none', { language: 'Englisch' })));

    const refused = await f.post(form, { title: 'A', summary: 'A course **for translating**.' }, form);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(esc(de('academy.form.titleRequired')));
    expect(refused.text).toContain('A course **for translating**.');
    expect(await courseTranslation(course.id)).toBeUndefined();

    const saved = await f.post(form, { title: 'A course for translating', summary: 'A course **for translating**.' }, form);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/academy/courses/${course.slug}?lang=en`);
    expect(await courseTranslation(course.id)).toEqual({ title: 'A course for translating', summary: 'A course **for translating**.', updatedById: translator.id, current: true });

    const en = await new Browser(t.app).get(`/academy/courses/${course.slug}`).set('Accept-Language', 'en');
    expect(en.text).toContain('<h1 class="kern-heading-large" lang="en">A course for translating</h1>');
    expect(en.text).toContain('<div class="kern-body" lang="en"><p>A course <strong>for translating</strong>.</p>');

    // The original changes: outdated until saved again through the form.
    await inTransaction(t.ctx.ds, (db) => upsertCourse(db, { slug: course.slug, title: course.title, summary: 'Ein **geänderter** Kurs.', language: 'de', guideSlugs: [], quizSlugs: [] }, 'app'));
    expect(await courseTranslation(course.id)).toMatchObject({ current: false });
    expect((await new Browser(t.app).get(`/academy/courses/${course.slug}`).set('Accept-Language', 'en')).text)
      .toContain('This translation of title and summary is outdated');
    expect((await f.post(form, { title: 'A course for translating', summary: 'A **changed** course.' }, form)).status).toBe(303);
    expect(await courseTranslation(course.id)).toMatchObject({ current: true, summary: 'A **changed** course.' });
    expect((await new Browser(t.app).get(`/academy/courses/${course.slug}`).set('Accept-Language', 'en')).text)
      .not.toContain('This translation of title and summary is outdated');
  });

  it('when a course and its quiz are translated, then search finds the English course (with the quiz\'s English title) under the language facet "en", linking with ?lang=en', async () => {
    const w = word();
    const q = word();
    const quiz = await createQuiz(t.ctx.ds, { gift: GIFT_DE, title: 'Bürgerhaushalt-Quiz' });
    const course = await newCourse([quiz.slug], 'Bürgerhaushalt in der Praxis', 'Ein **Kurs** über Bürgerhaushalte.');
    const f = await facilitator();
    const quizForm = `/academy/manage/quizzes/${quiz.slug}/translations/en`;
    expect((await f.post(quizForm, { title: `Participatory budgeting ${q}`, intro: '', source: GIFT_EN }, quizForm)).status).toBe(303);
    const courseForm = `/academy/manage/courses/${course.slug}/translations/en`;
    expect((await f.post(courseForm, { title: 'Participatory budgeting in practice', summary: `A course about the ${w} of budgets.` }, courseForm)).status).toBe(303);

    const key = courseTranslationKey(course.id, 'en');
    expect(courseTranslationOfKey(key)).toEqual({ courseId: course.id, language: 'en' });
    expect(await indexQueued('course_translation', key)).toBeGreaterThanOrEqual(2); // the quiz's translation and the course's
    await indexQueued('course', course.id);

    const visitor = new Browser(t.app);
    const found = await visitor.get(`/search?q=${w}`).set('Accept-Language', 'en');
    expect(found.status).toBe(200);
    const text = found.text.replace(/<\/?mark>/g, '').replace(/&#x3D;/g, '=');
    expect(text).toContain(`href="/academy/courses/${course.slug}?lang=en"`);
    expect(text).toContain('name="language" value="en"');
    const onlyEn = (await visitor.get(`/search?q=${w}&language=en`)).text.replace(/&#x3D;/g, '=');
    expect(onlyEn).toContain(`href="/academy/courses/${course.slug}?lang=en"`);
    expect((await visitor.get(`/search?q=${w}&language=de`)).text).not.toContain(`/academy/courses/${course.slug}`);
    // The quiz's translated title is found through its course, in English.
    expect((await visitor.get(`/search?q=${q}&language=en`)).text.replace(/&#x3D;/g, '=')).toContain(`href="/academy/courses/${course.slug}?lang=en"`);

    // A translation that is still the original's text is left out; an archived course's too.
    const same = await newCourse([]);
    const sameForm = `/academy/manage/courses/${same.slug}/translations/en`;
    expect((await f.post(sameForm, { title: same.title, summary: same.summary }, sameForm)).status).toBe(303);
    expect(await courseTranslationSearchSource(t.ctx.ds.manager, [courseTranslationKey(same.id, 'en')])).toEqual([]);
    const docs = await courseTranslationSearchSource(t.ctx.ds.manager, [key]);
    expect(docs).toEqual([expect.objectContaining({ id: `course_translation:${key}`, type: 'course', language: 'en', url: `/academy/courses/${course.slug}?lang=en` })]);
    await t.ctx.ds.query(`UPDATE academy_courses SET archived_at = now() WHERE id = $1`, [course.id]);
    expect(await courseTranslationSearchSource(t.ctx.ds.manager, [key])).toEqual([]);
  });
});
