// Watching requirements of academy courses (issue 18): the player script's checkpoints
// (POST /media/videos/:id/progress, fetch with the CSRF header, JSON answer), the "mark as watched"
// form without JavaScript (POST /media/videos/:id/watched, back to the course page), and the
// facilitator's "required to complete the course" switch on the video's page (…/required).
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { formatPercent } from '../../shared/i18n.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { videoUrl } from './media.queries.js';
import { isVideoId } from './media.store.js';
import { checkpointSchema, requiredSchema } from './watching.schemas.js';
import * as service from './watching.service.js';

const videoIdOf = (req: Request): string => {
  const id = String(req.params.id);
  if (!isVideoId(id)) throw notFound();
  return id.toLowerCase();
};

/** Refused input (422): the error page with a heading; nothing of these forms is shown again. */
const refused = { view: 'errors/400', locals: (req: Request) => ({ title: req.t('errors.badRequest') }) };
/** After the input passed: the service's refusals (404, 409) are plain error pages with their message. */
const plainErrors = (req: Request, _res: Response, next: NextFunction) => {
  req.formSpec = undefined;
  next();
};

export function watchingRouter(ctx: AppContext): Router {
  const r = Router();

  r.post('/media/videos/:id/progress', requireUser, validateForm(checkpointSchema, refused), plainErrors, async (req, res) => {
    const result = await service.recordCheckpoint(ctx.ds, req.user!, videoIdOf(req), formData<typeof checkpointSchema>(req).tenths);
    res.json({
      covered: result.covered, percent: result.percent, watched: result.watched, via: result.via,
      progressText: req.t('media.watching.progress', { percent: formatPercent(req.lang, result.percent) }),
      stateText: req.t(result.watched ? 'media.watching.watched' : 'media.watching.notYet'),
      announcement: result.watched ? req.t('media.watching.nowWatched') : null,
    });
  });

  r.post('/media/videos/:id/watched', requireUser, async (req, res) => {
    const id = videoIdOf(req);
    const { parentUrl } = await service.markWatched(ctx.ds, req.user!, id);
    req.flash('success', 'media.watching.marked');
    res.redirect(303, `${parentUrl}#watch-${id}`);
  });

  r.post('/media/videos/:id/required', requireRole('facilitator'), validateForm(requiredSchema, refused), plainErrors, async (req, res) => {
    const required = formData<typeof requiredSchema>(req).required;
    await service.setRequired(ctx, req.user, videoIdOf(req), required);
    req.flash('success', required ? 'media.watching.requiredSaved' : 'media.watching.notRequiredSaved');
    res.redirect(303, videoUrl(videoIdOf(req)));
  });

  return r;
}
