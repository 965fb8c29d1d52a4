// ffprobe and ffmpeg: the binaries of the optional dependencies @ffprobe-installer/ffprobe and
// @ffmpeg-installer/ffmpeg (shipped inside the npm packages, nothing downloaded at install), or
// FFPROBE_PATH / FFMPEG_PATH. When either is missing, video processing is "not available on this
// server": uploads are refused with that message, nothing crashes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Config } from '../../config.js';

export interface MediaTools {
  ffprobe: string;
  ffmpeg: string;
}

const require = createRequire(import.meta.url);

function packagedBinary(name: string): string | null {
  try {
    const p = (require(name) as { path?: string }).path;
    return typeof p === 'string' ? p : null;
  } catch {
    return null;
  }
}

/** The tools, or null when either binary is missing. */
export function mediaTools(config: Pick<Config, 'FFPROBE_PATH' | 'FFMPEG_PATH'>): MediaTools | null {
  const ffprobe = config.FFPROBE_PATH ?? packagedBinary('@ffprobe-installer/ffprobe');
  const ffmpeg = config.FFMPEG_PATH ?? packagedBinary('@ffmpeg-installer/ffmpeg');
  if (!ffprobe || !ffmpeg || !existsSync(ffprobe) || !existsSync(ffmpeg)) return null;
  return { ffprobe, ffmpeg };
}

/** Runs a tool with arguments (never a shell); stdout, or a rejection with the tool's last error line. */
export function run(file: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(String(stderr || err.message).trim().split('\n').at(-1)?.slice(0, 300) ?? 'failed'));
      else resolve(stdout);
    });
  });
}

export interface ProbeResult {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  formatName: string;
}

/** Duration, resolution and codec of the first video stream. */
export async function probe(tools: MediaTools, file: string): Promise<ProbeResult> {
  const out = await run(tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], 60_000);
  const data = JSON.parse(out) as { format?: { duration?: string; format_name?: string }; streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[] };
  const video = data.streams?.find((s) => s.codec_type === 'video');
  const duration = Number(data.format?.duration);
  return {
    durationMs: Number.isFinite(duration) ? Math.round(duration * 1000) : null,
    width: video?.width ?? null,
    height: video?.height ?? null,
    videoCodec: video?.codec_name ?? null,
    formatName: data.format?.format_name ?? '',
  };
}

/** A JPEG poster from the frame at `atSeconds`, at most 1280 px wide. */
export async function extractPoster(tools: MediaTools, file: string, target: string, atSeconds: number): Promise<void> {
  await run(tools.ffmpeg, ['-v', 'error', '-y', '-ss', atSeconds.toFixed(3), '-i', file, '-frames:v', '1', '-vf', 'scale=min(1280\\,iw):-2', '-q:v', '4', target]);
}

/** The codecs a browser plays in each container: MP4 with H.264, WebM with VP8, VP9 or AV1. */
export const ACCEPTED_CODECS: Record<string, string[]> = { 'video/mp4': ['h264'], 'video/webm': ['vp8', 'vp9', 'av1'] };
