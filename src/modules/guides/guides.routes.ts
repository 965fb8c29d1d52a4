// /guides: list, guide, chapter, print view; facilitators' editor, history, review queue and
// four-eyes approval; members' reading progress.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { hasRole, requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
// The academy's query file directly, not its index: the academy module imports guides (related finders).
import { GUIDE_STATUSES, type GuideStatus } from './guides.model.js';
import { guidesPolicy } from './guides.policy.js';
import * as q from './guides.queries.js';
import { relatedForGuide } from './guides.related.js';
import { changesSchema, chapterSchema, emptySchema, guideSchema, moveSchema, restoreSchema, reviewSchema } from './guides.schemas.js';
import { wantedContentLanguage, languageName } from '../../shared/content-language.js';
import { translationRoutes } from './translations.routes.js';
import * as tq from './translations.store.js';
import { readerChoice, translatedChapters } from './translations.views.js';
import * as service from './guides.service.js';
import { revisionSnapshot, workingSnapshot } from './guides.store.js';
import { diffView, guideHeaderView, progressView, revisionListView, snapshotView, tocView, todayIso } from './guides.views.js';
import { parseId } from '../../shared/ids.js';
import { playerFor } from '../media/index.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** ?title= pre-fills the title of a new guide or chapter (e.g. from the dashboard's knowledge gaps). */
const prefilledTitle = (req: Request) => str(req.query.title).trim().slice(0, 200);

// The error handler re-renders a refused form outside the route, where req.params is empty again:
// `keepParams` remembers them for the form's locals.
const routeParams = new WeakMap<Request, Record<string, string>>();
const keepParams = (req: Request, _res: Response, next: NextFunction) => {
  routeParams.set(req, { ...(req.params as Record<string, string>) });
  next();
};
const param = (req: Request, name: string) => String((routeParams.get(req) ?? (req.params as Record<string, string>))[name] ?? '');

