// /api/v1 per resource (use cases: usecases.test.ts): administrations, guides and their chapters,
// forum threads, academy courses — list, filters, cursor pages, detail, 404, and who sees what.
import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { createAdministration, createUser, uniq } from '../../support/factories.js';
import { createCategory, createReply, createThread } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createCourse, createQuiz } from '../../support/academy-factories.js';
import { createUseCase } from '../../support/usecases-factories.js';
import { createEvent } from '../events/core-factories.js';
import { allPages, apiGet, tokenFor } from './support.js';

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const keys = (items: Item[], key = 'slug') => items.map((i) => i[key]);

describe('api: resources', () => {
  const t = useTestApp({ RATE_LIMIT_API_IP_PER_MINUTE: '100000', RATE_LIMIT_API_TOKEN_PER_MINUTE: '100000' });

  describe('administrations', () => {
    it('when listing by part of the name with filters and small pages, then matching administrations come by name, each once; detail shows the profile', async () => {
      const stem = uniq('Amt');
      const a = await createAdministration(t.ctx.ds, { name: `${stem} Aue`, state: 'BE', kind: 'municipality', population: 8000 });
      const b = await createAdministration(t.ctx.ds, { name: `${stem} Berg`, state: 'BE', kind: 'county', population: 120000 });
      const c = await createAdministration(t.ctx.ds, { name: `${stem} Cham`, state: 'BY', kind: 'municipality', population: 30000 });
      await createUseCase(t.ctx.ds, { administrationId: a.id, visibility: 'public' });
      await createUseCase(t.ctx.ds, { administrationId: a.id, visibility: 'network' });

      const all = await allPages(t, `/administrations?q=${stem}&limit=1`);
      expect(all.pages).toBe(3);
      expect(keys(all.items)).toEqual([a.slug, b.slug, c.slug]);
      expect(keys((await apiGet(t, `/administrations?q=${stem}&state=BE`)).body.data)).toEqual([a.slug, b.slug]);
      expect(keys((await apiGet(t, `/administrations?q=${stem}&kind=county`)).body.data)).toEqual([b.slug]);
      expect(keys((await apiGet(t, `/administrations?q=${stem}&size=lt10k&size=20k-50k`)).body.data)).toEqual([a.slug, c.slug]);
      expect((await apiGet(t, '/administrations?state=XX')).status).toBe(400);

      const detail = await apiGet(t, `/administrations/${a.slug}`);
      expect(detail.body.data).toMatchObject({ slug: a.slug, name: `${stem} Aue`, kind: 'municipality', state: 'BE', sizeClass: 'lt10k', useCaseCount: 1, description: '' });
      expect(detail.body.data).not.toHaveProperty('domains');
      const networkToken = await tokenFor(t, ['read:network']);
      expect((await apiGet(t, `/administrations/${a.slug}`, networkToken)).body.data.useCaseCount).toBe(2);
      expect((await apiGet(t, '/administrations/no-such-administration')).status).toBe(404);
    });
  });

  describe('guides and chapters', () => {
    it('when listing guides by tag, then only published ones come, in pages; detail has the table of contents; a draft is not found', async () => {
      const tag = uniq('tag');
      const g1 = await createGuide(t.ctx.ds, { tags: [tag], title: `A ${tag}` });
      const g2 = await createGuide(t.ctx.ds, { tags: [tag, 'other'], title: `B ${tag}` });
      const draft = await createGuide(t.ctx.ds, { tags: [tag], publish: false });

      const all = await allPages(t, `/guides?tag=${tag}&limit=1`);
      expect(keys(all.items)).toEqual([g1.slug, g2.slug]);
      expect(all.pages).toBe(2);
      expect(keys((await apiGet(t, `/guides?tag=${tag}&language=en`)).body.data)).toEqual([]);
      expect((await apiGet(t, '/guides?language=fr')).status).toBe(400);

      const detail = (await apiGet(t, `/guides/${g1.slug}`)).body.data;
      expect(detail).toMatchObject({ slug: g1.slug, chapterCount: 3, tags: [tag], chaptersUrl: `http://praxis.test/api/v1/guides/${g1.slug}/chapters` });
      expect(keys(detail.chapters)).toEqual(['einstieg', 'planung', 'umsetzung']);
      expect(detail.chapters[0]).not.toHaveProperty('html');
      expect((await apiGet(t, `/guides/${draft.slug}`)).status).toBe(404);
      expect((await apiGet(t, `/guides/${draft.slug}/chapters`)).status).toBe(404);
    });

    it('when reading a guide\'s chapters, then they come in order in pages, and a chapter with its sanitised text', async () => {
      const g = await createGuide(t.ctx.ds, { chapters: [
        { slug: 'eins', title: 'Eins', body: 'Text <script>alert(1)</script> **fett**' },
        { slug: 'zwei', title: 'Zwei', body: 'Zwei' },
        { slug: 'drei', title: 'Drei', body: 'Drei' },
      ] });
      const all = await allPages(t, `/guides/${g.slug}/chapters?limit=2`);
      expect(all.pages).toBe(2);
      expect(all.items.map((c) => [c.slug, c.position])).toEqual([['eins', 1], ['zwei', 2], ['drei', 3]]);
      const chapter = (await apiGet(t, `/guides/${g.slug}/chapters/eins`)).body.data;
      expect(chapter).toMatchObject({ slug: 'eins', title: 'Eins', url: `http://praxis.test/guides/${g.slug}/eins`, source: null });
      expect(chapter.html).toContain('<strong>fett</strong>');
      expect(chapter.html).not.toContain('<script');
      expect((await apiGet(t, `/guides/${g.slug}/chapters/vier`)).status).toBe(404);
      expect((await apiGet(t, `/guides/${g.slug}/chapters?tag=x`)).status).toBe(400);
    });
  });

  describe('forum threads', () => {
    it('when listing, then visitors and read:public tokens see public categories only; a read:network member also members\' categories, never a restricted one they are not listed for', async () => {
      const pub = await createCategory(t.ctx.ds, { isPublic: true });
      const members = await createCategory(t.ctx.ds, { isPublic: false });
      const restrictedSlug = uniq('cat-');
      const [{ id: restrictedId }] = await t.ctx.ds.query(`INSERT INTO forum_categories (slug, name, restricted) VALUES ($1, 'Gruppe', true) RETURNING id`, [restrictedSlug]);
      const inPublic = await createThread(t.ctx.ds, { category: pub });
      const inMembers = await createThread(t.ctx.ds, { category: members });
      const inRestricted = await createThread(t.ctx.ds, { category: { id: restrictedId, slug: restrictedSlug, name: 'Gruppe' } });
      const listed = await createUser(t.ctx.ds);
      await t.ctx.ds.query(`INSERT INTO forum_category_members (category_id, user_id) VALUES ($1, $2)`, [restrictedId, listed.id]);

      const q = `/forum/threads?category=${pub.slug}&category=${members.slug}&category=${restrictedSlug}`;
      const ids = async (token?: string) => keys((await apiGet(t, q, token)).body.data, 'id');
      const publicToken = await tokenFor(t, ['read:public']);
      const networkToken = await tokenFor(t, ['read:public', 'read:network']);
      const listedToken = await tokenFor(t, ['read:network'], listed.id);
      expect(await ids()).toEqual([inPublic.id]);
      expect(await ids(publicToken)).toEqual([inPublic.id]);
      expect(await ids(networkToken)).toEqual([inMembers.id, inPublic.id]);
      expect(await ids(listedToken)).toEqual([inRestricted.id, inMembers.id, inPublic.id]);

      for (const [thread, visitor, network] of [[inPublic, 200, 200], [inMembers, 404, 200], [inRestricted, 404, 404]] as const) {
        expect([thread.id, (await apiGet(t, `/forum/threads/${thread.id}`)).status]).toEqual([thread.id, visitor]);
        expect([thread.id, (await apiGet(t, `/forum/threads/${thread.id}`, publicToken)).status]).toEqual([thread.id, visitor]);
        expect([thread.id, (await apiGet(t, `/forum/threads/${thread.id}`, networkToken)).status]).toEqual([thread.id, network]);
      }
      const seen = (await apiGet(t, `/forum/threads/${inMembers.id}`, networkToken)).body.data;
      expect(seen.category).toEqual({ slug: members.slug, name: members.name, public: false });
    });

    it('when filtering by tag, kind and answered and paging, then matching threads come newest first; detail has the replies with the accepted one; hidden threads are not found', async () => {
      const cat = await createCategory(t.ctx.ds, { isPublic: true });
      const tag = uniq('tag');
      const question = await createThread(t.ctx.ds, { category: cat, kind: 'question', tags: [tag] });
      const answer = await createReply(t.ctx.ds, question);
      await createReply(t.ctx.ds, question);
      await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [question.id, answer.id]);
      const open = await createThread(t.ctx.ds, { category: cat, kind: 'question' });
      const discussion = await createThread(t.ctx.ds, { category: cat, kind: 'discussion', tags: [tag] });
      const hidden = await createThread(t.ctx.ds, { category: cat });
      await t.ctx.ds.query(`UPDATE forum_threads SET hidden_at = now() WHERE id = $1`, [hidden.id]);
      const base = `/forum/threads?category=${cat.slug}`;
      const ids = async (query: string) => keys((await apiGet(t, `${base}&${query}`)).body.data, 'id');

      expect(keys((await allPages(t, `${base}&limit=1`)).items, 'id')).toEqual([discussion.id, open.id, question.id]);
      expect(await ids(`tag=${tag}`)).toEqual([discussion.id, question.id]);
      expect(await ids('kind=question')).toEqual([open.id, question.id]);
      expect(await ids('answered=true')).toEqual([question.id]);
      expect(await ids('answered=false')).toEqual([open.id]);
      expect((await apiGet(t, `${base}&answered=maybe`)).status).toBe(400);

      const detail = (await apiGet(t, `/forum/threads/${question.id}`)).body.data;
      expect(detail).toMatchObject({ id: question.id, kind: 'question', answered: true, tags: [tag], replyCount: expect.any(Number) });
      expect(detail.replies.map((r: Item) => [r.id, r.accepted])).toEqual([[answer.id, true], [expect.any(Number), false]]);
      expect(JSON.stringify(detail)).not.toContain(question.author.name);
      expect((await apiGet(t, `/forum/threads/${hidden.id}`)).status).toBe(404);
    });
  });

  describe('academy courses', () => {
    it('when listing courses in pages, then each comes once by title; detail lists its quizzes; an archived course is not found', async () => {
      const quiz = await createQuiz(t.ctx.ds);
      const c1 = await createCourse(t.ctx.ds, [quiz.slug]);
      const c2 = await createCourse(t.ctx.ds, []);
      const archived = await createCourse(t.ctx.ds, []);
      await t.ctx.ds.query(`UPDATE academy_courses SET archived_at = now() WHERE id = $1`, [archived.id]);

      const all = await allPages(t, '/academy/courses?limit=3');
      const slugs = keys(all.items);
      expect(new Set(slugs).size).toBe(slugs.length);
      expect(slugs).toEqual(expect.arrayContaining([c1.slug, c2.slug]));
      expect(slugs).not.toContain(archived.slug);
      // By title in the database's collation: my two courses in the order PostgreSQL sorts them.
      const ordered = (await t.ctx.ds.query(`SELECT slug FROM academy_courses WHERE slug = ANY($1) ORDER BY title, id`, [[c1.slug, c2.slug]])).map((r: Item) => r.slug);
      expect(slugs.filter((s) => s === c1.slug || s === c2.slug)).toEqual(ordered);
      expect(keys((await apiGet(t, '/academy/courses?language=en&limit=100')).body.data)).not.toContain(c1.slug);

      const detail = (await apiGet(t, `/academy/courses/${c1.slug}`)).body.data;
      expect(detail).toMatchObject({ slug: c1.slug, quizCount: 1, guides: ['buergerhaushalt-planen'], quizzes: [{ slug: quiz.slug, url: `http://praxis.test/academy/quizzes/${quiz.slug}` }] });
      expect(detail.summaryHtml).toContain('<strong>Kurs</strong>');
      expect((await apiGet(t, `/academy/courses/${archived.slug}`)).status).toBe(404);
    });
  });
  describe('events', () => {
    it('when listing an organiser\'s events, then upcoming ones come soonest first in pages; network ones only for read:network; past ones with from; never the online link', async () => {
      const adm = await createAdministration(t.ctx.ds, { state: 'NI' });
      const day = 86_400_000;
      const later = await createEvent(t.ctx.ds, { visibility: 'public', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() + 20 * day) });
      const soon = await createEvent(t.ctx.ds, { visibility: 'public', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() + 2 * day), kind: 'webinar', format: 'online' });
      const network = await createEvent(t.ctx.ds, { visibility: 'network', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() + 10 * day) });
      const past = await createEvent(t.ctx.ds, { visibility: 'public', organiserAdministrationId: adm.id, startsAt: new Date(Date.now() - 30 * day) });
      await t.ctx.ds.query(`UPDATE events SET cancelled_at = now() WHERE id = $1`, [later.id]);
      const base = `/events?administration=${adm.slug}`;
      const networkToken = await tokenFor(t, ['read:network']);
      const publicToken = await tokenFor(t, ['read:public']);

      const pages = await allPages(t, `${base}&limit=1`);
      expect(pages.items.map((e) => e.id)).toEqual([soon.id, later.id]);
      expect(pages.pages).toBe(2);
      expect(keys((await apiGet(t, base, publicToken)).body.data, 'id')).toEqual([soon.id, later.id]);
      const members = await apiGet(t, base, networkToken);
      expect(keys(members.body.data, 'id')).toEqual([soon.id, network.id, later.id]);
      expect(members.headers['access-control-allow-origin']).toBeUndefined();
      const since = new Date(Date.now() - 40 * day).toISOString().slice(0, 10);
      expect(keys((await apiGet(t, `${base}&from=${since}`)).body.data, 'id')).toEqual([past.id, soon.id, later.id]);
      const until = new Date(Date.now() + 5 * day).toISOString().slice(0, 10);
      expect(keys((await apiGet(t, `${base}&to=${until}`)).body.data, 'id')).toEqual([soon.id]);
      expect(keys((await apiGet(t, `${base}&kind=webinar&format=online&state=NI`)).body.data, 'id')).toEqual([soon.id]);
      for (const bad of ['from=2026-02-30', 'from=0000-01-01', 'to=tomorrow', 'kind=party']) expect([bad, (await apiGet(t, `${base}&${bad}`)).status]).toEqual([bad, 400]);

      const detail = (await apiGet(t, `/events/${later.id}`)).body.data;
      expect(detail).toMatchObject({ id: later.id, organiser: { slug: adm.slug }, cancelledAt: expect.any(String), icsUrl: `http://praxis.test/events/${later.id}.ics` });
      expect(JSON.stringify(detail)).not.toContain('meet.example');
      expect((await apiGet(t, `/events/${network.id}`)).status).toBe(404);
      expect((await apiGet(t, `/events/${network.id}`, publicToken)).status).toBe(404);
      expect((await apiGet(t, `/events/${network.id}`, networkToken)).status).toBe(200);
    });
  });
});
