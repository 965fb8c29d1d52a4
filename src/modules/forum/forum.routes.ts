// /forum: category overview, latest, unanswered, tags, thread pages, posting, votes, follows,
// flags; /forum/admin and moderation actions for facilitators. Handlers stay checklists: guard →
// validate → one service call → redirect (or render).
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { conflict, forbidden, notFound } from '../../shared/errors.js';
import { renderMarkdown } from '../../shared/markdown.js';
import { pageFrom, paginationView } from '../../shared/pagination.js';
import { replicaReads } from '../../db/replica.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import { chaptersCiting, promotionTargets } from '../guides/index.js';
import { FLAG_REASONS, FOLLOW_LEVELS, THREAD_KINDS } from './forum.entity.js';
import { forumPolicy } from './forum.policy.js';
import * as q from './forum.queries.js';
import { similarQuestions } from './forum.similar.js';
import * as s from './forum.schemas.js';
import { archiveCategory, createCategory, reorderCategory, updateCategory } from './categories.service.js';
import { setFollow } from './follows.service.js';
import { threadSourceUrl } from './forum.model.js';
import { dismissFlags, flagPost, hidePost, mergeThread, moveThread, switchThread, unhidePost } from './moderation.service.js';
import { promoteAnswer } from './promote.service.js';
import { acceptReply, createReply, deleteReply, toggleVote, unacceptReply, updateReply } from './replies.service.js';
import { createThread, updateThread } from './threads.service.js';
import { replyView, revisionsView, threadListView, threadView } from './forum.views.js';

const num = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : 0);
const refId = (ref: unknown) => num(String(ref ?? '').match(/^(\d{1,9})(?:-|$)/)?.[1]);
/**
 * The :id of the route. Form locals also run from the error handler, after Express has left the
 * router and reset req.params, so the id is read from the URL as a fallback.
 */
const pathId = (req: Request) => num(req.params.id) || num(req.originalUrl.match(/^\/forum\/(?:threads|replies|admin\/categories)\/(\d+)/)?.[1]);
const replyParam = (req: Request) => num(req.body?.reply ?? req.query.reply) || null;

/** Renders Markdown for a preview; a refusal becomes the field message, never a 500. */
function previewOf(source: string): { previewHtml?: string } {
  return { previewHtml: renderMarkdown(source) };
}

