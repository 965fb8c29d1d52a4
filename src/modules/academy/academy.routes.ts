// /academy: courses, quizzes, attempts, results, certificates, Open Badges documents, and the
// facilitators' pages (authoring, upload, statistics, extra attempts, revocation).
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { forbidden, invalid, notFound } from '../../shared/errors.js';
import { requireUser } from '../../web/middleware/require-user.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { receiveUpload, takeUploadedBytes, uploadTempDir } from '../../web/middleware/upload.js';
import { formData, validateForm } from '../../web/middleware/validate-form.js';
import * as q from './academy.queries.js';
import { canManageAcademy, canSeeAttempt, mayShowExplanations } from './academy.policy.js';
import { courseSchema, courseTranslationSchema, grantSchema, quizSchema, quizTranslationSchema, revokeSchema } from './academy.schemas.js';
import { saveCourseFromApp, saveQuizFromApp, type SavedQuiz } from './authoring.service.js';
import { grantExtraAttempt, saveAnswers, startAttempt, submitAttempt } from './attempts.service.js';
import { revokeAssertion } from './certificates.service.js';
import { itemStatistics } from './stats.model.js';
import * as views from './academy.views.js';
import { assertionJson, badgeClassJson, badgeUrls, courseBadgePng, courseBadgeSvg, issuerJson, revokedAssertionJson } from './badges.js';
import { bakePng } from '../../shared/open-badges.js';
import { type GiftError, giftFromBytes, MAX_GIFT_BYTES, ParseError, readGift, serializeGift } from './gift.js';
import { giftConfirmToken } from './authoring.model.js';
import { GRACE_SECONDS, keyOf, pageCount, pageItems } from './attempts.model.js';
import { chapterTitles, guideTitles } from '../guides/index.js';
import { parseId } from '../../shared/ids.js';
import { courseMedia } from '../media/index.js';
import { languageName, wantedContentLanguage } from '../../shared/content-language.js';
import {
  courseTranslations, courseTranslationState, courseTranslationSummaries, currentQuestionShapes, questionShapes, questionTranslations, quizTranslationState,
  quizTranslationSummaries, readerTranslation, type TranslationSummary,
} from './translations.store.js';
import { structureMismatch } from './translations.model.js';
import { saveCourseTranslationFromApp, saveQuizTranslationFromApp, TranslationRefused, type TranslationProblem } from './translations.service.js';
import { translationGift, translationLinks } from './translations.views.js';
import type { FormSpec } from '../../web/types.js';

/** The named fields of a translation (none when there is none), to lay over the original's. */
function pick<T extends object, K extends keyof T>(x: T | undefined, keys: K[]): Partial<Pick<T, K>> {
  return x ? Object.fromEntries(keys.map((k) => [k, x[k]])) as Partial<Pick<T, K>> : {};
}

const idParam = (req: Request) => parseId(req.params.id) ?? 0;

/**
 * The language notices of a course or quiz page: the translation shown (with a link to the
 * original), or, when the reader wanted another content language that has none, the fallback. With
 * `revising` a translation into it exists but is not usable (a quiz's no longer fits the original's
 * changed questions): the fallback says so instead of "not available yet".
 */
function languageNotices<T extends object>(lang: string, wanted: string, offered: readonly string[], translation: T | null | undefined,
  original: { language: string; href: string; notice: string; outdated: string }, revising = false) {
  return {
    translation: translation ? {
      ...translation, originalName: languageName(original.language, lang), originalHref: `${original.href}?lang=${original.language}`,
      notice: `translations.academy.${original.notice}`, outdatedNotice: `translations.academy.${original.outdated}`,
    } : translation,
    languageFallback: !translation && wanted !== original.language && offered.includes(wanted)
      ? {
        wantedName: languageName(wanted, lang), originalName: languageName(original.language, lang),
        notice: revising ? 'translations.academy.revising' : 'translations.academy.fallback',
      } : null,
  };
}

/** The answers part of an attempt form: everything but the CSRF token and the button. */
const answerFields = (body: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(body ?? {}).filter(([k]) => k !== '_csrf' && k !== 'nav'));

