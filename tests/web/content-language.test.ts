// WCAG 3.1.2: on English pages, German content (and English content on German pages) carries its
// own language. Every piece of content text is looked up in the rendered page and must sit inside
// an element whose lang (its own or the nearest ancestor's) is the content's language.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../support/app.js';
import { signedIn, type Browser } from '../support/agent.js';
import { createUser, uniq } from '../support/factories.js';
import { createCategory, createReply, createThread } from '../support/forum-factories.js';
import { createUseCase } from '../support/usecases-factories.js';
import { createGuide } from '../support/guides-factories.js';
import { createCourse, createQuiz } from '../support/academy-factories.js';
import { elements, elementsContaining, langOf, parseHtml } from '../support/html.js';

/** Each place on the page where `text` appears is marked as `lang`; the page itself is `pageLang`. */
async function expectMarked(b: Browser, path: string, texts: string[], lang = 'de', pageLang = 'en') {
  const res = await b.get(path);
  expect(res.status).toBe(200);
  const doc = parseHtml(res.text);
  expect(elements(doc, 'html')[0]!.attribs.lang).toBe(pageLang);
  const problems: string[] = [];
  for (const text of texts) {
    const found = elementsContaining(res.text, text);
    if (!found.length) problems.push(`${path}: "${text}" not on the page`);
    for (const el of found) if (langOf(el) !== lang) problems.push(`${path}: "${text}" in <${el.name}> is lang=${langOf(el)}`);
  }
  expect(problems).toEqual([]);
}

