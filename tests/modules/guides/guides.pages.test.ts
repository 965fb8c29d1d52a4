import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { count, createGuide } from '../../support/guides-factories.js';

describe('guide pages', () => {
  const t = useTestApp();

  it('when a visitor opens /guides, then published guides are listed and filtered by tag', async () => {
    const tag = uniq('tag');
    const a = await createGuide(t.ctx.ds, { tags: [tag] });
    const b = await createGuide(t.ctx.ds, { tags: ['anderes'] });
    const draft = await createGuide(t.ctx.ds, { tags: [tag], publish: false });
    const res = await new Browser(t.app).get(`/guides?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain(a.title);
    expect(res.text).not.toContain(b.title);
    expect(res.text).not.toContain(draft.title);
  });

  it('when a facilitator filters by status, then drafts in review are listed; a member asking for them gets published ones', async () => {
    const tag = uniq('tag');
    const draft = await createGuide(t.ctx.ds, { tags: [tag], publish: false });
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await facilitator.get(`/guides?status=in_review&tag=${tag}`)).text).toContain(draft.title);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(`/guides?status=in_review&tag=${tag}`)).text).not.toContain(draft.title);
  });

  it('when a visitor opens a guide, then summary, table of contents, verified date and owner are shown', async () => {
    const g = await createGuide(t.ctx.ds);
    const res = await new Browser(t.app).get(`/guides/${g.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Eine Zusammenfassung.');
    expect(res.text).toContain(`href="/guides/${g.slug}/einstieg"`);
    expect(res.text).toContain(`href="/guides/${g.slug}/umsetzung"`);
    expect(res.text).toContain('Geprüft am');
    expect(res.text).toContain(g.owner.name);
    expect(res.text).not.toContain('/edit"');
  });

  it('when a chapter is opened, then it shows its text with previous and next links', async () => {
    const g = await createGuide(t.ctx.ds);
    const res = await new Browser(t.app).get(`/guides/${g.slug}/planung`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Zweiter Text zur Planung.');
    expect(res.text).toMatch(new RegExp(`rel="prev" href="/guides/${g.slug}/einstieg"`));
    expect(res.text).toMatch(new RegExp(`rel="next" href="/guides/${g.slug}/umsetzung"`));
    expect((await new Browser(t.app).get(`/guides/${g.slug}/gibt-es-nicht`)).status).toBe(404);
  });

  it('when the print view is opened, then every chapter is on one page', async () => {
    const g = await createGuide(t.ctx.ds);
    const res = await new Browser(t.app).get(`/guides/${g.slug}/print`);
    expect(res.status).toBe(200);
    for (const c of g.chapters) expect(res.text).toContain(c.body);
  });

  it('when a guide is not published, then visitors and members get 404 and facilitators see it', async () => {
    const g = await createGuide(t.ctx.ds, { publish: false });
    expect((await new Browser(t.app).get(`/guides/${g.slug}`)).status).toBe(404);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(`/guides/${g.slug}`)).status).toBe(404);
    expect((await member.get(`/guides/${g.slug}/print`)).status).toBe(404);
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await facilitator.get(`/guides/${g.slug}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('noch nicht veröffentlicht');
  });

  it('when a member marks chapters as read, then progress shows on the guide and on their profile', async () => {
    const g = await createGuide(t.ctx.ds);
    const user = await createUser(t.ctx.ds);
    const b = await signedIn(t.app, user);
    const res = await b.post(`/guides/${g.slug}/einstieg/read`, { next: `/guides/${g.slug}/planung` }, `/guides/${g.slug}/einstieg`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/guides/${g.slug}/planung`);
    await b.post(`/guides/${g.slug}/einstieg/read`, {}, `/guides/${g.slug}/einstieg`);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_reads WHERE user_id = $1`, [user.id])).toBe(1);
    const page = await b.get(`/guides/${g.slug}`);
    expect(page.text).toContain('1 von 3 Kapiteln gelesen');
    const profile = await b.get(`/members/${user.handle}`);
    expect(profile.status).toBe(200);
    expect(profile.text).toContain(g.title);
    expect(profile.text).toContain('1 von 3 Kapiteln gelesen');
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    const seenByOther = await other.get(`/members/${user.handle}`);
    expect(seenByOther.status).toBe(200);
    expect(seenByOther.text).not.toContain(g.title);
    await b.post(`/guides/${g.slug}/einstieg/unread`, {}, `/guides/${g.slug}/einstieg`);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_reads WHERE user_id = $1`, [user.id])).toBe(0);
  });

  it('when a visitor tries to mark a chapter read, then 401 and nothing is stored; an unknown chapter is 404', async () => {
    const g = await createGuide(t.ctx.ds);
    const visitor = new Browser(t.app);
    const res = await visitor.post(`/guides/${g.slug}/einstieg/read`, {});
    expect(res.status).toBe(401);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_reads r JOIN guide_chapters c ON c.id = r.chapter_id WHERE c.guide_id = $1`, [g.id])).toBe(0);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.post(`/guides/${g.slug}/nope/read`, {}, `/guides/${g.slug}`)).status).toBe(404);
  });

  it('when a member opens facilitator pages, then 403', async () => {
    const g = await createGuide(t.ctx.ds);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    for (const path of ['/guides/new', '/guides/review', `/guides/${g.slug}/edit`, `/guides/${g.slug}/revisions`, `/guides/${g.slug}/review`]) {
      expect([path, (await member.get(path)).status]).toEqual([path, 403]);
    }
  });

  it('when a facilitator opens the editor pages, then each renders with the draft content', async () => {
    const g = await createGuide(t.ctx.ds);
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const [{ id: revisionId }] = await t.ctx.ds.query(`SELECT published_revision_id AS id FROM guides WHERE id = $1`, [g.id]);
    const pages: [string, string][] = [
      ['/guides/new', 'name="title"'],
      [`/guides/${g.slug}/edit`, '<option value="de" selected>'],
      [`/guides/${g.slug}/chapters/new`, 'name="body"'],
      [`/guides/${g.slug}/chapters/c-planung/edit`, 'Zweiter Text zur Planung.'],
      [`/guides/${g.slug}/revisions`, `/guides/${g.slug}/revisions/${revisionId}`],
      [`/guides/${g.slug}/revisions/${revisionId}`, 'Erster Text zum Einstieg.'],
      [`/guides/${g.slug}/review`, 'wartet nichts auf Freigabe'],
      ['/guides/review', 'Entwürfe warten auf Freigabe'],
    ];
    for (const [path, text] of pages) {
      const res = await facilitator.get(path);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.text).toContain(text);
    }
    expect((await facilitator.get(`/guides/${g.slug}/chapters/nope/edit`)).status).toBe(404);
    expect((await facilitator.get(`/guides/${g.slug}/revisions/999999999`)).status).toBe(404);
  });

  it('when a multi-line chapter is opened for editing, then the textarea holds the Markdown exactly (no partial indentation)', async () => {
    const body = '## Ziele\n\n- eins\n- zwei\n\nAbsatz.';
    const g = await createGuide(t.ctx.ds, { chapters: [{ slug: 'ziele', title: 'Ziele', body }] });
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await facilitator.get(`/guides/${g.slug}/chapters/c-ziele/edit`);
    expect(res.text).toContain(`>${body}</textarea>`);
  });
});
