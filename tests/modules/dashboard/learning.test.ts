// The dashboard's "learning" section: per course and quiz the learners who started, submitted and
// passed in the period, the pass rate, the median attempts per learner, and the guide chapters whose
// questions fail most. Attempts are dated June 2004, a period no other test writes to.
import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz, questionsOf } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { rebuildChapterAnswers } from '../../../src/modules/dashboard/index.js';

const PERIOD = 'period=custom&from=2004-06-01&to=2004-06-30';

async function attempt(ds: DataSource, quizId: number, user: TestUser, number: number, at: string, o: { passed?: boolean; open?: boolean; result?: [number, boolean][] } = {}) {
  await ds.query(
    `INSERT INTO academy_attempts (quiz_id, user_id, number, layout, state, started_at, submitted_at, passed, result)
     VALUES ($1, $2, $3, '[]', $4, $5, CASE WHEN $6 THEN NULL ELSE $5::timestamptz + interval '10 minutes' END, CASE WHEN $6 THEN NULL ELSE $7::boolean END, $8)`,
    [quizId, user.id, number, o.open ? 'open' : 'submitted', at, o.open ?? false, o.passed ?? false,
      JSON.stringify((o.result ?? []).map(([questionId, ok]) => ({ questionId, outcome: ok ? 'correct' : 'incorrect' })))]);
}

describe('dashboard: learning', () => {
  const t = useTestApp();

  it('when learners attempt a course\'s quizzes in the period, then the funnels, pass rates, median attempts and failing chapters are shown in German and as CSV', async () => {
    const ds = t.ctx.ds;
    const guide = await createGuide(ds, { publish: true });
    const gift = `//! chapter: ${guide.slug}/planung\nFrage A zur Planung? {=Ja ~Nein}\n\n//! chapter: ${guide.slug}/einstieg\nFrage B zum Einstieg? {=Ja ~Nein}\n`;
    const q1 = await createQuiz(ds, { title: 'Quiz Eins', gift });
    const q2 = await createQuiz(ds, { title: 'Quiz Zwei' });
    const course = await createCourse(ds, [q1.slug, q2.slug], [guide.slug]);
    const [a, b] = (await questionsOf(ds, q1.id)).map((q) => q.id);
    const [l1, l2, l3, l4] = await Promise.all([createUser(ds), createUser(ds), createUser(ds), createUser(ds)]);
    await attempt(ds, q1.id, l1, 1, '2004-06-02 10:00+02', { result: [[a!, false], [b!, true]] });
    await attempt(ds, q1.id, l1, 2, '2004-06-03 10:00+02', { passed: true, result: [[a!, true], [b!, true]] });
    await attempt(ds, q2.id, l1, 1, '2004-06-04 10:00+02', { passed: true });
    await attempt(ds, q1.id, l2, 1, '2004-06-05 10:00+02', { result: [[a!, false], [b!, false]] });
    await attempt(ds, q1.id, l2, 2, '2004-06-06 10:00+02', { result: [[a!, false], [b!, true]] });
    await attempt(ds, q1.id, l3, 1, '2004-06-07 10:00+02', { open: true });
    await attempt(ds, q1.id, l4, 1, '2004-05-20 10:00+02', { passed: true, result: [[a!, true], [b!, true]] });
    // The failing chapters come from the answers the rollups' rebuild keeps per start day and chapter.
    await rebuildChapterAnswers(ds, '2004-05-01', '2004-06-30');
    const facilitator = await signedIn(t.app, await createUser(ds, { role: 'facilitator' }));

    const html = (await facilitator.get(`/dashboard?${PERIOD}`)).text.replace(/\s+/g, ' ').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(html).toMatch(/<h2[^>]*>Lernen<\/h2>/);
    const cells = (href: string) => html.match(new RegExp(`href="${href}">[^<]*</a></th>((?:<td class="kern-table__cell">[^<]*</td>)+)`))?.[1]?.match(/cell">[^<]*</g)?.map((s) => s.slice(6, -1));
    expect(cells(`/academy/courses/${course.slug}`)).toEqual(['3', '2', '1', '50,0 %', '2,0']);
    expect(cells(`/academy/quizzes/${q1.slug}`)).toEqual(['3', '2', '1', '50,0 %', '2,0']);
    expect(cells(`/academy/quizzes/${q2.slug}`)).toEqual(['1', '1', '1', '100,0 %', '1,0']);
    expect(cells(`/guides/${guide.slug}/planung`)).toEqual(['4', '3', '75,0 %']);
    expect(cells(`/guides/${guide.slug}/einstieg`)).toEqual(['4', '1', '25,0 %']);
    expect(html.indexOf(`/guides/${guide.slug}/planung`)).toBeLessThan(html.indexOf(`/guides/${guide.slug}/einstieg`));
    expect(html).toContain(`href="/dashboard/learning/quizzes.csv?${PERIOD}"`);

    const quizzes = await facilitator.get(`/dashboard/learning/quizzes.csv?${PERIOD}`);
    expect(quizzes.headers['content-type']).toContain('text/csv');
    expect(quizzes.text.startsWith('\uFEFFslug,Quiz,Begonnen,Abgegeben,Bestanden,Bestehensquote,Median Versuche je Person\r\n')).toBe(true);
    expect(quizzes.text).toContain(`\r\n${q1.slug},Quiz Eins,3,2,1,0.5,2\r\n`);
    const chapters = await facilitator.get(`/dashboard/learning/chapters.csv?${PERIOD}`);
    expect(chapters.text).toContain(',Planung,4,3,0.75\r\n');
    expect((await facilitator.get(`/dashboard/learning/courses.csv?${PERIOD}`)).text).toContain(`\r\n${course.slug},Kurs ${course.slug},3,2,1,0.5,2\r\n`);
  });
});
