// /groups: the working groups ("Arbeitskreise") — list, page, create/edit, membership (join,
// request, approve/decline, invite, accept/decline, leave, remove, promote/demote) and results
// (publications with review and revisions, promote to guide, linked use cases). Checklist routes;
// the work is in services.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import type { OutboxHandlers } from '../../shared/outbox.js';
import { forbidden, notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { eventsPolicy as policy } from './events.policy.js';
import { DEFAULT_GROUP_THEMES } from './group.entity.js';
import * as pubs from './groups.publications.js';
import { listGroups, membersOf } from './groups.queries.js';
import { groupSchema, inviteSchema, linkUseCaseSchema, publicationSchema, returnSchema } from './groups.schemas.js';
import * as service from './groups.service.js';
import { groupFor, languageOptions, membershipOptions, publicationLocals, showLocals, themeOptions } from './groups.views.js';
import { promoteSchema } from './promote.schemas.js';
import { promoteFormOptions } from './promote.views.js';

const slugOf = (req: Request) => String(req.params.slug);
const pubOf = (req: Request) => String(req.params.pub);
const userIdOf = (req: Request) => {
  const n = parseId(req.params.id as string | undefined);
  if (n === null) throw notFound();
  return n;
};

export function groupsRouter(ctx: AppContext): Router {
  const r = Router();
  const back = (req: Request, res: Response, hash = '') => res.redirect(303, `/groups/${slugOf(req)}${hash}`);

  r.get('/groups', requireUser, async (req, res) => {
    const groups = await listGroups(ctx.ds, req.user!.id);
    res.render('groups/list', {
      title: req.t('groups.list.title'),
      groups: groups.map((g) => ({ ...g, membershipLabel: req.t(`groups.membership.${g.membership}`), myStatusText: g.myStatus ? req.t(`groups.standing.${g.myStatus === 'active' ? g.myRole : g.myStatus}`) : null })),
      canCreate: policy.canCreateGroup(req.user),
    });
  });

  // ---- create and edit ----
  const formLocals = async (req: Request) => {
    const base = { themeOptions: themeOptions(req), membershipOptions: membershipOptions(req), languageOptions: languageOptions(req) };
    if (!req.params.slug) {
      return { ...base, title: req.t('groups.form.newTitle'), action: '/groups', values: { themes: [...DEFAULT_GROUP_THEMES], membership: 'request', leads: req.user!.handle, language: 'de' } };
    }
    const { group, me } = await groupFor(ctx.ds, req.user, slugOf(req));
    if (!policy.canManageGroup(req.user, me)) throw notFound();
    const leads = (await membersOf(ctx.ds, group.id)).filter((m) => m.status === 'active' && m.role === 'lead').map((m) => m.handle);
    return {
      ...base, title: req.t('groups.form.editTitle', { name: group.name }), action: `/groups/${group.slug}/edit`, group,
      values: { ...group, purpose: group.purposeSource, guidingQuestions: group.guidingQuestions.join('\n'), leads: leads.join(', ') },
    };
  };
  const onForm = { view: 'groups/form', locals: formLocals };
  r.get('/groups/new', requireRole('facilitator'), async (req, res) => res.render('groups/form', await formLocals(req)));
  r.post('/groups', requireRole('facilitator'), validateForm(groupSchema, onForm), async (req, res) => {
    const slug = await service.createGroup(ctx, req.user, formData<typeof groupSchema>(req));
    req.flash('success', 'groups.form.created');
    res.redirect(303, `/groups/${slug}`);
  });
  r.get('/groups/:slug/edit', requireUser, async (req, res) => res.render('groups/form', await formLocals(req)));
  r.post('/groups/:slug/edit', requireUser, validateForm(groupSchema, onForm), async (req, res) => {
    const slug = await service.updateGroup(ctx, req.user, slugOf(req), formData<typeof groupSchema>(req));
    req.flash('success', 'groups.form.saved');
    res.redirect(303, `/groups/${slug}`);
  });

  // ---- the group page ----
  const pageLocals = (req: Request) => showLocals(ctx.ds, req, slugOf(req));
  const onShow = { view: 'groups/show', locals: pageLocals };
  r.get('/groups/:slug', requireUser, async (req, res) => res.render('groups/show', await pageLocals(req)));

  // ---- membership ----
  r.post('/groups/:slug/join', requireUser, formView(onShow), async (req, res) => {
    await service.joinGroup(ctx, req.user, slugOf(req));
    req.flash('success', 'groups.membership.joined');
    back(req, res);
  });
  r.post('/groups/:slug/request', requireUser, formView(onShow), async (req, res) => {
    await service.requestMembership(ctx, req.user, slugOf(req));
    req.flash('success', 'groups.membership.requestSent');
    back(req, res);
  });
  for (const [action, accept] of [['accept', true], ['decline', false]] as const) {
    r.post(`/groups/:slug/invitation/${action}`, requireUser, formView(onShow), async (req, res) => {
      await service.answerInvitation(ctx, req.user, slugOf(req), accept);
      req.flash('success', accept ? 'groups.membership.joined' : 'groups.membership.invitationDeclined');
      back(req, res);
    });
  }
  r.post('/groups/:slug/leave', requireUser, formView(onShow), async (req, res) => {
    await service.leaveGroup(ctx, req.user, slugOf(req));
    req.flash('success', 'groups.membership.left');
    back(req, res);
  });
  r.post('/groups/:slug/invite', requireUser, validateForm(inviteSchema, onShow), async (req, res) => {
    await service.inviteMember(ctx, req.user, slugOf(req), formData<typeof inviteSchema>(req).handle);
    req.flash('success', 'groups.membership.invited');
    back(req, res, '#members');
  });
  for (const [action, approve] of [['approve', true], ['decline', false]] as const) {
    r.post(`/groups/:slug/members/:id/${action}`, requireUser, formView(onShow), async (req, res) => {
      await service.decideRequest(ctx, req.user, slugOf(req), userIdOf(req), approve);
      back(req, res, '#members');
    });
  }
  r.post('/groups/:slug/members/:id/remove', requireUser, formView(onShow), async (req, res) => {
    await service.removeMember(ctx, req.user, slugOf(req), userIdOf(req));
    back(req, res, '#members');
  });
  for (const [action, lead] of [['promote', true], ['demote', false]] as const) {
    r.post(`/groups/:slug/members/:id/${action}`, requireUser, formView(onShow), async (req, res) => {
      await service.setLead(ctx, req.user, slugOf(req), userIdOf(req), lead);
      back(req, res, '#members');
    });
  }

  // ---- results: linked use cases ----
  r.post('/groups/:slug/use-cases', requireUser, validateForm(linkUseCaseSchema, onShow), async (req, res) => {
    await pubs.linkUseCase(ctx, req.user, slugOf(req), formData<typeof linkUseCaseSchema>(req).useCase);
    back(req, res, '#results');
  });
  r.post('/groups/:slug/use-cases/:uc/delete', requireUser, async (req, res) => {
    await pubs.unlinkUseCase(ctx, req.user, slugOf(req), String(req.params.uc));
    back(req, res, '#results');
  });

  // ---- results: publications ----
  const newPubLocals = async (req: Request) => {
    const { group, me } = await groupFor(ctx.ds, req.user, slugOf(req));
    if (!policy.canWritePublication(req.user, me)) throw notFound();
    return { title: req.t('groups.publications.newTitle'), group, action: `/groups/${group.slug}/publications`, languageOptions: languageOptions(req), values: { language: group.language } };
  };
  r.get('/groups/:slug/publications/new', requireUser, async (req, res) => res.render('groups/publication-form', await newPubLocals(req)));
  r.post('/groups/:slug/publications', requireUser, validateForm(publicationSchema, { view: 'groups/publication-form', locals: newPubLocals }), async (req, res) => {
    const pub = await pubs.createPublication(ctx, req.user, slugOf(req), formData<typeof publicationSchema>(req));
    req.flash('success', 'groups.publications.saved');
    res.redirect(303, `/groups/${slugOf(req)}/publications/${pub}`);
  });
  const pubLocals = (req: Request) => publicationLocals(ctx.ds, req, slugOf(req), pubOf(req));
  const onPub = { view: 'groups/publication', locals: pubLocals };
  const editPubLocals = async (req: Request) => {
    const l = await pubLocals(req);
    if (!l.can.edit) throw notFound();
    return {
      title: req.t('groups.publications.editTitle', { title: l.pub.title }), group: l.group, pub: l.pub,
      action: `/groups/${l.group.slug}/publications/${l.pub.slug}/edit`, languageOptions: languageOptions(req),
      values: { title: l.pub.title, body: l.pub.bodySource, language: l.pub.language },
    };
  };
  const toPub = (req: Request, res: Response) => res.redirect(303, `/groups/${slugOf(req)}/publications/${pubOf(req)}`);
  r.get('/groups/:slug/publications/:pub', requireUser, async (req, res) => res.render('groups/publication', await pubLocals(req)));
  r.get('/groups/:slug/publications/:pub/edit', requireUser, async (req, res) => res.render('groups/publication-form', await editPubLocals(req)));
  r.post('/groups/:slug/publications/:pub/edit', requireUser, validateForm(publicationSchema, { view: 'groups/publication-form', locals: editPubLocals }), async (req, res) => {
    await pubs.updatePublication(ctx, req.user, slugOf(req), pubOf(req), formData<typeof publicationSchema>(req));
    req.flash('success', 'groups.publications.saved');
    toPub(req, res);
  });
  r.post('/groups/:slug/publications/:pub/submit', requireUser, formView(onPub), async (req, res) => {
    await pubs.submitPublication(ctx, req.user, slugOf(req), pubOf(req));
    req.flash('success', 'groups.publications.submitted');
    toPub(req, res);
  });
  r.post('/groups/:slug/publications/:pub/publish', requireUser, formView(onPub), async (req, res) => {
    await pubs.publishPublication(ctx, req.user, slugOf(req), pubOf(req));
    req.flash('success', 'groups.publications.publishedFlash');
    toPub(req, res);
  });
  r.post('/groups/:slug/publications/:pub/return', requireUser, validateForm(returnSchema, onPub), async (req, res) => {
    await pubs.returnPublication(ctx, req.user, slugOf(req), pubOf(req), formData<typeof returnSchema>(req).comment);
    req.flash('success', 'groups.publications.returnedFlash');
    toPub(req, res);
  });

  // ---- results: promote a published publication to a guide chapter (facilitators; as the minutes) ----
  const promoteLocals = async (req: Request) => {
    const l = await pubLocals(req);
    // Not a facilitator: 403 (the publication is visible); not published yet: the page says so.
    if (!policy.canPromoteResults(req.user)) throw forbidden();
    return {
      title: req.t('groups.publications.promote.title'), group: l.group, pub: l.pub,
      ...(await promoteFormOptions(ctx.ds)),
      values: { markdown: l.pub.bodySource },
    };
  };
  const onPromote = { view: 'groups/publication-promote', locals: promoteLocals };
  r.get('/groups/:slug/publications/:pub/promote', requireUser, async (req, res) => res.render(onPromote.view, await promoteLocals(req)));
  r.post('/groups/:slug/publications/:pub/promote', requireUser, validateForm(promoteSchema, onPromote), async (req, res) => {
    const { guideSlug } = await pubs.promotePublication(ctx, req.user, slugOf(req), pubOf(req), formData<typeof promoteSchema>(req));
    req.flash('success', 'eventResults.promote.done');
    res.redirect(303, `/guides/${guideSlug}/review`);
  });

  return r;
}

export const groupsOutboxHandlers = (_ctx: AppContext): OutboxHandlers => ({});
