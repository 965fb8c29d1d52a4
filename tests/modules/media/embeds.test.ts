// Embedded videos (YouTube through youtube-nocookie, Vimeo, PeerTube) with two-click consent: the
// page holds no frame and allows none until the reader agrees; then exactly that provider.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useTestApp } from '../../support/app.js';
import { Browser, signedIn } from '../../support/agent.js';
import { createUser } from '../../support/factories.js';
import { createGuide } from '../../support/guides-factories.js';
import { parseEmbedUrl } from '../../../src/modules/media/media.embeds.js';
import { CAPTIONS_DE, postMultipart } from './support.js';

describe('media: embed addresses', () => {
  it.each([
    ['https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=10', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ', 'youtube'],
    ['https://youtu.be/aqz-KE-bpKQ', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ', 'youtube'],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1', 'vimeo'],
    ['https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d', 'https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d', 'peertube:framatube.org'],
    ['https://peertube.example/videos/watch/abcdefgh12', 'https://peertube.example/videos/embed/abcdefgh12', 'peertube:peertube.example'],
  ])('when %s is pasted, then the player is %s', (url, src, key) => {
    expect(parseEmbedUrl(url)).toMatchObject({ src, consentKey: key });
  });

  it.each(['http://www.youtube.com/watch?v=aqz-KE-bpKQ', 'https://www.youtube.com/watch?v=x', 'https://evil.example/', 'javascript:alert(1)', 'https://user:pw@vimeo.com/1', 'kein link'])(
    'when %s is pasted, then it is refused', (url) => {
      expect(parseEmbedUrl(url)).toBeNull();
    });
});

describe('media: embeds with two-click consent', () => {
  const t = useTestApp();

  it('when a facilitator embeds a YouTube video with captions, then readers see a consent box, no frame and no frame-src, until they agree; then the nocookie frame and exactly its origin', async () => {
    const g = await createGuide(t.ctx.ds);
    const [{ id: chapterId }] = (await t.ctx.ds.query(`SELECT id FROM guide_chapters WHERE guide_id = $1 ORDER BY position LIMIT 1`, [g.id])) as { id: number }[];
    const fb = await signedIn(t.app, await createUser(t.ctx.ds, { role: 'facilitator' }));

    const bad = await fb.post(`/media/chapters/${chapterId}/embeds`, { url: 'https://evil.example/video', embedTitle: 'Werkzeug' }, `/media/chapters/${chapterId}`);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Das ist keine Adresse eines YouTube-, Vimeo- oder PeerTube-Videos');
    expect(bad.text).toContain('value="Werkzeug"');

    const added = await fb.post(`/media/chapters/${chapterId}/embeds`, { url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', embedTitle: 'Werkzeug erklärt' }, `/media/chapters/${chapterId}`);
    expect(added.status).toBe(303);
    const id = added.headers.location!.split('/').pop()!;
    // Captions are required for embeds too.
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(409);
    const track = await postMultipart(fb, `/media/videos/${id}`, `/media/videos/${id}/tracks`, { kind: 'captions', language: 'de' }, { content: Buffer.from(CAPTIONS_DE), name: 'de.vtt' });
    expect(track.status).toBe(303);
    expect((await fb.post(`/media/videos/${id}/publish`, {}, `/media/videos/${id}`)).status).toBe(303);

    const reader = new Browser(t.app);
    const chapter = `/guides/${g.slug}/einstieg`;
    const before = await reader.get(chapter);
    expect(before.status).toBe(200);
    expect(before.text).not.toContain('<iframe');
    expect(before.text).not.toMatch(/youtube(-nocookie)?\.com\/embed/);
    expect(before.text).toContain('Video von YouTube laden');
    expect(before.text).toContain('href="https://policies.google.com/privacy"');
    expect(before.text).toContain('Hier sehen Sie das Testbild.');
    expect(before.headers['content-security-policy']).not.toContain('frame-src');
    expect(before.headers['content-security-policy']).toContain("default-src 'self'");

    const consent = await reader.post('/media/consent', { provider: 'youtube', next: chapter }, chapter);
    expect(consent.status).toBe(303);
    expect(consent.headers.location).toBe(chapter);
    const cookie = ([] as string[]).concat(consent.headers['set-cookie'] ?? []).find((c) => c.startsWith('praxis.media-consent='))!;
    expect(cookie).toContain('HttpOnly');
    expect(cookie).not.toContain('Max-Age');
    const after = await reader.get(chapter);
    expect(after.text).toContain('<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" title="Werkzeug erklärt (YouTube)"');
    expect(after.headers['content-security-policy']).toMatch(/frame-src https:\/\/www\.youtube-nocookie\.com$/);

    // "Always load": remembered for a year. Another provider is not covered by the YouTube consent.
    const remembered = await new Browser(t.app).post('/media/consent', { provider: 'youtube', next: chapter, remember: '1' }, chapter);
    expect(([] as string[]).concat(remembered.headers['set-cookie'] ?? []).join(';')).toMatch(/Max-Age=31536000/);
    const forged = await request(t.app).get(chapter).set('Cookie', 'praxis.media-consent=vimeo%20https%3A%2F%2Fevil.example');
    expect(forged.text).not.toContain('<iframe');
    expect(forged.headers['content-security-policy']).not.toContain('frame-src');
  });

  it('when the consent form points elsewhere, then it is refused (no open redirect)', async () => {
    const res = await new Browser(t.app).post('/media/consent', { provider: 'youtube', next: 'https://evil.example/' });
    expect(res.status).toBe(422);
  });
});
