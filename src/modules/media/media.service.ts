// Training videos: facilitators upload a video to a guide chapter or an academy course (checked by
// content, streamed to disk by the route), the worker reads it with ffprobe and extracts a poster
// (status pending → processing → ready / failed with a reason), WebVTT tracks are validated with
// line-numbered problems, and a video is published only with captions in the content's language.
import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import type { Queryable } from '../../db/sql.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../shared/errors.js';
import { detectVideoType, safeFilename, withFileSource } from '../../shared/filetype.js';
import { addToOutbox, type OutboxMessage } from '../../shared/outbox.js';
import { fileStore, keepUpload, uploadRoot, type UploadedFile } from '../../shared/uploads.js';
import { parseWebVtt, type VttProblem } from '../../shared/webvtt.js';
import { recordAudit } from '../audit/index.js';
import type { TrackKind } from './media.entity.js';
import { parseEmbedUrl } from './media.embeds.js';
import { mediaPolicy, type Actor } from './media.policy.js';
import * as store from './media.store.js';
import { ACCEPTED_CODECS, extractPoster, mediaTools, probe } from './media.tools.js';
import { queueVideoIndex } from './media.search.js';
import { requirementMayGo } from './watching.outbox.js';

export const PROCESS_TOPIC = 'media.process';
/** A WebVTT file larger than this is not a caption file. */
export const MAX_TRACK_BYTES = 1024 * 1024;

/** Where videos and posters are kept (a stored key is a file name directly in it). */
export const mediaDir = (ctx: Pick<AppContext, 'config'>) => path.join(uploadRoot(ctx.config), 'media');

/** The parent for a facilitator: 404 when it does not exist, 403 for anyone else. */
export async function managedParent(db: Queryable, actor: Actor | undefined, kind: store.ParentKind, id: number): Promise<store.Parent> {
  const parent = await store.findParent(db, kind, id);
  if (!parent) throw notFound();
  if (!mediaPolicy.canManage(actor)) throw forbidden();
  return parent;
}

/** The video for a facilitator (404 when it does not exist, 403 for others), with its parent. */
export async function managedVideo(db: Queryable, actor: Actor | undefined, id: string, lock = false): Promise<{ video: store.VideoRow; parent: store.Parent }> {
  const video = await store.findVideo(db, id, lock);
  if (!video) throw notFound();
  if (!mediaPolicy.canManage(actor)) throw forbidden();
  const p = store.parentOf(video);
  return { video, parent: (await store.findParent(db, p.kind, p.id))! };
}

/** The video for someone who may watch it; 404 for everyone else (its existence is not revealed). */
export async function watchableVideo(db: Queryable, actor: Actor | undefined, id: string): Promise<{ video: store.VideoRow; parent: store.Parent }> {
  const video = await store.findVideo(db, id);
  if (!video) throw notFound();
  const p = store.parentOf(video);
  const parent = await store.findParent(db, p.kind, p.id);
  if (!parent || !mediaPolicy.canWatch(actor, { parentVisible: parent.visible, published: !!video.publishedAt })) throw notFound();
  return { video, parent };
}

export interface VideoInput {
  title: string;
  description: string;
}

/** Before a byte of the upload is read: the parent exists and the actor manages videos. */
export async function assertMayUpload(ctx: AppContext, actor: Actor | undefined, kind: store.ParentKind, id: number): Promise<void> {
  await managedParent(ctx.ds, actor, kind, id);
}

/** Whether this server can process videos (ffprobe and ffmpeg present). */
export const processingAvailable = (ctx: Pick<AppContext, 'config'>) => mediaTools(ctx.config) !== null;

