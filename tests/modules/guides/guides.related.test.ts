import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createUser, uniq } from '../../support/factories.js';
import { createCategory, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { relatedForGuide } from '../../../src/modules/guides/guides.related.js';

describe('guides: related use cases, threads, courses and quizzes', () => {
  const t = useTestApp();

  it('when use cases share a policy area or method with the guide tags, then published ones are listed; network cases only for members', async () => {
    const key = uniq('area-');
    const g = await createGuide(t.ctx.ds, { tags: [key] });
    const pub = await createUseCase(t.ctx.ds, { policyAreas: [key], visibility: 'public', title: `Öffentlich ${key}` });
    const net = await createUseCase(t.ctx.ds, { methods: [key], visibility: 'network', title: `Netzwerk ${key}` });
    await createUseCase(t.ctx.ds, { policyAreas: [key], published: false, title: `Entwurf ${key}` });
    await createUseCase(t.ctx.ds, { title: `Anderes ${key}` });
    const visitor = await relatedForGuide(t.ctx.modules, t.ctx.ds, { ...g, tags: (await t.ctx.ds.query(`SELECT tags FROM guides WHERE id = $1`, [g.id]))[0].tags }, { signedIn: false });
    expect(visitor.filter((i) => i.kind === 'use_case').map((i) => i.url)).toEqual([`/use-cases/${pub.slug}`]);
    const member = await relatedForGuide(t.ctx.modules, t.ctx.ds, { ...g, tags: (await t.ctx.ds.query(`SELECT tags FROM guides WHERE id = $1`, [g.id]))[0].tags }, { signedIn: true });
    expect(member.filter((i) => i.kind === 'use_case').map((i) => i.url).sort()).toEqual([`/use-cases/${net.slug}`, `/use-cases/${pub.slug}`].sort());
  });

  it('when threads share a tag (with umlauts on the forum side), then visible threads are listed; members-only and hidden ones are not shown to visitors', async () => {
    const hex = uniq('');
    const g = await createGuide(t.ctx.ds, { tags: [`buergerhaushalt${hex}`] });
    const open = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }), tags: [`bürgerhaushalt${hex}`] });
    const closed = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: false }), tags: [`buergerhaushalt${hex}`] });
    const hidden = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }), tags: [`buergerhaushalt${hex}`] });
    await t.ctx.ds.query(`UPDATE forum_threads SET hidden_at = now(), hidden_reason = 'x' WHERE id = $1`, [hidden.id]);
    const urls = async (signedIn: boolean) => (await relatedForGuide(t.ctx.modules, t.ctx.ds, { ...g, tags: (await t.ctx.ds.query(`SELECT tags FROM guides WHERE id = $1`, [g.id]))[0].tags }, { signedIn })).filter((i) => i.kind === 'thread').map((i) => i.url).sort();
    expect(await urls(false)).toEqual([open.url]);
    expect(await urls(true)).toEqual([open.url, closed.url].sort());
  });

  it('when more than five items match, then at most five per kind are listed', async () => {
    const key = uniq('area-');
    const g = await createGuide(t.ctx.ds, { tags: [key] });
    for (let i = 0; i < 7; i++) await createUseCase(t.ctx.ds, { policyAreas: [key], visibility: 'public' });
    expect((await relatedForGuide(t.ctx.modules, t.ctx.ds, { ...g, tags: (await t.ctx.ds.query(`SELECT tags FROM guides WHERE id = $1`, [g.id]))[0].tags }, { signedIn: true })).filter((i) => i.kind === 'use_case')).toHaveLength(5);
  });

  it('when a course includes the guide and a quiz tests its chapters, then the guide page lists both; archived ones are left out', async () => {
    const g = await createGuide(t.ctx.ds, { tags: [uniq('tag-')] });
    const quiz = await createQuiz(t.ctx.ds, { title: `Quiz ${g.slug}`, gift: `//! chapter: ${g.slug}/planung\nFrage eins? {T}\n` });
    const archived = await createQuiz(t.ctx.ds, { title: `Altes Quiz ${g.slug}`, gift: `//! chapter: ${g.slug}/einstieg\nFrage zwei? {T}\n` });
    await t.ctx.ds.query(`UPDATE academy_quizzes SET archived_at = now() WHERE id = $1`, [archived.id]);
    await createQuiz(t.ctx.ds, { title: `Fremdes Quiz ${g.slug}`, gift: `//! chapter: anderer-${g.slug}/planung\nFrage drei? {T}\n` });
    const course = await createCourse(t.ctx.ds, [quiz.slug], [g.slug]);
    const page = await new Browser(t.app).get(`/guides/${g.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="/academy/courses/${course.slug}"`);
    expect(page.text).toContain(`href="/academy/quizzes/${quiz.slug}"`);
    expect(page.text).not.toContain(`/academy/quizzes/${archived.slug}`);
    expect(page.text).not.toContain('Fremdes Quiz');
    expect(page.text).toContain('Kurs:');
  });

  it('when a member opens a guide with a members-only related thread, then it is linked on the page; a visitor does not see it', async () => {
    const tag = uniq('tag');
    const g = await createGuide(t.ctx.ds, { tags: [tag] });
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: false }), tags: [tag] });
    expect((await new Browser(t.app).get(`/guides/${g.slug}`)).text).not.toContain(th.url);
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await m.get(`/guides/${g.slug}`)).text).toContain(`href="${th.url}"`);
  });
});
