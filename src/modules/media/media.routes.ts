// /media: facilitators' pages for the videos of a guide chapter (/media/chapters/:id) or an academy
// course (/media/courses/:id) with the upload form; a video's page (/media/videos/:id: processing
// state, tracks, publish); and the files readers fetch — the video (HTTP range requests), the
// poster and the WebVTT tracks — each behind the same permission check as the chapter or course.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { LANGUAGES } from '../../shared/i18n.js';
import { formatClock } from '../../shared/webvtt.js';
import { multipartAction } from '../../web/middleware/csrf.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { receiveUpload, takeUploadedBytes, uploadedFile, uploadTempDir } from '../../web/middleware/upload.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { sendFileFrom } from '../../web/send-file.js';
import { TRACK_KINDS } from './media.entity.js';
import { videoUrl } from './media.queries.js';
import { consentSchema, embedSchema, trackSchema, videoSchema } from './media.schemas.js';
import { CONSENT_COOKIE, consentsOf } from './media.embeds.js';
import * as service from './media.service.js';
import * as store from './media.store.js';
import { momentOf } from './media.search.js';
import { videoRequirement } from './watching.views.js';

const PARENTS: Record<string, store.ParentKind> = { chapters: 'chapter', courses: 'course' };

/** The parent from the URL; also after Express has left the route (the error handler re-renders forms). */
function parentOfRequest(req: Request): { kind: store.ParentKind; id: number } {
  const m = /^\/media\/(chapters|courses)\/(\d+)/.exec(req.originalUrl);
  const kind = m ? PARENTS[m[1]!] : undefined;
  const id = parseId(m?.[2]);
  if (!kind || id === null) throw notFound();
  return { kind, id };
}
const videoIdOf = (req: Request): string => {
  const id = /^\/media\/videos\/([0-9a-f-]{36})(?:[/?]|$)/i.exec(req.originalUrl)?.[1];
  if (!id || !store.isVideoId(id)) throw notFound();
  return id.toLowerCase();
};

/** Problems of a refused WebVTT file, kept for the form shown again. */
const trackProblems = new WeakMap<Request, service.TrackRefused['problems']>();

