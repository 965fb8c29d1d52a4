// The demo's video (issue 18): generated with ffmpeg at load time on "Online-Dialog durchführen",
// processed, captioned and published, next to an embed behind consent; loading again adds nothing.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { loadDemo } from '../../../src/boot.js';
import { syncContent } from '../../../src/content-sync.js';
import { loadMediaDemo, DEMO_EMBED_TITLE, DEMO_VIDEO_TITLE } from '../../../src/modules/media/media.demo.js';
import { usePrivateDatabase } from '../../support/accounts-factories.js';
import { useTestApp } from '../../support/app.js';

describe('media: demo content', () => {
  const t = useTestApp(usePrivateDatabase({ DATA_DIR: path.join(mkdtempSync(path.join(os.tmpdir(), 'praxis-')), '.data') }));

  it('when the demo loads twice, then one processed, captioned, published video and one embed are on the chapter, and a visitor sees the player', async () => {
    await loadDemo(t.ctx, undefined, new Date());
    await syncContent(t.ctx, { publish: true });
    expect(await t.ctx.ds.query(`SELECT slug FROM guides WHERE slug = 'online-dialog-durchfuehren'`)).toEqual([{ slug: 'online-dialog-durchfuehren' }]);
    await loadMediaDemo(t.ctx);
    await loadMediaDemo(t.ctx);
    const videos = (await t.ctx.ds.query(
      `SELECT v.id, v.title, v.status, v.kind, v.published_at IS NOT NULL AS published, (SELECT array_agg(kind || ':' || language ORDER BY kind) FROM media_tracks WHERE video_id = v.id) AS tracks
         FROM media_videos v ORDER BY v.kind DESC`)) as { id: string; title: string; status: string; kind: string; published: boolean; tracks: string[] }[];
    expect(videos.map(({ id: _id, ...v }) => v)).toEqual([
      { title: DEMO_VIDEO_TITLE, status: 'ready', kind: 'upload', published: true, tracks: ['captions:de', 'chapters:de'] },
      { title: DEMO_EMBED_TITLE, status: 'ready', kind: 'embed', published: true, tracks: ['captions:de'] },
    ]);
    const page = await request(t.app).get('/guides/online-dialog-durchfuehren/plattform-auswaehlen');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<video id="video-${videos[0]!.id}"`);
    expect(page.text).toContain('Video von YouTube laden');
    const file = await request(t.app).get(`/media/videos/${videos[0]!.id}/file`).set('Range', 'bytes=0-3');
    expect(file.status).toBe(206);
  });
});
