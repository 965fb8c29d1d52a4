// Timed comments on training videos. The list and the form sit below the player on the chapter or
// course page (media.player.ts → partials/media/comments.hbs); the form posts here. A video's own
// page with its comments (/media/videos/:id/comments) is where bad input comes back (422, text
// kept, message at the field) and where the comments of one video can be linked. Editing, flagging
// and hiding have small pages of their own for a refused form; facilitators find flagged comments
// at /media/comments/flags. Every write goes through comments.service.ts, which checks permission.
import { Router, type Request } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { formatClock } from '../../shared/webvtt.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { commentsPolicy as policy } from './comments.policy.js';
import { commentSchema, flagSchema, moderationSchema } from './comments.schemas.js';
import * as service from './comments.service.js';
import * as store from './comments.store.js';
import { commentUrl, commentView } from './comments.views.js';
import { playerFor } from './media.player.js';
import { isVideoId } from './media.store.js';

const videoIdOf = (req: Request): string => {
  const id = /^\/media\/videos\/([0-9a-f-]{36})\/comments(?:[/?]|$)/i.exec(req.originalUrl)?.[1];
  if (!id || !isVideoId(id)) throw notFound();
  return id.toLowerCase();
};
const commentIdOf = (req: Request): number => {
  const id = parseId(/^\/media\/comments\/(\d{1,10})\//.exec(req.originalUrl)?.[1]);
  if (id === null) throw notFound();
  return id;
};

export function commentsRouter(ctx: AppContext): Router {
  const r = Router();
  const facilitator = requireRole('facilitator');

  // ---- one video with its comments (readers; the form comes back here with its problems) ----
  const videoLocals = async (req: Request) => {
    const id = videoIdOf(req);
    const { video, parent } = await service.readableVideo(ctx.ds, req.user, id);
    const block = await playerFor(ctx.ds, req, req.res!, parent.kind, parent.id);
    const comments = block?.comments.find((c) => c.videoId === id);
    if (!block || !comments) throw notFound();
    return {
      title: req.t('mediaComments.page.title', { title: video.title }),
      heading: req.tMarked('mediaComments.page.title', { title: video.title }, 'title', parent.language),
      parent: { title: parent.title, url: parent.url, language: parent.language },
      media: { ...block, videos: block.videos.filter((v) => v.id === id), comments: [comments] },
      errorRow: id,
    };
  };
  const videoSpec = { view: 'media/comments', locals: videoLocals };
  r.get('/media/videos/:id/comments', async (req, res) => res.render('media/comments', await videoLocals(req)));
  r.post('/media/videos/:id/comments', requireUser, validateForm(commentSchema, videoSpec), async (req, res) => {
    const url = await service.addComment(ctx, req.user, videoIdOf(req), formData<typeof commentSchema>(req));
    req.flash('success', 'mediaComments.flash.posted');
    res.redirect(303, url);
  });

  // ---- one comment: its author edits or deletes it, members flag it, facilitators hide or show it ----
  const commentLocals = async (req: Request, mode: 'edit' | 'flag' | 'hide' | 'show') => {
    const id = commentIdOf(req);
    const { comment, video, parent, url } = mode === 'edit'
      ? await service.ownComment(ctx.ds, req.user, id)
      : await (async () => {
        const c = await store.findComment(ctx.ds, id);
        if (!c) throw notFound();
        // Facilitators reach a comment whatever its video's state (to hide it); others only where they may read it.
        const found = policy.canModerate(req.user) && mode !== 'flag' ? await service.anyVideo(ctx.ds, c.videoId) : await service.readableVideo(ctx.ds, req.user, c.videoId);
        return { comment: c, ...found, url: `${found.parent.url}#video-comment-${id}` };
      })();
    if (mode === 'flag' && !policy.canFlag(req.user, comment)) throw notFound();
    const view = commentView(comment, req.user, video.kind === 'upload');
    return {
      title: req.t(`mediaComments.${mode}.title`),
      mode,
      comment: view,
      video: { title: video.title, language: parent.language },
      backUrl: url,
      action: `${commentUrl(id)}/${mode}`,
      values: mode === 'edit' ? { at: formatClock(comment.atMs / 1000), body: comment.body } : {},
    };
  };
  const page = (mode: 'edit' | 'flag' | 'hide' | 'show') => ({ view: 'media/comment-form', locals: (req: Request) => commentLocals(req, mode) });

  r.get('/media/comments/:id/edit', requireUser, async (req, res) => res.render('media/comment-form', await commentLocals(req, 'edit')));
  r.post('/media/comments/:id/edit', requireUser, validateForm(commentSchema, page('edit')), async (req, res) => {
    const url = await service.editComment(ctx, req.user, commentIdOf(req), formData<typeof commentSchema>(req));
    req.flash('success', 'mediaComments.flash.edited');
    res.redirect(303, url);
  });
  r.post('/media/comments/:id/delete', requireUser, async (req, res) => {
    const url = await service.deleteComment(ctx, req.user, commentIdOf(req));
    req.flash('success', 'mediaComments.flash.deleted');
    res.redirect(303, url);
  });
  r.get('/media/comments/:id/flag', requireUser, async (req, res) => res.render('media/comment-form', await commentLocals(req, 'flag')));
  r.post('/media/comments/:id/flag', requireUser, validateForm(flagSchema, page('flag')), async (req, res) => {
    const url = await service.flagComment(ctx, req.user, commentIdOf(req), formData<typeof flagSchema>(req).reason);
    req.flash('success', 'mediaComments.flash.flagged');
    res.redirect(303, url);
  });
  for (const [mode, hide] of [['hide', true], ['show', false]] as const) {
    r.get(`/media/comments/:id/${mode}`, facilitator, async (req, res) => res.render('media/comment-form', await commentLocals(req, mode)));
    r.post(`/media/comments/:id/${mode}`, facilitator, validateForm(moderationSchema, page(mode)), async (req, res) => {
      const url = await service.moderateComment(ctx, req.user, commentIdOf(req), hide, formData<typeof moderationSchema>(req).reason);
      req.flash('success', hide ? 'mediaComments.flash.hidden' : 'mediaComments.flash.shown');
      res.redirect(303, url);
    });
  }

  // ---- facilitators: comments with open flags (linked from /admin) ----
  r.get('/media/comments/flags', facilitator, async (req, res) => {
    const flagged = await service.flaggedComments(ctx.ds);
    res.render('media/comment-flags', {
      title: req.t('mediaComments.flags.title'),
      flags: flagged.map((f) => ({ ...f, clock: formatClock(f.atMs / 1000), seconds: Math.floor(f.atMs / 1000), hideUrl: `${commentUrl(f.id)}/hide`, showUrl: `${commentUrl(f.id)}/show`, dismissAction: `${commentUrl(f.id)}/dismiss-flags` })),
    });
  });
  r.post('/media/comments/:id/dismiss-flags', facilitator, async (req, res) => {
    await service.dismissFlags(ctx, req.user, commentIdOf(req));
    req.flash('success', 'mediaComments.flash.dismissed');
    res.redirect(303, '/media/comments/flags');
  });

  return r;
}