export function mediaRouter(ctx: AppContext): Router {
  const r = Router();
  const facilitator = requireRole('facilitator');
  const videoUpload = receiveUpload({
    field: 'file', maxBytes: ctx.config.VIDEO_MAX_BYTES, tempDir: uploadTempDir(ctx.config),
    messages: { tooLarge: 'media.upload.tooLarge', failed: 'media.upload.failed' },
  });
  const trackUpload = receiveUpload({
    field: 'file', maxBytes: service.MAX_TRACK_BYTES, tempDir: uploadTempDir(ctx.config),
    messages: { tooLarge: 'media.tracks.tooLarge', failed: 'media.tracks.failed' },
  });
  const sizeMb = Math.round(ctx.config.VIDEO_MAX_BYTES / (1024 * 1024));

  // ---- a chapter's or course's videos (facilitators) ----
  const parentLocals = async (req: Request) => {
    const { kind, id } = parentOfRequest(req);
    const parent = await service.managedParent(ctx.ds, req.user, kind, id);
    const videos = await store.videosOf(ctx.ds, kind, id);
    const base = `/media/${kind === 'chapter' ? 'chapters' : 'courses'}/${id}`;
    return {
      title: req.t('media.parent.title', { title: parent.title }),
      parent,
      available: service.processingAvailable(ctx),
      maxMb: sizeMb,
      videos: videos.map((v) => ({
        ...v, url: videoUrl(v.id), published: !!v.publishedAt,
        statusLabel: req.t(`media.status.${v.status}`), duration: v.durationMs === null ? null : formatClock(v.durationMs / 1000),
      })),
      uploadAction: multipartAction(req, `${base}/videos`),
      embedAction: `${base}/embeds`,
    };
  };
  const mayUpload = async (req: Request, _res: Response, next: NextFunction) => {
    const { kind, id } = parentOfRequest(req);
    await service.assertMayUpload(ctx, req.user, kind, id);
    next();
  };
  for (const segment of Object.keys(PARENTS)) {
    r.get(`/media/${segment}/:id`, facilitator, async (req, res) => res.render('media/parent', await parentLocals(req)));
    r.post(`/media/${segment}/:id/videos`, facilitator, mayUpload, formView({ view: 'media/parent', locals: parentLocals }), videoUpload.receive,
      validateForm(videoSchema, { view: 'media/parent', locals: parentLocals }), async (req: Request, res: Response) => {
        const { kind, id } = parentOfRequest(req);
        const videoId = await service.addVideo(ctx, req.user, kind, id, uploadedFile(req), formData<typeof videoSchema>(req));
        req.flash('success', 'media.upload.saved');
        res.redirect(303, videoUrl(videoId));
      }, videoUpload.discard);
    r.post(`/media/${segment}/:id/embeds`, facilitator, validateForm(embedSchema, { view: 'media/parent', locals: parentLocals }), async (req, res) => {
      const { kind, id } = parentOfRequest(req);
      const videoId = await service.addEmbed(ctx, req.user, kind, id, formData<typeof embedSchema>(req));
      req.flash('success', 'media.embed.saved');
      res.redirect(303, videoUrl(videoId));
    });
  }

  // ---- two-click consent for embeds: remembered per provider (for the session, or a year when asked) ----
  r.post('/media/consent', validateForm(consentSchema, { view: 'errors/400' }), (req, res) => {
    const input = formData<typeof consentSchema>(req);
    const keys = consentsOf(req.headers.cookie);
    keys.add(input.provider);
    res.cookie(CONSENT_COOKIE, [...keys].join(' '), {
      httpOnly: true, sameSite: 'lax', secure: ctx.config.isProduction, path: '/',
      ...(input.remember ? { maxAge: 365 * 24 * 3600 * 1000 } : {}),
    });
    res.redirect(303, input.next);
  });

  // ---- one video (facilitators) ----
  const videoLocals = async (req: Request) => {
    const { video, parent } = await service.managedVideo(ctx.ds, req.user, videoIdOf(req));
    const tracks = await store.tracksOf(ctx.ds, [video.id]);
    const hasCaptions = tracks.some((t) => t.kind === 'captions' && t.language === parent.language);
    const problems = trackProblems.get(req) ?? [];
    return {
      title: video.title,
      video: { ...video, isEmbed: video.kind === 'embed', url: videoUrl(video.id), published: !!video.publishedAt, duration: video.durationMs === null ? null : formatClock(video.durationMs / 1000) },
      parent,
      statusLabel: req.t(`media.status.${video.status}`),
      failure: video.failureReason ? req.t(`media.failure.${video.failureReason}`, { codec: video.videoCodec ?? '' }) : null,
      processing: video.status === 'pending' || video.status === 'processing',
      tracks: tracks.map((t) => ({ ...t, label: req.t(`media.tracks.label.${t.kind}`), languageLabel: req.t(`media.language.${t.language}`), removeAction: `${videoUrl(video.id)}/tracks/${t.kind}/${t.language}/delete` })),
      hasCaptions,
      contentLanguage: req.t(`media.language.${parent.language}`),
      canPublish: !video.publishedAt && hasCaptions && (video.kind === 'embed' || video.status === 'ready'),
      kindOptions: TRACK_KINDS.map((k) => ({ value: k, label: req.t(`media.tracks.label.${k}`) })),
      languageOptions: LANGUAGES.map((l) => ({ value: l, label: req.t(`media.language.${l}`) })),
      values: { kind: 'captions', language: parent.language },
      problems: problems.map((p) => ({ line: p.line, text: req.t(`webvtt.${p.code}`, { detail: p.detail ?? '' }) })),
      trackAction: multipartAction(req, `${videoUrl(video.id)}/tracks`),
      backUrl: `/media/${parent.kind === 'chapter' ? 'chapters' : 'courses'}/${parent.id}`,
      // A course's video: "required to complete the course" (watching.routes.ts).
      requirement: await videoRequirement(ctx.ds, video),
    };
  };
  r.get('/media/videos/:id', facilitator, async (req, res) => res.render('media/video', await videoLocals(req)));
  r.post('/media/videos/:id/tracks', facilitator, async (req: Request, _res: Response, next: NextFunction) => {
    await service.managedVideo(ctx.ds, req.user, videoIdOf(req));
    next();
  }, formView({ view: 'media/video', locals: videoLocals }), trackUpload.receive, validateForm(trackSchema, { view: 'media/video', locals: videoLocals }),
  async (req: Request, res: Response) => {
    const bytes = await takeUploadedBytes(req);
    try {
      await service.addTrack(ctx, req.user, videoIdOf(req), formData<typeof trackSchema>(req), bytes);
    } catch (err) {
      if (err instanceof service.TrackRefused) trackProblems.set(req, err.problems);
      throw err;
    }
    req.flash('success', 'media.tracks.saved');
    res.redirect(303, videoUrl(videoIdOf(req)));
  }, trackUpload.discard);
  r.post('/media/videos/:id/tracks/:kind/:language/delete', facilitator, async (req, res) => {
    await service.removeTrack(ctx, req.user, videoIdOf(req), String(req.params.kind), String(req.params.language));
    req.flash('success', 'media.tracks.removed');
    res.redirect(303, videoUrl(videoIdOf(req)));
  });
  for (const [action, publish] of [['publish', true], ['unpublish', false]] as const) {
    r.post(`/media/videos/:id/${action}`, facilitator, formView({ view: 'media/video', locals: videoLocals }), async (req, res) => {
      await service.setPublished(ctx, req.user, videoIdOf(req), publish);
      req.flash('success', publish ? 'media.publish.done' : 'media.publish.undone');
      res.redirect(303, videoUrl(videoIdOf(req)));
    });
  }
  r.post('/media/videos/:id/delete', facilitator, async (req, res) => {
    const parent = await service.deleteVideo(ctx, req.user, videoIdOf(req));
    req.flash('success', 'media.deleted');
    res.redirect(303, `/media/${parent.kind === 'chapter' ? 'chapters' : 'courses'}/${parent.id}`);
  });

  // ---- a search hit in a transcript: the chapter/course page at the moment (media.search.ts) ----
  r.get('/media/moments/:kind/:id', async (req, res) => {
    const kind = PARENTS[String(req.params.kind)];
    const id = parseId(req.params.id);
    if (!kind || id === null) throw notFound();
    const moment = await momentOf(ctx.ds, kind, id, typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '');
    if (!moment) throw notFound();
    res.redirect(303, moment.url);
  });

  // ---- files for readers: 404 unless the reader may see the video ----
  const cache = { 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
  r.get('/media/videos/:id/file', async (req, res) => {
    const { video } = await service.watchableVideo(ctx.ds, req.user, videoIdOf(req));
    if (!video.storageKey) throw notFound();
    // send answers Range requests: 206 with Content-Range, Accept-Ranges, 416 for a range outside the file.
    sendFileFrom(res, service.mediaDir(ctx), video.storageKey, { headers: { ...cache, 'Content-Type': video.contentType ?? 'application/octet-stream' } });
  });
  r.get('/media/videos/:id/poster.jpg', async (req, res) => {
    const { video } = await service.watchableVideo(ctx.ds, req.user, videoIdOf(req));
    if (!video.posterKey) throw notFound();
    sendFileFrom(res, service.mediaDir(ctx), video.posterKey, { headers: { ...cache, 'Content-Type': 'image/jpeg' } });
  });
  r.get('/media/videos/:id/tracks/:kind/:file', async (req, res) => {
    const { video } = await service.watchableVideo(ctx.ds, req.user, videoIdOf(req));
    const language = /^([a-z]{2})\.vtt$/.exec(String(req.params.file))?.[1];
    const track = language ? await store.findTrack(ctx.ds, video.id, String(req.params.kind), language) : null;
    if (!track) throw notFound();
    res.set({ ...cache, 'Content-Type': 'text/vtt; charset=utf-8' }).send(track.source);
  });

  return r;
}
