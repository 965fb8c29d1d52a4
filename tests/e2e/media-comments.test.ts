// Timed comments in the browser (issue 18): a member leaves a comment at the player's moment (the
// time field follows the player), the comment's time seeks the video, an empty comment comes back
// with 422 and its message; axe at 1280 and 320 px on the pages with comments.
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { mediaDir } from '../../src/modules/media/media.service.js';
import { createGuide } from '../support/guides-factories.js';
import { makeVideo } from '../modules/media/support.js';
import { AxeAudit, createMember, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';

describe('timed comments in the browser', () => {
  const e = useE2E();

  it('when a member comments at the player\'s moment, then the comment shows its time, the time seeks the video, and bad input is 422; axe passes', async () => {
    const ds = e.server.ctx.ds;
    const guide = await createGuide(ds);
    const [{ id: chapterId }] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guide.id]);
    // A processed, published WebM of six seconds (as the worker leaves an upload).
    const key = `${randomUUID()}.webm`;
    mkdirSync(mediaDir(e.server.ctx), { recursive: true });
    writeFileSync(path.join(mediaDir(e.server.ctx), key), makeVideo('e2e-comments.webm', { codec: 'libvpx', seconds: 6 }));
    const [{ id: videoId }] = await ds.query(
      `INSERT INTO media_videos (chapter_id, kind, title, storage_key, content_type, status, duration_ms, width, height, published_at)
       VALUES ($1, 'upload', 'Moderation in sechs Sekunden', $2, 'video/webm', 'ready', 6000, 320, 240, now()) RETURNING id`, [chapterId, key]);
    const chapter = `/guides/${guide.slug}/einstieg`;
    const action = `/media/videos/${videoId}/comments`;

    const audit = new AxeAudit();
    const member = await createMember(e.server, 'member');
    const m = await TwoWidths.open(e, audit, 'member', member, 'de-DE', { errorStatus: 422 });
    await m.page('a chapter with a video and no comments yet', chapter);

    const page = m.wide;
    const video = page.locator(`#video-${videoId}`);
    const at = page.locator(`#at-${videoId}`);
    await page.waitForFunction(`document.getElementById('video-${videoId}').readyState >= 1`);
    // The moment field follows the player while the member has not typed in it; the button takes the current time.
    await video.evaluate((v) => new Promise((resolve) => {
      const el = v as unknown as { currentTime: number; addEventListener: (t: string, f: () => void, o: unknown) => void };
      el.addEventListener('seeked', () => resolve(null), { once: true });
      el.currentTime = 4;
    }));
    await expect(at.inputValue()).resolves.toBe('00:04');
    await expect(page.getByRole('button', { name: tr('mediaComments.form.now') }).isVisible()).resolves.toBe(true);
    await at.fill('0:03');
    await page.locator(`#body-${videoId}`).fill('Wie habt ihr die Wortmeldungen gesammelt?');
    await submitForm(page, action, tr('mediaComments.form.submit'));
    expect(new URL(page.url()).pathname).toBe(chapter);
    expect(new URL(page.url()).hash).toMatch(/^#video-comment-\d+$/);
    const link = page.locator('.media-comment a.media-seek', { hasText: '00:03' });
    await expect(link.getAttribute('href')).resolves.toBe(`#t=3&v=${videoId}`);
    await expect(page.locator('.media-comment').first().innerText()).resolves.toContain('Wie habt ihr die Wortmeldungen gesammelt?');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM media_video_comments WHERE video_id = $1 AND at_ms = 3000`, [videoId]);
    expect(n).toBe(1);

    // Clicking the comment's time seeks the player (it was at 0).
    await page.waitForFunction(`document.getElementById('video-${videoId}').readyState >= 1`);
    await video.evaluate((v) => new Promise((resolve) => {
      const el = v as unknown as { currentTime: number; addEventListener: (t: string, f: () => void, o: unknown) => void };
      if (el.currentTime === 0) return resolve(null);
      el.addEventListener('seeked', () => resolve(null), { once: true });
      el.currentTime = 0;
    }));
    await link.click();
    await page.waitForFunction(`document.getElementById('video-${videoId}').currentTime >= 2.9`);
    expect(new URL(page.url()).pathname).toBe(chapter);

    // Without text: 422 on the video's comment page, the message at the field (both widths, axe).
    await m.errors('a comment without text', chapter, action);
    await expect(m.wide.locator(`#body-${videoId}-error`).innerText()).resolves.toContain(tr('mediaComments.validation.bodyRequired'));
    await m.page('a chapter with a comment', chapter);
    await m.page('a video\'s comment page', action);
    await visit(page, chapter);
    audit.assertClean();
    expect(m.problems).toEqual([]);
  }, 180_000);
});
