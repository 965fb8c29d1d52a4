// Timed comments on training videos (issue 18): members comment at a moment of a published video
// below the player; the times are seek links; bad input comes back with 422 and the text kept;
// authors edit and delete their own, members flag once, facilitators hide and show with the audit
// log; the chapter's owner is notified; the comments are in the data download and the deletion.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseClock } from '../../../src/modules/media/comments.schemas.js';
import { Browser, signedIn } from '../../support/agent.js';
import { useTestApp } from '../../support/app.js';
import { createUser, type TestUser } from '../../support/factories.js';
import { createGuide, type TestGuide } from '../../support/guides-factories.js';
import { createCourse } from '../../support/academy-factories.js';
import { elements, parseHtml, textOf } from '../../support/html.js';

interface VideoOpts { chapterId?: number; courseId?: number; durationMs?: number | null; published?: boolean; kind?: 'upload' | 'embed'; uploadedById?: number | null }

/** A processed video (no file needed: the page only links to it), published unless told otherwise. */
async function video(ds: DataSource, o: VideoOpts): Promise<string> {
  const embed = o.kind === 'embed';
  const [row] = await ds.query(
    `INSERT INTO media_videos (chapter_id, course_id, kind, title, storage_key, content_type, embed_provider, embed_url, status, duration_ms, published_at, uploaded_by_id)
     VALUES ($1, $2, $3, 'Schulungsvideo Moderation', $4, $5, $6, $7, 'ready', $8, CASE WHEN $9 THEN now() END, $10) RETURNING id`,
    [o.chapterId ?? null, o.courseId ?? null, embed ? 'embed' : 'upload', embed ? null : `${randomUUID()}.webm`, embed ? null : 'video/webm',
      embed ? 'youtube' : null, embed ? 'https://youtu.be/aqz-KE-bpKQ' : null, o.durationMs === undefined ? 600_000 : o.durationMs, o.published !== false, o.uploadedById ?? null]);
  return row.id as string;
}

