import { describe, expect, it } from '@jest/globals';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { count, createGuide } from '../../support/guides-factories.js';

describe('editing guides and four-eyes publishing', () => {
  const t = useTestApp();

  const state = async (guideId: number) => {
    const [g] = await t.ctx.ds.query(
      `SELECT status, review_state AS "reviewState", draft_revision_id AS "draftRevisionId", published_revision_id AS "publishedRevisionId",
              title, (SELECT count(*)::int FROM guide_revisions WHERE guide_id = $1) AS revisions,
              (SELECT json_agg(json_build_array(slug, title, body_source) ORDER BY position) FROM guide_chapters WHERE guide_id = $1) AS chapters
         FROM guides WHERE id = $1`, [guideId]);
    return g;
  };
  const chapterUid = async (guideId: number, slug: string) =>
    (await t.ctx.ds.query(`SELECT uid FROM guide_chapters WHERE guide_id = $1 AND slug = $2`, [guideId, slug]))[0].uid as string;

  it('when facilitator A edits a published chapter, then readers keep the old text until facilitator B approves', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await createUser(t.ctx.ds, { role: 'facilitator' });
    const uid = await chapterUid(g.id, 'planung');
    const editor = await signedIn(t.app, a);
    const saved = await editor.post(`/guides/${g.slug}/chapters/${uid}`,
      { title: 'Planung', slug: '', body: 'Neuer Text zur Planung mit **Zeitplan**.', message: 'Zeitplan ergänzt' }, `/guides/${g.slug}/chapters/${uid}/edit`);
    expect(saved.status).toBe(303);

    const reader = new Browser(t.app);
    expect((await reader.get(`/guides/${g.slug}/planung`)).text).toContain('Zweiter Text zur Planung.');
    const draft = await state(g.id);
    expect(draft).toMatchObject({ status: 'published', reviewState: 'in_review' });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'guides.reviewRequested'`, [b.id])).toBeGreaterThanOrEqual(1);

    // A may not approve their own draft: 403 and nothing changes
    const own = await editor.post(`/guides/${g.slug}/approve`, { revision: String(draft.draftRevisionId), comment: '' }, `/guides/${g.slug}/review`);
    expect(own.status).toBe(403);
    expect(await state(g.id)).toEqual(draft);

    const reviewer = await signedIn(t.app, b);
    const queue = await reviewer.get('/guides/review');
    expect(queue.text).toContain(`/guides/${g.slug}/review`);
    const review = await reviewer.get(`/guides/${g.slug}/review`);
    expect(review.text).toContain('Zweiter Text zur Planung.');
    expect(review.text).toMatch(/guide-diff__line--added">.*Neuer Text zur Planung/);
    const ok = await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(draft.draftRevisionId), comment: 'Passt.' }, `/guides/${g.slug}/review`);
    expect(ok.status).toBe(303);

    expect((await reader.get(`/guides/${g.slug}/planung`)).text).toContain('Neuer Text zur Planung mit <strong>Zeitplan</strong>.');
    const after = await state(g.id);
    expect(after).toMatchObject({ status: 'published', reviewState: 'none', draftRevisionId: null, publishedRevisionId: draft.draftRevisionId });
    const [rev] = await t.ctx.ds.query(`SELECT status, reviewer_id AS "reviewerId", author_id AS "authorId", message FROM guide_revisions WHERE id = $1`, [draft.draftRevisionId]);
    expect(rev).toEqual({ status: 'published', reviewerId: b.id, authorId: a.id, message: 'Zeitplan ergänzt' });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'guides.approved'`, [a.id])).toBe(1);
    const [{ n }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'guide_chapter' AND (payload->>'id')::int =
         (SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung') AND created_at >= now() - interval '1 minute'`, [g.id]);
    expect(n).toBeGreaterThanOrEqual(1);

    const chapterHistory = await reviewer.get(`/guides/${g.slug}/revisions?chapter=${uid}`);
    expect(chapterHistory.text).toContain('Planung:</span> Zeitplan ergänzt');
    expect(chapterHistory.text).not.toContain('>angelegt<');
    const history = await reviewer.get(`/guides/${g.slug}/revisions/${draft.draftRevisionId}`);
    expect(history.status).toBe(200);
    expect(history.text).toMatch(/guide-diff__line--removed">.*Zweiter Text zur Planung\./);
  });

  it('when a member or a visitor tries to edit, then 403/401 and the database is unchanged', async () => {
    const g = await createGuide(t.ctx.ds);
    const uid = await chapterUid(g.id, 'planung');
    const before = await state(g.id);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const fields = { title: 'Planung', body: 'gehackt', message: '' };
    expect((await member.post(`/guides/${g.slug}/chapters/${uid}`, fields, `/guides/${g.slug}`)).status).toBe(403);
    expect((await member.post(`/guides/${g.slug}/archive`, {}, `/guides/${g.slug}`)).status).toBe(403);
    expect((await member.post('/guides', { title: 'Neu', summary: 'x', tags: '', reviewIntervalMonths: '12', language: 'de' }, `/guides/${g.slug}`)).status).toBe(403);
    expect((await new Browser(t.app).post(`/guides/${g.slug}/chapters/${uid}`, fields)).status).toBe(401);
    expect(await state(g.id)).toEqual(before);
  });

  it('when a member tries to approve a draft, then 403 and nothing changes', async () => {
    const g = await createGuide(t.ctx.ds, { publish: false });
    const before = await state(g.id);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.post(`/guides/${g.slug}/approve`, { comment: '' })).status).toBe(403);
    expect(await state(g.id)).toEqual(before);
  });

  it('when a facilitator creates a guide and adds a chapter, then it waits for approval and only another facilitator publishes it', async () => {
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await createUser(t.ctx.ds, { role: 'facilitator' });
    const editor = await signedIn(t.app, a);
    const wanted = uniq('workshops-');
    const taken = await editor.post('/guides', { title: 'Gute Workshops planen', slug: (await createGuide(t.ctx.ds)).slug, summary: 'x', tags: '',
      owner: '', reviewIntervalMonths: '12', language: 'de', sortOrder: '100' }, '/guides/new');
    expect(taken.status).toBe(409);
    expect(taken.text).toContain('field-slug-error');
    const created = await editor.post('/guides', { title: 'Gute Workshops planen', slug: wanted, summary: 'Wie Workshops gelingen.', tags: 'workshop, moderation',
      owner: '', reviewIntervalMonths: '12', language: 'de', sortOrder: '100', message: '' }, '/guides/new');
    expect(created.status).toBe(303);
    const slug = created.headers.location!.split('/')[2]!;
    expect(slug).toBe(wanted);
    const preview = await editor.post(`/guides/${slug}/chapters`, { title: 'Vorbereitung', body: '## Ziele\n\nWas soll *herauskommen*?', preview: '1' }, `/guides/${slug}/chapters/new`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('<h2>Ziele</h2>');
    const [g] = await t.ctx.ds.query(`SELECT id, status, owner_id AS "ownerId" FROM guides WHERE slug = $1`, [slug]);
    expect(g).toMatchObject({ status: 'in_review', ownerId: a.id });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id])).toBe(1);
    const added = await editor.post(`/guides/${slug}/chapters`, { title: 'Vorbereitung', body: '## Ziele\n\nWas soll *herauskommen*?', message: 'Erstes Kapitel' }, `/guides/${slug}/chapters/new`);
    expect(added.status).toBe(303);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id])).toBe(2);
    expect((await new Browser(t.app).get(`/guides/${slug}`)).status).toBe(404);

    const reviewer = await signedIn(t.app, b);
    const changes = await reviewer.post(`/guides/${slug}/request-changes`, { reason: 'Bitte ein Beispiel ergänzen.' }, `/guides/${slug}/review`);
    expect(changes.status).toBe(303);
    expect((await t.ctx.ds.query(`SELECT status, review_state AS r FROM guides WHERE id = $1`, [g.id]))[0]).toEqual({ status: 'draft', r: 'changes_requested' });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'guides.changesRequested'`, [a.id])).toBe(1);
    const emptyComment = await reviewer.post(`/guides/${slug}/request-changes`, { reason: '' }, `/guides/${slug}/review`);
    expect(emptyComment.status).toBe(422);
    expect(emptyComment.text).toContain('field-reason-error');

    const uid = (await t.ctx.ds.query(`SELECT snapshot->'chapters'->0->>'uid' AS uid FROM guide_revisions WHERE guide_id = $1 ORDER BY id DESC LIMIT 1`, [g.id]))[0].uid;
    await editor.post(`/guides/${slug}/chapters/${uid}`, { title: 'Vorbereitung', body: '## Ziele\n\nWas soll *herauskommen*? Beispiel: ein Maßnahmenplan.', message: 'Beispiel' }, `/guides/${slug}/edit`);
    expect((await t.ctx.ds.query(`SELECT status FROM guides WHERE id = $1`, [g.id]))[0].status).toBe('in_review');
    expect((await reviewer.post(`/guides/${slug}/approve`, { comment: '' }, `/guides/${slug}/review`)).status).toBe(303);
    const page = await new Browser(t.app).get(`/guides/${slug}/vorbereitung`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Beispiel: ein Maßnahmenplan.');
  });

  it('when a facilitator who wrote part of a draft tries to approve it, then 403 even if another wrote the last save', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const b = await createUser(t.ctx.ds, { role: 'facilitator' });
    const uid = await chapterUid(g.id, 'planung');
    await (await signedIn(t.app, a)).post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Planung', body: 'Fassung A' }, `/guides/${g.slug}`);
    const bBrowser = await signedIn(t.app, b);
    await bBrowser.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Planung', body: 'Fassung B' }, `/guides/${g.slug}`);
    const before = await state(g.id);
    expect((await bBrowser.post(`/guides/${g.slug}/approve`, {}, `/guides/${g.slug}`)).status).toBe(403);
    expect(await state(g.id)).toEqual(before);
    const c = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await c.post(`/guides/${g.slug}/approve`, { revision: String(before.draftRevisionId - 1) }, `/guides/${g.slug}`)).status).toBe(409);
    expect(await state(g.id)).toEqual(before);
    expect((await c.post(`/guides/${g.slug}/approve`, { revision: String(before.draftRevisionId) }, `/guides/${g.slug}`)).status).toBe(303);
    expect((await state(g.id)).chapters[1][2]).toBe('Fassung B');
  });

  it('when chapters are reordered, then the draft has the new order and publishing applies it', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const uid = await chapterUid(g.id, 'umsetzung');
    expect((await a.post(`/guides/${g.slug}/chapters/${uid}/move`, { direction: 'up' }, `/guides/${g.slug}/edit`)).status).toBe(303);
    const edit = await a.get(`/guides/${g.slug}/edit`);
    expect(edit.text.indexOf('Umsetzung')).toBeLessThan(edit.text.indexOf('Planung</span>'));
    expect((await state(g.id)).chapters.map((c: string[]) => c[0])).toEqual(['einstieg', 'planung', 'umsetzung']);
    const first = await chapterUid(g.id, 'einstieg');
    expect((await a.post(`/guides/${g.slug}/chapters/${first}/move`, { direction: 'up' }, `/guides/${g.slug}/edit`)).status).toBe(422);
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    await b.post(`/guides/${g.slug}/approve`, {}, `/guides/${g.slug}/review`);
    expect((await state(g.id)).chapters.map((c: string[]) => c[0])).toEqual(['einstieg', 'umsetzung', 'planung']);
  });

  it('when an old revision is restored, then it becomes a new draft that needs approval', async () => {
    const g = await createGuide(t.ctx.ds);
    const uid = await chapterUid(g.id, 'einstieg');
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const [{ id: original }] = await t.ctx.ds.query(`SELECT published_revision_id AS id FROM guides WHERE id = $1`, [g.id]);
    await a.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Einstieg', body: 'Umgeschrieben' }, `/guides/${g.slug}`);
    await b.post(`/guides/${g.slug}/approve`, {}, `/guides/${g.slug}`);
    expect((await state(g.id)).chapters[0][2]).toBe('Umgeschrieben');
    const restored = await a.post(`/guides/${g.slug}/revisions/${original}/restore`, { message: 'Zurück zum Original' }, `/guides/${g.slug}/revisions/${original}`);
    expect(restored.status).toBe(303);
    expect((await state(g.id)).chapters[0][2]).toBe('Umgeschrieben');
    const [rev] = await t.ctx.ds.query(`SELECT origin, message FROM guide_revisions WHERE guide_id = $1 ORDER BY id DESC LIMIT 1`, [g.id]);
    expect(rev).toEqual({ origin: 'restore', message: 'Zurück zum Original' });
    await b.post(`/guides/${g.slug}/approve`, {}, `/guides/${g.slug}`);
    expect((await state(g.id)).chapters[0][2]).toBe('Erster Text zum Einstieg.');
  });

  it('when a save changes nothing or the Markdown is refused, then 422 and no revision is added', async () => {
    const g = await createGuide(t.ctx.ds);
    const uid = await chapterUid(g.id, 'einstieg');
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const before = await state(g.id);
    const same = await a.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Einstieg', body: 'Erster Text zum Einstieg.' }, `/guides/${g.slug}`);
    expect(same.status).toBe(422);
    const deep = await a.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Einstieg', body: '>'.repeat(40) + ' x' }, `/guides/${g.slug}`);
    expect(deep.status).toBe(422);
    const reserved = await a.post(`/guides/${g.slug}/chapters`, { title: 'Druck', slug: 'print', body: 'x' }, `/guides/${g.slug}`);
    expect(reserved.status).toBe(422);
    expect(await state(g.id)).toEqual(before);
  });

  it('when a facilitator archives a guide, then it leaves the list, shows as archived, and edits are refused', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await a.post(`/guides/${g.slug}/archive`, {}, `/guides/${g.slug}/edit`)).status).toBe(303);
    expect((await state(g.id)).status).toBe('archived');
    expect((await new Browser(t.app).get('/guides')).text).not.toContain(g.title);
    expect((await new Browser(t.app).get(`/guides/${g.slug}`)).text).toContain('archiviert');
    const before = await state(g.id);
    const uid = await chapterUid(g.id, 'einstieg');
    expect((await a.post(`/guides/${g.slug}/chapters/${uid}`, { title: 'Einstieg', body: 'neu' }, `/guides/${g.slug}/edit`)).status).toBe(409);
    expect(await state(g.id)).toEqual(before);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM audit_log WHERE action = 'guide.archived' AND subject_id = $1`, [String(g.id)])).toBe(1);
  });
});