export function guidesRouter(ctx: AppContext): Router {
  const r = Router();
  const ds = ctx.ds;

  /** The guide for a reader: 404 when missing or not visible to them. */
  const readable = async (req: Request) => {
    const g = await q.findGuide(ds, String(req.params.slug));
    if (!g || !guidesPolicy.canRead(req.user, g)) throw notFound();
    return g;
  };
  const editable = async (req: Request) => {
    const g = await q.findGuide(ds, param(req, 'slug'));
    if (!g) throw notFound();
    return g;
  };
  const langOptions = (req: Request) => ctx.config.CONTENT_LANGUAGES.map((l) => ({ value: l, label: languageName(l, req.lang) }));

  /**
   * What a reader sees of a guide: the original's chapters (slugs, order, reading state) in the
   * reader's language when a published translation exists, else the original with a notice. A
   * translation's own address leads to its original with ?lang=.
   */
  const forReader = async (req: Request, res: Response, path: (slug: string) => string) => {
    const g = await readable(req);
    if (g.translationOfId) {
      const original = await tq.originalOf(ds, g.translationOfId);
      if (!original) throw notFound();
      let target = path(original.slug);
      if (req.params.chapter) {
        const mine = (await q.listChapters(ds, g.id, null)).find((c) => c.slug === req.params.chapter);
        const theirs = mine ? (await q.listChapters(ds, original.id, null)).find((c) => c.uid === mine.uid) : undefined;
        target = theirs ? `/guides/${original.slug}/${theirs.slug}` : `/guides/${original.slug}`;
      }
      res.redirect(303, `${target}?lang=${g.language}`);
      return null;
    }
    const translations = await tq.translationsOf(ds, g.id);
    const { wanted } = wantedContentLanguage(req.query.lang, req.lang, ctx.config.CONTENT_LANGUAGES);
    const candidate = wanted !== g.language ? translations.find((t) => t.status === 'published' && t.language === wanted) : undefined;
    const translated = candidate ? await q.findGuide(ds, candidate.slug) : null;
    const choice = readerChoice(g, translations, translated, {
      lang: req.query.lang, interfaceLang: req.lang, contentLanguages: ctx.config.CONTENT_LANGUAGES, baseUrl: ctx.config.baseUrl, path: path(g.slug),
    });
    const chapters = translatedChapters(await q.listChapters(ds, g.id, req.user?.id ?? null),
      translated ? await q.listChapters(ds, translated.id, null) : null, g.language, choice.shown.language);
    const header = { ...guideHeaderView(g, req.lang, todayIso()), title: choice.shown.title, summary: choice.shown.summary, language: choice.shown.language };
    const languageLocals = {
      languageSwitch: choice.languages.length > 1 ? choice.languages : null,
      alternates: choice.alternates,
      languageFallback: choice.fallback,
      translationNote: choice.translation ? { outdated: choice.outdated, originalName: languageName(g.language, req.lang), originalHref: `${path(g.slug)}?lang=${g.language}` } : null,
      langQuery: choice.translation ? `?lang=${choice.translation.language}` : '',
    };
    return { g, chapters, header, languageLocals };
  };

  r.get('/guides', async (req, res) => {
    const facilitator = guidesPolicy.canSeeQueues(req.user);
    const visible: GuideStatus[] = facilitator ? [...GUIDE_STATUSES] : ['published', 'archived'];
    const wanted = str(req.query.status) as GuideStatus;
    const statuses: GuideStatus[] = visible.includes(wanted) ? [wanted] : ['published'];
    const tag = str(req.query.tag).trim().toLowerCase().slice(0, 40) || undefined;
    const page = pageFrom(req.query);
    const { rows, total } = await q.listGuides(ds, { tag, statuses }, page.limit, page.offset);
    const query: Record<string, string> = { ...(tag ? { tag } : {}), ...(req.query.status && statuses.length === 1 ? { status: statuses[0]! } : {}) };
    res.render('guides/list', {
      title: req.t('guides.list.title'),
      guides: rows.map((g) => ({ ...g, statusKey: `guides.status.${g.status}` })),
      tags: (await q.allTags(ds, statuses)).map((t) => ({ ...t, current: t.tag === tag })),
      statusOptions: visible.map((s) => ({ value: s, label: req.t(`guides.status.${s}`), current: statuses.includes(s) })),
      tag, total, canCreate: guidesPolicy.canEdit(req.user),
      pagination: paginationView(page, total, '/guides', query),
    });
  });

  // --- facilitators: new guide, queues -------------------------------------------------------------
  const newLocals = (req: Request) => ({ title: req.t('guides.form.newTitle'), action: '/guides', isNew: true, languageOptions: langOptions(req),
    values: { reviewIntervalMonths: '12', language: 'de', sortOrder: '100', owner: req.user?.handle ?? '', title: prefilledTitle(req) } });
  r.get('/guides/new', requireRole('facilitator'), (req, res) => res.render('guides/form', newLocals(req)));
  // A new chapter on a topic (e.g. a knowledge gap from the dashboard: ?title=…): pick the guide, then
  // the chapter form of that guide opens with the title filled in. A plain GET form, no script.
  r.get('/guides/chapters/new', requireRole('facilitator'), async (req, res) => {
    const title = prefilledTitle(req);
    const target = str(req.query.guide) ? await q.findGuide(ds, str(req.query.guide)) : null;
    if (target && target.status !== 'archived') {
      return res.redirect(303, `/guides/${target.slug}/chapters/new${title ? `?${new URLSearchParams({ title })}` : ''}`);
    }
    const { rows } = await q.listGuides(ds, { statuses: ['published', 'in_review', 'draft'] }, 500, 0);
    res.status(str(req.query.guide) ? 422 : 200).render('guides/chapter-start', {
      title: req.t('guides.chapterStart.title'), chapterTitle: title, unknown: !!str(req.query.guide),
      guideOptions: rows.map((g) => ({ value: g.slug, label: g.title, lang: g.language })),
      newGuideHref: `/guides/new${title ? `?${new URLSearchParams({ title })}` : ''}`,
    });
  });
  r.post('/guides', requireRole('facilitator'), validateForm(guideSchema, { view: 'guides/form', locals: newLocals }), async (req, res) => {
    const slug = await service.createGuide(ctx, req.user, formData<typeof guideSchema>(req));
    req.flash('success', 'guides.flash.created');
    res.redirect(303, `/guides/${slug}/edit`);
  });

  r.get('/guides/review', requireRole('facilitator'), async (req, res) => {
    await service.remindDueGuides(ctx);
    res.render('guides/queue', { title: req.t('guides.queue.title'), drafts: await q.reviewQueue(ds), due: await q.dueQueue(ds) });
  });

  // --- translations (facilitators' overview, start one, "still matches the original") --------------
  translationRoutes(r, ctx, { editable, keepParams, param });

  // --- a guide -------------------------------------------------------------------------------------
  r.get('/guides/:slug', async (req, res) => {
    const reader = await forReader(req, res, (slug) => `/guides/${slug}`);
    if (!reader) return;
    const { g, chapters, header, languageLocals } = reader;
    const canConfirm = guidesPolicy.canConfirm(req.user, g);
    // The owner and facilitators see which chapters learners fail most in quizzes (the academy's
    // difficultGuideChapters hook).
    const failed = canConfirm ? (await Promise.all(ctx.modules.map((m) => m.difficultGuideChapters?.(ds, g.slug, 10) ?? []))).flat() : [];
    res.render('guides/show', {
      title: header.title,
      titleLang: header.language,
      guide: header,
      ...languageLocals,
      toc: tocView(g.slug, chapters, undefined, languageLocals.langQuery),
      firstChapter: chapters[0] ? `/guides/${g.slug}/${chapters[0].slug}${languageLocals.langQuery}` : null,
      progress: req.user ? progressView(chapters) : null,
      related: await relatedForGuide(ctx.modules, ds, g, { signedIn: !!req.user }),
      canEdit: guidesPolicy.canEdit(req.user),
      canConfirm: g.status === 'published' && canConfirm,
      failedChapters: failed.map((f) => {
        const chapter = chapters.find((c) => c.slug === f.chapterSlug);
        return { ...f, title: chapter?.title ?? f.chapterSlug, href: chapter ? `/guides/${g.slug}/${chapter.slug}` : null };
      }),
    });
  });

  r.get('/guides/:slug/print', async (req, res) => {
    const reader = await forReader(req, res, (slug) => `/guides/${slug}/print`);
    if (!reader) return;
    const { chapters, header, languageLocals } = reader;
    res.render('guides/print', { title: header.title, titleLang: header.language, guide: header, alternates: languageLocals.alternates,
      chapters: tocView(header.slug, chapters).map((c, i) => ({ ...c, html: chapters[i]!.bodyHtml })) });
  });

  // --- editor --------------------------------------------------------------------------------------
  const editLocals = async (req: Request) => {
    const g = await editable(req);
    const draft = await workingSnapshot(ds.manager, g);
    const ownerHandle = draft.ownerId ? await q.handleOf(ds, draft.ownerId) : null;
    return {
      title: req.t('guides.editor.title', { title: draft.title }),
      heading: req.tMarked('guides.editor.title', { title: draft.title }, 'title', draft.language),
      guide: guideHeaderView(g, req.lang, todayIso()),
      action: `/guides/${g.slug}/edit`,
      languageOptions: langOptions(req),
      chapters: draft.chapters.map((c, i, all) => ({ uid: c.uid, title: c.title, slug: c.slug, number: i + 1, first: i === 0, last: i === all.length - 1 })),
      values: { title: draft.title, summary: draft.summary, tags: draft.tags.join(', '), owner: ownerHandle ?? '',
        reviewIntervalMonths: String(draft.reviewIntervalMonths), language: draft.language, sortOrder: String(draft.sortOrder) },
    };
  };
  r.get('/guides/:slug/edit', requireRole('facilitator'), async (req, res) => res.render('guides/editor', await editLocals(req)));
  r.post('/guides/:slug/edit', requireRole('facilitator'), keepParams, validateForm(guideSchema, { view: 'guides/editor', locals: editLocals }), async (req, res) => {
    await service.updateGuide(ctx, req.user, String(req.params.slug), formData<typeof guideSchema>(req));
    req.flash('success', 'guides.flash.draftSaved');
    res.redirect(303, `/guides/${req.params.slug}/edit`);
  });

  const chapterLocals = async (req: Request) => {
    const g = await editable(req);
    const draft = await workingSnapshot(ds.manager, g);
    const uid = param(req, 'uid') || null;
    const c = uid ? draft.chapters.find((x) => x.uid === uid) : undefined;
    if (uid && !c) throw notFound();
    return {
      title: c ? req.t('guides.chapterForm.editTitle', { title: c.title }) : req.t('guides.chapterForm.newTitle'),
      heading: c ? req.tMarked('guides.chapterForm.editTitle', { title: c.title }, 'title', draft.language) : undefined,
      historyHref: c ? `/guides/${g.slug}/revisions?chapter=${encodeURIComponent(c.uid)}` : null,
      guide: { slug: g.slug, title: draft.title },
      action: c ? `/guides/${g.slug}/chapters/${c.uid}` : `/guides/${g.slug}/chapters`,
      values: c ? { title: c.title, slug: c.slug, body: c.source } : { title: prefilledTitle(req) },
    };
  };
  const saveChapter = async (req: Request, res: Response) => {
    const input = formData<typeof chapterSchema>(req);
    if (input.preview) {
      // Server-rendered preview: the same renderer as on save, nothing stored.
      const locals = await chapterLocals(req);
      return res.render('guides/chapter-form', { ...locals, values: req.body, previewHtml: renderMarkdown(input.body, 'body') });
    }
    await service.saveChapter(ctx, req.user, String(req.params.slug), req.params.uid ? String(req.params.uid) : null, input);
    req.flash('success', 'guides.flash.draftSaved');
    res.redirect(303, `/guides/${req.params.slug}/edit`);
  };
  const chapterSpec = { view: 'guides/chapter-form', locals: chapterLocals };
  r.get('/guides/:slug/chapters/new', requireRole('facilitator'), async (req, res) => res.render('guides/chapter-form', await chapterLocals(req)));
  r.post('/guides/:slug/chapters', requireRole('facilitator'), keepParams, validateForm(chapterSchema, chapterSpec), saveChapter);
  r.get('/guides/:slug/chapters/:uid/edit', requireRole('facilitator'), async (req, res) => res.render('guides/chapter-form', await chapterLocals(req)));
  r.post('/guides/:slug/chapters/:uid', requireRole('facilitator'), keepParams, validateForm(chapterSchema, chapterSpec), saveChapter);

  const editorSpec = { view: 'guides/editor', locals: editLocals };
  r.post('/guides/:slug/chapters/:uid/move', requireRole('facilitator'), keepParams, validateForm(moveSchema, editorSpec), async (req, res) => {
    await service.moveChapter(ctx, req.user, String(req.params.slug), String(req.params.uid), formData<typeof moveSchema>(req).direction);
    req.flash('success', 'guides.flash.draftSaved');
    res.redirect(303, `/guides/${req.params.slug}/edit`);
  });
  r.post('/guides/:slug/chapters/:uid/remove', requireRole('facilitator'), keepParams, validateForm(emptySchema, editorSpec), async (req, res) => {
    await service.removeChapter(ctx, req.user, String(req.params.slug), String(req.params.uid));
    req.flash('success', 'guides.flash.draftSaved');
    res.redirect(303, `/guides/${req.params.slug}/edit`);
  });
  r.post('/guides/:slug/archive', requireRole('facilitator'), keepParams, async (req, res) => {
    await service.archiveGuide(ctx, req.user, String(req.params.slug));
    req.flash('success', 'guides.flash.archived');
    res.redirect(303, `/guides/${req.params.slug}`);
  });
  r.post('/guides/:slug/confirm', requireUser, async (req, res) => {
    await service.confirmStillCorrect(ctx, req.user, String(req.params.slug));
    req.flash('success', 'guides.flash.confirmed');
    res.redirect(303, `/guides/${req.params.slug}`);
  });

  // --- history and review --------------------------------------------------------------------------
  r.get('/guides/:slug/revisions', requireRole('facilitator'), async (req, res) => {
    const g = await editable(req);
    const chapter = str(req.query.chapter).slice(0, 80) || null;
    res.render('guides/revisions', {
      title: req.t('guides.revisions.title', { title: g.title }), heading: req.tMarked('guides.revisions.title', { title: g.title }, 'title', g.language), guide: guideHeaderView(g, req.lang, todayIso()), chapterFilter: chapter,
      revisions: revisionListView(await q.listRevisions(ds, g.id, chapter), req.lang, g.publishedRevisionId, g.draftRevisionId),
    });
  });
  r.get('/guides/:slug/revisions/:id', requireRole('facilitator'), async (req, res) => {
    const g = await editable(req);
    const rev = await q.findRevision(ds, g.id, parseId(req.params.id) ?? 0);
    if (!rev) throw notFound();
    res.render('guides/revision', {
      title: req.t('guides.revision.title', { id: rev.id }), guide: guideHeaderView(g, req.lang, todayIso()),
      revision: revisionListView([rev], req.lang, g.publishedRevisionId, g.draftRevisionId)[0],
      previousId: rev.previousId, diff: diffView(rev.previous, rev.snapshot), snapshot: snapshotView(rev.snapshot),
      canRestore: g.status !== 'archived' && guidesPolicy.canEdit(req.user),
    });
  });
  r.post('/guides/:slug/revisions/:id/restore', requireRole('facilitator'), keepParams, validateForm(restoreSchema, { view: 'errors/400' }), async (req, res) => {
    await service.restoreRevision(ctx, req.user, String(req.params.slug), parseId(req.params.id) ?? 0, formData<typeof restoreSchema>(req).message);
    req.flash('success', 'guides.flash.restored');
    res.redirect(303, `/guides/${req.params.slug}/review`);
  });

  const reviewLocals = async (req: Request) => {
    const g = await editable(req);
    if (!g.draftRevisionId) return { title: req.t('guides.review.title', { title: g.title }), heading: req.tMarked('guides.review.title', { title: g.title }, 'title', g.language), guide: guideHeaderView(g, req.lang, todayIso()), noDraft: true };
    const draft = (await revisionSnapshot(ds.manager, g.id, g.draftRevisionId))!;
    const published = g.publishedRevisionId ? await revisionSnapshot(ds.manager, g.id, g.publishedRevisionId) : null;
    const authors = await q.draftAuthors(ds, g);
    const [rev] = (await q.listRevisions(ds, g.id)).filter((x) => x.id === g.draftRevisionId);
    return {
      title: req.t('guides.review.title', { title: draft.title }), heading: req.tMarked('guides.review.title', { title: draft.title }, 'title', draft.language), guide: guideHeaderView(g, req.lang, todayIso()),
      draftRevisionId: g.draftRevisionId, revision: rev ? revisionListView([rev], req.lang, null, g.draftRevisionId)[0] : null,
      diff: diffView(published, draft), snapshot: snapshotView(draft),
      canApprove: guidesPolicy.canApprove(req.user, authors), isAuthor: !!req.user && authors.includes(req.user.id),
    };
  };
  const reviewSpec = { view: 'guides/review', locals: reviewLocals };
  r.get('/guides/:slug/review', requireRole('facilitator'), async (req, res) => res.render('guides/review', await reviewLocals(req)));
  r.post('/guides/:slug/approve', requireRole('facilitator'), keepParams, validateForm(reviewSchema, reviewSpec), async (req, res) => {
    const { revision, comment } = formData<typeof reviewSchema>(req);
    await service.approveDraft(ctx, req.user, String(req.params.slug), revision, comment);
    req.flash('success', 'guides.flash.approved');
    res.redirect(303, `/guides/${req.params.slug}`);
  });
  r.post('/guides/:slug/request-changes', requireRole('facilitator'), keepParams, validateForm(changesSchema, reviewSpec), async (req, res) => {
    const { revision, reason } = formData<typeof changesSchema>(req);
    await service.requestChanges(ctx, req.user, String(req.params.slug), revision, reason);
    req.flash('success', 'guides.flash.changesRequested');
    res.redirect(303, '/guides/review');
  });

  // --- a chapter -----------------------------------------------------------------------------------
  r.get('/guides/:slug/:chapter', async (req, res) => {
    const reader = await forReader(req, res, (slug) => `/guides/${slug}/${String(req.params.chapter)}`);
    if (!reader) return;
    const { g, chapters, header, languageLocals } = reader;
    const i = chapters.findIndex((c) => c.slug === req.params.chapter);
    if (i < 0) throw notFound();
    const c = chapters[i]!;
    const link = (x?: { slug: string; title: string; language: string }) => (x ? { href: `/guides/${g.slug}/${x.slug}${languageLocals.langQuery}`, title: x.title, language: x.language } : null);
    res.render('guides/chapter', {
      title: `${c.title} · ${header.title}`,
      titleLang: c.language,
      guide: header,
      ...languageLocals,
      chapter: { slug: c.slug, title: c.title, html: c.bodyHtml, number: i + 1, read: c.read, sourceUrl: c.sourceUrl, sourceTitle: c.sourceTitle, language: c.language,
        untranslated: !!languageLocals.translationNote && !c.translated },
      toc: tocView(g.slug, chapters, c.slug, languageLocals.langQuery),
      prev: link(chapters[i - 1]), next: link(chapters[i + 1]),
      progress: req.user ? progressView(chapters) : null,
      canTrack: guidesPolicy.canTrackReading(req.user),
      canEdit: hasRole(req.user, 'facilitator'),
      chapterUid: c.uid,
      // Training videos of the chapter (src/modules/media): player, tracks, transcript.
      media: await playerFor(ds, req, res, 'chapter', c.id),
    });
  });
  r.post('/guides/:slug/:chapter/read', requireUser, async (req, res) => {
    await service.markChapterRead(ctx, req.user, String(req.params.slug), String(req.params.chapter));
    const next = str(req.body?.next);
    res.redirect(303, /^\/guides\/[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(next) ? next : `/guides/${req.params.slug}/${req.params.chapter}`);
  });
  r.post('/guides/:slug/:chapter/unread', requireUser, async (req, res) => {
    await service.markChapterUnread(ctx, req.user, String(req.params.slug), String(req.params.chapter));
    res.redirect(303, `/guides/${req.params.slug}/${req.params.chapter}`);
  });

  return r;
}
