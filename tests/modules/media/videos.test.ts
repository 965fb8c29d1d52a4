// Training videos (issue 18): upload checked by content, processing in the worker (ffprobe, poster),
// WebVTT captions with line-numbered errors, the publish gate, range requests and permissions on
// the files, the player with tracks and transcript on the chapter page — with real videos made by
// ffmpeg, under DATA_DIR/.data as `npm start` lays it out.
import { describe, expect, it, beforeAll } from '@jest/globals';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createGuide, type TestGuide } from '../../support/guides-factories.js';
import { filesIn } from '../../support/uploads.js';
import { BROKEN_VTT, CAPTIONS_DE, CHAPTERS_DE, makeVideo, postMultipart } from './support.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400)]);

describe('media: training videos, layout as `npm start` with DATA_DIR under a dot directory', () => {
  const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data');
  // A database of its own: in the shared one another file's drain could claim this file's processing
  // job and look for the video under its own upload directory.
  const t = useTestApp(usePrivateDatabase({ DATA_DIR: dataDir }));
  const mediaDir = path.join(dataDir, 'uploads', 'media');
  let mp4: Buffer;
  let facilitator: TestUser;
  let fb: Browser;

  beforeAll(async () => {
    mp4 = makeVideo('a.mp4');
    facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    fb = await signedIn(t.app, facilitator);
  });

  const chapterIdOf = async (g: TestGuide, slug = 'einstieg') =>
    ((await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = $2`, [g.id, slug])) as { id: number }[])[0]!.id;
  const videoRow = async (id: string) =>
    ((await t.ctx.ds.query(`SELECT status, failure_reason, duration_ms, width, height, video_codec, poster_key, storage_key, content_type, published_at FROM media_videos WHERE id = $1`, [id])) as Record<string, unknown>[])[0]!;
  const videosOfChapter = async (chapterId: number) =>
    Number(((await t.ctx.ds.query(`SELECT count(*)::int AS n FROM media_videos WHERE chapter_id = $1`, [chapterId])) as { n: number }[])[0]!.n);

  async function upload(b: Browser, chapterId: number, content: Buffer, name: string, title = 'Einführung ins Werkzeug') {
    return postMultipart(b, `/media/chapters/${chapterId}`, `/media/chapters/${chapterId}/videos`, { title, description: 'Kurz erklärt' }, { content, name });
  }
  /** A video uploaded by the facilitator and processed by the worker; returns its id. */
  async function processedVideo(chapterId: number, content = mp4, name = 'schulung.mp4'): Promise<string> {
    const res = await upload(fb, chapterId, content, name);
    expect(res.status).toBe(303);
    const id = /^\/media\/videos\/([0-9a-f-]{36})$/.exec(res.headers.location!)![1]!;
    await t.drain();
    return id;
  }
  const addTrack = (id: string, kind: string, language: string, text: string, name = 'spur.vtt') =>
    postMultipart(fb, `/media/videos/${id}`, `/media/videos/${id}/tracks`, { kind, language }, { content: Buffer.from(text), name });

  it('when a facilitator uploads an MP4 to a chapter, then it is stored under .data/uploads/media, pending, and the worker reads it with ffprobe and makes a poster', async () => {
    const g = await createGuide(t.ctx.ds);
    const chapterId = await chapterIdOf(g);
    const res = await upload(fb, chapterId, mp4, 'schulung.mp4');
    expect(res.status).toBe(303);
    const id = /^\/media\/videos\/([0-9a-f-]{36})$/.exec(res.headers.location!)![1]!;
    expect(await videoRow(id)).toMatchObject({ status: 'pending', content_type: 'video/mp4' });
    const pending = await fb.get(`/media/videos/${id}`);
    expect(pending.text).toContain('Wartet auf Verarbeitung');
    expect(filesIn(path.join(dataDir, 'uploads', 'incoming'))).toEqual({});

    await t.drain();
    const row = await videoRow(id);
    expect(row).toMatchObject({ status: 'ready', failure_reason: null, width: 320, height: 240, video_codec: 'h264' });
    expect(Math.abs(Number(row.duration_ms) - 2000)).toBeLessThan(200);
    expect(statSync(path.join(mediaDir, String(row.storage_key))).size).toBe(mp4.length);
    expect(existsSync(path.join(mediaDir, String(row.poster_key)))).toBe(true);
    const page = await fb.get(`/media/videos/${id}`);
    expect(page.text).toContain('Bereit');
    expect(page.text).toContain('320 × 240');
    const poster = await fb.get(`/media/videos/${id}/poster.jpg`);
    expect(poster.status).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect([...(poster.body as Buffer).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('when a member or a visitor tries to upload, then they are refused before anything is stored', async () => {
    const g = await createGuide(t.ctx.ds);
    const chapterId = await chapterIdOf(g);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await upload(member, chapterId, mp4, 'x.mp4')).status).toBe(403);
    const visitor = new Browser(t.app);
    expect((await upload(visitor, chapterId, mp4, 'x.mp4')).status).toBe(401);
    expect(await videosOfChapter(chapterId)).toBe(0);
  });

  it('when the file is not a video (a PNG named .mp4), then 422 on the same form with the title kept, nothing stored', async () => {
    const g = await createGuide(t.ctx.ds);
    const chapterId = await chapterIdOf(g);
    const before = filesIn(mediaDir);
    const res = await upload(fb, chapterId, PNG, 'getarnt.mp4', 'Mein Titel');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Das ist kein MP4- oder WebM-Video');
    expect(res.text).toContain('value="Mein Titel"');
    expect(await videosOfChapter(chapterId)).toBe(0);
    expect(filesIn(mediaDir)).toEqual(before);
  });

  it('when the video has a codec browsers do not play in MP4 (MPEG-4 Part 2), then processing fails with the reason shown', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g), makeVideo('mpeg4.mp4', { codec: 'mpeg4', seconds: 1 }));
    expect(await videoRow(id)).toMatchObject({ status: 'failed', failure_reason: 'codec', video_codec: 'mpeg4' });
    const page = await fb.get(`/media/videos/${id}`);
    expect(page.text).toContain('Verarbeitung fehlgeschlagen');
    expect(page.text).toContain('Der Codec mpeg4 wird nicht unterstützt');
  });

  it('when a WebM (VP8) is uploaded, then it is accepted and processed', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g), makeVideo('a.webm', { codec: 'libvpx', seconds: 1 }), 'clip.webm');
    expect(await videoRow(id)).toMatchObject({ status: 'ready', content_type: 'video/webm', video_codec: 'vp8' });
  });

  it('when a WebVTT file has errors, then 422 lists every problem with its line number and nothing is saved', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g));
    const res = await addTrack(id, 'captions', 'de', BROKEN_VTT);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Zeile 3: Die Endzeit liegt nicht nach der Startzeit');
    expect(res.text).toContain('Zeile 6: Ungültige Zeit');
    expect(res.text).toContain('name="file"');
    expect(await t.ctx.ds.query(`SELECT 1 FROM media_tracks WHERE video_id = $1`, [id])).toEqual([]);
  });

  it('when a video has no captions in the content\'s language, then it cannot be published; with them it can, and readers see it', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g));
    const chapterPage = `/guides/${g.slug}/einstieg`;
    const member = await signedIn(t.app, await createUser(t.ctx.ds));

    const early = await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`);
    expect(early.status).toBe(409);
    expect(early.text).toContain('Ein veröffentlichtes Video braucht Untertitel in der Sprache des Inhalts.');
    // English captions are not the content's language (the guide is German).
    expect((await addTrack(id, 'captions', 'en', CAPTIONS_DE)).status).toBe(303);
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(409);
    expect((await member.get(chapterPage)).text).not.toContain('<video');

    expect((await addTrack(id, 'captions', 'de', CAPTIONS_DE)).status).toBe(303);
    expect((await addTrack(id, 'chapters', 'de', CHAPTERS_DE)).status).toBe(303);
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    expect((await videoRow(id)).published_at).not.toBeNull();
    // The German captions cannot be removed while published.
    expect((await fb.post(`/media/videos/${id}/tracks/captions/de/delete`, {}, `/media/videos/${id}`)).status).toBe(409);

    const page = await member.get(chapterPage);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<video id="video-${id}" controls`);
    expect(page.text).toContain(`<track kind="captions" srclang="de" label="Untertitel (de)" src="/media/videos/${id}/tracks/captions/de.vtt" default>`);
    expect(page.text).toContain(`<track kind="chapters" srclang="de"`);
    // The transcript from the captions: each line links to its moment; the chapters as a list.
    expect(page.text).toContain(`href="/media/videos/${id}/file#t&#x3D;1" data-video="video-${id}" data-t="1"><time>00:01</time></a> Hier sehen Sie das Testbild.`);
    expect(page.text).toContain('<strong>Anna Beispiel:</strong> Willkommen zur Schulung.');
    expect(page.text).toContain('<time>00:01</time> <span lang="de">Das Testbild</span>');
    expect(page.text).toContain('/js/media.js');
    const vtt = await member.get(`/media/videos/${id}/tracks/captions/de.vtt`);
    expect(vtt.status).toBe(200);
    expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(vtt.text).toBe(CAPTIONS_DE);
  });

  it('when a reader asks for ranges, then 206 with Content-Range, Accept-Ranges and the video type; a range past the end is 416', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g));
    expect((await addTrack(id, 'captions', 'de', CAPTIONS_DE)).status).toBe(303);
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    const url = `/media/videos/${id}/file`;
    const buffer = (r: request.Request) => r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

    const full = await buffer(request(t.app).get(url));
    expect(full.status).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(full.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(full.body as Buffer, mp4)).toBe(0);

    const part = await buffer(request(t.app).get(url).set('Range', 'bytes=100-1099'));
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${mp4.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.headers['content-type']).toBe('video/mp4');
    expect(Buffer.compare(part.body as Buffer, mp4.subarray(100, 1100))).toBe(0);

    const tail = await buffer(request(t.app).get(url).set('Range', 'bytes=-500'));
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body as Buffer, mp4.subarray(mp4.length - 500))).toBe(0);

    const past = await request(t.app).get(url).set('Range', `bytes=${mp4.length + 10}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${mp4.length}`);
  });

  it('when a video is not published, or its guide is a draft, then its file, poster and tracks are 404 for readers (facilitators see them); an unknown id is 404', async () => {
    const g = await createGuide(t.ctx.ds);
    const id = await processedVideo(await chapterIdOf(g));
    expect((await addTrack(id, 'captions', 'de', CAPTIONS_DE)).status).toBe(303);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const paths = [`/media/videos/${id}/file`, `/media/videos/${id}/poster.jpg`, `/media/videos/${id}/tracks/captions/de.vtt`];
    for (const p of paths) {
      expect((await member.get(p)).status).toBe(404);
      expect((await request(t.app).get(p)).status).toBe(404);
      expect((await fb.get(p)).status).toBe(200);
    }
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    for (const p of paths) expect((await request(t.app).get(p)).status).toBe(200);
    // The management page is for facilitators only.
    expect((await member.get(`/media/videos/${id}`)).status).toBe(403);

    const draft = await createGuide(t.ctx.ds, { publish: false });
    const [draftChapter] = (await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 LIMIT 1`, [draft.id])) as { id: number }[];
    if (draftChapter) {
      const hidden = await processedVideo(draftChapter.id);
      expect((await addTrack(hidden, 'captions', 'de', CAPTIONS_DE)).status).toBe(303);
      expect((await fb.post(`/media/videos/${hidden}/publish`, {}, `/media/videos/${hidden}`)).status).toBe(303);
      expect((await request(t.app).get(`/media/videos/${hidden}/file`)).status).toBe(404);
      expect((await fb.get(`/media/videos/${hidden}/file`)).status).toBe(200);
    }
    expect((await fb.get(`/media/videos/${randomUUID()}/file`)).status).toBe(404);
    expect((await fb.get(`/media/videos/not-a-uuid/file`)).status).toBe(404);
  });

  it('when a facilitator deletes a video, then its row, file and poster are gone', async () => {
    const g = await createGuide(t.ctx.ds);
    const chapterId = await chapterIdOf(g);
    const id = await processedVideo(chapterId);
    const row = await videoRow(id);
    const res = await fb.post(`/media/videos/${id}/delete`, {}, `/media/videos/${id}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/media/chapters/${chapterId}`);
    expect(await videosOfChapter(chapterId)).toBe(0);
    expect(existsSync(path.join(mediaDir, String(row.storage_key)))).toBe(false);
    expect(existsSync(path.join(mediaDir, String(row.poster_key)))).toBe(false);
  });
});

describe('media: a server without ffprobe/ffmpeg', () => {
  const t = useTestApp({ FFPROBE_PATH: '/nonexistent/ffprobe', FFMPEG_PATH: '/nonexistent/ffmpeg' });

  it('when a facilitator opens the videos of a chapter or uploads, then they read that video processing is not available; nothing is stored', async () => {
    const g = await createGuide(t.ctx.ds);
    const [{ id: chapterId }] = (await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 LIMIT 1`, [g.id])) as { id: number }[];
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const page = await fb.get(`/media/chapters/${chapterId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Die Videoverarbeitung ist auf diesem Server nicht verfügbar');
    const res = await postMultipart(fb, '/barrierefreiheit', `/media/chapters/${chapterId}/videos`, { title: 'T' }, { content: makeVideo('b.mp4', { seconds: 1 }), name: 'b.mp4' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Die Videoverarbeitung ist auf diesem Server nicht verfügbar');
    expect(await t.ctx.ds.query(`SELECT 1 FROM media_videos WHERE chapter_id = $1`, [chapterId])).toEqual([]);
  });
});
