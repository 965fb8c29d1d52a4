// A course can require watching a video (issue 18): the rule (9 of 10 tenths played, or declared),
// the player's checkpoints merged on the server (union, idempotent, monotone, validated), "mark as
// watched" without JavaScript, the facilitator's switch, the course page's state, and certificates
// issued only when the quizzes are passed AND the required videos watched, whichever comes last.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestApp } from '../../support/app.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { Browser, csrfIn, signedIn } from '../../support/agent.js';
import { statementsOf } from '../../support/db.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createCourse, createQuiz, postPairs, questionsOf, rightAnswers } from '../../support/academy-factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { deleteMediaData } from '../../../src/modules/media/media.privacy.js';
import { coveredTenths, maskOf, merge, NOT_STARTED, WATCHED_TENTHS } from '../../../src/modules/media/watching.model.js';

describe('media: the watching rule', () => {
  const at = new Date('2026-01-01T10:00:00Z');
  const later = new Date('2026-01-02T10:00:00Z');

  it('when tenths are reported, then the mask holds each once and ignores anything outside 0–9', () => {
    expect(maskOf([0, 1, 1, 9])).toBe(0b1000000011);
    expect(maskOf([10, -1, 2.5])).toBe(0);
    expect(coveredTenths(maskOf([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(10);
  });

  it('when 8 tenths are played, then not watched; with a 9th, then watched (played), and it stays watched with its first time', () => {
    const eight = merge(NOT_STARTED, { tenths: maskOf([0, 1, 2, 3, 4, 5, 6, 7]) }, at);
    expect(eight).toEqual({ next: { tenths: 0b0011111111, watchedAt: null, watchedVia: null }, becameWatched: false });
    const nine = merge(eight.next, { tenths: maskOf([8]) }, at);
    expect(coveredTenths(nine.next.tenths)).toBe(WATCHED_TENTHS);
    expect(nine).toMatchObject({ next: { watchedAt: at, watchedVia: 'played' }, becameWatched: true });
    const again = merge(nine.next, { tenths: maskOf([9]) }, later);
    expect(again).toMatchObject({ next: { watchedAt: at, watchedVia: 'played', tenths: 0b1111111111 }, becameWatched: false });
  });

  it('when a report is smaller than what is stored, then nothing is lost (monotone), and a repeat changes nothing', () => {
    const first = merge(NOT_STARTED, { tenths: maskOf([0, 1, 2, 3]) }, at).next;
    expect(merge(first, { tenths: maskOf([0]) }, later).next).toEqual(first);
    expect(merge(first, { tenths: maskOf([0, 1, 2, 3]) }, later).next).toEqual(first);
  });

  it('when declared, then watched (declared); played enough afterwards, then recorded as played at the first time; declared after playing stays played', () => {
    const declared = merge(NOT_STARTED, { declared: true }, at);
    expect(declared).toMatchObject({ next: { watchedAt: at, watchedVia: 'declared' }, becameWatched: true });
    const played = merge(declared.next, { tenths: maskOf([0, 1, 2, 3, 4, 5, 6, 7, 8]) }, later);
    expect(played).toMatchObject({ next: { watchedAt: at, watchedVia: 'played' }, becameWatched: false });
    expect(merge(played.next, { declared: true }, later).next.watchedVia).toBe('played');
  });
});

describe('media: courses that require watching a video', () => {
  // A database of its own: the certificates wait on outbox rows this file drains.
  const t = useTestApp(usePrivateDatabase());
  const ALL_BUT_LAST = '0,1,2,3,4,5,6,7,8';

  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.ctx.ds.query(sql, params) as Promise<T[]>;

  async function courseWithVideo(o: { required?: boolean; published?: boolean; kind?: 'upload' | 'embed'; quizzes?: number } = {}) {
    const quizzes = [];
    for (let i = 0; i < (o.quizzes ?? 1); i++) quizzes.push(await createQuiz(t.ctx.ds));
    const course = await createCourse(t.ctx.ds, quizzes.map((x) => x.slug));
    const videoId = await addCourseVideo(course.id, o);
    return { course, quizzes, videoId };
  }
  async function addCourseVideo(courseId: number, o: { required?: boolean; published?: boolean; kind?: 'upload' | 'embed' } = {}) {
    const [{ id }] = o.kind === 'embed'
      ? await q<{ id: string }>(
        `INSERT INTO media_videos (course_id, kind, title, embed_provider, embed_url, status, published_at, required_for_course)
         VALUES ($1, 'embed', 'Eingebettetes Pflichtvideo', 'youtube', 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', 'ready', CASE WHEN $2 THEN now() END, $3) RETURNING id`,
        [courseId, o.published ?? true, o.required ?? true])
      : await q<{ id: string }>(
        `INSERT INTO media_videos (course_id, kind, title, storage_key, content_type, status, duration_ms, width, height, published_at, required_for_course)
         VALUES ($1, 'upload', 'Pflichtvideo zum Kurs', $2, 'video/webm', 'ready', 60000, 320, 240, CASE WHEN $3 THEN now() END, $4) RETURNING id`,
        [courseId, `${randomUUID()}.webm`, o.published ?? true, o.required ?? true]);
    return id;
  }
  const progressRows = (videoId: string) =>
    q<{ user_id: number; tenths: number; watched_via: string | null; watched: boolean }>(
      `SELECT user_id, tenths, watched_via, watched_at IS NOT NULL AS watched FROM media_watch_progress WHERE video_id = $1 ORDER BY user_id`, [videoId]);
  const certificates = (courseId: number, userId: number) =>
    q(`SELECT id FROM academy_certificates WHERE course_id = $1 AND user_id = $2`, [courseId, userId]);

  /** The player's report, as media-watch.js sends it: a form field, the CSRF header, JSON wanted. */
  async function checkpoint(b: Browser, videoId: string, tenths: string, token?: string) {
    const csrf = token ?? csrfIn((await b.get('/barrierefreiheit')).text);
    return b.agent.post(`/media/videos/${videoId}/progress`).set('x-csrf-token', csrf).set('accept', 'application/json').type('form').send({ tenths });
  }

  async function pass(b: Browser, quiz: { id: number; slug: string }) {
    const res = await b.post(`/academy/quizzes/${quiz.slug}/attempts`, {}, `/academy/quizzes/${quiz.slug}`);
    const page = res.headers.location!;
    const id = Number(/attempts\/(\d+)/.exec(page)![1]);
    await postPairs(b, page, [...rightAnswers(await questionsOf(t.ctx.ds, quiz.id)), ['nav', 'review']], page);
    const submitted = await b.post(`/academy/attempts/${id}/submit`, {}, `/academy/attempts/${id}/review`);
    expect(submitted.status).toBe(303);
  }

  async function member(): Promise<{ user: TestUser; b: Browser }> {
    const user = await createUser(t.ctx.ds);
    return { user, b: await signedIn(t.app, user) };
  }

  it('when a member posts checkpoints, then the server keeps their union (idempotent, never lowered) and the video counts as watched at 9 of 10 tenths', async () => {
    const { course, videoId } = await courseWithVideo();
    const { user, b } = await member();

    const first = await checkpoint(b, videoId, '0,1,2');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ covered: 3, percent: 30, watched: false, stateText: 'Noch nicht angesehen', progressText: '30\u00a0% abgespielt' });
    expect((await checkpoint(b, videoId, '0,1,2')).body).toMatchObject({ covered: 3 });
    expect((await checkpoint(b, videoId, '1')).body).toMatchObject({ covered: 3 });
    const eight = await checkpoint(b, videoId, '3,4,5,6,7,7');
    expect(eight.body).toMatchObject({ covered: 8, watched: false });
    expect(await progressRows(videoId)).toEqual([{ user_id: user.id, tenths: 0b0011111111, watched_via: null, watched: false }]);

    const nine = await checkpoint(b, videoId, '9');
    expect(nine.body).toMatchObject({ covered: 9, watched: true, via: 'played', stateText: 'Angesehen' });
    expect(await progressRows(videoId)).toEqual([{ user_id: user.id, tenths: 0b1011111111, watched_via: 'played', watched: true }]);
    const [{ at }] = await q<{ at: Date }>(`SELECT watched_at AS at FROM media_watch_progress WHERE video_id = $1`, [videoId]);
    await checkpoint(b, videoId, '8');
    const [{ at: still }] = await q<{ at: Date }>(`SELECT watched_at AS at FROM media_watch_progress WHERE video_id = $1`, [videoId]);
    expect(still).toEqual(at);

    const page = await b.get(`/academy/courses/${course.slug}`);
    expect(page.text).toContain(`id="watch-${videoId}"`);
    expect(page.text).toMatch(/<strong>Angesehen<\/strong>/);
  });

  it('when the video is unpublished, its course archived or the id unknown, then 404 and nothing is stored; a video no course requires is a 409', async () => {
    const { b } = await member();
    const unpublished = await courseWithVideo({ published: false });
    expect((await checkpoint(b, unpublished.videoId, '0,1')).status).toBe(404);
    expect((await b.post(`/media/videos/${unpublished.videoId}/watched`)).status).toBe(404);

    const archived = await courseWithVideo();
    await q(`UPDATE academy_courses SET archived_at = now() WHERE id = $1`, [archived.course.id]);
    expect((await checkpoint(b, archived.videoId, '0,1')).status).toBe(404);
    expect((await checkpoint(b, randomUUID(), '0,1')).status).toBe(404);

    const optional = await courseWithVideo({ required: false });
    const refused = await checkpoint(b, optional.videoId, '0,1');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('Für dieses Video wird kein Fortschritt gespeichert');
    const guide = await createGuide(t.ctx.ds);
    const [{ id: chapterVideo }] = await q<{ id: string }>(
      `INSERT INTO media_videos (chapter_id, kind, title, embed_provider, embed_url, status, published_at)
       SELECT id, 'embed', 'Kapitelvideo', 'youtube', 'https://youtu.be/aqz-KE-bpKQ', 'ready', now() FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1 RETURNING id`, [guide.id]);
    expect((await checkpoint(b, chapterVideo, '0,1')).status).toBe(409);

    for (const id of [unpublished.videoId, archived.videoId, optional.videoId, chapterVideo]) expect(await progressRows(id)).toEqual([]);
  });

  it('when a visitor posts, or a member posts without the CSRF token, then 401 / 403 and nothing is stored', async () => {
    const { videoId } = await courseWithVideo();
    const visitor = new Browser(t.app);
    const token = csrfIn((await visitor.get('/barrierefreiheit')).text);
    expect((await checkpoint(visitor, videoId, '0,1', token)).status).toBe(401);
    expect((await visitor.agent.post(`/media/videos/${videoId}/watched`).type('form').send({ _csrf: token })).status).toBe(401);
    const { b } = await member();
    const noToken = await b.agent.post(`/media/videos/${videoId}/progress`).set('accept', 'application/json').type('form').send({ tenths: '0,1' });
    expect(noToken.status).toBe(403);
    expect(await progressRows(videoId)).toEqual([]);
  });

  it.each(['10', '', 'a', '1,,2', '-1', '0;1', '1,2,', ' ,', '0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0'])(
    'when the tenths are %j, then 422 and nothing is stored', async (tenths) => {
      const { videoId } = await courseWithVideo();
      const { b } = await member();
      const res = await checkpoint(b, videoId, tenths);
      expect(res.status).toBe(422);
      expect(res.body.fields).toEqual({ tenths: 'media.watching.badTenths' });
      expect(await progressRows(videoId)).toEqual([]);
    });

  it('when a member without JavaScript presses "mark as watched" on the course page, then it is recorded as declared and the page says so; an embed offers only that', async () => {
    const { course, videoId } = await courseWithVideo({ kind: 'embed' });
    const { user, b } = await member();
    const page = await b.get(`/academy/courses/${course.slug}`);
    expect(page.text).toContain('Noch nicht angesehen');
    expect(page.text).toContain(`action="/media/videos/${videoId}/watched"`);
    // An embed's frame cannot report progress: no checkpoint address, no share played.
    expect(page.text).not.toContain(`data-progress="/media/videos/${videoId}/progress"`);
    const res = await b.agent.post(`/media/videos/${videoId}/watched`).type('form').send({ _csrf: csrfIn(page.text) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/academy/courses/${course.slug}#watch-${videoId}`);
    expect(await progressRows(videoId)).toEqual([{ user_id: user.id, tenths: 0, watched_via: 'declared', watched: true }]);
    const after = await b.get(`/academy/courses/${course.slug}`);
    expect(after.text).toContain('Das Video ist als angesehen markiert.');
    expect(after.text).toContain('<strong>Angesehen</strong> (selbst markiert)');
    expect(after.text).not.toContain(`action="/media/videos/${videoId}/watched"`);
  });

  it('when a member passes every quiz first, then the certificate waits for the video; once the video is watched, it is issued', async () => {
    const { course, quizzes, videoId } = await courseWithVideo({ quizzes: 2 });
    const { user, b } = await member();
    for (const quiz of quizzes) await pass(b, quiz);
    await t.drain();
    expect(await certificates(course.id, user.id)).toEqual([]);
    const waiting = await b.get(`/academy/courses/${course.slug}`);
    expect(waiting.text).not.toContain('Kurs abgeschlossen');
    expect(waiting.text).toContain('Noch nicht angesehen');
    expect(waiting.text).toContain('0\u00a0% abgespielt');
    // "Mein Praxis" points to the videos the course still waits for.
    expect((await b.get('/')).text).toContain(`href="/academy/courses/${course.slug}#media-watching"`);

    expect((await checkpoint(b, videoId, ALL_BUT_LAST)).body).toMatchObject({ watched: true });
    expect(await certificates(course.id, user.id)).toEqual([]); // issued by the worker, after the commit
    await t.drain();
    expect(await certificates(course.id, user.id)).toHaveLength(1);
    const [{ n }] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'academy.certificate' AND subject_id = $2`, [user.id, course.id]);
    expect(n).toBe(1);
    expect((await b.get(`/academy/courses/${course.slug}`)).text).toContain('Kurs abgeschlossen');
    expect((await b.get('/')).text).not.toContain(`/academy/courses/${course.slug}#media-watching`);
    // A repeated report and another drain issue nothing more.
    await checkpoint(b, videoId, '9');
    await t.drain();
    expect(await certificates(course.id, user.id)).toHaveLength(1);
  });

  it('when a member watches first, then passing the last quiz issues the certificate at once; another member who passed without watching still waits', async () => {
    const { course, quizzes, videoId } = await courseWithVideo();
    const { user, b } = await member();
    await checkpoint(b, videoId, ALL_BUT_LAST);
    await t.drain();
    expect(await certificates(course.id, user.id)).toEqual([]); // no quiz passed yet
    await pass(b, quizzes[0]!);
    expect(await certificates(course.id, user.id)).toHaveLength(1);

    const other = await member();
    await pass(other.b, quizzes[0]!);
    await t.drain();
    expect(await certificates(course.id, other.user.id)).toEqual([]);
  });

  it('when a requirement is added after a member got the certificate, then it stays valid; lifting a requirement issues the certificates that waited only for it', async () => {
    const { course, quizzes, videoId } = await courseWithVideo({ required: false });
    const early = await member();
    await pass(early.b, quizzes[0]!);
    const [cert] = await certificates(course.id, early.user.id);
    expect(cert).toBeDefined();

    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fb.post(`/media/videos/${videoId}/required`, { required: 'yes' }, `/media/videos/${videoId}`)).status).toBe(303);
    await t.drain();
    expect(await certificates(course.id, early.user.id)).toEqual([cert]);
    expect((await new Browser(t.app).get(`/academy/certificates/${(cert as { id: string }).id}/verify`)).text).toContain('Gültiges Zertifikat');

    const late = await member();
    await pass(late.b, quizzes[0]!);
    await t.drain();
    expect(await certificates(course.id, late.user.id)).toEqual([]);
    expect((await fb.post(`/media/videos/${videoId}/required`, { required: 'no' }, `/media/videos/${videoId}`)).status).toBe(303);
    await t.drain();
    expect(await certificates(course.id, late.user.id)).toHaveLength(1);
  });

  it('when a required video is unpublished, then it no longer holds anyone back', async () => {
    const { course, quizzes, videoId } = await courseWithVideo();
    const { user, b } = await member();
    await pass(b, quizzes[0]!);
    await t.drain();
    expect(await certificates(course.id, user.id)).toEqual([]);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    expect((await fb.post(`/media/videos/${videoId}/unpublish`, {}, `/media/videos/${videoId}`)).status).toBe(303);
    await t.drain();
    expect(await certificates(course.id, user.id)).toHaveLength(1);
  });

  it('when a member or a visitor tries the "required" switch, then 403 / 401 and nothing changes; a facilitator sets it (audited), a chapter video cannot be required', async () => {
    const { course, videoId } = await courseWithVideo({ required: false });
    const flag = async () => (await q<{ r: boolean }>(`SELECT required_for_course AS r FROM media_videos WHERE id = $1`, [videoId]))[0]!.r;
    const { b } = await member();
    expect((await b.post(`/media/videos/${videoId}/required`, { required: 'yes' })).status).toBe(403);
    expect((await new Browser(t.app).post(`/media/videos/${videoId}/required`, { required: 'yes' })).status).toBe(401);
    expect(await flag()).toBe(false);

    const facilitator = await createUser(t.ctx.ds, { role: 'facilitator' });
    const fb = await signedIn(t.app, facilitator);
    const before = await fb.get(`/media/videos/${videoId}`);
    expect(before.text).toContain('Dieses Video ist für den Kursabschluss nicht vorgeschrieben.');
    expect((await fb.post(`/media/videos/${videoId}/required`, { required: 'maybe' }, `/media/videos/${videoId}`)).status).toBe(422);
    expect(await flag()).toBe(false);
    const res = await fb.post(`/media/videos/${videoId}/required`, { required: 'yes' }, `/media/videos/${videoId}`);
    expect(res.status).toBe(303);
    expect(await flag()).toBe(true);
    const audit = await q(`SELECT actor_id, action FROM audit_log WHERE subject_type = 'media_video' AND subject_id = $1 ORDER BY id`, [videoId]);
    expect(audit).toEqual([{ actor_id: facilitator.id, action: 'media_video.required' }]);
    const after = await fb.get(`/media/videos/${videoId}`);
    expect(after.text).toContain('Dieses Video muss angesehen werden, um den Kurs abzuschließen.');
    expect(after.text).toContain('Angesehen von 0 Mitgliedern');
    // Setting it again changes nothing and logs nothing.
    await fb.post(`/media/videos/${videoId}/required`, { required: 'yes' }, `/media/videos/${videoId}`);
    expect(await q(`SELECT 1 FROM audit_log WHERE subject_type = 'media_video' AND subject_id = $1`, [videoId])).toHaveLength(1);
    expect((await new Browser(t.app).get(`/academy/courses/${course.slug}`)).text).toContain('Melden Sie sich an, damit Ihr Fortschritt gespeichert wird.');

    const guide = await createGuide(t.ctx.ds);
    const [{ id: chapterVideo }] = await q<{ id: string }>(
      `INSERT INTO media_videos (chapter_id, kind, title, embed_provider, embed_url, status)
       SELECT id, 'embed', 'Kapitelvideo', 'youtube', 'https://youtu.be/aqz-KE-bpKQ', 'ready' FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1 RETURNING id`, [guide.id]);
    const refused = await fb.post(`/media/videos/${chapterVideo}/required`, { required: 'yes' }, `/media/videos/${chapterVideo}`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('Nur die eigenen Videos eines Kurses');
    expect((await q<{ r: boolean }>(`SELECT required_for_course AS r FROM media_videos WHERE id = $1`, [chapterVideo]))[0]!.r).toBe(false);
    expect((await fb.get(`/media/videos/${chapterVideo}`)).text).not.toContain('Für den Kursabschluss');
  });

  it('when a member downloads their data, then their watching progress is in it; account deletion removes it', async () => {
    const { videoId } = await courseWithVideo();
    const { user, b } = await member();
    await checkpoint(b, videoId, '0,2,4');
    const data = JSON.parse((await b.get('/me/export')).text);
    expect(data.media.watching).toEqual([expect.objectContaining({ videoId, title: 'Pflichtvideo zum Kurs', tenthsPlayed: [0, 2, 4], watchedAt: null, watchedVia: null })]);
    await inTransaction(t.ctx.ds, (db) => deleteMediaData(db, user.id));
    expect(await progressRows(videoId)).toEqual([]);
  });

  it('when a course page is read, then its videos are read once for the player and the comments, and the required videos only when the course has one', async () => {
    const quiz = await createQuiz(t.ctx.ds);
    const course = await createCourse(t.ctx.ds, [quiz.slug]);
    const { b } = await member();
    const fromVideos = (sql: string[]) => sql.filter((s) => /FROM media_videos/.test(s));
    const read = async () => {
      let text = '';
      const sql = await statementsOf(t.ctx.ds, async () => { text = (await b.get(`/academy/courses/${course.slug}`)).text; });
      return { text, sql };
    };
    // No video: the one read of the course's videos, nothing about requirements.
    const none = await read();
    expect(fromVideos(none.sql)).toHaveLength(1);
    expect(none.text).not.toContain('id="media-watching"');
    // A published video no one is required to watch: still one read; the comments add their own query only.
    const optional = await addCourseVideo(course.id, { required: false });
    const plain = await read();
    expect(plain.text).toContain(`video-${optional}`);
    expect(fromVideos(plain.sql)).toHaveLength(1);
    expect(plain.sql.length).toBe(none.sql.length + 2); // the tracks and the comments of the one video
    // A required one: now the requirement's read too, and the page lists it.
    await addCourseVideo(course.id, { required: true });
    const required = await read();
    expect(fromVideos(required.sql)).toHaveLength(2);
    expect(required.sql.length).toBe(plain.sql.length + 1);
    expect(required.text).toContain('id="media-watching"');
  });
});