export function forumRouter(ctx: AppContext): Router {
  const r = Router();
  const mod = requireRole('facilitator');

  async function visibleThread(req: Request, id: number) {
    const t = await q.findThread(ctx.ds, id, req.user?.id ?? null);
    if (!t || !forumPolicy.canSeeThread(req.user, t)) throw notFound();
    return t;
  }

  // Lists -------------------------------------------------------------------------------------
  const reads = replicaReads(ctx.ds);
  r.get('/forum', async (req, res) => {
    const v = q.viewerOf(req.user);
    const view = req.query.view === 'unanswered' ? 'unanswered' : 'latest';
    const page = pageFrom(req.query);
    // The lists may come from a read replica (src/db/replica.ts); a member who just wrote reads the primary.
    const categories = await q.listCategories(reads, v);
    const known = categories.reduce((sum, c) => sum + (view === 'unanswered' ? c.unanswered : c.threads), 0);
    const list = await q.listThreads(reads, v, { view }, page, known);
    res.render('forum/index', {
      title: req.t('forum.title'),
      categories: categories.map((c) => ({ ...c, archived: !!c.archivedAt })),
      threads: threadListView(list.rows),
      view,
      isUnanswered: view === 'unanswered',
      pagination: paginationView(page, list.total, '/forum', view === 'unanswered' ? { view } : {}),
      canModerate: forumPolicy.canModerate(req.user),
    });
  });

  r.get('/forum/c/:slug', async (req, res) => {
    const c = await q.findCategory(ctx.ds, String(req.params.slug), req.user?.id ?? null);
    if (!c || !forumPolicy.canSeeCategory(req.user, c)) throw notFound();
    const page = pageFrom(req.query);
    // The total is the category's maintained counter (the same threads the count statement counted:
    // 1.3–3 ms for a category of 10,000 threads on every view).
    const list = await q.listThreads(reads, q.viewerOf(req.user), { view: 'category', categoryId: c.id }, page, c.threads);
    res.render('forum/list', {
      title: c.name,
      titleLang: c.language,
      category: { ...c, archived: !!c.archivedAt },
      threads: threadListView(list.rows),
      pagination: paginationView(page, list.total, `/forum/c/${c.slug}`),
      follow: req.user ? { targetType: 'category', targetId: c.id, level: (await q.followLevel(ctx.ds, req.user.id, 'category', c.id)) ?? 'normal' } : null,
      canStart: forumPolicy.canStartThread(req.user, c),
    });
  });

  r.get('/forum/tags/:tag', async (req, res) => {
    const tag = String(req.params.tag).toLowerCase().slice(0, 30);
    const page = pageFrom(req.query);
    const list = await q.listThreads(reads, q.viewerOf(req.user), { view: 'tag', tag }, page);
    const tagId = await q.tagIdByName(ctx.ds, tag);
    if (tagId === null) throw notFound();
    res.render('forum/list', {
      title: req.t('forum.tag.title', { tag }),
      tag,
      threads: threadListView(list.rows),
      pagination: paginationView(page, list.total, `/forum/tags/${encodeURIComponent(tag)}`),
      follow: req.user ? { targetType: 'tag', targetId: tagId, level: (await q.followLevel(ctx.ds, req.user.id, 'tag', tagId)) ?? 'normal' } : null,
    });
  });

  r.get('/forum/similar.json', async (req, res) => {
    const title = typeof req.query.title === 'string' ? req.query.title : '';
    const threads = await similarQuestions(ctx, title, req.user, 5);
    res.json({ threads: threads.map((t) => ({ title: t.title, language: t.language, url: t.url, answered: t.answered, replyCount: t.replyCount })) });
  });

  // Starting a thread ---------------------------------------------------------------------------
  const newLocals = async (req: Request) => {
    const cats = (await q.listAllCategories(ctx.ds, q.viewerOf(req.user))).filter((c) => !c.archived);
    return {
      title: req.t('forum.new.title'),
      categoryOptions: cats.map((c) => ({ value: String(c.id), label: c.name, lang: c.language })),
      kindOptions: THREAD_KINDS.map((k) => ({ value: k, label: req.t(`forum.kind.${k}`) })),
    };
  };
  r.get('/forum/new', requireUser, async (req, res) => {
    const locals = await newLocals(req);
    const found = typeof req.query.category === 'string' ? await q.findCategory(ctx.ds, req.query.category, req.user!.id) : null;
    const c = found && forumPolicy.canSeeCategory(req.user, found) ? found : null;
    // ?title= pre-fills the question, e.g. from a search without results ("ask the network").
    const title = typeof req.query.title === 'string' ? req.query.title.trim().slice(0, 150) : '';
    res.render('forum/new', { ...locals, values: { kind: 'question', categoryId: c ? String(c.id) : '', title } });
  });
  // "Check for similar questions" needs only a title: it runs before the full validation.
  const similarStep = async (req: Request, res: Response, next: NextFunction) => {
    if (req.body?.action !== 'check') return next();
    const title = typeof req.body.title === 'string' ? req.body.title : '';
    const similar = await similarQuestions(ctx, title, req.user, 5);
    res.render('forum/new', { ...(await newLocals(req)), similar, similarChecked: true, values: { ...req.body, checked: '1' } });
  };
  r.post('/forum/new', requireUser, similarStep, validateForm(s.threadSchema, { view: 'forum/new', locals: newLocals }), async (req, res) => {
    const input = formData<typeof s.threadSchema>(req);
    if (input.action !== 'post' || !input.checked) {
      const similar = input.action === 'preview' ? [] : await similarQuestions(ctx, input.title, req.user, 5);
      if (input.action !== 'post' || similar.length) {
        return res.render('forum/new', {
          ...(await newLocals(req)),
          ...(input.action === 'preview' ? previewOf(input.body) : {}),
          similar,
          similarChecked: input.action !== 'preview',
          values: { ...req.body, checked: input.action === 'preview' ? req.body.checked : '1' },
        });
      }
    }
    const t = await createThread(ctx, req.user!, input);
    req.flash('success', 'forum.new.created');
    res.redirect(303, q.threadUrl(t));
  });

  // Reading a thread ----------------------------------------------------------------------------
  r.get('/forum/threads/:ref', async (req, res) => {
    const id = refId(req.params.ref);
    const t = await q.findThread(ctx.ds, id, req.user?.id ?? null);
    if (!t || !forumPolicy.canSeeCategory(req.user, t)) throw notFound();
    if (t.mergedIntoId) {
      // The new address names the target's title: only for readers of the target (it may be members only).
      const target = await q.findThread(ctx.ds, t.mergedIntoId, req.user?.id ?? null);
      if (!target || !forumPolicy.canSeeCategory(req.user, target)) throw notFound();
      return res.redirect(301, q.threadUrl(target));
    }
    if (!forumPolicy.canSeeThread(req.user, t)) throw notFound();
    if (req.params.ref !== `${t.id}-${t.slug}`) return res.redirect(301, q.threadUrl(t) + (req.query.page ? `?page=${num(req.query.page)}` : ''));
    const page = pageFrom(req.query);
    const [replies, citedBy] = await Promise.all([
      q.listReplies(ctx.ds, t.id, t.acceptedReplyId, req.user?.id ?? null, page),
      // "Now part of guide …": only questions can be promoted, so discussions skip the lookup.
      t.kind === 'question' ? chaptersCiting(ctx.ds, threadSourceUrl(t.id)) : Promise.resolve([]),
      req.user ? q.recordView(ctx.ds, t.id, req.user.id) : Promise.resolve(),
      // The read mark for "unread replies" on the start page: written only when the thread moved on since.
      req.user && !t.readUpToDate ? q.markThreadRead(ctx.ds, t.id, req.user.id, t.lastActivityAt) : Promise.resolve(),
    ]);
    const thread = threadView(t, req.user);
    res.render('forum/thread', {
      title: t.title,
      titleLang: t.language,
      thread,
      replies: replies.rows.map((x) => replyView(x, t, req.user)),
      pagination: paginationView(page, replies.total, thread.url),
      followOptions: FOLLOW_LEVELS.map((l) => ({ value: l, label: req.t(`forum.follow.${l}`) })),
      signedIn: !!req.user,
      citedBy: citedBy.map((c) => ({ ...c, url: `/guides/${c.guideSlug}/${c.chapterSlug}` })),
      canPromote: !!t.acceptedReplyId && !t.mergedIntoId && forumPolicy.canPromote(req.user, t),
    });
  });

  // Promote to guide (facilitators): the accepted answer becomes a draft in a guide ----------------
  const promoteLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    if (!forumPolicy.canPromote(req.user, t)) throw conflict('forum.promote.restricted');
    const targets = await promotionTargets(ctx.ds);
    const answer = t.acceptedReplyId ? await q.replySource(ctx.ds, t.acceptedReplyId) : null;
    return {
      title: req.t('forum.promote.title'),
      thread: threadView(t, req.user),
      hasAnswer: !!answer,
      guideOptions: targets.guides.map((g) => ({ value: String(g.id), label: g.title })),
      chapterOptions: targets.chapters.map((c) => ({ value: String(c.id), label: `${c.guideTitle} › ${c.title}` })),
      values: { markdown: answer?.bodySource ?? '' },
    };
  };
  r.get('/forum/threads/:id/promote', mod, async (req, res) => res.render('forum/promote', await promoteLocals(req)));
  r.post('/forum/threads/:id/promote', mod, validateForm(s.promoteSchema, { view: 'forum/promote', locals: promoteLocals }), async (req, res) => {
    const { guideSlug } = await promoteAnswer(ctx, req.user, pathId(req), formData<typeof s.promoteSchema>(req));
    req.flash('success', 'forum.promote.done');
    res.redirect(303, `/guides/${guideSlug}/review`);
  });

  // Replying ------------------------------------------------------------------------------------
  const replyLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    return { title: req.t('forum.reply.title', { title: t.title }), heading: req.tMarked('forum.reply.title', { title: t.title }, 'title', t.language), thread: threadView(t, req.user), action: `/forum/threads/${t.id}/replies` };
  };
  r.get('/forum/threads/:id/reply', requireUser, async (req, res) => {
    const locals = await replyLocals(req);
    res.render('forum/reply', { ...locals, values: { parentId: String(num(req.query.parent) || '') } });
  });
  r.post('/forum/threads/:id/replies', requireUser, validateForm(s.replySchema, { view: 'forum/reply', locals: replyLocals }), async (req, res) => {
    const input = formData<typeof s.replySchema>(req);
    if (input.action === 'preview') {
      return res.render('forum/reply', { ...(await replyLocals(req)), ...previewOf(input.body), values: req.body });
    }
    const reply = await createReply(ctx, req.user!, pathId(req), input);
    req.flash('success', 'forum.reply.created');
    res.redirect(303, reply.url);
  });

  // Editing -------------------------------------------------------------------------------------
  const editThreadLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    if (!forumPolicy.canEditThread(req.user, t)) throw forbidden();
    return { title: req.t('forum.edit.title'), isThread: true, action: `/forum/threads/${t.id}/edit`, thread: threadView(t, req.user),
      values: { title: t.title, body: t.bodySource, tags: t.tags.join(', ') } };
  };
  r.get('/forum/threads/:id/edit', requireUser, async (req, res) => res.render('forum/edit', await editThreadLocals(req)));
  r.post('/forum/threads/:id/edit', requireUser, validateForm(s.editThreadSchema, { view: 'forum/edit', locals: editThreadLocals }), async (req, res) => {
    const input = formData<typeof s.editThreadSchema>(req);
    if (input.action === 'preview') return res.render('forum/edit', { ...(await editThreadLocals(req)), ...previewOf(input.body), values: req.body });
    const url = await updateThread(ctx, req.user!, pathId(req), input);
    req.flash('success', 'forum.edit.saved');
    res.redirect(303, url);
  });

  const editReplyLocals = async (req: Request) => {
    const row = await q.replyForEdit(ctx.ds, pathId(req));
    if (!row) throw notFound();
    const t = await visibleThread(req, row.threadId);
    if (!forumPolicy.canEditReply(req.user, t, row)) throw forbidden();
    return { title: req.t('forum.edit.title'), action: `/forum/replies/${pathId(req)}/edit`, thread: threadView(t, req.user), values: { body: row.bodySource } };
  };
  r.get('/forum/replies/:id/edit', requireUser, async (req, res) => res.render('forum/edit', await editReplyLocals(req)));
  r.post('/forum/replies/:id/edit', requireUser, validateForm(s.editReplySchema, { view: 'forum/edit', locals: editReplyLocals }), async (req, res) => {
    const input = formData<typeof s.editReplySchema>(req);
    if (input.action === 'preview') return res.render('forum/edit', { ...(await editReplyLocals(req)), ...previewOf(input.body), values: req.body });
    const url = await updateReply(ctx, req.user!, pathId(req), input.body);
    req.flash('success', 'forum.edit.saved');
    res.redirect(303, url);
  });

  r.post('/forum/replies/:id/delete', requireUser, async (req, res) => {
    const url = await deleteReply(ctx, req.user!, pathId(req));
    req.flash('success', 'forum.reply.deleted');
    res.redirect(303, url);
  });

  r.get('/forum/threads/:id/revisions', requireUser, async (req, res) => {
    const t = await visibleThread(req, pathId(req));
    const replyId = replyParam(req);
    const revisions = await q.listRevisions(ctx.ds, t.id, replyId);
    if (!revisions.length) throw notFound();
    res.render('forum/revisions', { title: req.t('forum.revisions.title'), thread: threadView(t, req.user), revisions: revisionsView(revisions) });
  });

  // Votes, answers, follows -------------------------------------------------------------------------
  r.post('/forum/replies/:id/vote', requireUser, async (req, res) => {
    const { url } = await toggleVote(ctx, req.user!, pathId(req));
    res.redirect(303, url);
  });
  r.post('/forum/replies/:id/accept', requireUser, async (req, res) => {
    const url = await acceptReply(ctx, req.user!, pathId(req));
    req.flash('success', 'forum.answer.accepted');
    res.redirect(303, url);
  });
  r.post('/forum/threads/:id/unaccept', requireUser, async (req, res) => {
    res.redirect(303, await unacceptReply(ctx, req.user!, pathId(req)));
  });
  r.post('/forum/follow', requireUser, validateForm(s.followSchema, { view: 'errors/400' }), async (req, res) => {
    const input = formData<typeof s.followSchema>(req);
    await setFollow(ctx, req.user!, input.targetType, input.targetId, input.level);
    req.flash('success', `forum.follow.saved.${input.level}`);
    const back = input.next?.startsWith('/forum') && !input.next.startsWith('//') ? input.next : '/forum';
    res.redirect(303, back);
  });

  // Flags ---------------------------------------------------------------------------------------
  const flagLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    return {
      title: req.t('forum.flag.title'), thread: threadView(t, req.user), reply: replyParam(req),
      reasonOptions: FLAG_REASONS.map((x) => ({ value: x, label: req.t(`forum.flag.reason.${x}`) })),
    };
  };
  r.get('/forum/threads/:id/flag', requireUser, async (req, res) => res.render('forum/flag', await flagLocals(req)));
  r.post('/forum/threads/:id/flag', requireUser, validateForm(s.flagSchema, { view: 'forum/flag', locals: flagLocals }), async (req, res) => {
    const url = await flagPost(ctx, req.user!, pathId(req), replyParam(req), formData<typeof s.flagSchema>(req));
    req.flash('success', 'forum.flag.thanks');
    res.redirect(303, url);
  });

  // Moderation (facilitators) ---------------------------------------------------------------------
  r.get('/forum/flags', mod, async (req, res) => {
    const page = pageFrom(req.query);
    const { rows, total } = await q.listOpenFlags(ctx.ds, page);
    res.render('forum/flags', {
      title: req.t('forum.flags.title'),
      items: rows.map((x) => ({ ...x, url: q.threadUrl({ id: x.threadId, slug: x.threadSlug }) + (x.replyId ? `#reply-${x.replyId}` : ''),
        flags: x.flags.map((f) => ({ ...f, reasonLabel: req.t(`forum.flag.reason.${f.reason}`) })) })),
      pagination: paginationView(page, total, '/forum/flags'),
    });
  });
  r.post('/forum/threads/:id/dismiss-flags', mod, async (req, res) => {
    await dismissFlags(ctx, req.user!, pathId(req), replyParam(req));
    req.flash('success', 'forum.flags.dismissed');
    res.redirect(303, '/forum/flags');
  });

  const hideLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    return { title: req.t('forum.moderation.hideTitle'), thread: threadView(t, req.user), reply: replyParam(req) };
  };
  r.get('/forum/threads/:id/hide', mod, async (req, res) => res.render('forum/hide', await hideLocals(req)));
  r.post('/forum/threads/:id/hide', mod, validateForm(s.reasonSchema, { view: 'forum/hide', locals: hideLocals }), async (req, res) => {
    const url = await hidePost(ctx, req.user!, pathId(req), replyParam(req), formData<typeof s.reasonSchema>(req).reason);
    req.flash('success', 'forum.moderation.hidden');
    res.redirect(303, url);
  });
  r.post('/forum/threads/:id/unhide', mod, validateForm(s.unhideSchema, { view: 'errors/400' }), async (req, res) => {
    const url = await unhidePost(ctx, req.user!, pathId(req), replyParam(req), formData<typeof s.unhideSchema>(req).reason);
    req.flash('success', 'forum.moderation.unhidden');
    res.redirect(303, url);
  });

  const moderateLocals = async (req: Request) => {
    const t = await visibleThread(req, pathId(req));
    const cats = await q.listAllCategories(ctx.ds, q.viewerOf(req.user));
    return {
      title: req.t('forum.moderation.title'), thread: threadView(t, req.user),
      categoryOptions: cats.filter((c) => !c.archived).map((c) => ({ value: String(c.id), label: c.name, lang: c.language })),
      values: { categoryId: String(t.categoryId) },
    };
  };
  r.get('/forum/threads/:id/moderate', mod, async (req, res) => res.render('forum/moderate', await moderateLocals(req)));
  for (const what of ['lock', 'unlock', 'pin', 'unpin'] as const) {
    r.post(`/forum/threads/:id/${what}`, mod, async (req, res) => {
      const url = await switchThread(ctx, req.user!, pathId(req), what);
      req.flash('success', `forum.moderation.done.${what}`);
      res.redirect(303, url);
    });
  }
  r.post('/forum/threads/:id/move', mod, validateForm(s.moveSchema, { view: 'forum/moderate', locals: moderateLocals }), async (req, res) => {
    const url = await moveThread(ctx, req.user!, pathId(req), formData<typeof s.moveSchema>(req).categoryId);
    req.flash('success', 'forum.moderation.done.move');
    res.redirect(303, url);
  });
  r.post('/forum/threads/:id/merge', mod, validateForm(s.mergeSchema, { view: 'forum/moderate', locals: moderateLocals }), async (req, res) => {
    const url = await mergeThread(ctx, req.user!, pathId(req), formData<typeof s.mergeSchema>(req).targetId);
    req.flash('success', 'forum.moderation.done.merge');
    res.redirect(303, url);
  });

  // Categories (facilitators) -----------------------------------------------------------------------
  r.get('/forum/admin/categories', mod, async (req, res) => {
    const categories = await q.listCategories(ctx.ds, q.viewerOf(req.user));
    res.render('forum/categories', { title: req.t('forum.categories.title'), categories: categories.map((c) => ({ ...c, archived: !!c.archivedAt })) });
  });
  const categoryLocals = async (req: Request) => {
    if (!pathId(req)) return { title: req.t('forum.categories.newTitle'), action: '/forum/admin/categories' };
    const c = await q.findCategory(ctx.ds, pathId(req), req.user?.id ?? null);
    if (!c) throw notFound();
    return { title: req.t('forum.categories.editTitle', { name: c.name }), action: `/forum/admin/categories/${c.id}`,
      restricted: c.restricted, values: { ...c, position: String(c.position), isPublic: c.isPublic ? '1' : '' } };
  };
  r.get('/forum/admin/categories/new', mod, async (req, res) => res.render('forum/category-form', await categoryLocals(req)));
  r.post('/forum/admin/categories', mod, validateForm(s.categorySchema, { view: 'forum/category-form', locals: categoryLocals }), async (req, res) => {
    await createCategory(ctx, req.user!, formData<typeof s.categorySchema>(req));
    req.flash('success', 'forum.categories.saved');
    res.redirect(303, '/forum/admin/categories');
  });
  r.get('/forum/admin/categories/:id/edit', mod, async (req, res) => res.render('forum/category-form', await categoryLocals(req)));
  r.post('/forum/admin/categories/:id', mod, validateForm(s.categorySchema, { view: 'forum/category-form', locals: categoryLocals }), async (req, res) => {
    await updateCategory(ctx, req.user!, pathId(req), formData<typeof s.categorySchema>(req));
    req.flash('success', 'forum.categories.saved');
    res.redirect(303, '/forum/admin/categories');
  });
  for (const what of ['archive', 'unarchive', 'up', 'down'] as const) {
    r.post(`/forum/admin/categories/:id/${what}`, mod, async (req, res) => {
      const id = pathId(req);
      if (what === 'archive' || what === 'unarchive') await archiveCategory(ctx, req.user!, id, what === 'archive');
      else await reorderCategory(ctx, req.user!, id, what);
      req.flash('success', 'forum.categories.saved');
      res.redirect(303, '/forum/admin/categories');
    });
  }
  return r;
}
