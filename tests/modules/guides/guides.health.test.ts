import { describe, expect, it } from '@jest/globals';
import { inTransaction } from '../../../src/db/transaction.js';
import { chaptersCiting, promoteToGuide, remindDueGuides } from '../../../src/modules/guides/index.js';
import { guidesModule } from '../../../src/modules/guides/index.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { count, createGuide } from '../../support/guides-factories.js';

describe('content health, promote to guide, search', () => {
  const t = useTestApp();

  const makeDue = (guideId: number) => t.ctx.ds.query(
    `UPDATE guides SET verified_on = current_date - 400, next_review_on = current_date - 35 WHERE id = $1`, [guideId]);
  const reminders = (userId: number, guideId: number) =>
    count(t.ctx.ds, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'guides.reviewDue' AND subject_id = $2`, [userId, String(guideId)]);

  it('when a guide is past its review date, then it is in the queue and its owner is reminded once per due date', async () => {
    const owner = await createUser(t.ctx.ds);
    const g = await createGuide(t.ctx.ds, { owner });
    await makeDue(g.id);
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const queue = await facilitator.get('/guides/review');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(g.title);
    // The due date as people write it, not ISO.
    const [{ due }] = await t.ctx.ds.query(`SELECT to_char(next_review_on, 'YYYY-MM-DD') AS due FROM guides WHERE id = $1`, [g.id]);
    const [y, m, d] = (due as string).split('-').map(Number);
    expect(queue.text).toContain(`Prüfung fällig seit ${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`);
    expect(queue.text).not.toContain(`fällig seit ${due}`);
    expect(await reminders(owner.id, g.id)).toBe(1);
    await facilitator.get('/guides/review');
    await remindDueGuides(t.ctx);
    expect(await reminders(owner.id, g.id)).toBe(1);
    // a later due date is a new reminder
    await t.ctx.ds.query(`UPDATE guides SET next_review_on = current_date - 1 WHERE id = $1`, [g.id]);
    await remindDueGuides(t.ctx);
    expect(await reminders(owner.id, g.id)).toBe(2);
    expect((await new Browser(t.app).get(`/guides/${g.slug}`)).text).toContain('Prüfung fällig');
  });

  it('when a review date arrives, then the worker reminds the owner once, even if nobody opens the queue', async () => {
    const owner = await createUser(t.ctx.ds);
    const g = await createGuide(t.ctx.ds, { owner });
    const [job] = await t.ctx.ds.query(
      `SELECT id, available_at::date = (SELECT next_review_on FROM guides WHERE id = $1) AS "onReviewDate" FROM outbox
        WHERE topic = 'guides.review-due' AND key = $2 AND processed_at IS NULL`, [g.id, `guides.review-due:${g.id}`]);
    expect(job.onReviewDate).toBe(true);
    await t.drain();
    expect(await reminders(owner.id, g.id)).toBe(0);
    await makeDue(g.id);
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now() WHERE id = $1`, [job.id]);
    await t.drain();
    expect(await reminders(owner.id, g.id)).toBe(1);
    await t.ctx.ds.query(`UPDATE outbox SET available_at = now(), processed_at = NULL, locked_until = NULL WHERE id = $1`, [job.id]);
    await t.drain();
    expect(await reminders(owner.id, g.id)).toBe(1);
  });

  it('when the owner confirms "still correct", then the date renews without a new revision and the guide leaves the queue', async () => {
    const owner = await createUser(t.ctx.ds);
    const g = await createGuide(t.ctx.ds, { owner });
    await makeDue(g.id);
    const revisions = await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id]);
    const b = await signedIn(t.app, owner);
    const res = await b.post(`/guides/${g.slug}/confirm`, {}, `/guides/${g.slug}`);
    expect(res.status).toBe(303);
    const [row] = await t.ctx.ds.query(
      `SELECT verified_on = current_date AS today, next_review_on = (current_date + interval '12 months')::date AS renewed FROM guides WHERE id = $1`, [g.id]);
    expect(row).toEqual({ today: true, renewed: true });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id])).toBe(revisions);
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await facilitator.get('/guides/review')).text).not.toContain(g.title);
  });

  it('when a member who is not the owner confirms, then 403 and the date stays', async () => {
    const g = await createGuide(t.ctx.ds);
    await makeDue(g.id);
    const [before] = await t.ctx.ds.query(`SELECT verified_on, next_review_on FROM guides WHERE id = $1`, [g.id]);
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await other.post(`/guides/${g.slug}/confirm`, {}, `/guides/${g.slug}`)).status).toBe(403);
    expect((await t.ctx.ds.query(`SELECT verified_on, next_review_on FROM guides WHERE id = $1`, [g.id]))[0]).toEqual(before);
  });

  it('when a forum answer is promoted to a new chapter, then a draft cites the source and publishes after approval', async () => {
    const g = await createGuide(t.ctx.ds);
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const threadUrl = `/forum/threads/${g.id}-bürgerhaushalt`;
    const revisionId = await promoteToGuide(t.ctx, a, { guideId: g.id, newChapterTitle: 'Fragen aus der Praxis', sourceUrl: threadUrl,
      sourceTitle: 'Wie viele Vorschläge sind realistisch?', markdown: 'Rechnen Sie mit **200 bis 400** Vorschlägen.' });
    const [rev] = await t.ctx.ds.query(`SELECT origin, author_id AS "authorId", status FROM guide_revisions WHERE id = $1`, [revisionId]);
    expect(rev).toEqual({ origin: 'promote', authorId: a.id, status: 'pending' });
    expect(await chaptersCiting(t.ctx.ds, threadUrl)).toEqual([]);
    const b = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await b.post(`/guides/${g.slug}/approve`, { revision: String(revisionId) }, `/guides/${g.slug}/review`)).status).toBe(303);
    expect(await chaptersCiting(t.ctx.ds, threadUrl)).toEqual([{ guideSlug: g.slug, guideTitle: g.title, chapterSlug: 'fragen-aus-der-praxis', chapterTitle: 'Fragen aus der Praxis' }]);
    const page = await new Browser(t.app).get(`/guides/${g.slug}/fragen-aus-der-praxis`);
    expect(page.text).toContain('<strong>200 bis 400</strong>');
    expect(page.text).toContain(`href="${encodeURI(threadUrl)}"`);
  });

  it('when a forum answer is appended to a chapter, then the chapter keeps its text and gains the answer; members may not promote', async () => {
    const g = await createGuide(t.ctx.ds);
    const [{ id: chapterId }] = await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = 'planung'`, [g.id]);
    const member = await createUser(t.ctx.ds);
    const input = { guideId: g.id, chapterId, sourceUrl: '/forum/threads/1', sourceTitle: 'Thread', markdown: 'Antwort' };
    await expect(promoteToGuide(t.ctx, member, input)).rejects.toMatchObject({ status: 403 });
    const a0 = await createUser(t.ctx.ds, { role: 'facilitator' });
    await expect(promoteToGuide(t.ctx, a0, { ...input, sourceUrl: '//evil.example/x' })).rejects.toMatchObject({ status: 422 });
    await expect(promoteToGuide(t.ctx, a0, { ...input, sourceUrl: 'javascript:alert(1)' })).rejects.toMatchObject({ status: 422 });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id])).toBe(1);
    const a = await createUser(t.ctx.ds, { role: 'facilitator' });
    const id = await promoteToGuide(t.ctx, a, input);
    const [{ source }] = await t.ctx.ds.query(`SELECT snapshot->'chapters'->1->>'source' AS source FROM guide_revisions WHERE id = $1`, [id]);
    expect(source).toMatch(/^Zweiter Text zur Planung\.\n\nAntwort\n\n> Quelle: \[Thread\]\(\/forum\/threads\/1\)/);
  });

  it('when the search index loads guide chapters, then only published chapters come back as public documents', async () => {
    const published = await createGuide(t.ctx.ds, { tags: ['suche'] });
    const draft = await createGuide(t.ctx.ds, { publish: false });
    const ids = (await t.ctx.ds.query(`SELECT c.id FROM guide_chapters c WHERE c.guide_id = ANY($1) ORDER BY c.id`, [[published.id, draft.id]])).map((r: { id: number }) => r.id);
    const docs = await inTransaction(t.ctx.ds, (db) => guidesModule.searchSources!.guide_chapter!(db, ids));
    expect(docs).toHaveLength(3);
    expect(docs[0]).toMatchObject({ type: 'guide_chapter', visibility: 'public', tags: ['suche'], url: `/guides/${published.slug}/einstieg`,
      title: `${published.title}: Einstieg`, body: 'Erster Text zum Einstieg.', language: 'de' });
    await t.ctx.ds.query(`UPDATE guides SET status = 'archived' WHERE id = $1`, [published.id]);
    expect(await inTransaction(t.ctx.ds, (db) => guidesModule.searchSources!.guide_chapter!(db, ids))).toEqual([]);
  });
});
