// Real small videos made with ffmpeg's test sources (the binary of @ffmpeg-installer/ffmpeg), and
// the WebVTT files the media tests upload.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { csrfIn, type Browser } from '../../support/agent.js';
import { mediaTools } from '../../../src/modules/media/media.tools.js';

const tools = mediaTools({});
if (!tools) throw new Error('the media tests need @ffmpeg-installer/ffmpeg and @ffprobe-installer/ffprobe');
export const FFMPEG = tools.ffmpeg;

const dir = mkdtempSync(path.join(os.tmpdir(), 'praxis-media-'));

/** A test picture video of `seconds` (testsrc), encoded with `codec` into `ext`. */
export function makeVideo(name: string, opts: { seconds?: number; codec?: string; size?: string } = {}): Buffer {
  const file = path.join(dir, name);
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=${opts.seconds ?? 2}:size=${opts.size ?? '320x240'}:rate=10`,
    '-c:v', opts.codec ?? 'libx264', ...(opts.codec === undefined ? ['-pix_fmt', 'yuv420p', '-movflags', '+faststart'] : []), file]);
  return readFileSync(file);
}

export const CAPTIONS_DE = `WEBVTT

1
00:00:00.000 --> 00:00:01.000
<v Anna Beispiel>Willkommen zur Schulung.

2
00:00:01.000 --> 00:00:02.000
Hier sehen Sie das Testbild.
`;

export const CHAPTERS_DE = `WEBVTT

00:00:00.000 --> 00:00:01.000
Begrüßung

00:00:01.000 --> 00:00:02.000
Das Testbild
`;

/** Two problems: the end before the start (line 3), 61 seconds (line 6). */
export const BROKEN_VTT = `WEBVTT

00:00:01.000 --> 00:00:00.500
Falsch herum

00:00:61.000 --> 00:01:02.000
Sekunden zu groß
`;

/** Posts a multipart form whose action (with ?_csrf=) is taken from `formPage`. */
export async function postMultipart(b: Browser, formPage: string, action: string, fields: Record<string, string>, file?: { content: Buffer; name: string }) {
  const page = await b.get(formPage);
  const token = csrfIn(page.status === 200 ? page.text : (await b.get('/barrierefreiheit')).text);
  let req = b.agent.post(`${action}?_csrf=${encodeURIComponent(token)}`);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  if (file) req = req.attach('file', file.content, file.name);
  return req;
}

export type { Express };
