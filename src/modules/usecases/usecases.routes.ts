// /use-cases: the list with facets, open-data exports, the case page, the multi-step form and the
// engagement actions (comments, follow, adoptions, attachments). Checklist routes; the work is in services.
import { languageName, wantedContentLanguage } from '../../shared/content-language.js';
import { translationOf } from './translations.store.js';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { parseId } from '../../shared/ids.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { replicaReads } from '../../db/replica.js';
import { multipartAction } from '../../web/middleware/csrf.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { receiveUpload, uploadedFile, uploadTempDir } from '../../web/middleware/upload.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { sendStoredFile } from '../../web/send-file.js';
import { fileStore } from '../../shared/uploads.js';
import { MAX_ATTACHMENT_BYTES } from '../../shared/uploads.js';
import { declareAdoption, deriveUseCase, withdrawAdoption } from './adoptions.service.js';
import { addAttachment, assertMayUpload, deleteAttachment, readAttachment } from './attachments.service.js';
import { administrationChoices, loadCase, ownCommentToEdit, ownerChoices } from './case.queries.js';
import { addComment, deleteComment, editComment, flagComment, moderateComment } from './comments.service.js';
import { remindDueUseCases } from './usecases.health.js';
import { referenceChoiceFromQuery, referenceParams, resolveReference } from './usecases.similar.js';
import { toCsv, toJson } from './usecases.export.js';
import { usecasesPolicy as policy, type UcActor } from './usecases.policy.js';
import { caseExtras, exportCases, openFlags, facetCounts, filterFromQuery, listCases, myCases, reviewQueue, SORTS, type Sort, unknownFilterValues } from './usecases.queries.js';
import {
  adoptionSchema, attachmentSchema, commentEditSchema, commentSchema, coreSchema, detailsSchema, flagSchema, contactSchema, editorSchema, narrativeSchema, publishSchema,
} from './usecases.schemas.js';
import * as service from './usecases.service.js';
import { taxonomy } from './usecases.taxonomy.js';
import { topicFollowsOf } from './topic-follows.store.js';
import { filterFollowButtons } from './topic-follows.views.js';
import {
  activeFilters, cardView, completenessView, similarView, diffLines, facetsView, factsView, filterQuery, formOptions, narrativeView,
} from './usecases.views.js';

export const STEPS = ['core', 'details', 'narrative', 'publish'] as const;
type Step = (typeof STEPS)[number];

const actorOf = (req: Request): UcActor | undefined => req.user;
/** Route parameters, also after Express has left the route (the error handler re-renders forms without req.params). */
const param = (req: Request, name: string): string | undefined =>
  (req.params[name] as string | undefined) ?? (req.res?.locals.ucParams as Record<string, string> | undefined)?.[name];
const slugOf = (req: Request) => String(param(req, 'slug'));
const idOf = (req: Request, name = 'id') => {
  const n = parseId(param(req, name));
  if (n === null) throw notFound();
  return n;
};

