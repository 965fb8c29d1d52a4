// Training videos in search (issue 18): title, description and transcript of published videos are
// indexed through the outbox like other content, on the real PostgreSQL engine; a hit in the
// transcript leads to the moment (#t=<seconds>); only what a visitor may see is found.
import { describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { modules } from '../../../src/modules/registry.js';
import { registeredSources, searchEngine, searchModule } from '../../../src/modules/search/index.js';
import { SEARCH_TOPIC } from '../../../src/shared/search-index.js';
import { applyChanges, collapse } from '../../../src/modules/search/search.indexer.js';
import type { OutboxMessage } from '../../../src/shared/outbox.js';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { createCourse } from '../../support/academy-factories.js';
import { postMultipart } from './support.js';

/** A made-up word no other test uses (letters only). */
const word = () => `vidq${Array.from({ length: 9 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

const captions = (w: string) => `WEBVTT

00:00:00.000 --> 00:00:03.000
Willkommen zur Schulung.

00:04:12.000 --> 00:04:15.000
Hier erklären wir das ${w} im Detail.
`;

describe('media: training videos in search', () => {
  const t = useTestApp();

  /** Applies the queued search rows of this parent's document to the engine (what the worker does). */
  async function indexQueued(type: string, id: number) {
    const found = (await t.ctx.ds.query(
      `SELECT id, payload FROM outbox WHERE topic = 'search.index' AND payload->>'type' = $1 AND (payload->>'id')::int = $2 ORDER BY id`, [type, id])) as { id: string; payload: unknown }[];
    const messages = found.map((r) => ({ id: Number(r.id), payload: r.payload }) as unknown as OutboxMessage);
    await applyChanges(t.ctx.ds, searchEngine(t.ctx), registeredSources(modules), collapse(messages));
    return messages.length;
  }

  async function embedWithCaptions(fb: Browser, kind: 'chapters' | 'courses', parentId: number, title: string, vtt: string) {
    const added = await fb.post(`/media/${kind}/${parentId}/embeds`, { url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', embedTitle: title }, `/media/${kind}/${parentId}`);
    expect(added.status).toBe(303);
    const id = added.headers.location!.split('/').pop()!;
    const track = await postMultipart(fb, `/media/videos/${id}`, `/media/videos/${id}/tracks`, { kind: 'captions', language: 'de' }, { content: Buffer.from(vtt), name: 'de.vtt' });
    expect(track.status).toBe(303);
    return id;
  }

  const firstChapter = async (guideId: number) =>
    ((await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [guideId])) as { id: number }[])[0]!.id;

  it('when a chapter video is published, then a visitor finds it by a transcript word, the hit shows the caption line and leads to the moment; unpublished or deleted it is gone', async () => {
    const w = word();
    const g = await createGuide(t.ctx.ds);
    const chapterId = await firstChapter(g.id);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const id = await embedWithCaptions(fb, 'chapters', chapterId, 'Werkzeug erklärt', captions(w));
    const visitor = new Browser(t.app);

    // Captions alone are queued, but an unpublished video is not searchable.
    expect(await indexQueued('chapter_video', chapterId)).toBeGreaterThanOrEqual(1);
    expect((await visitor.get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);

    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    const res = await visitor.get(`/search?q=${w}`);
    expect(res.status).toBe(200);
    const text = res.text.replace(/<\/?mark>/g, '').replace(/&#x3D;/g, '=');
    expect(text).toContain(`href="/media/moments/chapters/${chapterId}?q=${w}"`);
    expect(text).toContain(`[04:12] Hier erklären wir das ${w} im Detail`);
    expect(text).toContain('Schulungsvideo (Leitfaden)');

    // The moment: the chapter page at 4:12 (252 s); a word only in the title leads to the video.
    const moment = await visitor.get(`/media/moments/chapters/${chapterId}?q=${w}`);
    expect(moment.status).toBe(303);
    expect(moment.headers.location).toBe(`/guides/${g.slug}/einstieg#t=252`);
    expect((await visitor.get(`/media/moments/chapters/${chapterId}?q=Werkzeug`)).headers.location).toBe(`/guides/${g.slug}/einstieg#video-${id}`);
    // The title is found too.
    expect((await visitor.get(`/search?q=${encodeURIComponent('Werkzeug erklärt')}`)).text).toContain(`/media/moments/chapters/${chapterId}`);

    // Unpublished: gone from the index and the moment link is 404.
    expect((await fb.post(`/media/videos/${id}/unpublish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    expect((await visitor.get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
    expect((await visitor.get(`/media/moments/chapters/${chapterId}?q=${w}`)).status).toBe(404);

    // Published again, then deleted: gone.
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    expect((await visitor.get(`/search?q=${w}`)).text).toContain(`/media/moments/chapters/${chapterId}`);
    expect((await fb.post(`/media/videos/${id}/delete`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    expect((await visitor.get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
  });

  it('when the captions of a published video change, then the new transcript is found and the old one no longer', async () => {
    const [oldWord, newWord] = [word(), word()];
    const g = await createGuide(t.ctx.ds);
    const chapterId = await firstChapter(g.id);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const id = await embedWithCaptions(fb, 'chapters', chapterId, 'Ablauf', captions(oldWord));
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    const visitor = new Browser(t.app);
    expect((await visitor.get(`/search?q=${oldWord}`)).text).toContain(`/media/moments/chapters/${chapterId}`);
    const replaced = await postMultipart(fb, `/media/videos/${id}`, `/media/videos/${id}/tracks`, { kind: 'captions', language: 'de' }, { content: Buffer.from(captions(newWord)), name: 'de.vtt' });
    expect(replaced.status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    expect((await visitor.get(`/search?q=${newWord}`)).text).toContain(`/media/moments/chapters/${chapterId}`);
    expect((await visitor.get(`/search?q=${oldWord}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
  });

  it('when the chapter is not searchable (its guide archived, as guides.search leaves it out), then neither a visitor nor a member finds its published video, nor reaches its moment', async () => {
    const w = word();
    const g = await createGuide(t.ctx.ds);
    const chapterId = await firstChapter(g.id);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const id = await embedWithCaptions(fb, 'chapters', chapterId, 'Altes Video', captions(w));
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await t.ctx.ds.query(`UPDATE guides SET status = 'archived' WHERE id = $1`, [g.id]);
    await indexQueued('chapter_video', chapterId);
    const [doc] = await registeredSources(modules).chapter_video!(t.ctx.ds.manager, [chapterId]).then((d) => [d[0]]);
    expect(doc).toBeUndefined();
    expect((await new Browser(t.app).get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
    const member = await signedIn(t.app, await createUser(t.ctx.ds));
    expect((await member.get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
    expect((await member.get(`/media/moments/chapters/${chapterId}?q=${w}`)).status).toBe(404);
  });

  it('when a facilitator archives the guide through its page, then the search worker takes the chapter\'s published video out of search with the chapter (no row of its own for the video)', async () => {
    const w = word();
    const g = await createGuide(t.ctx.ds);
    const chapterId = await firstChapter(g.id);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const id = await embedWithCaptions(fb, 'chapters', chapterId, 'Archiviertes Video', captions(w));
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('chapter_video', chapterId);
    const visitor = new Browser(t.app);
    expect((await visitor.get(`/search?q=${w}`)).text).toContain(`/media/moments/chapters/${chapterId}`);

    const before = Number((await t.ctx.ds.query(`SELECT coalesce(max(id), 0) AS m FROM outbox`))[0].m);
    expect((await fb.post(`/guides/${g.slug}/archive`, {}, `/guides/${g.slug}/edit`)).status).toBe(303);
    const queued = (await t.ctx.ds.query(
      `SELECT id, payload FROM outbox WHERE topic = 'search.index' AND id > $1 AND payload->>'type' IN ('guide_chapter', 'chapter_video') AND (payload->>'id')::int = $2 ORDER BY id`,
      [before, chapterId])) as { id: string; payload: { type: string } }[];
    // The archive queues the chapter only; the handler (as the worker runs it) re-reads the video document too.
    expect(queued.map((r) => r.payload.type)).toEqual(['guide_chapter']);
    const handler = searchModule.outboxHandlers!(t.ctx)[SEARCH_TOPIC]!;
    await handler.handle(queued.map((r) => ({ id: Number(r.id), payload: r.payload }) as unknown as OutboxMessage));
    expect((await visitor.get(`/search?q=${w}`)).text).not.toContain(`/media/moments/chapters/${chapterId}`);
    expect((await t.ctx.ds.query(`SELECT 1 FROM search_documents WHERE id = $1`, [`chapter_video:${chapterId}`])).length).toBe(0);
  });

  it('when a course has a published video, then its transcript is found as a course video leading to the course page at the moment', async () => {
    const w = word();
    const course = await createCourse(t.ctx.ds, []);
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));
    const id = await embedWithCaptions(fb, 'courses', course.id, 'Kursvideo', captions(w));
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);
    await indexQueued('course_video', course.id);
    const res = await new Browser(t.app).get(`/search?q=${w}`);
    expect(res.text).toContain(`/media/moments/courses/${course.id}`);
    expect(res.text).toContain('Schulungsvideo (Kurs)');
    expect((await new Browser(t.app).get(`/media/moments/courses/${course.id}?q=${w}`)).headers.location).toBe(`/academy/courses/${course.slug}#t=252`);
    // Archived: gone.
    await t.ctx.ds.query(`UPDATE academy_courses SET archived_at = now() WHERE id = $1`, [course.id]);
    expect(await registeredSources(modules).course_video!(t.ctx.ds.manager, [course.id])).toEqual([]);
  });
});
