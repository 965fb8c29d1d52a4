// Quiz translations when the original is edited in the academy editor (issue 18), and per-answer
// feedback in translations: a translation that still fits the new questions follows them and is
// marked outdated (readers and facilitators see it); one that no longer fits is not offered (readers
// get the original with the notice that it is to be revised) and the editor says why; the translated GIFT's `#feedback`
// reaches readers of the translation.
import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { translate } from '../../../src/shared/i18n.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf } from '../../support/academy-factories.js';
import { courseTranslationsForSearch } from '../../../src/modules/academy/translations.store.js';

const GIFT_DE = `Womit beginnt ein Bürgerhaushalt? {
  =Information #Richtig: zuerst wird informiert.
  ~Abstimmung #Nein, abgestimmt wird am Ende.
}

Wie viele Euro sind 2 Euro je Einwohner bei 1000 Einwohnern? {#2000 #Genau.}

Ein Bürgerhaushalt ist rechtlich bindend. {F#Doch, er bindet.#Richtig, er bindet nicht.}
`;
const GIFT_EN = `What does participatory budgeting start with? {
  =Information #Right: information comes first.
  ~Vote #No, the vote comes at the end.
}

How many euros are 2 euros per inhabitant for 1000 inhabitants? {#2000 #Exactly.}

Participatory budgeting is legally binding. {F#It does bind.#Right, it does not bind.}
`;

const esc = (s: string) => Handlebars.escapeExpression(s);
const de = (key: string, vars?: Record<string, unknown>) => translate('de', key, vars);

const quizFields = (slug: string, source: string) => ({
  slug, title: 'Bürgerhaushalt-Quiz', intro: '', language: 'de', passMark: '60', attemptLimit: '', timeLimitMinutes: '',
  questionsPerPage: '10', shuffleQuestions: '', shuffleAnswers: '', feedbackPolicy: 'after_attempt', source,
});