export function usecasesRouter(ctx: AppContext): Router {
  taxonomy(); // read and validate content/taxonomy at start-up: a broken list stops the boot
  const r = Router();
  for (const name of ['slug', 'id']) {
    r.param(name, (req, res, next, value) => {
      res.locals.ucParams = { ...(res.locals.ucParams as object | undefined), [name]: String(value) };
      next();
    });
  }
  const attachment = receiveUpload({
    field: 'file', maxBytes: MAX_ATTACHMENT_BYTES, tempDir: uploadTempDir(ctx.config),
    messages: { tooLarge: 'usecases.attachments.tooLarge', failed: 'usecases.attachments.failed' },
  });
  /** Before a byte of the upload is read: may this member upload to this case? */
  const mayUpload = async (req: Request, _res: Response, next: NextFunction) => {
    await assertMayUpload(ctx, actorOf(req), slugOf(req));
    next();
  };

  // ---- list, exports ----
  r.get('/use-cases', async (req, res) => {
    const filter = filterFromQuery(req.query);
    const signedIn = !!req.user;
    const choice = referenceChoiceFromQuery(req.query);
    const requested = SORTS.includes(req.query.sort as Sort) ? (req.query.sort as Sort) : 'newest';
    const unmatched: { suggestions: { slug: string; name: string }[]; name?: string } = { suggestions: [] };
    const reference = requested === 'similar' ? await resolveReference(ctx.ds, choice, req.user?.administrationId, unmatched) : null;
    // A name typed into the picker that found its administration is kept as its slug (pages, filters).
    if (reference?.source === 'administration' && !choice.like) Object.assign(choice, { like: reference.slug, likeName: undefined });
    // "Similar" without a reference (a visitor who has not picked one) lists the newest and asks for one.
    const sort: Sort = requested === 'similar' && !reference ? 'newest' : requested;
    const page = pageFrom(req.query);
    const [rows, { counts, total }, follows] = await Promise.all([
      // The list and its facet counts may come from a read replica (src/db/replica.ts).
      listCases(replicaReads(ctx.ds), { filter, sort, signedIn, ref: reference?.ref ?? null, page }),
      facetCounts(replicaReads(ctx.ds), filter, signedIn),
      // The member's own topic follows (for the follow buttons) from the primary, read alongside.
      req.user && (filter.topic || filter.method) ? topicFollowsOf(ctx.ds, req.user.id) : null,
    ]);
    const kept = { ...(sort === 'newest' ? {} : { sort }), ...(sort === 'similar' ? referenceParams(choice) : {}) };
    // Facets can repeat a key (method=a&method=b), which paginationView's plain object cannot hold.
    const pageHref = (n: number) => `/use-cases?${filterQuery(filter, { ...kept, ...(n > 1 ? { page: String(n) } : {}) })}`.replace(/\?$/, '');
    const pagination = paginationView(page, total, '/use-cases');
    const query = filterQuery(filter).toString();
    res.render('usecases/list', {
      title: req.t('usecases.list.title'),
      cards: rows.map((row) => cardView(req, row, sort === 'similar' ? reference?.ref : undefined)),
      total,
      facets: facetsView(req, counts, filter),
      active: activeFilters(req, filter, kept),
      sort,
      sortOptions: SORTS.map((value) => ({
        value, label: req.t(value === 'similar' ? 'usecases.similar.sortLabel' : `usecases.sort.${value}`), selected: value === sort,
      })),
      similar: similarView(req, { requested, reference: sort === 'similar' ? reference : null, choice, unmatched, filterQuery: query }),
      canCreate: !!req.user,
      isFacilitator: policy.isFacilitator(actorOf(req)),
      // Follow / unfollow the topics and methods picked in the filter (members only).
      topicFollows: follows ? filterFollowButtons(follows, filter, req.lang) : [],
      backHref: req.originalUrl,
      csvHref: `/use-cases.csv${query ? `?${query}` : ''}`,
      jsonHref: `/use-cases.json${query ? `?${query}` : ''}`,
      pagination: {
        ...pagination,
        prevHref: pagination.prevHref && pageHref(page.page - 1),
        nextHref: pagination.nextHref && pageHref(page.page + 1),
      },
    });
  });

  /**
   * An export filter with a value it does not know answers 400 naming the allowed values, rather than
   * silently dropping the filter and exporting everything (a script would not notice).
   */
  const refusedFilter = (req: Request, res: Response, format: 'csv' | 'json'): boolean => {
    const unknown = unknownFilterValues(req.query);
    if (!unknown.length) return false;
    const problems = unknown.map((u) => ({
      parameter: u.facet, values: u.values, allowed: u.allowed,
      message: req.t('usecases.export.unknownFilter', { parameter: u.facet, values: u.values.join(', '), allowed: u.allowed.join(', ') }),
    }));
    res.status(400).set('Access-Control-Allow-Origin', '*');
    if (format === 'json') res.type('application/json; charset=utf-8').send(JSON.stringify({ error: 'unknown_filter_value', problems }, null, 2));
    else res.type('text/plain; charset=utf-8').send(`${problems.map((p) => p.message).join('\n')}\n`);
    return true;
  };
  r.get('/use-cases.csv', async (req, res) => {
    if (refusedFilter(req, res, 'csv')) return;
    const rows = await exportCases(ctx.ds, filterFromQuery(req.query));
    res.set('Access-Control-Allow-Origin', '*'); // open data: public cases only, no credentials
    res.type('text/csv; charset=utf-8').attachment('praxisbeispiele.csv').send(toCsv(rows, ctx.config.baseUrl));
  });
  r.get('/use-cases.json', async (req, res) => {
    if (refusedFilter(req, res, 'json')) return;
    const rows = await exportCases(ctx.ds, filterFromQuery(req.query));
    res.set('Access-Control-Allow-Origin', '*');
    res.type('application/json; charset=utf-8').send(JSON.stringify(toJson(rows, ctx.config.baseUrl), null, 2));
  });

  // ---- facilitator and personal lists ----
  r.get('/use-cases/review', requireRole('facilitator'), async (req, res) => {
    await remindDueUseCases(ctx);
    res.render('usecases/review', { title: req.t('usecases.review.title'), cases: await reviewQueue(ctx.ds) });
  });
  r.get('/use-cases/flags', requireRole('facilitator'), async (req, res) => {
    res.render('usecases/flags', { title: req.t('usecases.flags.title'), flags: await openFlags(ctx.ds) });
  });
  r.get('/use-cases/mine', requireUser, async (req, res) => {
    res.render('usecases/mine', { title: req.t('usecases.mine.title'), cases: await myCases(ctx.ds, req.user!.id) });
  });

  // ---- create (step 1) ----
  const stepLocals = (step: Step) => async (req: Request) => {
    const slug = param(req, 'slug') ?? null;
    const uc = slug ? await loadCase(ctx.ds, slug) : null;
    if (slug && (!uc || !policy.canView(actorOf(req), uc))) throw notFound();
    const isFacilitator = policy.isFacilitator(actorOf(req));
    const administrations = isFacilitator
      ? (await administrationChoices(ctx.ds)).map((a) => ({ value: String(a.id), label: a.name }))
      : undefined;
    const ownerOptions = uc && step === 'details'
      ? (await ownerChoices(ctx.ds, [uc.createdById ?? 0, ...uc.editorIds])).map((u) => ({ value: String(u.id), label: u.name }))
      : undefined;
    return {
      ...formOptions(req),
      ownerOptions,
      title: uc ? req.t('usecases.form.editTitle', { title: uc.title }) : req.t('usecases.form.newTitle'),
      heading: uc ? req.tMarked('usecases.form.editTitle', { title: uc.title }, 'title', uc.language) : undefined,
      step,
      steps: STEPS.map((s, i) => ({ name: s, number: i + 1, label: req.t(`usecases.form.steps.${s}`), current: s === step, href: uc ? `/use-cases/${uc.slug}/edit/${s}` : undefined })),
      useCase: uc ? { slug: uc.slug, title: uc.title, published: uc.published, canPublish: policy.canPublish(actorOf(req), uc) } : undefined,
      action: uc ? `/use-cases/${uc.slug}/edit/${step}` : '/use-cases',
      administrations,
      values: uc ? { ...uc, administrationId: String(uc.administrationId), ownerId: uc.ownerId ? String(uc.ownerId) : '', ...uc.narrative, participantCount: uc.participantCount ?? '', staffEffortDays: uc.staffEffortDays ?? '' } : {},
    };
  };
  r.get('/use-cases/new', requireUser, async (req, res) => res.render('usecases/form', await stepLocals('core')(req)));
  r.post('/use-cases', requireUser, validateForm(coreSchema, { view: 'usecases/form', locals: stepLocals('core') }), async (req, res) => {
    const slug = await service.createUseCase(ctx, actorOf(req), formData<typeof coreSchema>(req));
    req.flash('success', 'usecases.form.draftSaved');
    res.redirect(303, `/use-cases/${slug}/edit/details`);
  });

  // ---- the case page ----
  /**
   * Title, summary and the translated sections in the reader's language when a published translation
   * exists (sections it leaves out stay in the original's). `sections`: it translated at least one.
   */
  const translatedHeader = async (req: Request, uc: { id: number; language: string }) => {
    const { wanted } = wantedContentLanguage(req.query.lang, req.lang, ctx.config.CONTENT_LANGUAGES);
    if (wanted === uc.language) return null;
    const t = await translationOf(ctx.ds, uc.id, wanted);
    return t ? { ...t, sections: Object.values(t.narrativeHtml).some(Boolean), originalName: languageName(uc.language, req.lang) } : null;
  };
  const showLocals = async (req: Request) => {
    const uc = await loadCase(ctx.ds, slugOf(req));
    const actor = actorOf(req);
    if (!uc || !policy.canView(actor, uc)) throw notFound();
    const x = await caseExtras(ctx.ds, uc.id, actor?.id ?? null, policy.isFacilitator(actor));
    const contacts = x.people.filter((p: { kind: string }) => p.kind === 'contact');
    const myContact = actor ? contacts.find((p: { id: number }) => p.id === actor.id) : undefined;
    const top = x.comments.filter((c: { parentId: number | null }) => !c.parentId);
    const comments = top.map((c: { id: number; authorId: number | null }) => ({
      ...c,
      mine: actor?.id === c.authorId,
      canFlag: policy.canFlagComment(actor, c),
      replies: x.comments
        .filter((rep: { parentId: number | null }) => rep.parentId === c.id)
        .map((rep: { authorId: number | null }) => ({ ...rep, mine: actor?.id === rep.authorId, canFlag: policy.canFlagComment(actor, rep) })),
    }));
    const myAdoption = actor?.administrationId ? x.adoptions.find((a: { administrationId: number }) => a.administrationId === actor.administrationId) : undefined;
    const translation = await translatedHeader(req, uc);
    const narrative = narrativeView(req, uc, translation);
    return {
      ...formOptions(req),
      title: translation?.title ?? uc.title,
      titleLang: translation?.language ?? uc.language,
      translation,
      uc: { ...uc, facts: factsView(req, uc), narrative, ...x.meta, stateLabel: req.t(`states.${x.meta.state}`), sizeLabel: x.meta.sizeClass ? req.t(`sizeClass.${x.meta.sizeClass}`) : '' },
      toc: narrative.map((s) => ({ id: s.id, heading: s.heading })),
      completeness: completenessView(req, uc, contacts.filter((c: { optedIn: boolean }) => c.optedIn).length),
      contacts: contacts.filter((c: { optedIn: boolean }) => c.optedIn),
      pendingContacts: policy.canEdit(actor, uc) ? contacts.filter((c: { optedIn: boolean }) => !c.optedIn) : [],
      myContact,
      editors: x.people.filter((p: { kind: string }) => p.kind === 'editor'),
      followers: actor ? x.people.filter((p: { kind: string }) => p.kind === 'follower') : [],
      followerCount: x.meta.followerCount,
      following: x.meta.following,
      adoptions: x.adoptions.map((a: { status: string }) => ({ ...a, statusLabel: req.t(`usecases.adoptionStatus.${a.status}`) })),
      myAdoption,
      canDerive: myAdoption?.status === 'implemented' && !myAdoption.derivedSlug,
      derived: x.derived,
      attachments: x.attachments.map((a: { sizeBytes: number; licence: string }) => ({ ...a, sizeKb: Math.max(1, Math.round(a.sizeBytes / 1024)), licenceLabel: req.t(`usecases.licence.${a.licence}`) })),
      comments,
      revisions: x.revisions.map((rev: { diff: string }) => ({ ...rev, lines: diffLines(rev.diff) })),
      can: {
        edit: policy.canEdit(actor, uc),
        publish: policy.canPublish(actor, uc),
        verify: policy.canVerify(actor) && uc.published,
        comment: policy.canComment(actor, uc),
        follow: policy.canFollow(actor, uc),
        adopt: policy.canAdopt(actor, uc),
        // Title and summary in other content languages (/use-cases/:slug/translations).
        translate: policy.canTranslate(actor, uc) && ctx.config.CONTENT_LANGUAGES.some((l) => l !== uc.language),
      },
      uploadAction: multipartAction(req, `/use-cases/${uc.slug}/attachments`),
      // Current values of the small forms on the page (the select partial reads them from `values`).
      values: { status: myAdoption?.status ?? '', note: myAdoption?.note ?? '', licence: 'CC-BY-4.0' },
    };
  };
  r.get('/use-cases/:slug', async (req, res) => res.render('usecases/show', await showLocals(req)));
  const onShow = { view: 'usecases/show', locals: showLocals };
  const back = (req: Request, res: Response, hash = '') => res.redirect(303, `/use-cases/${slugOf(req)}${hash}`);

  // ---- edit steps ----
  r.get('/use-cases/:slug/edit', requireUser, (req, res) => res.redirect(303, `/use-cases/${slugOf(req)}/edit/core`));
  r.get('/use-cases/:slug/edit/:step', requireUser, async (req, res) => {
    const step = STEPS.find((s) => s === req.params.step);
    if (!step) throw notFound();
    const locals = await stepLocals(step)(req);
    const uc = await loadCase(ctx.ds, slugOf(req));
    if (!policy.canEdit(actorOf(req), uc!)) throw notFound();
    res.render('usecases/form', locals);
  });
  r.post('/use-cases/:slug/edit/core', requireUser, validateForm(coreSchema, { view: 'usecases/form', locals: stepLocals('core') }), async (req, res) => {
    const slug = await service.updateCore(ctx, actorOf(req), slugOf(req), formData<typeof coreSchema>(req));
    req.flash('success', 'usecases.form.draftSaved');
    res.redirect(303, `/use-cases/${slug}/edit/details`);
  });
  r.post('/use-cases/:slug/edit/details', requireUser, validateForm(detailsSchema, { view: 'usecases/form', locals: stepLocals('details') }), async (req, res) => {
    const slug = await service.updateDetails(ctx, actorOf(req), slugOf(req), formData<typeof detailsSchema>(req));
    req.flash('success', 'usecases.form.draftSaved');
    res.redirect(303, `/use-cases/${slug}/edit/narrative`);
  });
  r.post('/use-cases/:slug/edit/narrative', requireUser, validateForm(narrativeSchema, { view: 'usecases/form', locals: stepLocals('narrative') }), async (req, res) => {
    const slug = await service.updateNarrative(ctx, actorOf(req), slugOf(req), formData<typeof narrativeSchema>(req));
    req.flash('success', 'usecases.form.draftSaved');
    res.redirect(303, `/use-cases/${slug}/edit/publish`);
  });
  r.post('/use-cases/:slug/edit/publish', requireUser, validateForm(publishSchema, { view: 'usecases/form', locals: stepLocals('publish') }), async (req, res) => {
    const publish = formData<typeof publishSchema>(req).publish === 'publish';
    const slug = await service.setPublished(ctx, actorOf(req), slugOf(req), publish);
    req.flash('success', publish ? 'usecases.form.published' : 'usecases.form.unpublished');
    res.redirect(303, `/use-cases/${slug}`);
  });

  // ---- people ----
  r.post('/use-cases/:slug/editors', requireUser, validateForm(editorSchema, onShow), async (req, res) => {
    await service.addEditor(ctx, actorOf(req), slugOf(req), formData<typeof editorSchema>(req).editor);
    back(req, res, '#people');
  });
  r.post('/use-cases/:slug/editors/:id/delete', requireUser, async (req, res) => {
    await service.removeEditor(ctx, actorOf(req), slugOf(req), idOf(req));
    back(req, res, '#people');
  });
  r.post('/use-cases/:slug/contacts', requireUser, validateForm(contactSchema, onShow), async (req, res) => {
    await service.addContact(ctx, actorOf(req), slugOf(req), formData<typeof contactSchema>(req).contact);
    back(req, res, '#contacts');
  });
  r.post('/use-cases/:slug/contact/opt-in', requireUser, async (req, res) => {
    await service.setContactOptIn(ctx, actorOf(req), slugOf(req), true);
    back(req, res, '#contacts');
  });
  r.post('/use-cases/:slug/contact/opt-out', requireUser, async (req, res) => {
    await service.setContactOptIn(ctx, actorOf(req), slugOf(req), false);
    back(req, res, '#contacts');
  });

  // ---- curation ----
  r.post('/use-cases/:slug/verify', requireRole('facilitator'), async (req, res) => {
    await service.verify(ctx, actorOf(req), slugOf(req), null);
    req.flash('success', 'usecases.verify.done');
    back(req, res);
  });

  // ---- follow ----
  r.post('/use-cases/:slug/follow', requireUser, async (req, res) => {
    await service.setFollow(ctx, actorOf(req), slugOf(req), true);
    back(req, res);
  });
  r.post('/use-cases/:slug/unfollow', requireUser, async (req, res) => {
    await service.setFollow(ctx, actorOf(req), slugOf(req), false);
    back(req, res);
  });

  // ---- comments ----
  r.post('/use-cases/:slug/comments', requireUser, validateForm(commentSchema, onShow), async (req, res) => {
    const { body, parentId } = formData<typeof commentSchema>(req);
    const id = await addComment(ctx, actorOf(req), slugOf(req), body, parentId);
    back(req, res, `#comment-${id}`);
  });
  const commentLocals = async (req: Request) => {
    const c = await ownCommentToEdit(ctx.ds, slugOf(req), idOf(req), req.user!.id);
    if (!c) throw notFound();
    return { title: req.t('usecases.comments.editTitle'), slug: slugOf(req), comment: c, values: { body: c.body } };
  };
  r.get('/use-cases/:slug/comments/:id/edit', requireUser, async (req, res) => res.render('usecases/comment-edit', await commentLocals(req)));
  r.post('/use-cases/:slug/comments/:id/edit', requireUser, validateForm(commentEditSchema, { view: 'usecases/comment-edit', locals: commentLocals }), async (req, res) => {
    await editComment(ctx, actorOf(req), slugOf(req), idOf(req), formData<typeof commentEditSchema>(req).body);
    back(req, res, `#comment-${idOf(req)}`);
  });
  r.post('/use-cases/:slug/comments/:id/delete', requireUser, async (req, res) => {
    await deleteComment(ctx, actorOf(req), slugOf(req), idOf(req));
    back(req, res, '#comments');
  });
  r.post('/use-cases/:slug/comments/:id/flag', requireUser, validateForm(flagSchema, onShow), async (req, res) => {
    await flagComment(ctx, actorOf(req), slugOf(req), idOf(req), formData<typeof flagSchema>(req).reason);
    req.flash('success', 'usecases.comments.flagged');
    back(req, res, `#comment-${idOf(req)}`);
  });

  for (const [action, hide] of [['hide', true], ['show', false]] as const) {
    r.post(`/use-cases/:slug/comments/:id/${action}`, requireRole('facilitator'), validateForm(flagSchema, onShow), async (req, res) => {
      await moderateComment(ctx, actorOf(req), slugOf(req), idOf(req), hide, formData<typeof flagSchema>(req).reason);
      req.flash('success', hide ? 'usecases.comments.hidden' : 'usecases.comments.shown');
      back(req, res, `#comment-${idOf(req)}`);
    });
  }

  // ---- adoptions ----
  r.post('/use-cases/:slug/adoption', requireUser, validateForm(adoptionSchema, onShow), async (req, res) => {
    const { status, note } = formData<typeof adoptionSchema>(req);
    await declareAdoption(ctx, actorOf(req), slugOf(req), status, note);
    req.flash('success', 'usecases.adoptions.saved');
    back(req, res, '#adoptions');
  });
  r.post('/use-cases/:slug/adoption/delete', requireUser, async (req, res) => {
    await withdrawAdoption(ctx, actorOf(req), slugOf(req));
    back(req, res, '#adoptions');
  });
  r.post('/use-cases/:slug/derive', requireUser, formView(onShow), async (req, res) => {
    const slug = await deriveUseCase(ctx, actorOf(req), slugOf(req));
    req.flash('success', 'usecases.adoptions.derived');
    res.redirect(303, `/use-cases/${slug}/edit/core`);
  });

  // ---- attachments (multipart: the CSRF token travels in ?_csrf=, and the token, the rate limit and
  // the permission are checked before the body is read; the file streams to a temporary file) ----
  r.post('/use-cases/:slug/attachments', requireUser, mayUpload, formView(onShow), attachment.receive, validateForm(attachmentSchema, onShow), async (req: Request, res: Response) => {
    await addAttachment(ctx, actorOf(req), slugOf(req), uploadedFile(req), formData<typeof attachmentSchema>(req));
    req.flash('success', 'usecases.attachments.saved');
    back(req, res, '#attachments');
  }, attachment.discard);
  r.get('/use-cases/:slug/attachments/:id', async (req, res) => {
    const file = await readAttachment(ctx, actorOf(req), slugOf(req), idOf(req));
    res.attachment(file.filename);
    await sendStoredFile(res, fileStore(ctx.config), file.key, { contentType: file.contentType, size: file.size, headers: { 'Cache-Control': 'private, max-age=3600' } });
  });
  r.post('/use-cases/:slug/attachments/:id/delete', requireUser, async (req, res) => {
    await deleteAttachment(ctx, actorOf(req), slugOf(req), idOf(req));
    back(req, res, '#attachments');
  });

  return r;
}
