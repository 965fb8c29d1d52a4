import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createCategory, createReply, createThread, forumState } from '../../support/forum-factories.js';
import { createGuide } from '../../support/guides-factories.js';

/** Everything a promotion could change on the guides side. */
async function guideState(ds: DataSource, guideId: number): Promise<unknown> {
  const [state] = await ds.query(
    `SELECT row_to_json(g) AS guide,
            (SELECT count(*)::int FROM guide_revisions WHERE guide_id = g.id) AS revisions,
            (SELECT coalesce(json_agg(c ORDER BY c.id), '[]') FROM guide_chapters c WHERE c.guide_id = g.id) AS chapters
       FROM guides g WHERE g.id = $1`, [guideId]);
  return state;
}

describe('forum → guides: promote an accepted answer', () => {
  const t = useTestApp();

  async function answered(o: { isPublic?: boolean } = {}) {
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: o.isPublic ?? true }), title: `Wie viele Vorschläge ${Date.now()}?` });
    const r = await createReply(t.ctx.ds, th, { body: 'Rechnen Sie mit **200 bis 400** Vorschlägen.' });
    await t.ctx.ds.query(`UPDATE forum_threads SET accepted_reply_id = $2 WHERE id = $1`, [th.id, r.id]);
    return th;
  }

  it('when a facilitator promotes the accepted answer to a new chapter and another approves, then the thread says "now part of guide" and the chapter cites the thread', async () => {
    const th = await answered();
    const g = await createGuide(t.ctx.ds);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const thread = await f.get(th.url);
    expect(thread.text).toContain(`href="/forum/threads/${th.id}/promote"`);
    const form = await f.get(`/forum/threads/${th.id}/promote`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Rechnen Sie mit **200 bis 400** Vorschlägen.');
    expect(form.text).toContain(`${g.title} › Planung`);
    const res = await f.post(`/forum/threads/${th.id}/promote`,
      { guideId: String(g.id), chapterId: '', newChapterTitle: 'Fragen aus der Praxis', markdown: 'Rechnen Sie mit **200 bis 400** Vorschlägen (bearbeitet).' },
      `/forum/threads/${th.id}/promote`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/guides/${g.slug}/review`);
    const [rev] = await t.ctx.ds.query(`SELECT id, origin, status FROM guide_revisions WHERE guide_id = $1 ORDER BY id DESC LIMIT 1`, [g.id]);
    expect(rev).toMatchObject({ origin: 'promote', status: 'pending' });
    // Before approval readers see nothing new.
    expect((await new Browser(t.app).get(th.url)).text).not.toContain(`/guides/${g.slug}/fragen-aus-der-praxis`);
    const reviewer = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await reviewer.post(`/guides/${g.slug}/approve`, { revision: String(rev.id) }, `/guides/${g.slug}/review`)).status).toBe(303);
    const [chapter] = await t.ctx.ds.query(`SELECT source_url AS "sourceUrl", source_title AS "sourceTitle" FROM guide_chapters WHERE guide_id = $1 AND slug = 'fragen-aus-der-praxis'`, [g.id]);
    expect(chapter).toEqual({ sourceUrl: `/forum/threads/${th.id}`, sourceTitle: th.title });
    const page = await new Browser(t.app).get(th.url);
    expect(page.text).toContain('Diese Antwort ist jetzt Teil des Leitfadens');
    expect(page.text).toContain(`href="/guides/${g.slug}/fragen-aus-der-praxis"`);
    const chapterPage = await new Browser(t.app).get(`/guides/${g.slug}/fragen-aus-der-praxis`);
    expect(chapterPage.text).toContain('(bearbeitet)');
    expect(chapterPage.text).toContain(`href="/forum/threads/${th.id}"`);
  });

  it('when a facilitator appends the answer to an existing chapter, then the draft keeps the chapter text and adds the answer with its source', async () => {
    const th = await answered();
    const g = await createGuide(t.ctx.ds);
    const [{ id: chapterId }] = await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [g.id]);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const res = await f.post(`/forum/threads/${th.id}/promote`, { guideId: String(g.id), chapterId: String(chapterId), newChapterTitle: '', markdown: 'Antworttext' }, `/forum/threads/${th.id}/promote`);
    expect(res.status).toBe(303);
    const [{ source }] = await t.ctx.ds.query(
      `SELECT r.snapshot->'chapters'->1->>'source' AS source FROM guide_revisions r WHERE r.guide_id = $1 ORDER BY r.id DESC LIMIT 1`, [g.id]);
    expect(source).toContain('Zweiter Text zur Planung.\n\nAntworttext');
    expect(source).toContain(`(/forum/threads/${th.id})`);
  });

  it('when a member tries to promote, then 403, no button, and neither the guide nor the thread changes', async () => {
    const th = await answered();
    const g = await createGuide(t.ctx.ds);
    const m = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await m.get(th.url)).text).not.toContain('/promote');
    const before = [await guideState(t.ctx.ds, g.id), await forumState(t.ctx.ds, th.id)]; // after the view was counted
    expect((await m.get(`/forum/threads/${th.id}/promote`)).status).toBe(403);
    const res = await m.post(`/forum/threads/${th.id}/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'x' }, th.url);
    expect(res.status).toBe(403);
    expect([await guideState(t.ctx.ds, g.id), await forumState(t.ctx.ds, th.id)]).toEqual(before);
  });

  it('when the question has no accepted answer, then there is no button and promoting is refused with 409, nothing changed', async () => {
    const th = await createThread(t.ctx.ds, { category: await createCategory(t.ctx.ds, { isPublic: true }) });
    await createReply(t.ctx.ds, th);
    const g = await createGuide(t.ctx.ds);
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await f.get(th.url)).text).not.toContain(`/forum/threads/${th.id}/promote`);
    const before = [await guideState(t.ctx.ds, g.id), await forumState(t.ctx.ds, th.id)]; // after the view was counted
    const res = await f.post(`/forum/threads/${th.id}/promote`, { guideId: String(g.id), newChapterTitle: 'Neu', markdown: 'Eine Antwort' }, th.url);
    expect(res.status).toBe(409);
    expect([await guideState(t.ctx.ds, g.id), await forumState(t.ctx.ds, th.id)]).toEqual(before);
  });

  it('when the chapter belongs to another guide or neither chapter nor title is given, then 422 with the form and nothing changed', async () => {
    const th = await answered();
    const g = await createGuide(t.ctx.ds);
    const other = await createGuide(t.ctx.ds);
    const [{ id: foreign }] = await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 LIMIT 1`, [other.id]);
    const before = [await guideState(t.ctx.ds, g.id), await guideState(t.ctx.ds, other.id)];
    const f = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const mismatch = await f.post(`/forum/threads/${th.id}/promote`, { guideId: String(g.id), chapterId: String(foreign), markdown: 'Text' }, `/forum/threads/${th.id}/promote`);
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('Dieses Kapitel gehört nicht zum gewählten Leitfaden.');
    const missing = await f.post(`/forum/threads/${th.id}/promote`, { guideId: String(g.id), chapterId: '', newChapterTitle: '', markdown: 'Text' }, `/forum/threads/${th.id}/promote`);
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Wählen Sie ein Kapitel oder geben Sie einen Titel');
    expect(missing.text).toContain('Text</textarea>');
    expect([await guideState(t.ctx.ds, g.id), await guideState(t.ctx.ds, other.id)]).toEqual(before);
  });
});
