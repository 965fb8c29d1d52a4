// Use-case translations written in the app (issue 18): the form per language, pending revisions that
// readers do not see, four-eyes review (never by the text's author), the revision history, the
// outdated marking, the facilitators' list, and the content-file path counting as approved.
import { describe, expect, it } from '@jest/globals';
import { upsertTranslation } from '../../../src/modules/usecases/translations.store.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser } from '../../support/factories.js';
import { caseWithEditorSignedIn } from '../../support/usecases-factories.js';

const EN = { title: 'Participatory budget in the test town', summary: 'Residents decided on a share of the budget.' };

describe('use-case translations in the app: form, review, history', () => {
  const t = useTestApp();
  const ds = () => t.ctx.ds;

  /** A public case by `author`, with `editor` as a further editor, both of the case's administration and signed in. */
  const setup = () => caseWithEditorSignedIn(t.app, ds());
  const revisions = async (ucId: number) => ds().query(
    `SELECT language, title, summary, source_title AS "sourceTitle", origin, status, author_id AS "authorId", reviewed_by_id AS "reviewedById", review_note AS "reviewNote"
       FROM use_case_translation_revisions WHERE use_case_id = $1 ORDER BY id`, [ucId]);
  const published = async (ucId: number) => ds().query(`SELECT language, title, summary FROM use_case_translations WHERE use_case_id = $1`, [ucId]);
  const pendingId = async (ucId: number) => (await ds().query(`SELECT id FROM use_case_translation_revisions WHERE use_case_id = $1 AND status = 'pending'`, [ucId]))[0]?.id as number | undefined;
  const englishReader = (slug: string) => new Browser(t.app).get(`/use-cases/${slug}`).set('Accept-Language', 'en');

  it('when a visitor or a member who is not an editor opens or posts the form, then they are sent to sign in or refused, and nothing is stored', async () => {
    const { uc } = await setup();
    const visitor = new Browser(t.app);
    const page = await visitor.get(`/use-cases/${uc.slug}/translations/en`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?next=/);
    expect((await visitor.post(`/use-cases/${uc.slug}/translations/en`, EN)).status).toBe(401);

    const stranger = await signedIn(t.app, await createUser(ds()));
    expect((await stranger.get(`/use-cases/${uc.slug}/translations`)).status).toBe(403);
    expect((await stranger.get(`/use-cases/${uc.slug}/translations/en`)).status).toBe(403);
    expect((await stranger.post(`/use-cases/${uc.slug}/translations/en`, EN)).status).toBe(403);
    // also with an invalid text: refused for who they are, not re-rendered
    expect((await stranger.post(`/use-cases/${uc.slug}/translations/en`, { title: '', summary: '' })).status).toBe(403);
    expect(await revisions(uc.id)).toEqual([]);
    // the case page offers translating only to those who may
    expect((await stranger.get(`/use-cases/${uc.slug}`)).text).not.toContain(`href="/use-cases/${uc.slug}/translations"`);
  });

  it('when the language is the case\'s own or not a content language, then the form is not found', async () => {
    const { uc, authorB } = await setup();
    expect((await authorB.get(`/use-cases/${uc.slug}/translations/de`)).status).toBe(404);
    expect((await authorB.get(`/use-cases/${uc.slug}/translations/fr`)).status).toBe(404);
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/fr`, EN)).status).toBe(404);
    expect(await revisions(uc.id)).toEqual([]);
  });

  it('when the text is invalid, then the form comes back with 422, the messages and the text kept (with its lang)', async () => {
    const { uc, authorB } = await setup();
    const bad = await authorB.post(`/use-cases/${uc.slug}/translations/en`, { title: 'Ab', summary: 'Kept summary text. '.repeat(20) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Bitte geben Sie den übersetzten Titel ein');
    expect(bad.text).toContain('Die Zusammenfassung darf höchstens 300 Zeichen haben.');
    expect(bad.text).toMatch(/<input[^>]*name="title"[^>]*value="Ab"[^>]*lang="en">/);
    expect(bad.text).toMatch(/<textarea[^>]*name="summary"[^>]*lang="en">Kept summary text\./);
    expect(await revisions(uc.id)).toEqual([]);
  });

  it('when the author writes a translation, then readers do not see it until another editor approves it — the author cannot', async () => {
    const { uc, author, editor, authorB, editorB } = await setup();
    const form = await authorB.get(`/use-cases/${uc.slug}`);
    expect(form.text).toContain(`href="/use-cases/${uc.slug}/translations"`);
    const saved = await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN);
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/use-cases/${uc.slug}/translations/en`);
    expect(await revisions(uc.id)).toEqual([
      expect.objectContaining({ language: 'en', ...EN, origin: 'app', status: 'pending', authorId: author.id, reviewedById: null, sourceTitle: expect.stringMatching(/^Bürgerhaushalt uc-/) }),
    ]);
    expect(await published(uc.id)).toEqual([]);
    expect((await englishReader(uc.slug)).text).not.toContain(EN.title);

    // the same text again is nothing new to review
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN)).status).toBe(422);

    // four eyes: the author's approval is refused and changes nothing
    const id = (await pendingId(uc.id))!;
    const own = await authorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(id), note: '' });
    expect(own.status).toBe(403);
    expect(await published(uc.id)).toEqual([]);
    const ownPage = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(ownPage.text).not.toContain('/translations/en/approve');
    expect(ownPage.text).toContain('Sie haben diesen Text geschrieben');

    // the editor sees the approve and refuse forms, and approves what they saw
    const reviewPage = await editorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(reviewPage.text).toContain(`action="/use-cases/${uc.slug}/translations/en/approve"`);
    expect(reviewPage.text).toContain(`<dd class="kern-description-list-item__value" lang="en">${EN.title}</dd>`);
    expect((await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(id + 1000), note: '' })).status).toBe(409);
    const ok = await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(id), note: 'Looks good.' });
    expect(ok.status).toBe(303);
    expect(await published(uc.id)).toEqual([{ language: 'en', ...EN }]);
    expect(await revisions(uc.id)).toEqual([expect.objectContaining({ status: 'approved', authorId: author.id, reviewedById: editor.id, reviewNote: 'Looks good.' })]);
    const en = await englishReader(uc.slug);
    expect(en.text).toContain(`<h1 class="kern-heading-large" lang="en">${EN.title}</h1>`);
    expect(en.text).toContain(`<p class="kern-body uc-summary" lang="en">${EN.summary}</p>`);
    const [audit] = await ds().query(`SELECT actor_id AS "actorId", details FROM audit_log WHERE action = 'use_case.translation_approved' AND subject_id = $1`, [String(uc.id)]);
    expect(audit).toEqual({ actorId: editor.id, details: { language: 'en', revisionId: id } });
  });

  it('when a new text waits for review, then readers keep the approved one; a refusal keeps its reason in the history; a facilitator may review', async () => {
    const { uc, author, authorB, editorB } = await setup();
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN);
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });

    // the editor writes a better title; a second save replaces the waiting one (kept as superseded)
    await editorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget, second try' });
    await editorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget, third try' });
    expect((await englishReader(uc.slug)).text).toContain(EN.title);
    expect((await englishReader(uc.slug)).text).not.toContain('third try');

    const overview = await editorB.get(`/use-cases/${uc.slug}/translations`);
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Wartet auf Prüfung');

    // the author refuses the editor's text: a reason is required, and kept
    const id = (await pendingId(uc.id))!;
    const noReason = await authorB.post(`/use-cases/${uc.slug}/translations/en/refuse`, { revision: String(id), reason: '' });
    expect(noReason.status).toBe(422);
    const refused = await authorB.post(`/use-cases/${uc.slug}/translations/en/refuse`, { revision: String(id), reason: 'Keep the town name in the title.' });
    expect(refused.status).toBe(303);
    expect((await revisions(uc.id)).map((r: { status: string; title: string }) => [r.status, r.title])).toEqual([
      ['approved', EN.title], ['superseded', 'Participatory budget, second try'], ['refused', 'Participatory budget, third try'],
    ]);
    expect((await revisions(uc.id))[2]).toMatchObject({ reviewedById: author.id, reviewNote: 'Keep the town name in the title.' });
    expect(await published(uc.id)).toEqual([{ language: 'en', ...EN }]);
    const history = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(history.text).toContain('Keep the town name in the title.');
    expect(history.text).toContain('durch einen neueren Text ersetzt');

    // a facilitator who is no editor of the case reviews the next text
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget in the test town (2024)' });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    const ok = await facilitator.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });
    expect(ok.status).toBe(303);
    expect((await englishReader(uc.slug)).text).toContain('Participatory budget in the test town (2024)');
  });

  it('when the original changes after the translation, then readers see it outdated, facilitators find it listed, and a reviewed "still matches" clears it', async () => {
    const { uc, authorB, editorB } = await setup();
    await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN);
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });
    const facilitator = await signedIn(t.app, await createUser(ds(), { role: 'facilitator' }));
    expect((await facilitator.get('/use-cases/translations')).text).not.toContain(`/use-cases/${uc.slug}/translations/en`);

    await ds().query(`UPDATE use_cases SET summary = 'Eine geänderte Beschreibung des Beispiels.' WHERE id = $1`, [uc.id]);
    expect((await englishReader(uc.slug)).text).toContain('This translation of title and summary is outdated');
    const queue = await facilitator.get('/use-cases/translations');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/use-cases/${uc.slug}/translations/en"`);
    expect(queue.text).toContain('Veraltet');
    const form = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(form.text).toContain('Die Übersetzung wurde aus dieser Fassung des Originals geschrieben:');
    expect(form.text).toContain('Eine kurze Beschreibung des Beispiels für Tests.');

    // members are not shown the facilitators' list
    expect((await authorB.get('/use-cases/translations')).status).toBe(403);

    // the unchanged text, saved again, is "still matches the original" — it goes through review too
    expect((await authorB.post(`/use-cases/${uc.slug}/translations/en`, EN)).status).toBe(303);
    expect((await englishReader(uc.slug)).text).toContain('This translation of title and summary is outdated');
    expect((await facilitator.get('/use-cases/translations')).text).toContain('Wartet auf Prüfung');
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });
    const en = await englishReader(uc.slug);
    expect(en.text).toContain(EN.title);
    expect(en.text).not.toContain('This translation of title and summary is outdated');
    expect((await revisions(uc.id)).map((r: { status: string }) => r.status)).toEqual(['approved', 'approved']);
  });

  it('when a content file carries the translation, then it counts as approved, syncing it again changes nothing, and an approved app text is not undone', async () => {
    const { uc, authorB, editorB } = await setup();
    await upsertTranslation(ds(), uc.id, { language: 'en', ...EN });
    await upsertTranslation(ds(), uc.id, { language: 'en', ...EN });
    expect(await revisions(uc.id)).toEqual([expect.objectContaining({ origin: 'file', status: 'approved', authorId: null, ...EN })]);
    expect(await published(uc.id)).toEqual([{ language: 'en', ...EN }]);

    await authorB.post(`/use-cases/${uc.slug}/translations/en`, { ...EN, title: 'Participatory budget, edited in the app' });
    await editorB.post(`/use-cases/${uc.slug}/translations/en/approve`, { revision: String(await pendingId(uc.id)), note: '' });
    await upsertTranslation(ds(), uc.id, { language: 'en', ...EN }); // the unchanged file, synced again
    expect((await published(uc.id))[0].title).toBe('Participatory budget, edited in the app');
    const page = await authorB.get(`/use-cases/${uc.slug}/translations/en`);
    expect(page.text).toContain('Inhaltsdatei');

    // a changed file is applied (files are trusted)
    await upsertTranslation(ds(), uc.id, { language: 'en', ...EN, title: 'Participatory budget from the file' });
    expect((await published(uc.id))[0].title).toBe('Participatory budget from the file');
    expect((await revisions(uc.id)).map((r: { origin: string; status: string }) => `${r.origin}:${r.status}`)).toEqual(['file:approved', 'app:approved', 'file:approved']);
  });
});
