// Use-case translations carry the report's narrative sections (issue 18): saved per section with the
// original's renderer, kept on a 422, reviewed and published with title and summary, shown to readers
// with the right lang per section (an untranslated section in the original), outdated when a section
// it translated changes in the original (not when one it left out does), in content files and in the
// privacy download.
import { describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../../src/shared/markdown.js';
import { upsertTranslation } from '../../../src/modules/usecases/translations.store.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { caseWithEditorSignedIn } from '../../support/usecases-factories.js';

const EN = { title: 'Participatory budget in the test town', summary: 'Residents decided on a share of the budget.' };
const ORIGINAL = {
  situation: 'Die Stadt wollte den **Haushalt** öffnen.',
  goal: 'Vorschläge sichtbar machen.',
  results: 'Mehrere tausend Menschen haben mitgemacht.',
};

describe('use-case translations: the narrative sections', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  /** A public case with three sections written through the narrative form, its author and a second editor, both signed in. */
  async function setup() {
    const team = await caseWithEditorSignedIn(t.app, ds());
    const { uc, authorB } = team;
    expect((await authorB.post(`/use-cases/${uc.slug}/edit/narrative`, ORIGINAL, `/use-cases/${uc.slug}`)).status).toBe(303);
    return team;
  }
  const revisions = async (ucId: number) => ds().query(
    `SELECT status, narrative, narrative_html AS "narrativeHtml", source_narrative AS "sourceNarrative"
       FROM use_case_translation_revisions WHERE use_case_id = $1 ORDER BY id`, [ucId]);
  const published = async (ucId: number) => (await ds().query(
    `SELECT narrative, narrative_html AS "narrativeHtml", source_narrative AS "sourceNarrative" FROM use_case_translations WHERE use_case_id = $1`, [ucId]))[0];
  const pendingId = async (ucId: number) => String((await ds().query(`SELECT id FROM use_case_translation_revisions WHERE use_case_id = $1 AND status = 'pending'`, [ucId]))[0]?.id);
  const englishReader = (slug: string) => new Browser(t.app).get(`/use-cases/${slug}`).set('Accept-Language', 'en');
  /** The section's element on the case page: its lang and inner HTML. */
  const sectionOf = (html: string, section: string) => {
    const m = html.match(new RegExp(`<h2 class="kern-heading-medium" id="section-${section}">[^<]*</h2>\\s*<div class="kern-body prose"( lang="([a-z]{2})")?>([\\s\\S]*?)</div>\\s*</section>`));
    return m ? { lang: m[2] ?? null, html: m[3]! } : null;
  };

  it('when a translator saves sections, then each is stored with the HTML of the original\'s renderer and the original section it was written from; empty ones are not translated', async () => {
    const { uc, authorB } = await setup();
    const form = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    // the original section, read-only with its lang, above the field for its translation (in English)
    expect(form.text).toContain(`<div class="kern-body prose uc-tr-original" lang="de">${renderMarkdown(ORIGINAL.situation)}</div>`);
    expect(form.text).toMatch(/<textarea[^>]*name="situation"[^>]*lang="en"><\/textarea>/);
    // a section the original does not have gets no field
    expect(form.text).not.toMatch(/name="notWorked"/);

    const situation = 'The city wanted to open up the **budget**. <script>alert(1)</script>';
    const saved = await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation, goal: '  Make proposals visible.\r\n ', results: '   ' });
    expect(saved.status).toBe(303);
    const [rev] = await revisions(uc.id);
    expect(rev).toEqual({
      status: 'pending',
      narrative: { situation, goal: 'Make proposals visible.' },
      narrativeHtml: { situation: renderMarkdown(situation), goal: renderMarkdown('Make proposals visible.') },
      sourceNarrative: { situation: ORIGINAL.situation, goal: ORIGINAL.goal },
    });
    expect(rev.narrativeHtml.situation).not.toContain('<script');
    // the page shows the waiting text's sections, in English, and fills the form with them
    const page = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(page.text).toContain(`<div class="kern-body prose" lang="en">${renderMarkdown('Make proposals visible.')}</div>`);
    expect(page.text).toMatch(/<textarea[^>]*name="goal"[^>]*lang="en">Make proposals visible\.<\/textarea>/);

    // the same text again, sections included, is nothing new; a changed section is
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation, goal: 'Make proposals visible.' })).status).toBe(422);
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation, goal: 'Make the proposals visible.' })).status).toBe(303);
    expect((await revisions(uc.id)).map((r: { status: string }) => r.status)).toEqual(['superseded', 'pending']);
    // the history names what each text changed against the one before
    const history = (await authorB.get(`/use-cases/${uc.slug}/translations/en`)).text;
    expect(history).toContain('Geändert gegenüber dem vorigen Text: Ziel</p>');
  });

  it('when the text is invalid, then the form comes back with 422 and every section\'s text kept; nothing is stored', async () => {
    const { uc, authorB } = await setup();
    const bad = await authorB.post(`/use-cases/${uc.slug}/translations/en`, { title: 'Ab', summary: EN.summary, situation: 'Kept <section> text & more', goal: 'Kept goal.' });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/<textarea[^>]*name="situation"[^>]*lang="en">Kept &lt;section&gt; text &amp; more<\/textarea>/);
    expect(bad.text).toMatch(/<textarea[^>]*name="goal"[^>]*lang="en">Kept goal\.<\/textarea>/);

    // longer than the original's limit: a message on that section's field
    const long = await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation: 'x'.repeat(20_001), goal: 'Kept goal.' });
    expect(long.status).toBe(422);
    expect(long.text).toMatch(/id="field-situation-error"/);
    expect(long.text).toMatch(/<textarea[^>]*name="goal"[^>]*lang="en">Kept goal\.<\/textarea>/);

    // text for a section the original does not have: refused on that field, not dropped unseen
    const orphan = await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, goal: 'Kept goal.', notWorked: 'Nothing failed.' });
    expect(orphan.status).toBe(422);
    expect(orphan.text).toContain('Das Original hat in diesem Abschnitt (nicht mehr) Text');
    expect(orphan.text).toMatch(/<textarea[^>]*name="goal"[^>]*lang="en">Kept goal\.<\/textarea>/);
    expect(await revisions(uc.id)).toEqual([]);
  });

  it('when a second person approves the text, then English readers see the translated sections with lang="en" and the others in the original with lang="de"', async () => {
    const { uc, authorB, editorB } = await setup();
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation: 'The city wanted to open up the *budget*.', results: 'Several thousand people took part.' });
    // waiting for review: readers see the original sections
    expect(sectionOf((await englishReader(uc.slug)).text, 'situation')).toEqual({ lang: 'de', html: renderMarkdown(ORIGINAL.situation) });

    const review = await editorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(review.text).toContain(`<div class="kern-body prose" lang="en">${renderMarkdown('Several thousand people took part.')}</div>`);
    expect((await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: await pendingId(uc.id), note: '' })).status).toBe(303);
    const row = await published(uc.id);
    expect(row.narrative).toEqual({ situation: 'The city wanted to open up the *budget*.', results: 'Several thousand people took part.' });

    const en = (await englishReader(uc.slug)).text;
    expect(sectionOf(en, 'situation')).toEqual({ lang: 'en', html: row.narrativeHtml.situation });
    expect(sectionOf(en, 'results')).toEqual({ lang: 'en', html: renderMarkdown('Several thousand people took part.') });
    expect(sectionOf(en, 'goal')).toEqual({ lang: 'de', html: renderMarkdown(ORIGINAL.goal) });
    expect(en).toContain('Translated from the original (German); sections that are not translated are shown in the original language.');
    const de = (await new Browser(t.app).get(`/use-cases/${uc.slug}`)).text;
    expect(sectionOf(de, 'situation')).toEqual({ lang: 'de', html: renderMarkdown(ORIGINAL.situation) });

    // the history shows the sections of each text
    const history = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(history.text).toContain('2 übersetzte Abschnitte');
  });

  it('when a translated section of the original changes, then the translation is outdated and the form marks that section; a change to an untranslated section does not make it outdated', async () => {
    const { uc, authorB, editorB } = await setup();
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation: 'The city wanted to open up the budget.' });
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: await pendingId(uc.id), note: '' });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const outdatedNotice = 'This translation is outdated: the original (German) has changed since.';

    // the goal is not translated: its change leaves the translation current (readers see the new goal in German)
    await authorB.post(`/use-cases/${uc.slug}/edit/narrative`, { ...ORIGINAL, goal: 'Vorschläge sichtbar und verbindlich machen.' }, `/use-cases/${uc.slug}`);
    let en = (await englishReader(uc.slug)).text;
    expect(en).not.toContain(outdatedNotice);
    expect(sectionOf(en, 'goal')).toEqual({ lang: 'de', html: renderMarkdown('Vorschläge sichtbar und verbindlich machen.') });
    expect((await facilitator.get('/use-cases/translations')).text).not.toContain(`/use-cases/${uc.slug}/translations/en`);
    const [state] = await ds().query(`SELECT source_narrative AS s FROM use_case_translations WHERE use_case_id = $1`, [uc.id]);
    expect(state.s).toEqual({ situation: ORIGINAL.situation });

    // the situation is translated: its change makes the translation outdated
    const newSituation = 'Die Stadt wollte den Haushalt öffnen und verständlicher machen.';
    await authorB.post(`/use-cases/${uc.slug}/edit/narrative`, { ...ORIGINAL, goal: 'Vorschläge sichtbar und verbindlich machen.', situation: newSituation }, `/use-cases/${uc.slug}`);
    en = (await englishReader(uc.slug)).text;
    expect(en).toContain(outdatedNotice);
    // readers still see the approved translation of the section, marked outdated above
    expect(sectionOf(en, 'situation')?.lang).toBe('en');
    expect((await facilitator.get('/use-cases/translations')).text).toContain(`href="/use-cases/${uc.slug}/translations/en"`);
    const form = (await authorB.get(`/use-cases/${uc.slug}/translations/en`)).text;
    const legend = (s: string) => form.match(new RegExp(`<legend class="kern-heading-small" id="uc-tr-section-${s}">([\\s\\S]*?)</legend>`))?.[1] ?? '';
    expect(legend('situation')).toContain('Original geändert');
    expect(legend('goal')).not.toContain('Original geändert');
    expect(legend('goal')).toContain('Nicht übersetzt');
    expect(form).toContain('Ein Abschnitt des Originals wurde seit der freigegebenen Übersetzung geändert.');
    // title and summary did not change: no earlier version of them is shown
    expect(form).not.toContain('Die Übersetzung wurde aus dieser Fassung des Originals geschrieben:');
    // the earlier version of the section it was written from, and the current one above the field
    expect(form).toContain(`<p class="kern-body preline" lang="de">${ORIGINAL.situation}</p>`);
    expect(form).toContain(renderMarkdown(newSituation));

    // saved again unchanged ("still matches") and approved: current again
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, situation: 'The city wanted to open up the budget.' })).status).toBe(303);
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: await pendingId(uc.id), note: '' });
    expect((await englishReader(uc.slug)).text).not.toContain(outdatedNotice);
    expect((await published(uc.id)).sourceNarrative).toEqual({ situation: newSituation });
  });

  it('when a content file carries sections, then they are published at once, an unchanged sync changes nothing, and the privacy download holds the sections a member wrote', async () => {
    const { uc, authorB } = await setup();
    const narrative = { goal: 'Make proposals visible.' };
    const file = { language: 'en', ...EN, narrative, narrativeHtml: { goal: renderMarkdown(narrative.goal) } };
    await upsertTranslation(ds(), uc.id, file);
    await upsertTranslation(ds(), uc.id, file);
    expect((await revisions(uc.id)).map((r: { narrative: unknown }) => r.narrative)).toEqual([narrative]);
    expect(await published(uc.id)).toEqual({ narrative, narrativeHtml: file.narrativeHtml, sourceNarrative: { goal: ORIGINAL.goal } });
    expect(sectionOf((await englishReader(uc.slug)).text, 'goal')).toEqual({ lang: 'en', html: renderMarkdown(narrative.goal) });

    await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, goal: 'Make proposals visible.', results: 'Thousands took part.' });
    const data = JSON.parse((await authorB.get('/me/export')).text);
    const mine = data.usecases.translations.filter((x: { useCase: string }) => x.useCase === uc.slug);
    expect(mine).toEqual([expect.objectContaining({ language: 'en', narrative: { goal: 'Make proposals visible.', results: 'Thousands took part.' }, status: 'pending' })]);
  });
});
