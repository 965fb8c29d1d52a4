// The topic pre-vote of an event (/events/:id/prevote: proposals, dot voting, results) and the
// event's agenda editor (/events/:id/agenda/edit). Checklist routes; the work is in prevote.service.ts.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { prevotePolicy } from './prevote.policy.js';
import { agendaItemSchema, fromTopicSchema, mergeSchema, moveSchema, prevoteSchema, rejectSchema, topicSchema, voteSchema } from './prevote.schemas.js';
import * as service from './prevote.service.js';
import * as store from './prevote.store.js';
import { utcToBerlinInput as utcToBerlin } from './events.time.js';
import { agendaEditPage, prevoteFormValues, prevotePage } from './prevote.views.js';

const idParam = (req: Request, name = 'id'): number => {
  const n = parseId(req.params[name]);
  if (n === null) throw notFound();
  return n;
};

export function prevoteRouter(ctx: AppContext): Router {
  const r = Router();

  // ---- the pre-vote page ----
  const pageLocals = async (req: Request) => {
    const eventId = idParam(req);
    await service.closeIfDue(ctx, eventId);
    const page = await prevotePage(ctx.ds, req.user, eventId);
    return { title: req.t('prevote.title', { event: page.event.title }), ...page, errorRow: req.params.topicId ?? null, values: {} };
  };
  const onPage = { view: 'events/prevote', locals: pageLocals };
  const back = (req: Request, res: Response, hash = '') => res.redirect(303, `/events/${idParam(req)}/prevote${hash}`);

  r.get('/events/:id/prevote', async (req, res) => res.render('events/prevote', await pageLocals(req)));

  // ---- opening it and changing its settings ----
  const formLocals = (mode: 'new' | 'edit') => async (req: Request) => {
    const eventId = idParam(req);
    // Also when a sent form comes back with its errors: only those who manage the event see it.
    const { event, facts } = await service.eventScope(ctx.ds, req.user, eventId);
    if (!prevotePolicy.canManage(req.user, event, facts)) throw notFound();
    const p = await store.prevoteOfEvent(ctx.ds, eventId);
    if (mode === 'edit' && !p) throw notFound();
    return {
      title: req.t(mode === 'new' ? 'prevote.form.newTitle' : 'prevote.form.editTitle', { event: event.title }),
      event: { ...event, url: service.eventUrl(event), startsLocal: utcToBerlin(event.startsAt) },
      action: mode === 'new' ? `/events/${eventId}/prevote/new` : `/events/${eventId}/prevote/edit`,
      groupPossible: event.groupId !== null,
      proposerOptions: [
        { value: 'network', label: req.t('prevote.proposers.network') },
        ...(event.groupId !== null || p?.proposers === 'group' ? [{ value: 'group', label: req.t('prevote.proposers.group') }] : []),
      ],
      values: prevoteFormValues(mode === 'edit' ? p : null),
    };
  };
  r.get('/events/:id/prevote/new', requireUser, async (req, res) => {
    res.render('events/prevote-form', await formLocals('new')(req));
  });
  r.post('/events/:id/prevote/new', requireUser, validateForm(prevoteSchema, { view: 'events/prevote-form', locals: formLocals('new') }), async (req, res) => {
    await service.openPrevote(ctx, req.user, idParam(req), formData<typeof prevoteSchema>(req));
    req.flash('success', 'prevote.form.opened');
    back(req, res);
  });
  r.get('/events/:id/prevote/edit', requireUser, async (req, res) => {
    res.render('events/prevote-form', await formLocals('edit')(req));
  });
  r.post('/events/:id/prevote/edit', requireUser, validateForm(prevoteSchema, { view: 'events/prevote-form', locals: formLocals('edit') }), async (req, res) => {
    await service.changePrevote(ctx, req.user, idParam(req), formData<typeof prevoteSchema>(req));
    req.flash('success', 'prevote.form.saved');
    back(req, res);
  });

  // ---- proposals and dots ----
  r.post('/events/:id/prevote/topics', requireUser, validateForm(topicSchema, onPage), async (req, res) => {
    const id = await service.proposeTopic(ctx, req.user, idParam(req), formData<typeof topicSchema>(req));
    req.flash('success', 'prevote.propose.done');
    back(req, res, `#topic-${id}`);
  });
  r.post('/events/:id/prevote/votes', requireUser, validateForm(voteSchema, onPage), async (req, res) => {
    await service.castVotes(ctx, req.user, idParam(req), formData<typeof voteSchema>(req));
    req.flash('success', 'prevote.vote.saved');
    back(req, res, '#vote');
  });

  // ---- facilitation: merge duplicates, reject off-topic proposals ----
  r.post('/events/:id/prevote/topics/:topicId/merge', requireUser, validateForm(mergeSchema, onPage), async (req, res) => {
    const result = await service.mergeTopics(ctx, req.user, idParam(req), idParam(req, 'topicId'), formData<typeof mergeSchema>(req).into);
    req.flash('success', result.dropped ? 'prevote.merge.doneDropped' : 'prevote.merge.done', result);
    back(req, res, `#topic-${formData<typeof mergeSchema>(req).into}`);
  });
  r.post('/events/:id/prevote/topics/:topicId/reject', requireUser, validateForm(rejectSchema, onPage), async (req, res) => {
    await service.rejectTopic(ctx, req.user, idParam(req), idParam(req, 'topicId'), formData<typeof rejectSchema>(req).reason);
    req.flash('success', 'prevote.reject.done');
    back(req, res, '#rejected');
  });

  // ---- the agenda ----
  const agendaLocals = async (req: Request) => {
    const page = await agendaEditPage(ctx.ds, req.user, idParam(req));
    if (!page) throw notFound();
    return { title: req.t('prevote.agenda.editTitle', { event: page.event.title }), ...page, values: {} };
  };
  const onAgenda = { view: 'events/agenda-edit', locals: agendaLocals };
  const toAgenda = (req: Request, res: Response, hash = '') => res.redirect(303, `/events/${idParam(req)}/agenda/edit${hash}`);
  r.get('/events/:id/agenda/edit', requireUser, async (req, res) => res.render('events/agenda-edit', await agendaLocals(req)));
  r.post('/events/:id/agenda', requireUser, validateForm(agendaItemSchema, onAgenda), async (req, res) => {
    const id = await service.addAgendaItem(ctx, req.user, idParam(req), formData<typeof agendaItemSchema>(req));
    req.flash('success', 'prevote.agenda.added');
    toAgenda(req, res, `#item-${id}`);
  });
  r.post('/events/:id/agenda/from-topic', requireUser, validateForm(fromTopicSchema, onAgenda), async (req, res) => {
    const id = await service.addTopicToAgenda(ctx, req.user, idParam(req), formData<typeof fromTopicSchema>(req).topicId);
    req.flash('success', 'prevote.agenda.added');
    toAgenda(req, res, `#item-${id}`);
  });
  const itemLocals = async (req: Request) => {
    const page = await agendaEditPage(ctx.ds, req.user, idParam(req));
    const item = page?.items.find((i) => i.id === idParam(req, 'itemId'));
    if (!page || !item) throw notFound();
    return {
      title: req.t('prevote.agenda.itemTitle', { title: item.title }), event: page.event, item,
      values: { title: item.title, description: item.description, startsAt: item.startsAtLocal, durationMinutes: item.durationMinutes ?? '', presenters: item.presenterIds, useCases: item.useCaseIds },
    };
  };
  r.get('/events/:id/agenda/:itemId/edit', requireUser, async (req, res) => res.render('events/agenda-item', await itemLocals(req)));
  r.post('/events/:id/agenda/:itemId/edit', requireUser, validateForm(agendaItemSchema, { view: 'events/agenda-item', locals: itemLocals }), async (req, res) => {
    await service.changeAgendaItem(ctx, req.user, idParam(req), idParam(req, 'itemId'), formData<typeof agendaItemSchema>(req));
    req.flash('success', 'prevote.agenda.saved');
    toAgenda(req, res, `#item-${idParam(req, 'itemId')}`);
  });
  r.post('/events/:id/agenda/:itemId/move', requireUser, validateForm(moveSchema, onAgenda), async (req, res) => {
    await service.moveAgendaItem(ctx, req.user, idParam(req), idParam(req, 'itemId'), formData<typeof moveSchema>(req).direction);
    toAgenda(req, res, `#item-${idParam(req, 'itemId')}`);
  });
  r.post('/events/:id/agenda/:itemId/delete', requireUser, formView(onAgenda), async (req, res) => {
    await service.deleteAgendaItem(ctx, req.user, idParam(req), idParam(req, 'itemId'));
    req.flash('success', 'prevote.agenda.deleted');
    toAgenda(req, res);
  });

  return r;
}

export const prevoteOutboxHandlers = (ctx: AppContext): OutboxHandlers => ({
  [service.PREVOTE_CLOSE_TOPIC]: {
    batchSize: 20,
    handle: async (messages) => {
      for (const m of messages) await service.closePrevoteIfDue(ctx, (m.payload as { prevoteId: number }).prevoteId);
    },
  },
});

/** Housekeeping's safety net: closes pre-votes past their deadline that no job closed. */
export async function closeDuePrevotes(ctx: AppContext): Promise<number> {
  let closed = 0;
  for (const id of await store.duePrevoteIds(ctx.ds)) if (await service.closePrevoteIfDue(ctx, id)) closed += 1;
  return closed;
}