describe('academy: quiz translations after the original is edited, and translated feedback', () => {
  const t = useTestApp();

  const translationRow = async (quizId: number) => (await t.ctx.ds.query(
    `SELECT t.source_hash = q.content_hash AS current,
            t.question_ids = ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position) AS attached
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id WHERE t.quiz_id = $1 AND t.language = 'en'`, [quizId]))[0];

  async function translatedQuiz() {
    const quiz = await createQuiz(t.ctx.ds, { gift: GIFT_DE, title: 'Bürgerhaushalt-Quiz', shuffleAnswers: false });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const form = `/academy/manage/quizzes/${quiz.slug}/translations/en`;
    expect((await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: GIFT_EN }, form)).status).toBe(303);
    return { quiz, f, form };
  }

  async function startEnglish(b: Browser, slug: string) {
    const start = await postPairs(b, `/academy/quizzes/${slug}/attempts`, [['lang', 'en']], `/academy/quizzes/${slug}`);
    expect(start.status).toBe(303);
    return { pageUrl: start.headers.location!, attemptId: Number(/attempts\/(\d+)/.exec(start.headers.location!)![1]) };
  }

  it('when the original\'s question texts are edited in the app, then the translation follows the new questions, marked outdated for readers and on /academy/manage', async () => {
    const { quiz, f, form } = await translatedQuiz();
    const edited = GIFT_DE.replace('Womit beginnt ein Bürgerhaushalt?', 'Womit beginnt ein Bürgerhaushalt eigentlich?');
    const saved = await f.post(`/academy/manage/quizzes/${quiz.slug}/edit`, quizFields(quiz.slug, edited), `/academy/manage/quizzes/${quiz.slug}/edit`);
    expect(saved.status).toBe(303);
    // The questions were replaced; the translation moved to them and is outdated.
    expect(await translationRow(quiz.id)).toEqual({ current: false, attached: true });

    const reader = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'en' }));
    const page = await reader.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.text).toContain('<h1 class="kern-heading-large" lang="en">Participatory budgeting quiz</h1>');
    expect(page.text).toContain('This translation is outdated: the original (German) has changed since.');
    const { pageUrl, attemptId } = await startEnglish(reader, quiz.slug);
    expect((await t.ctx.ds.query(`SELECT language FROM academy_attempts WHERE id = $1`, [attemptId]))[0].language).toBe('en');
    const attempt = await reader.get(pageUrl);
    expect(attempt.text).toContain('What does participatory budgeting start with?');
    expect(attempt.text).not.toContain('eigentlich');

    const manage = await f.get('/academy/manage');
    expect(manage.text).toContain(`href="/academy/manage/quizzes/${quiz.slug}/translations/en" data-translation="en">Englisch</a> (${de('academy.translation.states.outdated')})`);
    expect((await f.get(form)).text).toContain(esc(de('academy.translation.outdated', { original: 'Deutsch' })));

    // Saved again: current.
    expect((await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: GIFT_EN }, form)).status).toBe(303);
    expect(await translationRow(quiz.id)).toEqual({ current: true, attached: true });
  });

  it('when the original gets another question structure in the app, then readers get the original with the notice, and the editor lists why the translation no longer fits', async () => {
    const { quiz, f, form } = await translatedQuiz();
    const course = await createCourse(t.ctx.ds, [quiz.slug], []);
    expect((await f.post(`/academy/manage/courses/${course.slug}/translations/en`, { title: 'A course in English', summary: 'In English.' },
      `/academy/manage/courses/${course.slug}/translations/en`)).status).toBe(303);
    const listedQuizzes = async () => (await courseTranslationsForSearch(t.ctx.ds, [{ courseId: course.id, language: 'en' }]))[0]!.quizzes;
    expect(await listedQuizzes()).toBe('Participatory budgeting quiz');
    // A third choice in question 1: the translation's choices no longer fit.
    const edited = GIFT_DE.replace('~Abstimmung', '~Abstimmung\n  ~Rechenschaft');
    expect((await f.post(`/academy/manage/quizzes/${quiz.slug}/edit`, quizFields(quiz.slug, edited), `/academy/manage/quizzes/${quiz.slug}/edit`)).status).toBe(303);
    expect(await translationRow(quiz.id)).toEqual({ current: false, attached: false });

    const reader = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'en' }));
    const page = await reader.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.text).toContain('<h1 class="kern-heading-large" lang="de">Bürgerhaushalt-Quiz</h1>');
    expect(page.text).toContain('The translation into English has to be revised after a change to the original. Until then, this is shown in the original language (German).');
    expect(page.text).not.toContain('Participatory budgeting quiz');
    // An attempt started from there is one in the original, with its texts.
    const { pageUrl, attemptId } = await startEnglish(reader, quiz.slug);
    expect((await t.ctx.ds.query(`SELECT language FROM academy_attempts WHERE id = $1`, [attemptId]))[0].language).toBeNull();
    const attempt = await reader.get(pageUrl);
    expect(attempt.text).toContain('Rechenschaft');
    expect(attempt.text).not.toContain('What does participatory budgeting start with?');

    // The English course's search document lists the quiz as readers get it: in the original.
    expect(await listedQuizzes()).toBe('Bürgerhaushalt-Quiz');

    const reason = de('academy.translation.mismatch.choices', { number: 1 });
    const manage = await f.get('/academy/manage');
    expect(manage.text).toContain(`data-translation="en">Englisch</a> (${de('academy.translation.states.mismatch')}) <span class="kern-body--small" data-translation-mismatch="en">${esc(reason)}</span>`);
    const formPage = await f.get(form);
    expect(formPage.text).toContain(esc(de('academy.translation.detached')));
    expect(formPage.text).toContain(esc(de('academy.translation.mismatchReason', { reason })));
    // The form starts from the translation so far, on the new questions (the third choice in the original's words).
    expect(formPage.text).toContain('What does participatory budgeting start with?');
    expect(formPage.text).toContain('Rechenschaft');

    // A translation that fits again is offered again, current.
    const fitting = GIFT_EN.replace('~Vote #No, the vote comes at the end.', '~Vote #No, the vote comes at the end.\n  ~Accountability');
    expect((await f.post(form, { title: 'Participatory budgeting quiz', intro: '', source: fitting }, form)).status).toBe(303);
    expect(await translationRow(quiz.id)).toEqual({ current: true, attached: true });
    expect((await reader.get(`/academy/quizzes/${quiz.slug}`)).text).toContain('lang="en">Participatory budgeting quiz</h1>');
    // (Other test files' quizzes may be listed too: only this quiz's link counts.)
    const listed = (await f.get('/academy/manage')).text;
    expect(listed).toContain(`href="/academy/manage/quizzes/${quiz.slug}/translations/en" data-translation="en">Englisch</a> (${de('academy.translation.states.current')})`);
    expect(listed).not.toContain(`href="/academy/manage/quizzes/${quiz.slug}/translations/en" data-translation="en">Englisch</a> (${de('academy.translation.states.mismatch')})`);
  });

  it('when an English reader answers the translated quiz, then the result shows the translated per-answer feedback; a German reader gets the original\'s', async () => {
    const { quiz, f, form } = await translatedQuiz();
    // The form shows the translated feedback as saved.
    const formPage = await f.get(form);
    expect(formPage.text).toContain(esc('#No, the vote comes at the end.'));
    expect(formPage.text).not.toContain(esc('#Nein, abgestimmt'));

    const [single, numeric, truefalse] = await questionsOf(t.ctx.ds, quiz.id);
    const wrong = single!.choices.find((c) => c.weight === 0)!.id;
    const answer = async (lang: 'en' | 'de') => {
      const b = await signedIn(t.app, await createUser(t.ctx.ds, { language: lang }));
      const start = await postPairs(b, `/academy/quizzes/${quiz.slug}/attempts`, [['lang', lang]], `/academy/quizzes/${quiz.slug}`);
      const pageUrl = start.headers.location!;
      const attemptId = Number(/attempts\/(\d+)/.exec(pageUrl)![1]);
      await postPairs(b, pageUrl, [[`q${single!.id}`, wrong], [`q${numeric!.id}`, '2000'], [`q${truefalse!.id}`, 'true'], ['nav', 'review']], pageUrl);
      expect((await b.post(`/academy/attempts/${attemptId}/submit`, {}, `/academy/attempts/${attemptId}/review`)).status).toBe(303);
      return (await b.get(`/academy/attempts/${attemptId}`)).text;
    };

    const english = await answer('en');
    expect(english).toContain(esc('No, the vote comes at the end.'));
    expect(english).toContain('Exactly.');
    expect(english).toContain('It does bind.');
    expect(english).not.toContain('Nein, abgestimmt');
    expect(english).not.toContain('Genau.');

    const german = await answer('de');
    expect(german).toContain('Nein, abgestimmt wird am Ende.');
    expect(german).toContain('Genau.');
    expect(german).toContain('Doch, er bindet.');
    expect(german).not.toContain('No, the vote');
  });

  it('when a translation adds feedback the original lacks, then it is accepted; numeric answers with other values are refused with the reason', async () => {
    const quiz = await createQuiz(t.ctx.ds, { gift: 'Womit beginnt es? {=Information ~Abstimmung}\n\nWie viel? {#5:1}\n' });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const form = `/academy/manage/quizzes/${quiz.slug}/translations/en`;
    const withFeedback = 'What does it start with? {=Information #Yes. ~Vote #No.}\n\nHow much? {#5:1 #Within range.}\n';
    expect((await f.post(form, { title: 'A quiz in English', intro: '', source: withFeedback }, form)).status).toBe(303);
    const [row] = await t.ctx.ds.query(
      `SELECT x.choice_feedback AS "choiceFeedback", x.range_feedback AS "rangeFeedback" FROM academy_question_translations x
         JOIN academy_questions q ON q.id = x.question_id WHERE q.quiz_id = $1 AND q.kind = 'numeric' AND x.language = 'en'`, [quiz.id]);
    expect(row).toEqual({ choiceFeedback: {}, rangeFeedback: ['Within range.'] });

    const otherRange = 'What does it start with? {=Information ~Vote}\n\nHow much? {#6:1}\n';
    const refused = await f.post(form, { title: 'A quiz in English', intro: '', source: otherRange }, form);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain(esc(`${de('academy.gift.line', { line: 3 })}: ${de('academy.translation.mismatch.ranges', { number: 2 })}`));
  });
});
