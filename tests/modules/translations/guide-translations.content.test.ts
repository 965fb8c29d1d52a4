import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { syncGuides } from '../../../src/modules/guides/guides.content.js';
import { guideChapterDocuments } from '../../../src/modules/guides/guides.search.js';
import { useTestApp } from '../../support/app.js';
import { Browser } from '../../support/agent.js';
import { createUser, uniq } from '../../support/factories.js';
import { chapterMd, contentRoot, guideMd, removeContentRoots } from '../../support/guides-factories.js';

describe('guide translations from content files (01-ziele.md + 01-ziele.en.md)', () => {
  const t = useTestApp();
  afterAll(removeContentRoots);
  const publish = { publish: true };

  const row = async (slug: string) => (await t.ctx.ds.query(
    `SELECT id, status, language, title, translation_of_id AS "translationOfId", source_revision_id AS "sourceRevisionId",
            published_revision_id AS "publishedRevisionId", (SELECT count(*)::int FROM guide_revisions r WHERE r.guide_id = g.id) AS revisions
       FROM guides g WHERE slug = $1`, [slug]))[0];
  const chapters = async (guideId: number) =>
    t.ctx.ds.query(`SELECT uid, slug, title, body_source AS body FROM guide_chapters WHERE guide_id = $1 ORDER BY position`, [guideId]);

  async function directory() {
    const owner = await createUser(t.ctx.ds);
    const slug = uniq('g-');
    const root = contentRoot({ [slug]: {
      'guide.md': guideMd({ owner: owner.handle }),
      'guide.en.md': '---\ntitle: A guide for testing\nsummary: What it is about.\n---\n',
      '01-ziele.md': chapterMd('Ziele', 'Erstes Kapitel.'),
      '01-ziele.en.md': '---\ntitle: Goals\nslug: goals\n---\n\nFirst chapter.\n',
      '02-umsetzung.md': chapterMd('Umsetzung', 'Zweites Kapitel.'),
    } });
    return { slug, root, dir: path.join(root, slug) };
  }

  it('when a directory has .en.md files beside the originals, then an English translation linked chapter by chapter is published, and a second sync changes nothing', async () => {
    const { slug, root } = await directory();
    const first = await syncGuides(t.ctx, publish, root);
    expect(first).toMatchObject({ created: [slug, `${slug}-en`], updated: [], errors: [] });
    const original = await row(slug);
    const en = await row(`${slug}-en`);
    expect(en).toMatchObject({ status: 'published', language: 'en', title: 'A guide for testing', translationOfId: original.id, sourceRevisionId: original.publishedRevisionId });
    expect(await chapters(original.id)).toHaveLength(2);
    // only the translated chapter, linked to its original by uid
    expect(await chapters(en.id)).toEqual([{ uid: 'file:ziele', slug: 'goals', title: 'Goals', body: 'First chapter.\n' }]);

    const again = await syncGuides(t.ctx, publish, root);
    expect(again).toMatchObject({ created: [], updated: [], unchanged: [slug, `${slug}-en`], archived: [], errors: [] });
    expect(await row(slug)).toEqual(original);
    expect(await row(`${slug}-en`)).toEqual(en);

    const reader = await new Browser(t.app).get(`/guides/${slug}/ziele`).set('Accept-Language', 'en');
    expect(reader.text).toMatch(/<div class="kern-body markdown" lang="en"><p>First chapter.<\/p>/);
    const untranslated = await new Browser(t.app).get(`/guides/${slug}/umsetzung`).set('Accept-Language', 'en');
    expect(untranslated.text).toMatch(/<div class="kern-body markdown" lang="de"><p>Zweites Kapitel.<\/p>/);

    // search: the translated chapter is a document in English that opens the original's address in English
    const ids = (await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id IN ($1, $2) ORDER BY guide_id, position`, [original.id, en.id])).map((r: { id: number }) => r.id);
    const docs = await guideChapterDocuments(t.ctx.ds.manager, ids);
    expect(docs.map((d) => [d.language, d.url, d.title])).toEqual([
      ['de', `/guides/${slug}/ziele`, 'Ein Leitfaden zum Testen: Ziele'],
      ['de', `/guides/${slug}/umsetzung`, 'Ein Leitfaden zum Testen: Umsetzung'],
      ['en', `/guides/${slug}/ziele?lang=en`, 'A guide for testing: Goals'],
    ]);
  });

  it('when only the German file changes, then the translation is outdated; when the English file follows, it is current again', async () => {
    const { slug, root, dir } = await directory();
    await syncGuides(t.ctx, publish, root);
    writeFileSync(path.join(dir, '01-ziele.md'), chapterMd('Ziele', 'Erstes Kapitel, überarbeitet.'));
    const changed = await syncGuides(t.ctx, publish, root);
    expect(changed).toMatchObject({ updated: [slug], unchanged: [`${slug}-en`] });
    const outdated = await new Browser(t.app).get(`/guides/${slug}/ziele`).set('Accept-Language', 'en');
    expect(outdated.text).toContain('This translation is outdated');

    writeFileSync(path.join(dir, '01-ziele.en.md'), '---\ntitle: Goals\nslug: goals\n---\n\nFirst chapter, revised.\n');
    expect(await syncGuides(t.ctx, publish, root)).toMatchObject({ updated: [`${slug}-en`], unchanged: [slug] });
    expect((await row(`${slug}-en`)).sourceRevisionId).toBe((await row(slug)).publishedRevisionId);
    const current = await new Browser(t.app).get(`/guides/${slug}/ziele`).set('Accept-Language', 'en');
    expect(current.text).not.toContain('This translation is outdated');
    expect(current.text).toContain('First chapter, revised.');
  });

  it('when translation files are malformed or in a language that is not configured, then the file is named with the reason and nothing is imported for that guide', async () => {
    const owner = await createUser(t.ctx.ds);
    const noGuideFile = uniq('g-');
    const polish = uniq('g-');
    const stray = uniq('g-');
    const root = contentRoot({
      [noGuideFile]: { 'guide.md': guideMd({ owner: owner.handle }), '01-ziele.md': chapterMd('Ziele', 'x'), '01-ziele.en.md': chapterMd('Goals', 'y') },
      [polish]: { 'guide.md': guideMd({ owner: owner.handle }), 'guide.pl.md': '---\ntitle: Przewodnik\nsummary: O czym.\n---\n' },
      [stray]: { 'guide.md': guideMd({ owner: owner.handle }), 'guide.en.md': '---\ntitle: A guide\nsummary: x\n---\n', '03-fehlt.en.md': chapterMd('Missing', 'z') },
    });
    const report = await syncGuides(t.ctx, publish, root);
    expect(report.errors).toHaveLength(3);
    expect(report.errors).toEqual(expect.arrayContaining([
      { file: `guides/${noGuideFile}/guide.en.md`, message: 'missing: a translation needs its guide file with title and summary' },
      { file: `guides/${polish}/guide.pl.md`, message: '"pl" is not a content language (CONTENT_LANGUAGES: de, en)' },
      { file: `guides/${stray}/03-fehlt.en.md`, message: 'no original chapter "03-fehlt.md" beside it' },
    ]));
    for (const s of [noGuideFile, polish, stray]) expect(await row(s)).toBeUndefined();
  });

  it('when the English files are removed, then the translation is archived and readers get the original with the notice that it was withdrawn', async () => {
    const { slug, root, dir } = await directory();
    await syncGuides(t.ctx, publish, root);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'guide.en.md'));
    rmSync(path.join(dir, '01-ziele.en.md'));
    const report = await syncGuides(t.ctx, publish, root);
    expect(report).toMatchObject({ archived: [`${slug}-en`], unchanged: [slug], errors: [] });
    expect((await row(`${slug}-en`)).status).toBe('archived');
    const reader = await new Browser(t.app).get(`/guides/${slug}/ziele`).set('Accept-Language', 'en');
    // Readers had it: "withdrawn", not "not available yet".
    expect(reader.text).toContain('The translation into English has been withdrawn. You are reading the original in German.');
    expect(reader.text).not.toContain('This content is not available in English yet.');
  });
});