describe('content language marking', () => {
  const t = useTestApp();

  it('when an English reader opens forum pages with German posts, then titles, bodies, categories and diffs are lang="de", and their own English reply is lang="en"', async () => {
    const category = await createCategory(t.ctx.ds, { name: `Bürgerhaushalt ${uniq()}` });
    const thread = await createThread(t.ctx.ds, { category, title: `Wie beteiligt ihr Jugendliche ${uniq()}`, body: 'Wir suchen Erfahrungen mit Jugendräten.' });
    await createReply(t.ctx.ds, thread, { body: 'Bei uns klappt das über die Schulen.' });
    await t.ctx.ds.query(`INSERT INTO forum_revisions (thread_id, editor_id, title, body_source) VALUES ($1, $2, $3, 'Wir suchen Erfahrungen mit Jugendbeiräten.')`,
      [thread.id, thread.authorId, thread.title]);
    await t.ctx.ds.query(`UPDATE forum_threads SET edited_at = now() WHERE id = $1`, [thread.id]);
    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, reader);

    const posted = await b.post(`/forum/threads/${thread.id}/replies`, { body: 'We run a youth council with the schools.', action: 'post' }, thread.url);
    expect(posted.status).toBe(303);
    const [mine] = await t.ctx.ds.query(`SELECT language FROM forum_replies WHERE author_id = $1`, [reader.id]);
    expect(mine.language).toBe('en');

    await expectMarked(b, thread.url, [thread.title, category.name, 'Wir suchen Erfahrungen', 'klappt das über die Schulen']);
    await expectMarked(b, thread.url, ['We run a youth council'], 'en');
    const page = parseHtml((await b.get(thread.url)).text);
    expect(elements(page, 'title')[0]!.attribs.lang).toBe('de');
    await expectMarked(b, '/forum', [category.name, thread.title]);
    await expectMarked(b, `/forum/c/${category.slug}`, [category.name, thread.title]);
    await expectMarked(b, `/forum/threads/${thread.id}/revisions`, ['Erfahrungen mit']);
  });

  it('when an English reader opens a German use case, its list card, text, comments and history are lang="de"', async () => {
    const uc = await createUseCase(t.ctx.ds, { title: `Bürgerhaushalt in Kleinstadt ${uniq()}` });
    const author = await createUser(t.ctx.ds);
    await (await signedIn(t.app, author)).post(`/use-cases/${uc.slug}/comments`, { body: 'Wie lange hat die Vorbereitung gedauert?' }, `/use-cases/${uc.slug}`);
    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, reader);
    await expectMarked(b, `/use-cases/${uc.slug}`, ['Bürgerhaushalt in Kleinstadt', 'Eine kurze Beschreibung des Beispiels', 'Wie lange hat die Vorbereitung gedauert?']);
    await expectMarked(b, '/use-cases', ['Bürgerhaushalt in Kleinstadt']);
  });

  it('when an English reader opens a German guide, course and quiz, their titles, chapters, questions and results are lang="de"', async () => {
    // A tag of its own, so the list shows this guide on its first page whatever other tests created.
    const tag = uniq('sprache-');
    const guide = await createGuide(t.ctx.ds, { title: `Leitfaden Jugendbeteiligung ${uniq()}`, tags: [tag] });
    const quiz = await createQuiz(t.ctx.ds, { title: `Quiz Haushalt ${uniq()}` });
    const course = await createCourse(t.ctx.ds, [quiz.slug], [guide.slug]);
    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, reader);

    await expectMarked(b, `/guides?tag=${tag}`, [guide.title, 'Eine Zusammenfassung.']);
    await expectMarked(b, `/guides/${guide.slug}`, [guide.title, 'Eine Zusammenfassung.', 'Einstieg', 'Umsetzung']);
    await expectMarked(b, `/guides/${guide.slug}/planung`, ['Zweiter Text zur Planung.', guide.title, 'Einstieg']);
    await expectMarked(b, '/academy', [`Kurs ${course.slug}`]);
    await expectMarked(b, `/academy/courses/${course.slug}`, [`Kurs ${course.slug}`, quiz.settings.title]);
    await expectMarked(b, `/academy/quizzes/${quiz.slug}`, [quiz.settings.title]);

    const started = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
    const attemptPage = started.headers.location!;
    await expectMarked(b, attemptPage, ['Womit beginnt ein Bürgerhaushalt?', 'Geheimsitzung']);
    const id = attemptPage.split('/')[3];
    expect((await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`)).status).toBe(303);
    await expectMarked(b, `/academy/attempts/${id}`, ['Womit beginnt ein Bürgerhaushalt?', 'Zuerst wird informiert.']);
    // A heading that quotes a title marks the title, not the English words around it.
    expect((await b.get(`/academy/attempts/${id}`)).text).toContain(`<h1 class="kern-heading-large">Result: <span lang="de">${quiz.settings.title}</span></h1>`);
  });

  it('when an English reader replies to a German thread or edits a German use case, then the heading marks the quoted title', async () => {
    const reader = await createUser(t.ctx.ds, { language: 'en' });
    const b = await signedIn(t.app, reader);
    const th = await createThread(t.ctx.ds, { title: `Frage zur Beteiligung ${uniq()}` });
    const reply = await b.get(`/forum/threads/${th.id}/reply`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain(`<h1 class="kern-heading-large">Reply: <span lang="de">${th.title}</span></h1>`);
    // Category names are content in the thread form's choice too.
    const cat = await createCategory(t.ctx.ds);
    const form = (await b.get('/forum/new')).text;
    expect(form).toMatch(new RegExp(`<option value="${cat.id}" lang="de">`));
    // The escaping stays: a title with markup is text.
    const risky = await createThread(t.ctx.ds, { title: `<b>Fett</b> & ${uniq()}` });
    const page = (await b.get(`/forum/threads/${risky.id}/reply`)).text;
    expect(page).toContain(`Reply: <span lang="de">&lt;b&gt;Fett&lt;/b&gt; &amp; `);
    expect(page).not.toContain('<b>Fett</b>');
  });

  it('when a German reader opens English content, then it is marked lang="en"', async () => {
    const author = await createUser(t.ctx.ds, { language: 'en' });
    const b0 = await signedIn(t.app, author);
    const category = await createCategory(t.ctx.ds);
    const res = await b0.post('/forum/new', { categoryId: String(category.id), kind: 'discussion', title: `How do you reach young people ${uniq()}`,
      body: 'We are looking for ideas.', action: 'post', checked: '1' }, '/forum/new');
    expect(res.status).toBe(303);
    const reader = await createUser(t.ctx.ds);
    await expectMarked(await signedIn(t.app, reader), res.headers.location!, ['How do you reach young people', 'We are looking for ideas.'], 'en', 'de');
  });
});