export async function addVideo(ctx: AppContext, actor: Actor | undefined, kind: store.ParentKind, parentId: number, file: UploadedFile | undefined, input: VideoInput): Promise<string> {
  await managedParent(ctx.ds, actor, kind, parentId);
  if (!processingAvailable(ctx)) throw invalid('validation.summary', { file: 'media.unavailable' });
  if (!file || file.size === 0) throw invalid('validation.summary', { file: 'media.upload.missing' });
  if (file.size > ctx.config.VIDEO_MAX_BYTES) throw invalid('validation.summary', { file: 'media.upload.tooLarge' });
  const type = await withFileSource(file.path, (src) => detectVideoType(src));
  if (!type) throw invalid('validation.summary', { file: 'media.upload.badType' });
  // Kept through the file store under "media/<name>"; processing and range streaming read the
  // local copy (mediaDir), which is where LocalFileStore keeps it.
  return keepUpload(fileStore(ctx.config), 'media', file, type, (key) => inTransaction(ctx.ds, async (db) => {
    const id = await store.insertVideo(db, {
      parent: { kind, id: parentId }, title: input.title, description: input.description, storageKey: key,
      contentType: type.contentType, sizeBytes: file.size, uploadedById: actor!.id,
    });
    await addToOutbox(db, PROCESS_TOPIC, { videoId: id }, { key: `media:${id}` });
    await recordAudit(db, {
      actorId: actor!.id, action: 'media_video.added', subjectType: 'media_video', subjectId: id,
      details: { title: input.title, filename: safeFilename(file.originalname, type.ext) },
    });
    return id;
  }));
}

export interface EmbedInput extends VideoInput {
  url: string;
}

/** An embedded video (YouTube, Vimeo, PeerTube by its address): nothing to process; captions are still required to publish. */
export async function addEmbed(ctx: AppContext, actor: Actor | undefined, kind: store.ParentKind, parentId: number, input: EmbedInput): Promise<string> {
  await managedParent(ctx.ds, actor, kind, parentId);
  const embed = parseEmbedUrl(input.url);
  if (!embed) throw invalid('validation.summary', { url: 'media.embed.badUrl' });
  return inTransaction(ctx.ds, async (db) => {
    const id = await store.insertEmbed(db, {
      parent: { kind, id: parentId }, title: input.title, description: input.description, provider: embed.provider, url: input.url.trim(), uploadedById: actor!.id,
    });
    await recordAudit(db, { actorId: actor!.id, action: 'media_video.added', subjectType: 'media_video', subjectId: id, details: { title: input.title, provider: embed.name } });
    return id;
  });
}

/** Failure reasons (message keys media.failure.<reason>). */
export type FailureReason = 'tools' | 'unreadable' | 'noVideo' | 'codec' | 'missing' | 'poster';

/** The worker's job: ffprobe, the codec check, a poster. Idempotent: a video not pending/processing is left alone. */
export async function processVideo(ctx: AppContext, videoId: string): Promise<void> {
  const claimed = await store.claimForProcessing(ctx.ds, videoId);
  if (!claimed) return;
  const fail = async (reason: FailureReason, detail?: string) => {
    ctx.logger.warn({ videoId, reason, detail }, 'video processing failed');
    await store.setStatus(ctx.ds, videoId, 'failed', { failureReason: reason });
  };
  const tools = mediaTools(ctx.config);
  if (!tools) return fail('tools');
  const file = path.join(mediaDir(ctx), claimed.storageKey);
  if (!(await access(file).then(() => true, () => false))) return fail('missing');
  let info;
  try {
    info = await probe(tools, file);
  } catch (err) {
    return fail('unreadable', (err as Error).message);
  }
  if (!info.videoCodec || !info.width) return fail('noVideo');
  if (!ACCEPTED_CODECS[claimed.contentType]?.includes(info.videoCodec)) {
    await store.setStatus(ctx.ds, videoId, 'failed', { failureReason: 'codec', videoCodec: info.videoCodec, durationMs: info.durationMs, width: info.width, height: info.height });
    return;
  }
  const posterKey = `${videoId}.poster.jpg`;
  const at = info.durationMs ? Math.min(1, info.durationMs / 2000) : 0;
  try {
    await extractPoster(tools, file, path.join(mediaDir(ctx), posterKey), at);
  } catch (err) {
    return fail('poster', (err as Error).message);
  }
  await store.setStatus(ctx.ds, videoId, 'ready', { durationMs: info.durationMs, width: info.width, height: info.height, videoCodec: info.videoCodec, posterKey });
}

export async function processMessages(ctx: AppContext, messages: OutboxMessage[]): Promise<void> {
  for (const m of messages) {
    const id = (m.payload as { videoId?: unknown }).videoId;
    if (typeof id === 'string' && store.isVideoId(id)) await processVideo(ctx, id);
  }
}

