// Demo content (issue 18): on the demo guide "Online-Dialog durchführen", chapter 2 ("Plattform
// auswählen"), a six-second video made at load time from ffmpeg's test source (nothing binary is
// committed), with German captions and a chapters track, processed and published; and one embedded
// YouTube video (Big Buck Bunny, CC BY 3.0, Blender Foundation) behind two-click consent, with captions.
// Without ffmpeg only the embed is added (and the log says why). Idempotent: identified by title.
import { mkdir, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { parseWebVtt } from '../../shared/webvtt.js';
import * as store from './media.store.js';
import { mediaDir, processVideo } from './media.service.js';
import { mediaTools, run } from './media.tools.js';

const GUIDE = 'online-dialog-durchfuehren';
/** Its second chapter, "Die Plattform auswählen". */
const CHAPTER = 2;
export const DEMO_VIDEO_TITLE = 'Die Plattform in sechs Sekunden';
export const DEMO_EMBED_TITLE = 'Beispielvideo von YouTube: Big Buck Bunny';

const CAPTIONS = `WEBVTT

1
00:00:00.000 --> 00:00:02.000
<v Moderatorin>Willkommen! So sieht die Startseite der Plattform aus.

2
00:00:02.000 --> 00:00:04.000
<v Moderatorin>Oben links legen Sie einen neuen Dialog an.

3
00:00:04.000 --> 00:00:06.000
<v Moderatorin>Unten sehen Sie die Beiträge der Teilnehmenden.
`;

const CHAPTERS = `WEBVTT

00:00:00.000 --> 00:00:02.000
Startseite

00:00:02.000 --> 00:00:04.000
Dialog anlegen

00:00:04.000 --> 00:00:06.000
Beiträge lesen
`;

const EMBED_CAPTIONS = `WEBVTT

00:00:00.000 --> 00:00:05.000
[Vogelgezwitscher, ein Wald am Morgen]

00:00:05.000 --> 00:00:10.000
[Ein großes Kaninchen kommt aus seinem Bau]
`;

export async function loadMediaDemo(ctx: AppContext): Promise<void> {
  const chapterId = await store.chapterIdAt(ctx.ds, GUIDE, CHAPTER);
  if (chapterId === null) return;
  const chapter = { id: chapterId };
  const existing = new Set((await store.videosOf(ctx.ds, 'chapter', chapter.id)).map((v) => v.title));
  const tools = mediaTools(ctx.config);
  if (!existing.has(DEMO_VIDEO_TITLE)) {
    if (!tools) {
      ctx.logger.info('demo video not generated: video processing is not available on this server (ffmpeg/ffprobe missing)');
    } else {
      const key = `${randomUUID()}.webm`;
      await mkdir(mediaDir(ctx), { recursive: true });
      const file = path.join(mediaDir(ctx), key);
      await run(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=6:size=640x360:rate=15', '-c:v', 'libvpx', '-b:v', '200k', file]);
      const { size } = await stat(file);
      const id = await inTransaction(ctx.ds, async (db) => {
        const videoId = await store.insertVideo(db, {
          parent: { kind: 'chapter', id: chapter.id }, title: DEMO_VIDEO_TITLE, storageKey: key, contentType: 'video/webm', sizeBytes: size, uploadedById: null,
          description: 'Ein kurzer Rundgang (Testbild, erzeugt mit ffmpeg) mit Untertiteln und Kapiteln.',
        });
        await store.upsertTrack(db, { videoId, kind: 'captions', language: 'de', source: CAPTIONS, cueCount: parseWebVtt(CAPTIONS).cues.length, uploadedById: null });
        await store.upsertTrack(db, { videoId, kind: 'chapters', language: 'de', source: CHAPTERS, cueCount: parseWebVtt(CHAPTERS).cues.length, uploadedById: null });
        return videoId;
      });
      await processVideo(ctx, id);
      if ((await store.findVideo(ctx.ds, id))?.status === 'ready') await store.setPublished(ctx.ds, id, true);
    }
  }
  if (!existing.has(DEMO_EMBED_TITLE)) {
    await inTransaction(ctx.ds, async (db) => {
      const videoId = await store.insertEmbed(db, {
        parent: { kind: 'chapter', id: chapter.id }, title: DEMO_EMBED_TITLE, provider: 'youtube', url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', uploadedById: null,
        description: 'Ein offen lizenzierter Film (CC BY 3.0, Blender Foundation): Er wird erst nach Ihrer Zustimmung von YouTube geladen.',
      });
      await store.upsertTrack(db, { videoId, kind: 'captions', language: 'de', source: EMBED_CAPTIONS, cueCount: 2, uploadedById: null });
      await store.setPublished(db, videoId, true);
    });
  }
}
