// A course that requires watching a video, in Chromium (issue 18): a facilitator makes the course's
// video required on its page; a member plays it (WebM VP8 made by ffmpeg, at 4× speed, muted so the
// browser lets a script start it) and js/media-watch.js reports the played tenths — the server
// records the video as watched and the course page says so, in place and after a reload; without
// JavaScript "mark as watched" records it as declared. axe at 1280 and 320 px on every page.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { AxeAudit, createMember, signIn, submitForm, tr, useE2E, visit } from './support/index.js';
import { TwoWidths } from './support/two-widths.js';
import { createCourse, createQuiz } from '../support/academy-factories.js';
import { CAPTIONS_DE, makeVideo } from '../modules/media/support.js';
import { mediaDir } from '../../src/modules/media/media.service.js';
import { coveredTenths, WATCHED_TENTHS } from '../../src/modules/media/watching.model.js';

/**
 * Polls `expression` with page.evaluate until it is true: waitForFunction with a string evaluates it
 * inside the page, which the Content-Security-Policy (no 'unsafe-eval') refuses once it has to poll.
 */
async function until(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a course that requires watching a video, in the browser', () => {
  const e = useE2E();

  it('when a member plays the required video, then the server records it as watched and the course page says so; without JavaScript "mark as watched" does; axe passes', async () => {
    const ds = e.server.ctx.ds;
    const quiz = await createQuiz(ds);
    const course = await createCourse(ds, [quiz.slug]);
    const dir = mediaDir(e.server.ctx);
    mkdirSync(dir, { recursive: true });
    const key = `${randomUUID()}.webm`;
    writeFileSync(path.join(dir, key), makeVideo('watch.webm', { codec: 'libvpx', seconds: 2 }));
    const [{ id: videoId }] = await ds.query(
      `INSERT INTO media_videos (course_id, kind, title, storage_key, content_type, status, duration_ms, width, height, video_codec, published_at)
       VALUES ($1, 'upload', 'Das Werkzeug in zwei Sekunden', $2, 'video/webm', 'ready', 2000, 320, 240, 'vp8', now()) RETURNING id`, [course.id, key]);
    await ds.query(`INSERT INTO media_tracks (video_id, kind, language, source, cue_count) VALUES ($1, 'captions', 'de', $2, 2)`, [videoId, CAPTIONS_DE]);
    const coursePage = `/academy/courses/${course.slug}`;
    const progress = async () => (await ds.query(
      `SELECT user_id AS "userId", tenths, watched_via AS via, watched_at IS NOT NULL AS watched FROM media_watch_progress WHERE video_id = $1 ORDER BY user_id`, [videoId])) as
      { userId: number; tenths: number; via: string | null; watched: boolean }[];

    // ---- the facilitator makes it required ----
    const audit = new AxeAudit();
    const facilitator = await createMember(e.server, 'facilitator');
    const f = await TwoWidths.open(e, audit, 'facilitator', facilitator);
    await f.page('a course video, not required', `/media/videos/${videoId}`);
    await submitForm(f.wide, `/media/videos/${videoId}/required`, tr('media.watching.require'));
    await expect(f.wide.locator('#video-required-state').innerText()).resolves.toBe(tr('media.watching.isRequired'));
    await f.page('a course video, required', `/media/videos/${videoId}`);

    // ---- a member plays it ----
    const member = await createMember(e.server, 'member');
    const m = await TwoWidths.open(e, audit, 'member', member);
    await m.page('a course with a required video', coursePage);
    const page = m.wide;
    const item = page.locator(`#watch-${videoId}`);
    await expect(item.locator('[data-state]').innerText()).resolves.toBe(tr('media.watching.notYet'));
    await until(page, `document.querySelector('video').readyState >= 1`);
    const reported = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/media/videos/${videoId}/progress`);
    await page.evaluate(`(() => { const v = document.querySelector('video'); v.muted = true; v.playbackRate = 4; return v.play(); })()`);
    await until(page, `document.querySelector('video').ended`);
    expect((await reported).status()).toBe(200);
    await item.locator('[data-state]', { hasText: new RegExp(`^${tr('media.watching.watched')}$`) }).waitFor();
    await expect(page.locator('.media-watching [data-announce]').innerText()).resolves.toBe(tr('media.watching.nowWatched'));
    await expect(item.locator('form[data-mark]').count()).resolves.toBe(0);
    const [played] = await progress();
    expect(played).toEqual({ userId: member.id, tenths: expect.any(Number), via: 'played', watched: true });
    expect(coveredTenths(played!.tenths)).toBeGreaterThanOrEqual(WATCHED_TENTHS);
    await m.page('a course whose required video was watched', coursePage);
    await expect(page.locator(`#watch-${videoId} strong`).innerText()).resolves.toBe(tr('media.watching.watched'));

    // ---- without JavaScript: the button ----
    const other = await createMember(e.server, 'member');
    const plain = await e.newPage({ javaScript: false });
    await signIn(plain, other);
    await visit(plain, coursePage);
    await submitForm(plain, `/media/videos/${videoId}/watched`, `${tr('media.watching.mark')} Das Werkzeug in zwei Sekunden`);
    expect(new URL(plain.url()).pathname).toBe(coursePage);
    await expect(plain.locator(`#watch-${videoId}`).innerText()).resolves.toContain(tr('media.watching.declared'));
    expect((await progress()).find((p) => p.userId === other.id)).toEqual({ userId: other.id, tenths: 0, via: 'declared', watched: true });

    audit.assertClean();
    expect([...f.problems, ...m.problems]).toEqual([]);
  }, 180_000);
});
