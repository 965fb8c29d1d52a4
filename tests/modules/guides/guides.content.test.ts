import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { syncGuides } from '../../../src/modules/guides/guides.content.js';
import { useTestApp } from '../../support/app.js';
import { Browser } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { chapterMd, contentRoot, count, guideMd, removeContentRoots, writeGuides } from '../../support/guides-factories.js';

describe('guides from files (content sync)', () => {
  const t = useTestApp();
  afterAll(removeContentRoots);
  const publish = { publish: true };
  const review = { publish: false };

  const guideState = async (slug: string) => {
    const [g] = await t.ctx.ds.query(
      `SELECT id, status, review_state AS "reviewState", title, draft_revision_id AS "draftRevisionId", published_revision_id AS "publishedRevisionId"
         FROM guides WHERE slug = $1`, [slug]);
    return g;
  };
  const chapters = async (guideId: number) =>
    t.ctx.ds.query(`SELECT slug, title, body_source AS body FROM guide_chapters WHERE guide_id = $1 ORDER BY position`, [guideId]);

  it('when good files are synced with --publish, then the guide and its chapters are published in file order', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: {
      'guide.md': guideMd({ owner: owner.handle, tags: ['haushalt', 'planung'] }),
      '02-umsetzung.md': chapterMd('Umsetzung', 'Zweites **Kapitel**.'),
      '01-planung.md': chapterMd('Planung', 'Erstes Kapitel.'),
    } });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report).toMatchObject({ created: [slug], updated: [], archived: [], errors: [] });
    const g = await guideState(slug);
    expect(g).toMatchObject({ status: 'published', reviewState: 'none', draftRevisionId: null, title: 'Ein Leitfaden zum Testen' });
    expect(await chapters(g.id)).toEqual([
      { slug: 'planung', title: 'Planung', body: 'Erstes Kapitel.\n' },
      { slug: 'umsetzung', title: 'Umsetzung', body: 'Zweites **Kapitel**.\n' },
    ]);
    const [meta] = await t.ctx.ds.query(`SELECT tags, owner_id AS "ownerId", review_interval_months AS months, verified_on IS NOT NULL AS verified, source FROM guides WHERE id = $1`, [g.id]);
    expect(meta).toEqual({ tags: ['haushalt', 'planung'], ownerId: owner.id, months: 6, verified: true, source: 'file' });
    const page = await new Browser(t.app).get(`/guides/${slug}/umsetzung`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Zweites <strong>Kapitel</strong>.');
  });

  it('when unchanged files are synced again, then nothing changes', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'Text A') } });
    await syncGuides(t.ctx, publish, root);
    const g = await guideState(slug);
    const revisions = await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id]);
    const report = await syncGuides(t.ctx, review, root);
    expect(report).toMatchObject({ created: [], updated: [], unchanged: [slug], archived: [], errors: [] });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [g.id])).toBe(revisions);
    expect(await guideState(slug)).toEqual(g);
  });

  it('when a file changed (without --publish), then a revision waits for review and readers keep the published text', async () => {
    const owner = await createUser(t.ctx.ds);
    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'Alter Text') } });
    await syncGuides(t.ctx, publish, root);
    writeFileSync(path.join(root, slug, '01-a.md'), chapterMd('Kapitel A', 'Neuer Text'));
    const report = await syncGuides(t.ctx, review, root);
    expect(report.updated).toEqual([slug]);
    const g = await guideState(slug);
    expect(g).toMatchObject({ status: 'published', reviewState: 'in_review' });
    expect(g.draftRevisionId).toBeGreaterThan(g.publishedRevisionId);
    expect(await chapters(g.id)).toEqual([{ slug: 'a', title: 'Kapitel A', body: 'Alter Text\n' }]);
    const [rev] = await t.ctx.ds.query(`SELECT origin, author_id AS "authorId", status FROM guide_revisions WHERE id = $1`, [g.draftRevisionId]);
    expect(rev).toEqual({ origin: 'file', authorId: null, status: 'pending' });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND kind = 'guides.reviewRequested' AND subject_id = $2`, [facilitator.id, String(g.id)])).toBe(1);
    // syncing the same change again adds nothing
    expect((await syncGuides(t.ctx, review, root)).unchanged).toEqual([slug]);
    expect((await guideState(slug)).draftRevisionId).toBe(g.draftRevisionId);
  });

  it('when a file changed and the operator syncs with --publish, then the new text is published at once', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'Alter Text') } });
    await syncGuides(t.ctx, publish, root);
    writeGuides(root, { [slug]: { '01-a.md': chapterMd('Kapitel A', 'Neuer Text'), '02-b.md': chapterMd('Kapitel B', 'Noch ein Kapitel') } });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report.updated).toEqual([slug]);
    const g = await guideState(slug);
    expect(g).toMatchObject({ status: 'published', reviewState: 'none', draftRevisionId: null });
    expect((await chapters(g.id)).map((c: { body: string }) => c.body)).toEqual(['Neuer Text\n', 'Noch ein Kapitel\n']);
    const [{ n }] = await t.ctx.ds.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic = 'search.index' AND payload->>'type' = 'guide_chapter'
          AND (payload->>'id')::int IN (SELECT id FROM guide_chapters WHERE guide_id = $1)`, [g.id]);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('when a guide directory is removed, then the guide is archived with its history kept', async () => {
    const owner = await createUser(t.ctx.ds);
    const keep = uniq('g-');
    const gone = uniq('g-');
    const root = contentRoot({
      [keep]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'A') },
      [gone]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'A') },
    });
    await syncGuides(t.ctx, publish, root);
    const before = await guideState(gone);
    rmSync(path.join(root, gone), { recursive: true });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report).toMatchObject({ archived: [gone], unchanged: [keep] });
    expect(await guideState(gone)).toMatchObject({ status: 'archived' });
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guide_revisions WHERE guide_id = $1`, [before.id])).toBe(1);
    expect(await chapters(before.id)).toHaveLength(1);
    expect((await syncGuides(t.ctx, publish, root)).archived).toEqual([]);
    const page = await new Browser(t.app).get(`/guides/${gone}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('archiviert');
  });

  it('when files are malformed, then each is refused with file, line and reason and the others are imported', async () => {
    const owner = await createUser(t.ctx.ds);
    const good = uniq('g-');
    const noTitle = uniq('g-');
    const badYaml = uniq('g-');
    const badOwner = uniq('g-');
    const badChapter = uniq('g-');
    const root = contentRoot({
      [good]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'A') },
      [noTitle]: { 'guide.md': `---\nsummary: x\nowner: ${owner.handle}\n---\n` },
      [badYaml]: { 'guide.md': `---\ntitle: Kaputt\nsummary: x\ntags: [a, b\nowner: ${owner.handle}\n---\n` },
      [badOwner]: { 'guide.md': guideMd({ owner: 'niemand-bekannt' }) },
      [badChapter]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': `---\ntitel: Tippfehler\n---\nText` },
      'Not_A_Slug': { 'guide.md': guideMd({ owner: owner.handle }) },
    });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report.created).toEqual([good]);
    const byFile = Object.fromEntries(report.errors.map((e) => [e.file, e]));
    expect(byFile[`guides/${noTitle}/guide.md`]).toMatchObject({ line: 1, message: '"title" is required' });
    expect(byFile[`guides/${badYaml}/guide.md`]).toMatchObject({ message: expect.stringMatching(/^YAML/) });
    expect(byFile[`guides/${badYaml}/guide.md`]!.line).toBeGreaterThanOrEqual(4);
    expect(byFile[`guides/${badOwner}/guide.md`]).toMatchObject({ line: 5, message: expect.stringContaining('niemand-bekannt') });
    expect(byFile[`guides/${badChapter}/01-a.md`]).toMatchObject({ line: 2, message: 'unknown key "titel"' });
    expect(byFile['guides/Not_A_Slug']).toMatchObject({ message: expect.stringContaining('slug') });
    expect(report.errors).toHaveLength(5);
    expect(await count(t.ctx.ds, `SELECT count(*) AS n FROM guides WHERE slug = ANY($1)`, [[noTitle, badYaml, badOwner, badChapter]])).toBe(0);
  });

  it('when a published file guide turns malformed, then it is refused and neither changed nor archived', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'A') } });
    await syncGuides(t.ctx, publish, root);
    const before = await guideState(slug);
    writeFileSync(path.join(root, slug, '01-a.md'), 'no front matter');
    const report = await syncGuides(t.ctx, publish, root);
    expect(report.errors).toEqual([{ file: `guides/${slug}/01-a.md`, line: 1, message: expect.stringContaining('front matter missing') }]);
    expect(report.archived).toEqual([]);
    expect(await guideState(slug)).toEqual(before);
  });

  it('when a chapter file is not UTF-8, then it is refused with the line of the first bad byte and the guide keeps its text', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }), '01-a.md': chapterMd('Kapitel A', 'Größe') } });
    await syncGuides(t.ctx, publish, root);
    const before = await guideState(slug);
    const latin1 = Buffer.from(chapterMd('Kapitel A', 'Gr\u00f6\u00dfe'), 'latin1');
    writeFileSync(path.join(root, slug, '01-a.md'), latin1);
    const report = await syncGuides(t.ctx, publish, root);
    const line = latin1.subarray(0, latin1.indexOf(0xf6)).toString('latin1').split('\n').length;
    expect(report.errors).toEqual([{ file: `guides/${slug}/01-a.md`, line, message: expect.stringContaining('not valid UTF-8') }]);
    expect(await guideState(slug)).toEqual(before);
    expect((await chapters(before.id)).map((c: { body: string }) => c.body)).toEqual(['Größe\n']);
  });

  it('when a directory name is the slug of a guide made in the app, then the file is refused', async () => {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    await t.ctx.ds.query(`INSERT INTO guides (slug, title, source) VALUES ($1, 'App-Leitfaden', 'app')`, [slug]);
    const root = contentRoot({ [slug]: { 'guide.md': guideMd({ owner: owner.handle }) } });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report.errors[0]).toMatchObject({ file: `guides/${slug}/guide.md`, message: expect.stringContaining('edited in the app') });
    expect((await guideState(slug)).title).toBe('App-Leitfaden');
  });

  it('when any set of guides is synced twice, then the second sync changes nothing (property)', async () => {
    const owner = await createUser(t.ctx.ds);
    const text = fc.string({ minLength: 0, maxLength: 200 }).map((s) => s.replace(/^---/gm, '- - -'));
    const title = fc.stringMatching(/^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß0-9 ]{2,30}[A-Za-z0-9]$/);
    const guide = fc.record({ title, chapters: fc.array(fc.record({ title, body: text }), { minLength: 0, maxLength: 4 }) });
    await fc.assert(fc.asyncProperty(fc.array(guide, { minLength: 1, maxLength: 3 }), fc.boolean(), async (guides, withPublish) => {
      const files: Record<string, Record<string, string>> = {};
      for (const g of guides) {
        const dir: Record<string, string> = { 'guide.md': guideMd({ owner: owner.handle, title: JSON.stringify(g.title) }) };
        g.chapters.forEach((c, i) => { dir[`${String(i + 1).padStart(2, '0')}-k${i}.md`] = chapterMd(JSON.stringify(c.title), c.body); });
        files[uniq('p-')] = dir;
      }
      const root = contentRoot(files);
      const first = await syncGuides(t.ctx, { publish: withPublish }, root);
      expect(first.errors).toEqual([]);
      const state = () => t.ctx.ds.query(
        `SELECT g.slug, g.status, g.review_state, g.draft_revision_id, g.published_revision_id, g.source_hash,
                (SELECT count(*) FROM guide_revisions r WHERE r.guide_id = g.id) AS revisions,
                (SELECT json_agg(c.body_source ORDER BY c.position) FROM guide_chapters c WHERE c.guide_id = g.id) AS chapters
           FROM guides g WHERE g.slug = ANY($1) ORDER BY g.slug`, [Object.keys(files)]);
      const before = await state();
      const second = await syncGuides(t.ctx, { publish: withPublish }, root);
      expect(second).toEqual({ created: [], updated: [], archived: [], errors: [], unchanged: Object.keys(files).sort() });
      expect(await state()).toEqual(before);
    }), { numRuns: 15 });
  });
});