export function academyRouter(ctx: AppContext): Router {
  const r = Router();
  const urls = badgeUrls(ctx.config.baseUrl);

  // ---- learners ----

  r.get('/academy', async (req, res) => {
    const courses = await q.listCourses(ctx.ds, req.user?.id ?? null);
    const { wanted } = wantedContentLanguage(req.query.lang, req.lang, ctx.config.CONTENT_LANGUAGES);
    const translated = await courseTranslations(ctx.ds, courses.filter((c) => c.language !== wanted).map((c) => c.id), wanted);
    res.render('academy/index', {
      title: req.t('academy.title'),
      canManage: canManageAcademy(req.user),
      courses: courses.map((c) => ({
        ...c, ...pick(translated.get(c.id), ['title', 'summaryHtml', 'language']), done: !!c.certificateId, progressLabel: req.t('academy.course.progress', { passed: c.passedCount, total: c.quizCount }),
      })),
    });
  });

  r.get('/academy/courses/:slug', async (req, res) => {
    const course = await q.courseBySlug(ctx.ds, String(req.params.slug));
    if (!course) throw notFound();
    // Title and summary in the reader's content language when translated; otherwise the original, with a notice.
    const { wanted } = wantedContentLanguage(req.query.lang, req.lang, ctx.config.CONTENT_LANGUAGES);
    const quizzes = await q.courseQuizzes(ctx.ds, course.id, req.user?.id ?? null, wanted);
    const certificateId = req.user ? await q.certificateIdOf(ctx.ds, course.id, req.user.id) : null;
    const guides = await guideTitles(ctx.ds, course.guideSlugs);
    const translation = wanted === course.language ? undefined : (await courseTranslations(ctx.ds, [course.id], wanted)).get(course.id);
    const shown = { ...course, ...pick(translation, ['title', 'summaryHtml', 'language']) };
    res.render('academy/course', {
      title: shown.title,
      titleLang: shown.language,
      course: shown,
      ...languageNotices(req.lang, wanted, ctx.config.CONTENT_LANGUAGES, translation, { language: course.language, href: `/academy/courses/${course.slug}`, notice: 'courseTranslated', outdated: 'courseOutdated' }),
      // Learners see the published guides by title; facilitators also the names that lead nowhere
      // (not published, or mistyped), marked, so that they can fix the course.
      guides: course.guideSlugs.flatMap((slug): { title: string; language?: string; url?: string; missing?: boolean }[] => {
        const g = guides.get(slug);
        if (g) return [{ title: g.title, language: g.language, url: views.guideUrl(slug) }];
        return canManageAcademy(req.user) ? [{ title: slug, missing: true }] : [];
      }),
      quizzes: quizzes.map((x) => ({ ...x, bestPercent: x.bestPercent === null ? null : Number(x.bestPercent) })),
      // A quiz whose translation into the reader's language no longer fits is listed in the original, saying why.
      wantedName: languageName(wanted, req.lang),
      certificateId,
      canManage: canManageAcademy(req.user),
      // Training videos of the course (src/modules/media): player, tracks, transcript; and the
      // videos the course requires watching, with the member's state (completion counts them).
      ...(await courseMedia(ctx.ds, req, res, course)),
    });
  });

  r.get('/academy/quizzes/:slug', async (req, res) => {
    const quiz = await q.quizBySlug(ctx.ds, String(req.params.slug));
    if (!quiz) throw notFound();
    const attempts = req.user ? await q.attemptsOf(ctx.ds, quiz.id, req.user.id) : [];
    const extra = req.user ? await q.extraAttempts(ctx.ds, quiz.id, req.user.id) : 0;
    const allowed = quiz.attemptLimit === null ? null : quiz.attemptLimit + extra;
    const open = attempts.find((a) => a.state === 'open');
    // The quiz in the reader's content language when translated; otherwise the original, with a notice.
    const { wanted } = wantedContentLanguage(req.query.lang, req.lang, ctx.config.CONTENT_LANGUAGES);
    const { usable: translation, revising } = wanted === quiz.language ? { usable: null, revising: false } : await readerTranslation(ctx.ds, quiz.id, wanted);
    const shown = translation ? { ...quiz, title: translation.title, intro: translation.intro, language: translation.language } : quiz;
    res.render('academy/quiz', {
      title: shown.title,
      titleLang: shown.language,
      quiz: shown,
      ...languageNotices(req.lang, wanted, ctx.config.CONTENT_LANGUAGES, translation, { language: quiz.language, href: `/academy/quizzes/${quiz.slug}`, notice: 'translated', outdated: 'outdated' }, revising),
      courses: await q.coursesOfQuiz(ctx.ds, quiz.id),
      timeLimitLabel: views.minutesLabel(req.t, quiz.timeLimitMinutes),
      attemptsLabel: allowed === null ? req.t('academy.quiz.unlimited') : req.t('academy.quiz.attemptsUsed', { used: attempts.length, allowed }),
      feedbackLabel: req.t(`academy.quiz.feedback.${quiz.feedbackPolicy}`),
      attempts: attempts.map((a) => ({ ...a, ...views.attemptSummaryView(req.t, a) })),
      openAttemptId: open?.id ?? null,
      canStart: !open && (allowed === null || attempts.length < allowed),
      limitReached: !open && allowed !== null && attempts.length >= allowed,
      canManage: canManageAcademy(req.user),
    });
  });

  r.post('/academy/quizzes/:slug/attempts', requireUser, async (req, res) => {
    const lang = typeof req.body?.lang === 'string' && /^[a-z]{2}$/.test(req.body.lang) ? req.body.lang : null;
    const id = await startAttempt(ctx, req.user!, String(req.params.slug), lang);
    res.redirect(303, `/academy/attempts/${id}/pages/1`);
  });

  /** The learner's own open attempt, or 404 (a facilitator never answers for someone). */
  async function ownAttempt(req: Request) {
    const a = await q.attemptById(ctx.ds, idParam(req), GRACE_SECONDS);
    if (!a || a.userId !== req.user!.id) throw notFound();
    return a;
  }

  r.get('/academy/attempts/:id/pages/:page', requireUser, async (req, res) => {
    const a = await ownAttempt(req);
    if (a.state !== 'open') return res.redirect(303, `/academy/attempts/${a.id}`);
    if (a.overdue) return res.redirect(303, `/academy/attempts/${a.id}/review`);
    const pages = pageCount(a.layout, a.questionsPerPage);
    const page = Number(req.params.page);
    if (!Number.isInteger(page) || page < 1 || page > pages) throw notFound();
    const items = pageItems(a.layout, a.questionsPerPage, page);
    const questions = await q.questionsByIds(ctx.ds, items.map((i) => i.questionId), a.language);
    const saved = await q.savedAnswers(ctx.ds, a.id);
    const incomplete = new Set(String(req.query.incomplete ?? '').split(',').map(Number));
    const offset = (page - 1) * a.questionsPerPage;
    res.render('academy/attempt', {
      title: req.t('academy.attempt.title', { quiz: a.quizTitle, page, pages }),
      attempt: { id: a.id, number: a.number, quizTitle: a.quizTitle, quizSlug: a.quizSlug, quizLanguage: a.quizLanguage },
      page, pages, hasPrev: page > 1, hasNext: page < pages,
      deadline: a.deadline, secondsLeft: a.secondsLeft,
      questions: items.map((item, i) => views.answerQuestionView(req.t, item, offset + i + 1, questions.get(item.questionId)!, saved.get(item.questionId), incomplete.has(item.questionId))),
    });
  });

  r.post('/academy/attempts/:id/pages/:page', requireUser, async (req, res) => {
    const page = Number(req.params.page);
    if (!Number.isInteger(page) || page < 1) throw notFound();
    const outcome = await saveAnswers(ctx, req.user!, idParam(req), page, answerFields(req.body));
    const id = idParam(req);
    if (outcome.kind === 'timeUp') {
      req.flash('warning', 'academy.attempt.timeUp');
      return res.redirect(303, `/academy/attempts/${id}`);
    }
    if (outcome.incomplete.length) {
      req.flash('warning', 'academy.attempt.orderingIncomplete');
      return res.redirect(303, `/academy/attempts/${id}/pages/${page}?incomplete=${outcome.incomplete.join(',')}`);
    }
    const nav = String(req.body?.nav ?? 'next');
    const target = nav === 'prev' ? `pages/${Math.max(1, page - 1)}` : nav === 'review' ? 'review' : nav === 'save' ? `pages/${page}` : `pages/${page + 1}`;
    if (nav === 'save') req.flash('success', 'academy.attempt.saved');
    res.redirect(303, `/academy/attempts/${id}/${target}`);
  });

  r.get('/academy/attempts/:id/review', requireUser, async (req, res) => {
    const a = await ownAttempt(req);
    if (a.state !== 'open') return res.redirect(303, `/academy/attempts/${a.id}`);
    const saved = await q.savedAnswers(ctx.ds, a.id);
    const items = a.layout.map((l, i) => ({ number: i + 1, answered: saved.has(l.questionId), page: Math.floor(i / a.questionsPerPage) + 1 }));
    res.render('academy/review', {
      title: req.t('academy.review.title', { quiz: a.quizTitle }),
      heading: req.tMarked('academy.review.title', { quiz: a.quizTitle }, 'quiz', a.quizLanguage),
      attempt: { id: a.id, quizTitle: a.quizTitle, quizLanguage: a.quizLanguage, overdue: a.overdue, deadline: a.deadline },
      items,
      unanswered: items.filter((i) => !i.answered).length,
      lastPage: pageCount(a.layout, a.questionsPerPage),
    });
  });

  r.post('/academy/attempts/:id/submit', requireUser, async (req, res) => {
    const { late } = await submitAttempt(ctx, req.user!, idParam(req));
    if (late) req.flash('warning', 'academy.attempt.lateSubmission');
    res.redirect(303, `/academy/attempts/${idParam(req)}`);
  });

  r.get('/academy/attempts/:id', requireUser, async (req, res) => {
    const a = await q.attemptById(ctx.ds, idParam(req), GRACE_SECONDS);
    if (!a || !canSeeAttempt(req.user, a)) throw notFound();
    if (a.state === 'open') {
      if (a.userId !== req.user!.id) throw notFound();
      return res.redirect(303, a.overdue ? `/academy/attempts/${a.id}/review` : `/academy/attempts/${a.id}/pages/1`);
    }
    const questions = await q.questionsByIds(ctx.ds, a.layout.map((l) => l.questionId), a.language);
    const show = mayShowExplanations(req.user, a.feedbackPolicy, await q.hasPassed(ctx.ds, a.quizId, a.userId));
    const chapters = await chapterTitles(ctx.ds, [...questions.values()].flatMap((x) => (x.chapterRef ? [x.chapterRef] : [])));
    res.render('academy/result', {
      title: req.t('academy.result.title', { quiz: a.quizTitle }),
      heading: req.tMarked('academy.result.title', { quiz: a.quizTitle }, 'quiz', a.quizLanguage),
      attempt: { ...a, ...views.attemptSummaryView(req.t, a), score: Number(a.score), maxScore: Number(a.maxScore) },
      isOwner: a.userId === req.user!.id,
      explanationsHidden: !show,
      questions: views.resultQuestionViews(req.t, a, questions, chapters, show),
    });
  });

  // ---- certificates ----

  const certificateLocals = async (req: Request) => {
    const c = await q.certificateById(ctx.ds, String(req.params.id));
    if (!c || !(c.userId === req.user!.id || canManageAcademy(req.user))) throw notFound();
    return {
      title: req.t('academy.certificate.title', { course: c.courseTitle }),
      certificate: c,
      verifyUrl: `${ctx.config.baseUrl}/academy/certificates/${c.id}/verify`,
      assertionUrl: c.assertionId ? urls.assertion(c.assertionId) : null,
      canRevoke: canManageAcademy(req.user) && !!c.assertionId && !c.revokedAt,
      isOwner: c.userId === req.user!.id,
    };
  };
  r.get('/academy/certificates/:id', requireUser, async (req, res) => res.render('academy/certificate', await certificateLocals(req)));

  r.get('/academy/certificates/:id/verify', async (req, res) => {
    const c = await q.certificateById(ctx.ds, String(req.params.id));
    if (!c) throw notFound();
    res.render('academy/verify', { title: req.t('academy.verify.title'), certificate: c, valid: !c.revokedAt });
  });

  r.get('/academy/certificates/:id/badge.png', requireUser, async (req, res) => {
    const c = await q.certificateById(ctx.ds, String(req.params.id));
    if (!c || c.userId !== req.user!.id || !c.assertionId || c.revokedAt) throw notFound();
    const a = await q.assertionById(ctx.ds, c.assertionId);
    res.type('image/png').attachment(`${c.courseSlug}-badge.png`)
      .send(bakePng(courseBadgePng({ slug: c.courseSlug, title: c.courseTitle }), JSON.stringify(assertionJson(urls, { ...a!, courseSlug: c.courseSlug }))));
  });

  r.post('/academy/certificates/:id/revoke', requireRole('facilitator'),
    // A missing reason: the certificate page again, with the message at the field.
    validateForm(revokeSchema, { view: 'academy/certificate', locals: certificateLocals }),
    async (req, res) => {
      const c = await q.certificateById(ctx.ds, String(req.params.id));
      if (!c?.assertionId) throw notFound();
      await revokeAssertion(ctx, req.user!, c.assertionId, formData<typeof revokeSchema>(req).reason);
      req.flash('success', 'academy.badge.revoked');
      res.redirect(303, `/academy/certificates/${c.id}`);
    });

  // ---- Open Badges 2.0 hosted documents ----

  // Public documents and images that verifiers and backpacks fetch from their own pages: readable
  // from any origin (no cookies are involved), and embeddable despite helmet's same-origin default.
  r.use('/academy/badges', (_req, res, next) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    next();
  });

  /** An SVG badge: its own tight policy, so a badge opened directly can run nothing. */
  const sendSvg = (res: Response, svg: string) =>
    res.type('image/svg+xml').set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'").send(svg);

  r.get('/academy/badges/issuer', (_req, res) => {
    const email = /<([^>]+)>/.exec(ctx.config.MAIL_FROM)?.[1] ?? ctx.config.MAIL_FROM;
    res.type('application/ld+json').send(JSON.stringify(issuerJson(urls, { name: 'Praxis', url: ctx.config.baseUrl, email })));
  });

  r.get('/academy/badges/classes/:slug', async (req, res) => {
    const c = await q.courseForBadge(ctx.ds, String(req.params.slug));
    if (!c) throw notFound();
    // Verifiers show the tags to people: the course's guides by title (published ones), not by slug.
    const guides = await guideTitles(ctx.ds, c.guideSlugs);
    const tags = c.guideSlugs.flatMap((slug) => (guides.has(slug) ? [guides.get(slug)!.title] : []));
    res.type('application/ld+json').send(JSON.stringify(badgeClassJson(urls, { ...c, guideSlugs: tags })));
  });

  r.get('/academy/badges/classes/:slug/image.svg', async (req, res) => {
    const c = await q.courseForBadge(ctx.ds, String(req.params.slug));
    if (!c) throw notFound();
    sendSvg(res.set('Cache-Control', 'public, max-age=86400'), courseBadgeSvg(c));
  });

  r.get('/academy/badges/classes/:slug/image.png', async (req, res) => {
    const c = await q.courseForBadge(ctx.ds, String(req.params.slug));
    if (!c) throw notFound();
    res.type('image/png').set('Cache-Control', 'public, max-age=86400').send(courseBadgePng(c));
  });

  r.get('/academy/badges/assertions/:id', async (req, res) => {
    const a = await q.assertionById(ctx.ds, String(req.params.id));
    if (!a) throw notFound();
    if (a.revokedAt) return res.status(410).type('application/ld+json').send(JSON.stringify(revokedAssertionJson(urls, a)));
    res.type('application/ld+json').send(JSON.stringify(assertionJson(urls, a)));
  });

  r.get('/academy/badges/assertions/:id/badge.svg', async (req, res) => {
    const a = await q.assertionById(ctx.ds, String(req.params.id));
    if (!a) throw notFound();
    if (a.revokedAt) return res.status(410).type('text/plain').send('revoked');
    const c = await q.courseForBadge(ctx.ds, a.courseSlug);
    sendSvg(res, courseBadgeSvg(c!, { url: urls.assertion(a.id), json: JSON.stringify(assertionJson(urls, a)) }));
  });

  r.get('/academy/badges/assertions/:id/badge.png', async (req, res) => {
    const a = await q.assertionById(ctx.ds, String(req.params.id));
    if (!a) throw notFound();
    if (a.revokedAt) return res.status(410).type('text/plain').send('revoked');
    const c = await q.courseForBadge(ctx.ds, a.courseSlug);
    res.type('image/png').send(bakePng(courseBadgePng(c!), JSON.stringify(assertionJson(urls, a))));
  });

  // ---- facilitators ----

  const manage = requireRole('facilitator');

  r.get('/academy/manage', manage, async (req, res) => {
    const guide = typeof req.query.guide === 'string' && /^[a-z0-9-]{1,80}$/.test(req.query.guide) ? req.query.guide : undefined;
    const failed = await q.failedChapters(ctx.ds, guide);
    const chapters = await chapterTitles(ctx.ds, failed.map((c) => c.chapterRef));
    const quizTranslations = await quizTranslationSummaries(ctx.ds);
    // A translation that no longer fits the original's questions says why (readers get the original).
    const withReasons = (list: TranslationSummary[] = []) => Promise.all(list.map(async (x) => ({
      ...x, reason: x.detached ? await mismatchText(req, x.quizId!, x.questionIds!) : undefined,
    })));
    const courseTranslationList = await courseTranslationSummaries(ctx.ds);
    const languages = ctx.config.CONTENT_LANGUAGES;
    res.render('academy/manage', {
      title: req.t('academy.manage.title'),
      quizzes: await Promise.all((await q.allQuizzes(ctx.ds)).map(async (x) => ({
        ...x, translations: translationLinks(`/academy/manage/quizzes/${x.slug}`, x.language, languages, await withReasons(quizTranslations.get(x.slug)), req.lang),
      }))),
      courses: (await q.allCourses(ctx.ds)).map((x) => ({
        ...x, translations: translationLinks(`/academy/manage/courses/${x.slug}`, x.language, languages, courseTranslationList.get(x.slug), req.lang),
      })),
      chapters: failed.map((c) => ({ ...c, chapter: views.chapterLink(c.chapterRef, chapters) })),
      guideOptions: (await q.citedGuides(ctx.ds)).map((g) => ({ value: g.slug, label: g.title, selected: g.slug === guide })),
      guide,
    });
  });

  const quizFormLocals = (mode: 'create' | 'edit') => async (req: Request) => ({
    title: req.t(mode === 'create' ? 'academy.manage.newQuiz' : 'academy.manage.editQuiz'),
    mode, action: mode === 'create' ? '/academy/manage/quizzes/new' : `/academy/manage/quizzes/${req.params.slug}/edit`,
    policyOptions: ['after_attempt', 'after_pass'].map((v) => ({ value: v, label: req.t(`academy.quiz.feedback.${v}`) })),
    languageOptions: [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }],
    gift: giftReportOf(req),
  });

  /** A GIFT file that could not be read as text (not UTF-8 …), for the form shown again. */
  const fileProblems = new WeakMap<Request, GiftError[]>();

  /** The text of an uploaded GIFT file, or null (the problem is kept for the form) when it is not UTF-8 text. */
  function giftTextOf(req: Request, bytes: Uint8Array): string | null {
    try {
      return giftFromBytes(bytes);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      fileProblems.set(req, e.errors);
      return null;
    }
  }

  /**
   * What the form says about the GIFT text it is shown again with: the refused items with line and
   * reason, the skipped descriptions, and how many questions are valid (with the confirmation
   * token for the button that imports them). Null when there is nothing to say.
   */
  function giftReportOf(req: Request) {
    const line = (x: GiftError) => ({ line: x.line, text: req.t(x.message) });
    const refusedFile = (errors: GiftError[]) => ({ refused: errors.map(line), skipped: [], validCount: 0, token: null });
    const problems = fileProblems.get(req);
    if (problems) return refusedFile(problems);
    const source = typeof req.body?.source === 'string' ? req.body.source : null;
    if (source === null) return null;
    try {
      const r = readGift(source);
      if (!r.refused.length && !r.skipped.length) return null;
      return {
        refused: r.refused.map(line), skipped: r.skipped.map(line), validCount: r.questions.length,
        token: r.refused.length && r.questions.length ? giftConfirmToken(source) : null,
      };
    } catch (e) {
      return e instanceof ParseError ? refusedFile(e.errors) : null;
    }
  }

  /** After saving: what was imported, and which items were left out at the facilitator's choice. */
  function flashSaved(req: Request, saved: SavedQuiz) {
    const lines = (xs: GiftError[]) => xs.map((x) => x.line).join(', ');
    if (saved.refused.length) req.flash('warning', 'academy.gift.importedPartly', { count: saved.imported, lines: lines(saved.refused) });
    else req.flash('success', 'academy.manage.quizSaved');
    if (saved.skipped.length) req.flash('info', 'academy.gift.descriptionsSkipped', { lines: lines(saved.skipped) });
  }

  const toSettings = (v: ReturnType<typeof formData<typeof quizSchema>>) => ({
    slug: v.slug, title: v.title, intro: v.intro, language: v.language, passMark: v.passMark, attemptLimit: v.attemptLimit,
    timeLimitMinutes: v.timeLimitMinutes, questionsPerPage: v.questionsPerPage, shuffleQuestions: v.shuffleQuestions,
    shuffleAnswers: v.shuffleAnswers, feedbackPolicy: v.feedbackPolicy,
  });

  r.get('/academy/manage/quizzes/new', manage, async (req, res) => {
    res.render('academy/quiz-form', {
      ...(await quizFormLocals('create')(req)),
      values: { passMark: '70', questionsPerPage: '5', shuffleQuestions: '1', shuffleAnswers: '1', feedbackPolicy: 'after_attempt', language: 'de' },
    });
  });

  // A GIFT file sent with the form (multipart, works without JavaScript) fills an empty text field.
  // With JavaScript the file is read into the field before sending, so the facilitator sees it first.
  // `manage` (the role check) runs before the body is read; the file streams to a temporary file
  // with the limit counted on the way and is read back (at most 512 KB) once it was accepted.
  const giftFile = receiveUpload({
    field: 'giftFile', maxBytes: MAX_GIFT_BYTES, tempDir: uploadTempDir(ctx.config), errorField: 'source',
    messages: { tooLarge: 'academy.form.uploadRefused', failed: 'academy.form.uploadRefused' },
    fields: 40, fieldSize: 2 * MAX_GIFT_BYTES,
  });
  const uploadedGift = (mode: 'create' | 'edit') => uploadedGiftFor({ view: 'academy/quiz-form', locals: quizFormLocals(mode) });
  function uploadedGiftFor(spec: FormSpec) {
    return (req: Request, res: Response, next: NextFunction) => {
      // The form's locals run in the error handler, where Express has reset req.params: keep them.
      const params = req.params;
      req.formSpec = { ...spec, locals: (r) => { r.params = params; return spec.locals?.(r) ?? {}; } };
      giftFile.receive(req, res, (err?: unknown) => {
        if (err) return next(err);
        takeUploadedBytes(req).then((bytes) => {
          if (bytes && (typeof req.body?.source !== 'string' || !req.body.source.trim())) {
            const text = giftTextOf(req, bytes);
            if (text === null) return next(invalid('academy.gift.fileRefused', { source: 'academy.gift.fileRefused' }));
            req.body = { ...(req.body ?? {}), source: text, upload: '1' };
          }
          next();
        }, next);
      });
    };
  }

  r.post('/academy/manage/quizzes/new', manage, uploadedGift('create'), validateForm(quizSchema, { view: 'academy/quiz-form', locals: quizFormLocals('create') }), async (req, res) => {
    const v = formData<typeof quizSchema>(req);
    flashSaved(req, await saveQuizFromApp(ctx, req.user!, toSettings(v), v.source, 'create', v.upload ? 'upload' : 'app', v.confirm));
    res.redirect(303, `/academy/quizzes/${v.slug}`);
  });

  r.get('/academy/manage/quizzes/:slug/edit', manage, async (req, res) => {
    const quiz = await q.quizBySlug(ctx.ds, String(req.params.slug));
    if (!quiz) throw notFound();
    const questions = await q.currentQuestions(ctx.ds, quiz.id);
    const source = serializeGift(questions.map((x) => ({
      ...keyOf(x), title: x.title, text: x.text, explanation: x.explanation ?? '',
      chapterRef: x.chapterRef, partialCredit: x.partialCredit, accepted: x.accepted, ranges: x.ranges,
    })));
    res.render('academy/quiz-form', {
      ...(await quizFormLocals('edit')(req)),
      values: {
        ...quiz, passMark: String(quiz.passMark), attemptLimit: quiz.attemptLimit ?? '', timeLimitMinutes: quiz.timeLimitMinutes ?? '',
        questionsPerPage: String(quiz.questionsPerPage), shuffleQuestions: quiz.shuffleQuestions ? '1' : '', shuffleAnswers: quiz.shuffleAnswers ? '1' : '', source,
      },
    });
  });

  r.post('/academy/manage/quizzes/:slug/edit', manage, uploadedGift('edit'), validateForm(quizSchema, { view: 'academy/quiz-form', locals: quizFormLocals('edit') }), async (req, res) => {
    const v = formData<typeof quizSchema>(req);
    if (v.slug !== req.params.slug) throw forbidden();
    flashSaved(req, await saveQuizFromApp(ctx, req.user!, toSettings(v), v.source, 'edit', 'app', v.confirm));
    res.redirect(303, `/academy/quizzes/${v.slug}`);
  });

  const courseFormLocals = (mode: 'create' | 'edit') => (req: Request) => ({
    title: req.t(mode === 'create' ? 'academy.manage.newCourse' : 'academy.manage.editCourse'),
    mode, action: mode === 'create' ? '/academy/manage/courses/new' : `/academy/manage/courses/${req.params.slug}/edit`,
    languageOptions: [{ value: 'de', label: 'Deutsch' }, { value: 'en', label: 'English' }],
  });

  r.get('/academy/manage/courses/new', manage, (req, res) => {
    res.render('academy/course-form', { ...courseFormLocals('create')(req), values: { language: 'de' } });
  });

  r.post('/academy/manage/courses/new', manage, validateForm(courseSchema, { view: 'academy/course-form', locals: courseFormLocals('create') }), async (req, res) => {
    const v = formData<typeof courseSchema>(req);
    await saveCourseFromApp(ctx, req.user!, { ...v }, 'create');
    req.flash('success', 'academy.manage.courseSaved');
    res.redirect(303, `/academy/courses/${v.slug}`);
  });

  r.get('/academy/manage/courses/:slug/edit', manage, async (req, res) => {
    const course = await q.courseBySlug(ctx.ds, String(req.params.slug));
    if (!course) throw notFound();
    res.render('academy/course-form', {
      ...courseFormLocals('edit')(req),
      values: { ...course, guideSlugs: course.guideSlugs.join(', '), quizSlugs: (await q.courseQuizSlugs(ctx.ds, course.id)).join(', ') },
    });
  });

  r.post('/academy/manage/courses/:slug/edit', manage, validateForm(courseSchema, { view: 'academy/course-form', locals: courseFormLocals('edit') }), async (req, res) => {
    const v = formData<typeof courseSchema>(req);
    if (v.slug !== req.params.slug) throw forbidden();
    await saveCourseFromApp(ctx, req.user!, { ...v }, 'edit');
    req.flash('success', 'academy.manage.courseSaved');
    res.redirect(303, `/academy/courses/${v.slug}`);
  });

  // ---- translations of quizzes and courses (issue 18) ----
  // Saved directly by a facilitator, like the quizzes and courses themselves (audited); saving says
  // "written from the current original", so an outdated translation becomes current.

  /** The content language of the form's address: another of CONTENT_LANGUAGES than the original's, or 404. */
  function translationLanguage(req: Request, original: string): string {
    const language = String(req.params.lang);
    if (!ctx.config.CONTENT_LANGUAGES.includes(language) || language === original) throw notFound();
    return language;
  }

  /** Why the translation was refused (line and reason), for the form shown again. */
  const translationProblems = new WeakMap<Request, TranslationProblem[]>();
  async function keepingProblems<T>(req: Request, save: Promise<T>): Promise<T> {
    try {
      return await save;
    } catch (e) {
      if (e instanceof TranslationRefused) translationProblems.set(req, e.problems);
      throw e;
    }
  }

  /**
   * Why a quiz translation matched to `questionIds` does not fit the quiz's current questions (the
   * original was changed since), in words; undefined when its structure would still fit.
   */
  async function mismatchText(req: Request, quizId: number, questionIds: number[]): Promise<string | undefined> {
    const m = structureMismatch(await currentQuestionShapes(ctx.ds, quizId), await questionShapes(ctx.ds, questionIds));
    return m ? req.t(m.key, m.vars) : undefined;
  }

  const savedLine = (req: Request, state: { updatedAt: Date; updatedBy: string | null }) => ({
    updatedAt: state.updatedAt,
    by: state.updatedBy ?? req.t('academy.translation.fromFile'),
  });

  async function quizTranslationLocals(req: Request) {
    const quiz = await q.quizBySlug(ctx.ds, String(req.params.slug));
    if (!quiz) throw notFound();
    const language = translationLanguage(req, quiz.language);
    const state = await quizTranslationState(ctx.ds, quiz.id, language);
    const names = { language: languageName(language, req.lang), original: languageName(quiz.language, req.lang) };
    return {
      title: req.t('academy.translation.quizTitle', names),
      original: { title: quiz.title, language: quiz.language, href: `/academy/quizzes/${quiz.slug}?lang=${quiz.language}` },
      language, names,
      state: state ? {
        outdated: state.outdated, detached: state.detached, saved: savedLine(req, state), href: `/academy/quizzes/${quiz.slug}?lang=${language}`,
        mismatch: state.detached ? await mismatchText(req, quiz.id, state.questionIds) : undefined,
      } : null,
      action: `/academy/manage/quizzes/${quiz.slug}/translations/${language}`,
      problems: (translationProblems.get(req) ?? (fileProblems.get(req) ?? []).map((x) => ({ line: x.line, key: x.message })))
        .map((p: TranslationProblem) => ({ line: p.line, text: req.t(p.key, p.vars) })),
      quiz,
      translationState: state,
    };
  }

  r.get('/academy/manage/quizzes/:slug/translations/:lang', manage, async (req, res) => {
    const { translationState: state, ...locals } = await quizTranslationLocals(req);
    const questions = await q.currentQuestions(ctx.ds, locals.quiz.id);
    // The translation's texts by position: also when the original's questions were replaced since
    // (detached), so the translator starts from what was translated, not from scratch.
    const ids = state?.questionIds ?? [];
    const old = await questionTranslations(ctx.ds, ids, locals.language);
    const translated = new Map(questions.flatMap((x, i) => (old.has(ids[i]!) ? [[x.id, old.get(ids[i]!)!] as const] : [])));
    res.render('academy/quiz-translation', {
      ...locals,
      values: { title: state?.title ?? '', intro: state?.intro ?? '', source: translationGift(questions, translated) },
    });
  });

  r.post('/academy/manage/quizzes/:slug/translations/:lang', manage,
    uploadedGiftFor({ view: 'academy/quiz-translation', locals: quizTranslationLocals }),
    validateForm(quizTranslationSchema, { view: 'academy/quiz-translation', locals: quizTranslationLocals }),
    async (req, res) => {
      const v = formData<typeof quizTranslationSchema>(req);
      const language = String(req.params.lang);
      await keepingProblems(req, saveQuizTranslationFromApp(ctx, req.user!, String(req.params.slug), language, v));
      req.flash('success', 'academy.translation.saved');
      res.redirect(303, `/academy/quizzes/${req.params.slug}?lang=${language}`);
    });

  async function courseTranslationLocals(req: Request) {
    const course = await q.courseBySlug(ctx.ds, String(req.params.slug));
    if (!course) throw notFound();
    const language = translationLanguage(req, course.language);
    const state = await courseTranslationState(ctx.ds, course.id, language);
    const names = { language: languageName(language, req.lang), original: languageName(course.language, req.lang) };
    return {
      title: req.t('academy.translation.courseTitle', names),
      original: { title: course.title, summaryHtml: course.summaryHtml, language: course.language, href: `/academy/courses/${course.slug}?lang=${course.language}` },
      language, names,
      state: state ? { outdated: state.outdated, saved: savedLine(req, state), href: `/academy/courses/${course.slug}?lang=${language}` } : null,
      action: `/academy/manage/courses/${course.slug}/translations/${language}`,
      course,
      translationState: state,
    };
  }

  r.get('/academy/manage/courses/:slug/translations/:lang', manage, async (req, res) => {
    const { translationState, ...locals } = await courseTranslationLocals(req);
    res.render('academy/course-translation', { ...locals, values: { title: translationState?.title ?? '', summary: translationState?.summary ?? '' } });
  });

  r.post('/academy/manage/courses/:slug/translations/:lang', manage,
    validateForm(courseTranslationSchema, { view: 'academy/course-translation', locals: courseTranslationLocals }),
    async (req, res) => {
      const v = formData<typeof courseTranslationSchema>(req);
      const language = String(req.params.lang);
      await saveCourseTranslationFromApp(ctx, req.user!, String(req.params.slug), language, v);
      req.flash('success', 'academy.translation.saved');
      res.redirect(303, `/academy/courses/${req.params.slug}?lang=${language}`);
    });

  async function statsLocals(req: Request) {
    const quiz = await q.quizBySlug(ctx.ds, String(req.params.slug));
    if (!quiz) throw notFound();
    const questions = await q.currentQuestions(ctx.ds, quiz.id);
    const results = await q.submittedResults(ctx.ds, quiz.id);
    const stats = itemStatistics(questions.map((x) => ({ id: x.id, key: keyOf(x) })), results.map((x) => x.result));
    const passed = results.filter((x) => x.passed).length;
    const chapters = await chapterTitles(ctx.ds, questions.flatMap((x) => (x.chapterRef ? [x.chapterRef] : [])));
    return {
      title: req.t('academy.stats.title', { quiz: quiz.title }),
      heading: req.tMarked('academy.stats.title', { quiz: quiz.title }, 'quiz', quiz.language),
      quiz,
      attemptCount: results.length,
      passRate: results.length ? Math.round((passed / results.length) * 1000) / 10 : null,
      items: questions.map((x, i) => ({ number: i + 1, title: x.title, textHtml: x.textHtml, chapterRef: x.chapterRef, chapter: views.chapterLink(x.chapterRef, chapters), ...stats[i]! })),
      attempts: (await q.quizAttempts(ctx.ds, quiz.id)).map((a) => ({ ...a, ...views.attemptSummaryView(req.t, a) })),
    };
  }

  r.get('/academy/manage/quizzes/:slug/stats', manage, async (req, res) => {
    res.render('academy/stats', await statsLocals(req));
  });

  r.post('/academy/manage/quizzes/:slug/extra-attempts', manage,
    validateForm(grantSchema, { view: 'academy/stats', locals: statsLocals }),
    async (req, res) => {
      const v = formData<typeof grantSchema>(req);
      const user = await q.userByHandle(ctx.ds, v.handle);
      if (!user) throw notFound();
      await grantExtraAttempt(ctx, req.user!, String(req.params.slug), user.id, v.reason);
      req.flash('success', 'academy.stats.granted', { name: user.name });
      res.redirect(303, `/academy/manage/quizzes/${req.params.slug}/stats`);
    });

  r.get('/academy/manage/members/:handle', manage, async (req, res) => {
    const user = await q.userByHandle(ctx.ds, String(req.params.handle));
    if (!user) throw notFound();
    const attempts = await q.memberAttempts(ctx.ds, user.id);
    res.render('academy/member', {
      title: req.t('academy.member.title', { name: user.name }),
      member: user,
      attempts: attempts.map((a) => ({ ...a, ...views.attemptSummaryView(req.t, a) })),
      certificates: await q.memberCertificates(ctx.ds, user.id),
    });
  });

  return r;
}
