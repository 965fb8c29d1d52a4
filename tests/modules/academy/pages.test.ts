import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';

async function start(b: Browser, slug: string): Promise<number> {
  const res = await b.post(`/academy/quizzes/${slug}/attempts`, {}, `/academy/quizzes/${slug}`);
  return Number(/\/academy\/attempts\/(\d+)\/pages\/1$/.exec(res.headers.location ?? '')![1]);
}

/** A quiz of seven one-point questions whose first tests `chapterRef`; answering only that one right gives 1/7 = 14.3 %. */
const gift = (chapterRef: string) => `//! chapter: ${chapterRef}
Erste Frage? {=Ja ~Nein}
${Array.from({ length: 6 }, (_, i) => `//! chapter: ${chapterRef}\nFrage ${i + 2}? {=Ja ~Nein}`).join('\n\n')}
`;

describe('academy pages: numbers in the page language, titles instead of slugs', () => {
  const t = useTestApp();

  async function oneRightOfSeven(language: 'de' | 'en') {
    const guide = await createGuide(t.ctx.ds, { title: 'Bürgerhaushalt planen' });
    const quiz = await createQuiz(t.ctx.ds, { gift: gift(`${guide.slug}/planung`), shuffleQuestions: false, passMark: 70 });
    const course = await createCourse(t.ctx.ds, [quiz.slug], [guide.slug, 'kein-solcher-leitfaden']);
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { language }));
    const id = await start(b, quiz.slug);
    const qs = await questionsOf(t.ctx.ds, quiz.id);
    const page = `/academy/attempts/${id}/pages/1`;
    const wrong = (q: (typeof qs)[number]) => q.choices.find((c) => c.weight !== 100)!.id;
    const pairs: [string, string][] = qs.map((q, i) => [`q${q.id}`, i === 0 ? q.choices.find((c) => c.weight === 100)!.id : wrong(q)]);
    await postPairs(b, page, [...pairs, ['nav', 'review']], page);
    await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    return { b, id, guide, quiz, course };
  }

  it('when a German member sees a result, then the percentages read "14,3 %" and the chapter is named by its titles, linked', async () => {
    const { b, id, guide } = await oneRightOfSeven('de');
    const html = (await b.get(`/academy/attempts/${id}`)).text;
    expect(html).toContain('(14,3\u00a0%); Bestehensgrenze 70\u00a0%.');
    expect(html).not.toContain('14.3');
    expect(html).toContain(`Im Leitfaden nachlesen: <a class="kern-link" href="/guides/${guide.slug}/planung" lang="de">Bürgerhaushalt planen: Planung</a>`);
    expect(html).not.toContain(`${guide.slug}/planung</a>`);
  });

  it('when an English member sees a result, then the percentages read "14.3%"', async () => {
    const { b, id } = await oneRightOfSeven('en');
    const html = (await b.get(`/academy/attempts/${id}`)).text;
    expect(html).toContain('(14.3%); pass mark 70%.');
  });

  it('when a course page is shown, then guides appear by title (unknown ones left out) and the best result is localised', async () => {
    const { b, guide, course } = await oneRightOfSeven('de');
    const html = (await b.get(`/academy/courses/${course.slug}`)).text;
    expect(html).toContain(`<a class="kern-link" href="/guides/${guide.slug}" lang="de">Bürgerhaushalt planen</a>`);
    expect(html).not.toContain(`>${guide.slug}<`);
    expect(html).not.toContain('kein-solcher-leitfaden');
    expect(html).toContain('Bestes Ergebnis: 14,3\u00a0%');
  });

  it('when the only attempt is not yet submitted, then the course page says so instead of "null %"', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    await start(b, quiz.slug);
    const html = (await b.get(`/academy/courses/${course.slug}`)).text;
    expect(html).not.toContain('null');
    expect(html).not.toContain('Bestes Ergebnis');
    expect(html).toContain('Begonnen, noch nicht abgegeben');
  });

  it('when a facilitator opens the quiz statistics, then the chapter of each question is named by its titles', async () => {
    const { quiz, guide } = await oneRightOfSeven('de');
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const stats = (await b.get(`/academy/manage/quizzes/${quiz.slug}/stats`)).text;
    expect(stats).toContain('Bürgerhaushalt planen: Planung</a>');
    expect(stats).toContain('14,3\u00a0%');
    const manage = (await b.get(`/academy/manage?guide=${guide.slug}`)).text;
    expect(manage).toContain('Bürgerhaushalt planen: Planung</a>');
    expect(manage).toContain('85,7\u00a0%');
  });
});
