// Training videos in the browser (issue 18): a facilitator uploads a video (WebM made by ffmpeg) with
// captions and chapters through the forms; the worker makes the poster; a member sees the native
// player with its tracks, and a transcript line seeks it. An embedded YouTube video loads nothing
// from the provider before the reader's click (every request of the page is recorded). axe at 1280
// and 320 px on every new page.
import { describe, expect, it } from '@jest/globals';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGuide } from '../support/guides-factories.js';
import { BROKEN_VTT, CAPTIONS_DE, CHAPTERS_DE, makeVideo } from '../modules/media/support.js';
import { AxeAudit, createMember, follow, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';

const PROVIDER_HOSTS = /youtube|ytimg|googlevideo|google|doubleclick|gstatic/;

describe('training videos in the browser', () => {
  const e = useE2E();

  it('when a facilitator uploads a video with captions and publishes it, then a member sees the player with tracks and the transcript seeks it; axe passes', async () => {
    const ds = e.server.ctx.ds;
    const guide = await createGuide(ds);
    const [{ id: chapterId }] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guide.id]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'praxis-e2e-media-'));
    const files = { video: path.join(dir, 'schulung.webm'), captions: path.join(dir, 'de.vtt'), chapters: path.join(dir, 'kapitel.vtt'), broken: path.join(dir, 'kaputt.vtt') };
    writeFileSync(files.video, makeVideo('e2e.webm', { codec: 'libvpx', seconds: 2 }));
    writeFileSync(files.captions, CAPTIONS_DE);
    writeFileSync(files.chapters, CHAPTERS_DE);
    writeFileSync(files.broken, BROKEN_VTT);

    const audit = new AxeAudit();
    const facilitator = await createMember(e.server, 'facilitator');
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator, 'de-DE', { errorStatus: 422 });
    await f.page('videos of a chapter', `/media/chapters/${chapterId}`);
    await f.errors('upload without a file', `/media/chapters/${chapterId}`, `/media/chapters/${chapterId}/videos`, async (p) => {
      await p.locator('#field-title').fill('Ohne Datei');
    });
    const p = f.wide;
    await visit(p, `/media/chapters/${chapterId}`);
    await p.locator('#field-title').fill('Das Werkzeug in zwei Sekunden');
    await p.locator('#field-file').setInputFiles(files.video);
    await submitForm(p, `/media/chapters/${chapterId}/videos`, tr('media.upload.submit'));
    const videoPath = new URL(p.url()).pathname;
    expect(videoPath).toMatch(/^\/media\/videos\/[0-9a-f-]{36}$/);
    await expect(p.locator('#video-status').innerText()).resolves.toContain(tr('media.status.pending'));
    await e.server.drain();
    await f.page('a processed video', videoPath);
    await expect(p.locator('#video-status').innerText()).resolves.toContain(tr('media.status.ready'));
    await expect(p.locator('img.media-poster').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBeGreaterThan(0);

    // A broken caption file: every problem with its line, on the same form.
    for (const page of [f.wide, f.narrow]) {
      await visit(page, videoPath);
      await page.locator('#field-file').setInputFiles(files.broken);
      await submitForm(page, `${videoPath}/tracks`, tr('media.tracks.submit'));
      await expect(page.locator('#track-problems').innerText()).resolves.toContain('Zeile 3');
    }
    await f.current('a refused caption file');
    await visit(p, videoPath);
    await p.locator('#field-file').setInputFiles(files.captions);
    await submitForm(p, `${videoPath}/tracks`, tr('media.tracks.submit'));
    await p.locator('#field-kind').selectOption('chapters');
    await p.locator('#field-file').setInputFiles(files.chapters);
    await submitForm(p, `${videoPath}/tracks`, tr('media.tracks.submit'));
    await submitForm(p, `${videoPath}/publish`, tr('media.publish.publish'));
    await expect(p.locator('main').innerText()).resolves.toContain(tr('media.publish.done'));

    const member = await createMember(e.server, 'member');
    const m = await TwoWidths.open(e, audit, 'member', member);
    const chapter = `/guides/${guide.slug}/einstieg`;
    await m.page('a chapter with a video', chapter);
    const page = m.wide;
    const video = page.locator('video');
    await expect(video.locator('track').evaluateAll((ts) => ts.map((t) => `${t.getAttribute('kind')}:${t.getAttribute('srclang')}`))).resolves.toEqual(['captions:de', 'chapters:de']);
    await expect(video.getAttribute('controls')).resolves.not.toBeNull();
    await page.waitForFunction(`document.querySelector('video').readyState >= 1`);
    // Keyboard: the player is reached with Tab and the transcript link works with Enter.
    await video.focus();
    await expect(page.evaluate(`document.activeElement && document.activeElement.tagName`)).resolves.toBe('VIDEO');
    const line = page.locator('.media-transcript a', { hasText: '00:01' });
    await line.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(`document.querySelector('video').currentTime >= 0.9`);
    expect(new URL(page.url()).pathname).toBe(chapter);
    await expect(page.locator('.media-transcript').innerText()).resolves.toContain('Hier sehen Sie das Testbild.');
    audit.assertClean();
    expect([...f.problems, ...m.problems]).toEqual([]);
  }, 180_000);

  it('when a chapter has an embedded YouTube video, then nothing is requested from the provider until the reader clicks "load"; axe passes', async () => {
    const ds = e.server.ctx.ds;
    const guide = await createGuide(ds);
    const [{ id: chapterId }] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guide.id]);
    const [{ id }] = await ds.query(
      `INSERT INTO media_videos (chapter_id, kind, title, embed_provider, embed_url, status, published_at)
       VALUES ($1, 'embed', 'Werkzeug auf YouTube', 'youtube', 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', 'ready', now()) RETURNING id`, [chapterId]);
    await ds.query(`INSERT INTO media_tracks (video_id, kind, language, source, cue_count) VALUES ($1, 'captions', 'de', $2, 2)`, [id, CAPTIONS_DE]);
    const chapter = `/guides/${guide.slug}/einstieg`;

    const audit = new AxeAudit();
    const r = await TwoWidths.open(e, audit, 'visitor');
    await r.page('a chapter with an embed before consent', chapter);
    const page = await e.newPage();
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    // The provider is not reachable from the test machine: its requests are recorded, then refused.
    await page.route(PROVIDER_HOSTS, (route) => route.abort());
    await visit(page, chapter);
    await page.waitForLoadState('networkidle');
    expect(requested.filter((u) => PROVIDER_HOSTS.test(new URL(u).hostname))).toEqual([]);
    expect(requested.length).toBeGreaterThan(0);
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    await expect(page.locator('.media-consent a[href="https://policies.google.com/privacy"]').count()).resolves.toBe(1);
    await expect(page.locator('.media-transcript').innerText()).resolves.toContain('Willkommen zur Schulung.');

    await follow(page, page.getByRole('button', { name: tr('media.embed.load', { provider: 'YouTube' }) }));
    await expect(page.locator('iframe').getAttribute('src')).resolves.toBe('https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ');
    await page.waitForTimeout(500);
    expect(requested.some((u) => new URL(u).hostname === 'www.youtube-nocookie.com')).toBe(true);
    audit.assertClean();
    expect(r.problems).toEqual([]);
  }, 120_000);
});