/** A refused WebVTT file: every problem, each with its line (shown as a list on the same form). */
export class TrackRefused extends AppError {
  constructor(public readonly problems: VttProblem[]) {
    super(422, 'invalid', 'validation.summary', { file: 'media.tracks.invalidFile' });
  }
}

export async function addTrack(ctx: AppContext, actor: Actor | undefined, videoId: string, input: { kind: TrackKind; language: string }, bytes: Buffer | undefined): Promise<void> {
  await managedVideo(ctx.ds, actor, videoId);
  if (!bytes || !bytes.length) throw invalid('validation.summary', { file: 'media.tracks.missing' });
  if (bytes.length > MAX_TRACK_BYTES) throw invalid('validation.summary', { file: 'media.tracks.tooLarge' });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') || text.includes('\0')) throw invalid('validation.summary', { file: 'media.tracks.notUtf8' });
  const { cues, problems } = parseWebVtt(text);
  if (problems.length) throw new TrackRefused(problems);
  if (!cues.length) throw new TrackRefused([{ line: 1, code: 'empty' }]);
  await inTransaction(ctx.ds, async (db) => {
    const { video } = await managedVideo(db, actor, videoId, true);
    await store.upsertTrack(db, { videoId, kind: input.kind, language: input.language, source: text.replace(/^\uFEFF/, ''), cueCount: cues.length, uploadedById: actor!.id });
    // The transcript is searchable (captions changed → the parent's video document is rebuilt).
    if (input.kind === 'captions') await queueVideoIndex(db, store.parentOf(video));
    await recordAudit(db, { actorId: actor!.id, action: 'media_track.saved', subjectType: 'media_video', subjectId: videoId, details: { kind: input.kind, language: input.language } });
  });
}

export async function removeTrack(ctx: AppContext, actor: Actor | undefined, videoId: string, kind: string, language: string): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { video, parent } = await managedVideo(db, actor, videoId, true);
    // Captions in the content's language keep a published video accessible: unpublish first.
    if (video.publishedAt && kind === 'captions' && language === parent.language) throw conflict('media.publish.captionsNeeded');
    if (!(await store.deleteTrack(db, videoId, kind, language))) throw notFound();
    if (kind === 'captions') await queueVideoIndex(db, parent);
    await recordAudit(db, { actorId: actor!.id, action: 'media_track.removed', subjectType: 'media_video', subjectId: videoId, details: { kind, language } });
  });
}

/** Publishing needs a processed video and captions in the content's language (WCAG 1.2.2). */
export async function setPublished(ctx: AppContext, actor: Actor | undefined, videoId: string, publish: boolean): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    const { video, parent } = await managedVideo(db, actor, videoId, true);
    if (publish) {
      if (video.kind === 'upload' && video.status !== 'ready') throw conflict('media.publish.notReady');
      if (!(await store.findTrack(db, videoId, 'captions', parent.language))) throw conflict('media.publish.captionsNeeded');
    }
    if (!publish && video.publishedAt) await requirementMayGo(db, video);
    await store.setPublished(db, videoId, publish);
    await queueVideoIndex(db, parent);
    await recordAudit(db, { actorId: actor!.id, action: publish ? 'media_video.published' : 'media_video.unpublished', subjectType: 'media_video', subjectId: videoId, details: { title: video.title } });
  });
}

export async function deleteVideo(ctx: AppContext, actor: Actor | undefined, videoId: string): Promise<store.Parent> {
  const { keys, parent } = await inTransaction(ctx.ds, async (db) => {
    const { video, parent } = await managedVideo(db, actor, videoId, true);
    if (video.publishedAt) await requirementMayGo(db, video);
    const keys = await store.deleteVideo(db, videoId);
    await queueVideoIndex(db, parent);
    await recordAudit(db, { actorId: actor!.id, action: 'media_video.deleted', subjectType: 'media_video', subjectId: videoId, details: { title: video.title } });
    return { keys, parent };
  });
  for (const k of [keys?.storageKey, keys?.posterKey]) if (k) await rm(path.join(mediaDir(ctx), k), { force: true });
  return parent;
}