async function chapterOf(ds: DataSource, g: TestGuide, slug = 'einstieg'): Promise<number> {
  const [row] = await ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 AND slug = $2`, [g.id, slug]);
  return row.id as number;
}

const commentsOf = (ds: DataSource, videoId: string) => ds.query(
  `SELECT id, author_id AS "authorId", at_ms AS "atMs", body, body_html AS "bodyHtml", hidden_at AS "hiddenAt", hidden_by_id AS "hiddenById", hidden_reason AS "hiddenReason"
     FROM media_video_comments WHERE video_id = $1 ORDER BY id`, [videoId]) as Promise<{
  id: number; authorId: number | null; atMs: number; body: string; bodyHtml: string; hiddenAt: Date | null; hiddenById: number | null; hiddenReason: string | null;
}[]>;

describe('media: the moment of a comment', () => {
  it.each([
    ['4:12', 252_000], ['04:12', 252_000], ['0:00', 0], ['75:30', 4_530_000], ['1:02:03', 3_723_000], [' 10:05 ', 605_000],
  ])('when "%s" is typed, then it is %d ms', (text, ms) => {
    expect(parseClock(text)).toBe(ms);
  });
  it.each(['', '4', '4:60', '4:5', '1:60:00', 'abc', '-1:00', '1:2:3:4', '4.12', '4:12 Uhr'])('when "%s" is typed, then it is refused', (text) => {
    expect(parseClock(text)).toBeNull();
  });
});

describe('media: timed comments', () => {
  const t = useTestApp();

  async function setup(o: Partial<VideoOpts> & { draftGuide?: boolean } = {}) {
    const g = await createGuide(t.ctx.ds);
    const chapterId = await chapterOf(t.ctx.ds, g);
    // A guide taken back to draft keeps its chapter rows (a never published one has none to attach a video to).
    if (o.draftGuide) await t.ctx.ds.query(`UPDATE guides SET status = 'draft' WHERE id = $1`, [g.id]);
    const videoId = await video(t.ctx.ds, { chapterId, ...o });
    const page = `/guides/${g.slug}/einstieg`;
    return { g, chapterId, videoId, page };
  }
  // The CSRF token is the session's: any page with a form gives it (a visitor's chapter page has none).
  const post = (b: Browser, videoId: string, _page: string, fields: Record<string, string>) => b.post(`/media/videos/${videoId}/comments`, fields);

  it('when members comment at moments, then the chapter page lists them by moment, each time a seek link #t=<seconds>, with author, date and the rendered body', async () => {
    const { videoId, page } = await setup();
    const anna = await createUser(t.ctx.ds, { name: 'Anna Kommentar' });
    const ben = await createUser(t.ctx.ds, { name: 'Ben Kommentar' });
    const a = await signedIn(t.app, anna);
    const b = await signedIn(t.app, ben);

    const first = await post(a, videoId, page, { at: '04:12', body: 'Wie habt ihr das **moderiert**?' });
    expect(first.status).toBe(303);
    expect(first.headers.location).toMatch(new RegExp(`^${page}#video-comment-\\d+$`));
    expect((await post(b, videoId, page, { at: '0:30', body: 'Guter Einstieg.' })).status).toBe(303);
    expect((await post(a, videoId, page, { at: '1:02', body: '<script>alert(1)</script>Folie zeigen' })).status).toBe(303);

    const rows = await commentsOf(t.ctx.ds, videoId);
    expect(rows.map((r) => [r.authorId, r.atMs, r.body])).toEqual([
      [anna.id, 252_000, 'Wie habt ihr das **moderiert**?'], [ben.id, 30_000, 'Guter Einstieg.'], [anna.id, 62_000, '<script>alert(1)</script>Folie zeigen'],
    ]);
    expect(rows[0]!.bodyHtml).toContain('<strong>moderiert</strong>');
    expect(rows[2]!.bodyHtml).not.toContain('<script');

    const html = (await new Browser(t.app).get(page)).text;
    const seekLinks = elements(parseHtml(html), 'a').filter((el) => (el.attribs.class ?? '').includes('media-comment__at'));
    expect(seekLinks.map((el) => [el.attribs.href, el.attribs['data-t'], el.attribs['data-video'], textOf(el).trim().slice(0, 5)])).toEqual([
      [`#t=30&v=${videoId}`, '30', `video-${videoId}`, '00:30'],
      [`#t=62&v=${videoId}`, '62', `video-${videoId}`, '01:02'],
      [`#t=252&v=${videoId}`, '252', `video-${videoId}`, '04:12'],
    ]);
    expect(seekLinks.every((el) => (el.attribs.class ?? '').includes('media-seek'))).toBe(true);
    expect(html).toContain('Anna Kommentar');
    expect(html).toContain('<strong>moderiert</strong>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain(`id="video-${videoId}-comments"`);
    expect(html).toContain('<script src="/js/media-comments.js" defer></script>');
  });

  it('when the input is bad, then 422 on the video\'s comment page with the text kept and the message at its field, and nothing is stored', async () => {
    const { videoId, page } = await setup({ durationMs: 120_000 });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const cases: [Record<string, string>, string, string][] = [
      [{ at: '4:12', body: '' }, 'body', 'Bitte schreiben Sie einen Kommentar'],
      [{ at: '4:12', body: 'x'.repeat(5001) }, 'body', 'Der Kommentar ist zu lang'],
      [{ at: '4 Minuten', body: 'Meine Frage zur Stelle' }, 'at', 'Bitte geben Sie die Stelle als Minuten:Sekunden'],
      [{ at: '', body: 'Meine Frage zur Stelle' }, 'at', 'Bitte geben Sie die Stelle im Video an'],
      [{ at: '2:01', body: 'Meine Frage zur Stelle' }, 'at', 'Diese Stelle liegt nach dem Ende des Videos'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await post(b, videoId, page, fields);
      expect([fields, res.status]).toEqual([fields, 422]);
      const doc = parseHtml(res.text);
      const error = elements(doc).find((el) => el.attribs.id === `${field}-${videoId}-error`);
      expect([fields, error ? textOf(error) : null]).toEqual([fields, expect.stringContaining(message)]);
      const input = elements(doc).find((el) => el.attribs.id === `${field}-${videoId}`)!;
      expect(input.attribs['aria-invalid']).toBe('true');
      // The other field keeps what was typed.
      if (field === 'at' && fields.body) expect(res.text).toContain(`>${fields.body}</textarea>`);
      if (field === 'body') expect(res.text).toContain(`value="${fields.at}"`);
      // The page is the video with its player, and the error summary links to the field.
      expect(res.text).toContain(`<video id="video-${videoId}"`);
      expect(res.text).toContain(`href="#${field}-${videoId}"`);
    }
    expect(await commentsOf(t.ctx.ds, videoId)).toEqual([]);
    // The same moment within the video is taken.
    expect((await post(b, videoId, page, { at: '2:00', body: 'Meine Frage zur Stelle' })).status).toBe(303);
  });

  it('when a visitor reads a chapter with comments, then they see the comments and a sign-in link but no form, and cannot post', async () => {
    const { videoId, page } = await setup();
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await post(b, videoId, page, { at: '1:00', body: 'Sichtbar für alle' })).status).toBe(303);
    const visitor = new Browser(t.app);
    const html = (await visitor.get(page)).text;
    expect(html).toContain('Sichtbar für alle');
    expect(html).not.toContain(`action="/media/videos/${videoId}/comments"`);
    expect(elements(parseHtml(html), 'a').map((a) => a.attribs.href)).toContain(`/login?next=${encodeURIComponent(page)}`);
    const refused = await post(visitor, videoId, page, { at: '1:00', body: 'Als Gast' });
    expect(refused.status).toBe(401);
    expect((await commentsOf(t.ctx.ds, videoId)).map((c) => c.body)).toEqual(['Sichtbar für alle']);
  });

  it('when the video is unpublished or its guide is a draft, then nobody sees a form and a post is refused (404) without a row', async () => {
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const facilitator = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const unpublished = await setup({ published: false });
    const draft = await setup({ draftGuide: true });
    for (const { videoId, page } of [unpublished, draft]) {
      expect((await facilitator.get(page)).text).not.toContain(`action="/media/videos/${videoId}/comments"`);
      for (const b of [member, facilitator]) {
        const res = await post(b, videoId, page, { at: '1:00', body: 'Darf nicht gehen' });
        expect(res.status).toBe(404);
      }
      expect(await commentsOf(t.ctx.ds, videoId)).toEqual([]);
      expect((await new Browser(t.app).get(`/media/videos/${videoId}/comments`)).status).toBe(404);
    }
  });

  it('when the author edits and deletes a comment, then it changes and goes; another member can neither edit nor delete it (403, unchanged)', async () => {
    const { videoId, page } = await setup();
    const author = await signedIn(t.app, await createUser(t.ctx.ds));
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    await post(author, videoId, page, { at: '1:00', body: 'Erste Fassung' });
    const [c] = await commentsOf(t.ctx.ds, videoId);

    expect((await other.get(`/media/comments/${c!.id}/edit`)).status).toBe(403);
    expect((await other.post(`/media/comments/${c!.id}/edit`, { at: '2:00', body: 'Fremd geändert' }, page)).status).toBe(403);
    expect((await other.post(`/media/comments/${c!.id}/delete`, {}, page)).status).toBe(403);
    expect((await commentsOf(t.ctx.ds, videoId))[0]).toMatchObject({ atMs: 60_000, body: 'Erste Fassung' });

    const form = await author.get(`/media/comments/${c!.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="01:00"');
    expect((await author.post(`/media/comments/${c!.id}/edit`, { at: 'x', body: 'Zweite Fassung' }, page)).status).toBe(422);
    const edited = await author.post(`/media/comments/${c!.id}/edit`, { at: '2:30', body: 'Zweite Fassung' }, page);
    expect(edited.status).toBe(303);
    expect((await commentsOf(t.ctx.ds, videoId))[0]).toMatchObject({ atMs: 150_000, body: 'Zweite Fassung', bodyHtml: expect.stringContaining('<p>Zweite Fassung</p>') });
    expect((await author.get(page)).text).toContain('</time> · bearbeitet');

    expect((await author.post(`/media/comments/${c!.id}/delete`, {}, page)).status).toBe(303);
    expect(await commentsOf(t.ctx.ds, videoId)).toEqual([]);
  });

  it('when members flag a comment, then each may flag once, the author cannot, facilitators are told and the comment is in the flags queue', async () => {
    const { videoId, page } = await setup();
    const author = await signedIn(t.app, await createUser(t.ctx.ds));
    const reader = await createUser(t.ctx.ds);
    const r = await signedIn(t.app, reader);
    const facilitatorUser = await createUser(t.ctx.ds, { role: 'facilitator' });
    const facilitator = await signedIn(t.app, facilitatorUser);
    await post(author, videoId, page, { at: '3:00', body: 'Ein fragwürdiger Kommentar' });
    const [c] = await commentsOf(t.ctx.ds, videoId);
    const flags = () => t.ctx.ds.query(`SELECT user_id AS "userId", reason, resolved_at AS "resolvedAt" FROM media_video_comment_flags WHERE comment_id = $1`, [c!.id]);

    expect((await author.post(`/media/comments/${c!.id}/flag`, { reason: 'Eigener Kommentar' }, page)).status).toBe(403);
    expect((await r.post(`/media/comments/${c!.id}/flag`, { reason: 'kurz' }, page)).status).toBe(422);
    expect((await r.post(`/media/comments/${c!.id}/flag`, { reason: 'Beleidigend gegenüber Kolleginnen' }, page)).status).toBe(303);
    const again = await r.post(`/media/comments/${c!.id}/flag`, { reason: 'Noch einmal gemeldet' }, page);
    expect(again.status).toBe(409);
    expect(await flags()).toEqual([{ userId: reader.id, reason: 'Beleidigend gegenüber Kolleginnen', resolvedAt: null }]);
    expect((await r.get(page)).text).toContain('Von Ihnen gemeldet');
    expect(await t.ctx.ds.query(`SELECT url FROM notifications WHERE user_id = $1 AND kind = 'media.commentFlag' AND subject_id = $2`, [facilitatorUser.id, String(c!.id)]))
      .toEqual([{ url: '/media/comments/flags' }]);

    const queue = await facilitator.get('/media/comments/flags');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain('Ein fragwürdiger Kommentar');
    expect(queue.text).toContain('Beleidigend gegenüber Kolleginnen');
    expect(queue.text).toContain(`#video-comment-${c!.id}`);
    expect((await r.get('/media/comments/flags')).status).toBe(403);
    expect((await facilitator.get('/admin')).text).toContain('href="/media/comments/flags"');

    expect((await facilitator.post(`/media/comments/${c!.id}/dismiss-flags`, {}, '/media/comments/flags')).status).toBe(303);
    expect((await flags())[0].resolvedAt).not.toBeNull();
    expect((await facilitator.get('/media/comments/flags')).text).not.toContain('Ein fragwürdiger Kommentar');
    expect(await t.ctx.ds.query(`SELECT action, actor_id AS "actorId" FROM audit_log WHERE subject_type = 'media_video_comment' AND subject_id = $1`, [String(c!.id)]))
      .toEqual([{ action: 'media_video_comment.flagsDismissed', actorId: facilitatorUser.id }]);
  });

  it('when a facilitator hides a comment with a reason, then others read a placeholder, the author and facilitators the text, flags are resolved and the audit log has it; showing it again likewise', async () => {
    const { videoId, page } = await setup();
    const author = await signedIn(t.app, await createUser(t.ctx.ds));
    const reader = await signedIn(t.app, await createUser(t.ctx.ds));
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const facilitatorUser = await createUser(t.ctx.ds, { role: 'facilitator' });
    const facilitator = await signedIn(t.app, facilitatorUser);
    await post(author, videoId, page, { at: '5:00', body: 'Unpassender Inhalt hier' });
    const [c] = await commentsOf(t.ctx.ds, videoId);
    await reader.post(`/media/comments/${c!.id}/flag`, { reason: 'Bitte ausblenden, unpassend' }, page);

    expect((await member.post(`/media/comments/${c!.id}/hide`, { reason: 'Ich will das nicht' }, page)).status).toBe(403);
    expect((await facilitator.post(`/media/comments/${c!.id}/hide`, { reason: 'x' }, page)).status).toBe(422);
    expect((await commentsOf(t.ctx.ds, videoId))[0]!.hiddenAt).toBeNull();

    expect((await facilitator.post(`/media/comments/${c!.id}/hide`, { reason: 'Verstößt gegen die Regeln' }, page)).status).toBe(303);
    expect((await commentsOf(t.ctx.ds, videoId))[0]).toMatchObject({ hiddenById: facilitatorUser.id, hiddenReason: 'Verstößt gegen die Regeln' });
    expect((await commentsOf(t.ctx.ds, videoId))[0]!.hiddenAt).not.toBeNull();
    const othersView = (await member.get(page)).text;
    expect(othersView).not.toContain('Unpassender Inhalt hier');
    expect(othersView).toContain('Dieser Kommentar wurde von der Moderation ausgeblendet.');
    expect((await new Browser(t.app).get(page)).text).not.toContain('Unpassender Inhalt hier');
    expect((await author.get(page)).text).toContain('Unpassender Inhalt hier');
    const modView = (await facilitator.get(page)).text;
    expect(modView).toContain('Unpassender Inhalt hier');
    expect(modView).toContain('Verstößt gegen die Regeln');
    expect(await t.ctx.ds.query(`SELECT count(*)::int AS n FROM media_video_comment_flags WHERE comment_id = $1 AND resolved_at IS NULL`, [c!.id])).toEqual([{ n: 0 }]);

    expect((await facilitator.post(`/media/comments/${c!.id}/show`, { reason: 'Nach Rücksprache in Ordnung' }, page)).status).toBe(303);
    expect((await commentsOf(t.ctx.ds, videoId))[0]).toMatchObject({ hiddenAt: null, hiddenById: null, hiddenReason: null });
    expect((await member.get(page)).text).toContain('Unpassender Inhalt hier');
    expect(await t.ctx.ds.query(
      `SELECT action, actor_id AS "actorId", reason FROM audit_log WHERE subject_type = 'media_video_comment' AND subject_id = $1 ORDER BY id`, [String(c!.id)]))
      .toEqual([
        { action: 'media_video_comment.hidden', actorId: facilitatorUser.id, reason: 'Verstößt gegen die Regeln' },
        { action: 'media_video_comment.shown', actorId: facilitatorUser.id, reason: 'Nach Rücksprache in Ordnung' },
      ]);
  });

  it('when a member comments, then the guide\'s owner is notified (not for their own comment); on a course, the facilitator who added the video', async () => {
    const owner = await createUser(t.ctx.ds, { role: 'facilitator' });
    const g = await createGuide(t.ctx.ds, { owner });
    const chapterId = await chapterOf(t.ctx.ds, g);
    const videoId = await video(t.ctx.ds, { chapterId });
    const page = `/guides/${g.slug}/einstieg`;
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    const notes = (userId: number) => t.ctx.ds.query(`SELECT kind, title, url FROM notifications WHERE user_id = $1 AND kind = 'media.comment' ORDER BY id`, [userId]);

    const res = await post(member, videoId, page, { at: '0:10', body: 'Frage an die Autorin' });
    expect(await notes(owner.id)).toEqual([{ kind: 'media.comment', title: 'Schulungsvideo Moderation', url: res.headers.location }]);
    await post(await signedIn(t.app, owner), videoId, page, { at: '0:20', body: 'Antwort der Autorin' });
    expect(await notes(owner.id)).toHaveLength(1);

    const adder = await createUser(t.ctx.ds, { role: 'facilitator' });
    const course = await createCourse(t.ctx.ds, []);
    const courseVideo = await video(t.ctx.ds, { courseId: course.id, uploadedById: adder.id });
    const coursePage = `/academy/courses/${course.slug}`;
    const onCourse = await post(member, courseVideo, coursePage, { at: '0:10', body: 'Frage zum Kurs' });
    expect(onCourse.status).toBe(303);
    expect(onCourse.headers.location).toMatch(new RegExp(`^${coursePage}#video-comment-\\d+$`));
    expect(await notes(adder.id)).toEqual([{ kind: 'media.comment', title: 'Schulungsvideo Moderation', url: onCourse.headers.location }]);
    expect((await new Browser(t.app).get(coursePage)).text).toContain('Frage zum Kurs');
  });

  it('when the video is an embed, then its comment times are plain text (the frame cannot be seeked) and the moment has no upper bound', async () => {
    const { videoId, page } = await setup({ kind: 'embed', durationMs: null });
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await post(b, videoId, page, { at: '1:30:00', body: 'Lange Stelle' })).status).toBe(303);
    const html = (await b.get(page)).text;
    expect(html).toContain('<time class="media-comment__at" datetime="PT5400S">1:30:00</time>');
    expect(html).not.toContain(`href="#t=5400`);
  });

  it('when a member downloads their data and deletes the account, then the comments and flags are in the download, and kept (as former member) or removed as chosen', async () => {
    const { videoId, page } = await setup();
    const other = await signedIn(t.app, await createUser(t.ctx.ds));
    await post(other, videoId, page, { at: '0:05', body: 'Kommentar einer anderen Person' });
    const [theirs] = await commentsOf(t.ctx.ds, videoId);

    const run = async (contributions: 'keep' | 'remove') => {
      const user: TestUser = await createUser(t.ctx.ds, { name: `Erika ${contributions}` });
      const b = await signedIn(t.app, user);
      await post(b, videoId, page, { at: '0:40', body: `Mein Kommentar ${contributions}` });
      await b.post(`/media/comments/${theirs!.id}/flag`, { reason: `Meine Meldung ${contributions}` }, page);
      const data = JSON.parse((await b.get('/me/export')).text);
      expect(data.media.videoComments).toEqual([expect.objectContaining({ videoId, atMs: 40_000, body: `Mein Kommentar ${contributions}` })]);
      expect(data.media.videoCommentFlags).toEqual([expect.objectContaining({ commentId: theirs!.id, reason: `Meine Meldung ${contributions}` })]);

      expect((await b.post('/me/delete', { password: user.password, confirm: 'DELETE', contributions }, '/me/delete')).status).toBe(200);
      const mine = await t.ctx.ds.query(`SELECT body FROM media_video_comments WHERE author_id = $1`, [user.id]);
      const myFlags = await t.ctx.ds.query(`SELECT reason FROM media_video_comment_flags WHERE user_id = $1`, [user.id]);
      return { mine, myFlags };
    };

    const kept = await run('keep');
    expect(kept.mine).toEqual([{ body: 'Mein Kommentar keep' }]);
    expect(kept.myFlags).toEqual([{ reason: 'Meine Meldung keep' }]);
    const html = (await new Browser(t.app).get(page)).text;
    expect(html).toContain('Mein Kommentar keep');
    expect(html).toContain('ehemaliges Mitglied');
    expect(html).not.toContain('Erika keep');

    const removed = await run('remove');
    expect(removed).toEqual({ mine: [], myFlags: [] });
    expect((await commentsOf(t.ctx.ds, videoId)).map((c) => c.body)).toEqual(['Kommentar einer anderen Person', 'Mein Kommentar keep']);
  });
});

describe('media: timed comments are rate-limited like other posting', () => {
  const t = useTestApp({ RATE_LIMIT_POST_PER_MINUTE: '3' });

  it('when a member posts more comments in a minute than the posting limit allows, then the next one is refused with 429 and not stored', async () => {
    const g = await createGuide(t.ctx.ds);
    const videoId = await video(t.ctx.ds, { chapterId: await chapterOf(t.ctx.ds, g) });
    const page = `/guides/${g.slug}/einstieg`;
    const b = await signedIn(t.app, await createUser(t.ctx.ds));
    const statuses: number[] = [];
    for (let i = 1; i <= 4; i += 1) statuses.push((await b.post(`/media/videos/${videoId}/comments`, { at: `0:0${i}`, body: `Kommentar ${i}` }, page)).status);
    expect(statuses).toEqual([303, 303, 303, 429]);
    expect(await commentsOf(t.ctx.ds, videoId)).toHaveLength(3);
  });
});
