// After the event: /events/:id/minutes (the minutes and results with their revisions, edited by
// those who manage the event; promote to guide for facilitators), /events/:id/attachments (the
// event's files) and /events/:id/outcomes (links to what came out of it). The event page shows all
// three through resultsForEvent (results.queries.ts) and views/partials/events/results.hbs.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { MAX_ATTACHMENT_BYTES } from '../../shared/uploads.js';
import { multipartAction } from '../../web/middleware/csrf.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { receiveUpload, uploadedFile, uploadTempDir } from '../../web/middleware/upload.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { sendStoredFile } from '../../web/send-file.js';
import { fileStore } from '../../shared/uploads.js';
import { promotionTargets } from '../guides/index.js';
import { eventsPolicy as policy } from './events.policy.js';
import { MINUTES_STATUS, OUTCOME_KINDS, type OutcomeKind } from './results.entity.js';
import { resultsForEvent, revisionOf, revisionsOf, type EventResults } from './results.queries.js';
import { promoteSchema } from './promote.schemas.js';
import { promoteFormOptions } from './promote.views.js';
import { attachmentSchema, minutesSchema, outcomeSchema } from './results.schemas.js';
import * as service from './results.service.js';

const actorOf = (req: Request): service.ResultsActor | undefined => req.user;
/** The event's id; also from the URL after Express has left the route (the error handler re-renders forms). */
const eventIdOf = (req: Request): number => {
  const id = parseId(req.params.id ?? req.originalUrl.match(/^\/events\/(\d+)\//)?.[1]);
  if (id === null) throw notFound();
  return id;
};

export function resultsRouter(ctx: AppContext): Router {
  const r = Router();
  const upload = receiveUpload({
    field: 'file', maxBytes: MAX_ATTACHMENT_BYTES, tempDir: uploadTempDir(ctx.config),
    messages: { tooLarge: 'eventResults.files.tooLarge', failed: 'eventResults.files.failed' },
  });
  /** Before a byte of the upload is read: may this member add files to this event? */
  const mayUpload = async (req: Request, _res: Response, next: NextFunction) => {
    await service.assertMayUpload(ctx, actorOf(req), eventIdOf(req));
    next();
  };

  /** The results the viewer may see; 404 otherwise. */
  async function resultsOf(req: Request): Promise<EventResults> {
    const results = await resultsForEvent(ctx.ds, eventIdOf(req), actorOf(req));
    if (!results) throw notFound();
    return results;
  }

  // ---- minutes and results ----
  const minutesLocals = async (req: Request) => {
    const results = await resultsOf(req);
    const revisions = await revisionsOf(ctx.ds, results.eventId);
    return {
      title: req.t('eventResults.minutes.title', { title: results.eventTitle }),
      heading: req.tMarked('eventResults.minutes.title', { title: results.eventTitle }, 'title', results.language),
      results,
      revisions: revisions.map((rev) => ({ ...rev, url: `${results.minutesUrl}/revisions/${rev.version}` })),
      currentVersion: results.minutes?.version ?? 0,
      statusOptions: MINUTES_STATUS.map((s) => ({ value: s, label: req.t(`eventResults.minutes.status.${s}`) })),
      values: { body: results.minutes?.bodySource ?? '', status: results.minutes?.status ?? 'draft' },
    };
  };
  r.get('/events/:id/minutes', async (req, res) => res.render('events/minutes', await minutesLocals(req)));
  r.post('/events/:id/minutes', requireUser, validateForm(minutesSchema, { view: 'events/minutes', locals: minutesLocals }), async (req, res) => {
    await service.saveMinutes(ctx, actorOf(req), eventIdOf(req), formData<typeof minutesSchema>(req));
    req.flash('success', 'eventResults.minutes.saved');
    res.redirect(303, `/events/${eventIdOf(req)}/minutes`);
  });
  r.get('/events/:id/minutes/revisions/:version', async (req, res) => {
    const results = await resultsOf(req);
    const version = parseId(req.params.version);
    const rev = version === null ? null : await revisionOf(ctx.ds, results.eventId, version);
    if (!rev) throw notFound();
    res.render('events/minutes-revision', {
      title: req.t('eventResults.revisions.one', { version: rev.version }),
      results,
      revision: rev,
      current: rev.version === results.minutes?.version,
    });
  });

  // ---- promote accepted results to a guide chapter (facilitators) ----
  const promoteLocals = async (req: Request) => {
    const results = await resultsOf(req);
    // Not a facilitator: 403 (the event is visible); results not accepted yet: the page says so.
    if (!policy.canPromoteResults(actorOf(req))) throw forbidden();
    return {
      title: req.t('eventResults.promote.title'),
      results,
      accepted: !!results.minutes?.accepted,
      ...(await promoteFormOptions(ctx.ds)),
      values: { markdown: results.minutes?.bodySource ?? '' },
    };
  };
  r.get('/events/:id/minutes/promote', requireUser, async (req, res) => res.render('events/minutes-promote', await promoteLocals(req)));
  r.post('/events/:id/minutes/promote', requireUser, validateForm(promoteSchema, { view: 'events/minutes-promote', locals: promoteLocals }), async (req, res) => {
    const { guideSlug } = await service.promoteMinutes(ctx, actorOf(req), eventIdOf(req), formData<typeof promoteSchema>(req));
    req.flash('success', 'eventResults.promote.done');
    res.redirect(303, `/guides/${guideSlug}/review`);
  });

  // ---- files (multipart: the CSRF token travels in ?_csrf=; permission checked before the body is read) ----
  const filesLocals = async (req: Request) => {
    const results = await resultsOf(req);
    return {
      title: req.t('eventResults.files.title', { title: results.eventTitle }),
      heading: req.tMarked('eventResults.files.title', { title: results.eventTitle }, 'title', results.language),
      results,
      uploadAction: multipartAction(req, results.filesUrl),
    };
  };
  r.get('/events/:id/attachments', async (req, res) => res.render('events/attachments', await filesLocals(req)));
  r.post('/events/:id/attachments', requireUser, mayUpload, formView({ view: 'events/attachments', locals: filesLocals }), upload.receive,
    validateForm(attachmentSchema, { view: 'events/attachments', locals: filesLocals }), async (req: Request, res: Response) => {
      await service.addAttachment(ctx, actorOf(req), eventIdOf(req), uploadedFile(req), formData<typeof attachmentSchema>(req));
      req.flash('success', 'eventResults.files.saved');
      res.redirect(303, `/events/${eventIdOf(req)}/attachments`);
    }, upload.discard);
  r.get('/events/:id/attachments/:fileId', async (req, res) => {
    const fileId = parseId(req.params.fileId);
    if (fileId === null) throw notFound();
    const file = await service.readAttachment(ctx, actorOf(req), eventIdOf(req), fileId);
    res.attachment(file.filename);
    await sendStoredFile(res, fileStore(ctx.config), file.key, { contentType: file.contentType, size: file.size, headers: { 'Cache-Control': 'private, max-age=3600' } });
  });
  r.post('/events/:id/attachments/:fileId/delete', requireUser, async (req, res) => {
    const fileId = parseId(req.params.fileId);
    if (fileId === null) throw notFound();
    await service.deleteAttachment(ctx, actorOf(req), eventIdOf(req), fileId);
    req.flash('success', 'eventResults.files.deleted');
    res.redirect(303, `/events/${eventIdOf(req)}/attachments`);
  });

  // ---- outcome links ----
  const outcomesLocals = async (req: Request) => {
    const results = await resultsOf(req);
    const targets = results.can.manage ? await promotionTargets(ctx.ds) : { chapters: [] };
    return {
      title: req.t('eventResults.outcomes.title', { title: results.eventTitle }),
      heading: req.tMarked('eventResults.outcomes.title', { title: results.eventTitle }, 'title', results.language),
      results,
      kindOptions: OUTCOME_KINDS.map((k) => ({ value: k, label: req.t(`eventResults.outcomes.kind.${k}`) })),
      chapterOptions: targets.chapters.map((c) => ({ value: String(c.id), label: `${c.guideTitle} › ${c.title}` })),
    };
  };
  r.get('/events/:id/outcomes', async (req, res) => res.render('events/outcomes', await outcomesLocals(req)));
  r.post('/events/:id/outcomes', requireUser, validateForm(outcomeSchema, { view: 'events/outcomes', locals: outcomesLocals }), async (req, res) => {
    await service.addOutcome(ctx, actorOf(req), eventIdOf(req), formData<typeof outcomeSchema>(req));
    req.flash('success', 'eventResults.outcomes.saved');
    res.redirect(303, `/events/${eventIdOf(req)}/outcomes`);
  });
  r.post('/events/:id/outcomes/delete', requireUser, async (req, res) => {
    const kind = OUTCOME_KINDS.find((k) => k === req.body?.kind) as OutcomeKind | undefined;
    const targetId = parseId(req.body?.targetId);
    if (!kind || targetId === null) throw notFound();
    await service.removeOutcome(ctx, actorOf(req), eventIdOf(req), kind, targetId);
    req.flash('success', 'eventResults.outcomes.removed');
    res.redirect(303, `/events/${eventIdOf(req)}/outcomes`);
  });

  return r;
}

export const resultsOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
