// What readers are told when a translation exists but cannot be shown (issue 18): a quiz whose
// original's questions changed so that its translation no longer fits gives readers of that
// language the original with "the translation has to be revised after a change to the original"
// (not "not available yet"), on the quiz page and beside the quiz in its course; a withdrawn
// (archived) guide translation says it was withdrawn. A quiz or guide without any translation keeps
// the general notice. Through the real pages, for English and German readers.
import { describe, expect, it } from '@jest/globals';
import Handlebars from 'handlebars';
import { translate } from '../../../src/shared/i18n.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';

const GIFT_DE = `Womit beginnt ein Bürgerhaushalt? {
  =Information
  ~Abstimmung
}
`;
const GIFT_EN = `What does participatory budgeting start with? {
  =Information
  ~Vote
}
`;

const esc = (s: string) => Handlebars.escapeExpression(s);

const quizFields = (slug: string, title: string, language: string, source: string) => ({
  slug, title, intro: '', language, passMark: '60', attemptLimit: '', timeLimitMinutes: '',
  questionsPerPage: '10', shuffleQuestions: '', shuffleAnswers: '', feedbackPolicy: 'after_attempt', source,
});

describe('translations that exist but cannot be shown: readers are told why they get the original', () => {
  const t = useTestApp();

  /** Whether the quiz's translation into `language` fits its current questions, read from the database. */
  const fits = async (quizId: number, language: string) => (await t.ctx.ds.query(
    `SELECT t.question_ids = ARRAY(SELECT id FROM academy_questions WHERE quiz_id = q.id AND archived_at IS NULL ORDER BY position) AS fits
       FROM academy_quiz_translations t JOIN academy_quizzes q ON q.id = t.quiz_id WHERE t.quiz_id = $1 AND t.language = $2`, [quizId, language]))[0]?.fits;

  /**
   * A quiz in `original` with a translation into `into` saved in the editor, then the original given a
   * third choice in the app, so the translation no longer fits.
   */
  async function quizWithUnfittingTranslation(original: 'de' | 'en') {
    const into = original === 'de' ? 'en' : 'de';
    const [source, translated, title, translatedTitle] = original === 'de'
      ? [GIFT_DE, GIFT_EN, 'Bürgerhaushalt-Quiz', 'Participatory budgeting quiz']
      : [GIFT_EN, GIFT_DE, 'Participatory budgeting quiz', 'Bürgerhaushalt-Quiz'];
    const quiz = await createQuiz(t.ctx.ds, { gift: source, title, language: original, shuffleAnswers: false });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const form = `/academy/manage/quizzes/${quiz.slug}/translations/${into}`;
    expect((await f.post(form, { title: translatedTitle, intro: '', source: translated }, form)).status).toBe(303);
    expect(await fits(quiz.id, into)).toBe(true);
    const edited = original === 'de' ? source.replace('~Abstimmung', '~Abstimmung\n  ~Rechenschaft') : source.replace('~Vote', '~Vote\n  ~Accountability');
    const edit = `/academy/manage/quizzes/${quiz.slug}/edit`;
    expect((await f.post(edit, quizFields(quiz.slug, title, original, edited), edit)).status).toBe(303);
    expect(await fits(quiz.id, into)).toBe(false);
    return { quiz, f, form, title, translatedTitle, translated, into };
  }

  it('when a German quiz\'s English translation no longer fits, then English readers get the German original with the "to be revised" notice, not "not available yet"', async () => {
    const { quiz, title, translatedTitle } = await quizWithUnfittingTranslation('de');
    const reader = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'en' }));
    const page = await reader.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<h1 class="kern-heading-large" lang="de">${title}</h1>`);
    expect(page.text).toContain('The translation into English has to be revised after a change to the original. Until then, this is shown in the original language (German).');
    expect(page.text).not.toContain('This is not available in English yet');
    expect(page.text).not.toContain(translatedTitle);
    // The same for a visitor whose browser asks for English.
    const visitor = await new Browser(t.app).get(`/academy/quizzes/${quiz.slug}`).set('Accept-Language', 'en');
    expect(visitor.text).toContain('The translation into English has to be revised after a change to the original.');
    // A German reader of the German original gets no language notice at all.
    const german = await new Browser(t.app).get(`/academy/quizzes/${quiz.slug}`);
    expect(german.text).toContain(`<h1 class="kern-heading-large" lang="de">${title}</h1>`);
    expect(german.text).not.toContain(esc(translate('de', 'translations.academy.revising', { wanted: 'Englisch', original: 'Deutsch' })));
    expect(german.text).not.toContain('überarbeitet werden');
  });

  it('when a German reader picks English on a German quiz whose English translation no longer fits, then the notice is in German', async () => {
    const { quiz, title } = await quizWithUnfittingTranslation('de');
    const page = await new Browser(t.app).get(`/academy/quizzes/${quiz.slug}?lang=en`);
    expect(page.text).toContain(`<h1 class="kern-heading-large" lang="de">${title}</h1>`);
    expect(page.text).toContain('Die Übersetzung auf Englisch muss nach einer Änderung am Original überarbeitet werden. Bis dahin wird dies in der Originalsprache (Deutsch) gezeigt.');
    expect(page.text).not.toContain('Dies gibt es noch nicht auf Englisch');
  });

  it('when an English quiz\'s German translation no longer fits, then German readers get the English original (lang="en") with the German "to be revised" notice', async () => {
    const { quiz, title, translatedTitle } = await quizWithUnfittingTranslation('en');
    const reader = await signedIn(t.app, await createUser(t.ctx.ds, { language: 'de' }));
    const page = await reader.get(`/academy/quizzes/${quiz.slug}`);
    expect(page.text).toContain(`<h1 class="kern-heading-large" lang="en">${title}</h1>`);
    expect(page.text).toContain('Die Übersetzung auf Deutsch muss nach einer Änderung am Original überarbeitet werden. Bis dahin wird dies in der Originalsprache (Englisch) gezeigt.');
    expect(page.text).not.toContain('Dies gibt es noch nicht auf Deutsch');
    expect(page.text).not.toContain(translatedTitle);
  });

  it('when the translation fits again after saving, then readers get it and no fallback notice; a quiz never translated keeps "not available yet"', async () => {
    const { quiz, f, form, translatedTitle } = await quizWithUnfittingTranslation('de');
    const fitting = GIFT_EN.replace('~Vote', '~Vote\n  ~Accountability');
    expect((await f.post(form, { title: translatedTitle, intro: '', source: fitting }, form)).status).toBe(303);
    expect(await fits(quiz.id, 'en')).toBe(true);
    const page = await new Browser(t.app).get(`/academy/quizzes/${quiz.slug}`).set('Accept-Language', 'en');
    expect(page.text).toContain(`<h1 class="kern-heading-large" lang="en">${translatedTitle}</h1>`);
    expect(page.text).not.toContain('has to be revised');
    expect(page.text).not.toContain('not available in English');

    const plain = await createQuiz(t.ctx.ds, { gift: GIFT_DE, title: 'Ohne Übersetzung' });
    const none = await new Browser(t.app).get(`/academy/quizzes/${plain.slug}`).set('Accept-Language', 'en');
    expect(none.text).toContain('<h1 class="kern-heading-large" lang="de">Ohne Übersetzung</h1>');
    expect(none.text).toContain('This is not available in English yet. It is shown in the original language (German).');
    expect(none.text).not.toContain('has to be revised');
  });

  it('when a course lists a quiz whose translation no longer fits, then the quiz is listed in the original with why, and a fitting one in the translation without it', async () => {
    const { quiz, title } = await quizWithUnfittingTranslation('de');
    const other = await createQuiz(t.ctx.ds, { gift: GIFT_DE, title: 'Zweites Quiz', shuffleAnswers: false });
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const form = `/academy/manage/quizzes/${other.slug}/translations/en`;
    expect((await f.post(form, { title: 'Second quiz', intro: '', source: GIFT_EN }, form)).status).toBe(303);
    const course = await createCourse(t.ctx.ds, [quiz.slug, other.slug], []);

    const en = await new Browser(t.app).get(`/academy/courses/${course.slug}`).set('Accept-Language', 'en');
    expect(en.status).toBe(200);
    expect(en.text).toContain(`<a class="kern-link" href="/academy/quizzes/${quiz.slug}" lang="de">${title}</a> <span class="kern-body kern-body--small" data-translation-revising>(the translation into English has to be revised after a change to the original; shown in the original until then)</span>`);
    expect(en.text).toContain(`<a class="kern-link" href="/academy/quizzes/${other.slug}" lang="en">Second quiz</a></td>`);
    expect(en.text.match(/data-translation-revising/g)).toHaveLength(1);
    // German readers of the German course: nothing to say.
    const de = await new Browser(t.app).get(`/academy/courses/${course.slug}`);
    expect(de.text).not.toContain('data-translation-revising');
    // Picked English from a German interface: said in German.
    const picked = await new Browser(t.app).get(`/academy/courses/${course.slug}?lang=en`);
    expect(picked.text).toContain(esc('(die Übersetzung auf Englisch muss nach einer Änderung am Original überarbeitet werden; bis dahin im Original)'));
  });

  it('when a published guide translation is withdrawn (archived), then English readers get the original with "withdrawn"; one still in review keeps "not available yet"', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await a.post(`/guides/${g.slug}/translate`, { language: 'en' }, `/guides/${g.slug}/translate`)).status).toBe(303);
    const translation = async () => (await t.ctx.ds.query(
      `SELECT slug, status, draft_revision_id AS "draftRevisionId" FROM guides WHERE translation_of_id = $1 AND language = 'en'`, [g.id]))[0];
    const tr = await translation();
    const uid = (await t.ctx.ds.query(`SELECT uid FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [g.id]))[0].uid as string;
    expect((await a.post(`/guides/${tr.slug}/chapters/${uid}`, { title: 'Planning', slug: 'planning', body: 'Second text about planning.', message: 'translated' },
      `/guides/${tr.slug}/chapters/${uid}/edit`)).status).toBe(303);

    // In review: not available yet (a translation in the works is honestly "not yet").
    const inReview = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(inReview.text).toContain('This content is not available in English yet. You are reading the original in German.');
    expect(inReview.text).not.toContain('withdrawn');

    const draft = (await translation()).draftRevisionId as number;
    expect((await b.post(`/guides/${tr.slug}/approve`, { revision: String(draft), comment: '' }, `/guides/${tr.slug}/review`)).status).toBe(303);
    const published = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(published.text).toContain('Second text about planning.');

    expect((await a.post(`/guides/${tr.slug}/archive`, {}, `/guides/${tr.slug}/edit`)).status).toBe(303);
    expect((await translation()).status).toBe('archived');
    const withdrawn = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(withdrawn.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Zweiter Text zur Planung.<\/p>/);
    expect(withdrawn.text).toContain('The translation into English has been withdrawn. You are reading the original in German.');
    expect(withdrawn.text).not.toContain('not available in English yet');
    expect(withdrawn.text).not.toContain('Second text about planning.');
    // A German reader who picks English: in German.
    const picked = await new Browser(t.app).get(`/guides/${g.slug}?lang=en`);
    expect(picked.text).toContain('Die Übersetzung auf Englisch wurde zurückgezogen. Sie lesen das Original auf Deutsch.');
  });
});
