import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';

describe('guide translations: review, reader language, outdated marking', () => {
  const t = useTestApp();

  const guideRow = async (slug: string) => (await t.ctx.ds.query(
    `SELECT id, status, language, translation_of_id AS "translationOfId", source_revision_id AS "sourceRevisionId",
            draft_revision_id AS "draftRevisionId", published_revision_id AS "publishedRevisionId" FROM guides WHERE slug = $1`, [slug]))[0];
  const translationsOf = async (id: number) => (await t.ctx.ds.query(`SELECT slug, language FROM guides WHERE translation_of_id = $1`, [id])) as { slug: string; language: string }[];
  const uidOf = async (guideId: number, slug: string) => (await t.ctx.ds.query(`SELECT uid FROM guide_chapters WHERE guide_id = $1 AND slug = $2`, [guideId, slug]))[0].uid as string;

  /** A published guide with a published English translation of its chapter "planung" (A translates, B approves). */
  async function translatedGuide() {
    const g = await createGuide(t.ctx.ds);
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await createUser(t.ctx.ds, { role: 'facilitator' });
    const translator = await signedIn(t.app, a);
    const reviewer = await signedIn(t.app, b);
    const started = await translator.post(`/guides/${g.slug}/translate`, { language: 'en' }, `/guides/${g.slug}/translate`);
    expect(started.status).toBe(303);
    const [tr] = await translationsOf(g.id);
    expect(tr).toEqual({ slug: `${g.slug}-en`, language: 'en' });
    const uid = await uidOf(g.id, 'planung');
    const saved = await translator.post(`/guides/${tr!.slug}/chapters/${uid}`,
      { title: 'Planning', slug: 'planning', body: 'Second text about **planning**.', message: 'translated' }, `/guides/${tr!.slug}/chapters/${uid}/edit`);
    expect(saved.status).toBe(303);
    const edited = await translator.post(`/guides/${tr!.slug}/edit`,
      { title: `Guide ${g.slug}`, summary: 'A summary.', tags: 'test', owner: '', reviewIntervalMonths: '12', language: 'en', sortOrder: '100', message: 'title' }, `/guides/${tr!.slug}/edit`);
    expect(edited.status).toBe(303);
    const draft = await guideRow(tr!.slug);
    return { g, a, b, translator, reviewer, tr: tr!, draft };
  }

  it('when a facilitator starts a translation, then it is a draft in review linked to the published original, and only another facilitator can publish it', async () => {
    const { g, translator, reviewer, tr, draft } = await translatedGuide();
    const original = await guideRow(g.slug);
    expect(draft).toMatchObject({ status: 'in_review', language: 'en', translationOfId: original.id, sourceRevisionId: null });
    const [rev] = await t.ctx.ds.query(`SELECT source_revision_id AS "sourceRevisionId" FROM guide_revisions WHERE id = $1`, [draft.draftRevisionId]);
    expect(rev.sourceRevisionId).toBe(original.publishedRevisionId);
    // its own revision history: the start, the chapter and the title
    const [{ n }] = await t.ctx.ds.query(`SELECT count(*)::int AS n FROM guide_revisions WHERE guide_id = $1`, [draft.id]);
    expect(n).toBe(3);

    // four eyes: the translator may not approve their own translation; nothing changes
    const own = await translator.post(`/guides/${tr.slug}/approve`, { revision: String(draft.draftRevisionId), comment: '' }, `/guides/${tr.slug}/review`);
    expect(own.status).toBe(403);
    expect(await guideRow(tr.slug)).toEqual(draft);
    // readers do not see an unreviewed translation
    const english = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(english.text).toContain('Zweiter Text zur Planung.');
    expect(english.text).not.toContain('Second text about');

    const ok = await reviewer.post(`/guides/${tr.slug}/approve`, { revision: String(draft.draftRevisionId), comment: 'fine' }, `/guides/${tr.slug}/review`);
    expect(ok.status).toBe(303);
    expect(await guideRow(tr.slug)).toMatchObject({ status: 'published', sourceRevisionId: original.publishedRevisionId, draftRevisionId: null });
  });

  it('when the language is not a content language, is the original\'s or already translated, then 422 on the same form and nothing is created', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    for (const language of ['pl', 'de', 'xx1']) {
      const res = await a.post(`/guides/${g.slug}/translate`, { language }, `/guides/${g.slug}/translate`);
      expect(res.status).toBe(422);
      expect(res.text).toContain('name="language"');
    }
    expect(await translationsOf(g.id)).toEqual([]);
    expect((await a.post(`/guides/${g.slug}/translate`, { language: 'en' }, `/guides/${g.slug}/translate`)).status).toBe(303);
    expect((await a.post(`/guides/${g.slug}/translate`, { language: 'en' }, `/guides/${g.slug}/translate`)).status).toBe(409);
    expect(await translationsOf(g.id)).toHaveLength(1);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.post(`/guides/${g.slug}/translate`, { language: 'en' }, '/guides')).status).toBe(403);
  });

  it('when an English reader opens a translated chapter, then the English text with lang="en", a language switch and hreflang alternates', async () => {
    const { g, reviewer, tr, draft } = await translatedGuide();
    await reviewer.post(`/guides/${tr.slug}/approve`, { revision: String(draft.draftRevisionId), comment: '' }, `/guides/${tr.slug}/review`);
    const visitor = new Browser(t.app);
    const en = await visitor.get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(en.status).toBe(200);
    expect(en.text).toMatch(/<h1 class="kern-heading-large" lang="en">Planning<\/h1>/);
    expect(en.text).toMatch(/<div class="kern-body markdown" lang="en"><p>Second text about <strong>planning<\/strong>.<\/p>/);
    expect(en.text).toContain(`<link rel="alternate" hreflang="de" href="${t.ctx.config.baseUrl}/guides/${g.slug}/planung">`);
    expect(en.text).toContain(`<link rel="alternate" hreflang="en" href="${t.ctx.config.baseUrl}/guides/${g.slug}/planung?lang&#x3D;en">`);
    expect(en.text).toContain('hreflang="x-default"');
    // The switch names German explicitly: without ?lang=de an English reader would get English again.
    expect(en.text).toMatch(/href="\/guides\/[^"]+\/planung\?lang&#x3D;de" hreflang="de" lang="de">Deutsch<\/a>/);
    const viaSwitch = await visitor.get(`/guides/${g.slug}/planung?lang=de`).set('Accept-Language', 'en');
    expect(viaSwitch.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Zweiter Text zur Planung.<\/p>/);
    expect(en.text).toContain('Translated from the original (German).');
    // chapters not translated yet are shown in the original, marked
    const untranslated = await visitor.get(`/guides/${g.slug}/einstieg`).set('Accept-Language', 'en');
    expect(untranslated.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Erster Text zum Einstieg.<\/p>/);
    expect(untranslated.text).toContain('This chapter is not translated yet');
    // German interface: the original; the switch picks English explicitly
    const de = await new Browser(t.app).get(`/guides/${g.slug}/planung`);
    expect(de.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Zweiter Text zur Planung.<\/p>/);
    const picked = await new Browser(t.app).get(`/guides/${g.slug}/planung?lang=en`);
    expect(picked.text).toContain('Second text about');
    // the guide page too, and the translation's own address leads to the original's with ?lang=
    const page = await visitor.get(`/guides/${g.slug}`).set('Accept-Language', 'en');
    expect(page.text).toMatch(new RegExp(`<h1 class="kern-heading-large" lang="en">Guide ${g.slug}</h1>`));
    expect(page.text).toContain(`href="/guides/${g.slug}/planung?lang&#x3D;en" lang="en">Planning</a>`);
    expect(page.text).toContain(`href="/guides/${g.slug}/einstieg?lang&#x3D;en" lang="de">Einstieg</a>`);
    const own = await visitor.get(`/guides/${tr.slug}/planning`);
    expect(own.status).toBe(303);
    expect(own.headers.location).toBe(`/guides/${g.slug}/planung?lang=en`);
  });

  it('when no translation exists, then an English reader gets the German original with lang="de" and a notice, and no hreflang', async () => {
    const g = await createGuide(t.ctx.ds);
    const res = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Zweiter Text zur Planung.<\/p>/);
    expect(res.text).toContain('This content is not available in English yet. You are reading the original in German.');
    expect(res.text).not.toContain('hreflang="x-default"');
    const de = await new Browser(t.app).get(`/guides/${g.slug}/planung`);
    expect(de.text).not.toContain('nicht auf');
  });

  it('when the original changes after the translation, then readers see it as outdated, facilitators find it listed, and "still matches" clears it', async () => {
    const { g, a, b, reviewer, tr, draft } = await translatedGuide();
    await reviewer.post(`/guides/${tr.slug}/approve`, { revision: String(draft.draftRevisionId), comment: '' }, `/guides/${tr.slug}/review`);
    const facilitator = await signedIn(t.app, a);
    const overview = await facilitator.get('/guides/translations');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain(`/guides/${tr.slug}/edit`);
    expect(overview.text).not.toContain(`/guides/${tr.slug}/translation-current`);

    // the German original changes (A edits, B approves)
    const uid = await uidOf(g.id, 'umsetzung');
    await facilitator.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Umsetzung', slug: '', body: 'Neuer Text.', message: 'neu' }, `/guides/${g.slug}/chapters/${uid}/edit`);
    const changed = await guideRow(g.slug);
    const approved = await (await signedIn(t.app, b)).post(`/guides/${g.slug}/approve`, { revision: String(changed.draftRevisionId), comment: '' }, `/guides/${g.slug}/review`);
    expect(approved.status).toBe(303);

    const en = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(en.text).toContain('This translation is outdated: the original (German) has changed since.');
    expect(en.text).toContain('Second text about');
    const listed = await facilitator.get('/guides/translations');
    expect(listed.text).toContain(`action="/guides/${tr.slug}/translation-current"`);
    expect(listed.text).toMatch(/1 translation\(s\) outdated|1 Übersetzung\(en\) veraltet/);

    // a member cannot clear it; a facilitator can
    const before = await guideRow(tr.slug);
    expect(before.sourceRevisionId).not.toBe((await guideRow(g.slug)).publishedRevisionId);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.post(`/guides/${tr.slug}/translation-current`, {}, '/guides')).status).toBe(403);
    expect(await guideRow(tr.slug)).toEqual(before);
    const cleared = await facilitator.post(`/guides/${tr.slug}/translation-current`, {}, '/guides/translations');
    expect(cleared.status).toBe(303);
    expect((await guideRow(tr.slug)).sourceRevisionId).toBe((await guideRow(g.slug)).publishedRevisionId);
    const again = await new Browser(t.app).get(`/guides/${g.slug}/planung`).set('Accept-Language', 'en');
    expect(again.text).not.toContain('This translation is outdated');
  });
});
