// /recognition/microdegrees: every active micro-degree with the signed-in member's progress, one
// micro-degree's requirements with progress bars, what is missing and the next step; for
// facilitators the list, the form (new, edit) and archiving; the Open Badges class and images.
import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../module.js';
import { competenceAreas } from '../../shared/competences.js';
import { notFound } from '../../shared/errors.js';
import { isFacilitator } from '../../shared/identity.js';
import { requireRole } from '../../web/middleware/require-role.js';
import { formData, formView, validateForm } from '../../web/middleware/validate-form.js';
import { kindsOf, mostNeeded, progressOf, type BadgeHoldings, type FactSummary } from './microdegrees.model.js';
import { microdegreeClassFor, microdegreePng, microdegreeSvg } from './microdegrees.openbadges.js';
import * as q from './microdegrees.queries.js';
import { formValuesOf, microdegreeSchema, ROWS } from './microdegrees.schemas.js';
import * as service from './microdegrees.service.js';
import { competencesView, grantView, overallView, requirementViews, rowTypeOptions, type CourseTitles } from './microdegrees.views.js';

const BASE = '/recognition/microdegrees';

function slugOf(req: Request): string {
  const slug = String(req.params.slug ?? '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80) throw notFound();
  return slug;
}

export function microdegreesRouter(ctx: AppContext): Router {
  const r = Router();
  const manage = requireRole('facilitator');

  /** What the member has towards these micro-degrees (nothing for visitors). */
  const standing = async (req: Request, list: q.MicrodegreeRow[]) => {
    if (!req.user) return null;
    const all = list.flatMap((m) => m.requirements);
    const [facts, badges, grants] = await Promise.all([
      q.factSummaryOf(ctx.ds, req.user.id, kindsOf(all).kinds, mostNeeded(all)), q.badgesOf(ctx.ds, req.user.id), q.grantsOf(ctx.ds, req.user.id)]);
    return { facts, badges, grants };
  };
  const coursesOf = (list: q.MicrodegreeRow[]) =>
    q.courseTitles(ctx.ds, [...new Set(list.flatMap((m) => m.requirements.flatMap((x) => (x.type === 'certificates' ? x.courses ?? [] : []))))]);
  const progressView = (req: Request, m: q.MicrodegreeRow, facts: FactSummary, badges: BadgeHoldings, courses: CourseTitles) => {
    const progress = progressOf(m.requirements, facts, badges);
    return { overall: overallView(progress, req.lang), requirements: requirementViews(progress, req.lang, courses, m.language) };
  };

  // ---- members: the list ----
  r.get(BASE, async (req, res) => {
    const areas = competenceAreas();
    const area = areas.some((a) => a.key === req.query.area) ? String(req.query.area) : null;
    const list = (await q.listMicrodegrees(ctx.ds, { archived: false })).filter((m) => !area || m.competences.includes(area));
    const [mine, courses] = await Promise.all([standing(req, list), coursesOf(list)]);
    res.render('recognition/microdegrees-list', {
      title: req.t('recognition.microdegrees.title'),
      canManage: isFacilitator(req.user),
      area: area ? { key: area, label: areas.find((a) => a.key === area)![req.lang] } : null,
      microdegrees: list.map((m) => ({
        slug: m.slug, title: m.title, language: m.language, descriptionHtml: m.descriptionHtml,
        competences: competencesView(m.competences, req.lang),
        grant: grantView(mine?.grants.get(m.slug)),
        progress: mine ? progressView(req, m, mine.facts, mine.badges, courses).overall : null,
      })),
    });
  });

  // ---- facilitators (before /:slug) ----
  r.get(`${BASE}/manage`, manage, async (req, res) => {
    const [list, holders] = await Promise.all([q.listMicrodegrees(ctx.ds, { archived: true }), q.holderCounts(ctx.ds)]);
    res.render('recognition/microdegrees-manage', {
      title: req.t('recognition.microdegrees.manage.title'),
      microdegrees: list.map((m) => ({ slug: m.slug, title: m.title, language: m.language, requirementCount: m.requirements.length, holders: holders.get(m.slug) ?? 0, archived: !!m.archivedAt })),
    });
  });

  const formLocals = (slug: string | null) => async (req: Request) => {
    const m = slug ? await q.microdegreeBySlug(ctx.ds, slug) : null;
    if (slug && !m) throw notFound();
    return {
      title: m ? req.t('recognition.microdegrees.form.editTitle', { title: m.title }) : req.t('recognition.microdegrees.form.newTitle'),
      action: m ? `${BASE}/${m.slug}/edit` : BASE,
      microdegree: m ? { slug: m.slug, href: `${BASE}/${m.slug}`, archived: !!m.archivedAt } : null,
      languages: [{ value: 'de', label: req.t('recognition.microdegrees.languages.de') }, { value: 'en', label: req.t('recognition.microdegrees.languages.en') }],
      areaOptions: competenceAreas().map((a) => ({ value: a.key, label: a[req.lang] })),
      rows: ROWS.map((i) => ({ n: i, typeField: `type${i}`, targetField: `target${i}`, countField: `count${i}`, labelField: `label${i}` })),
      typeOptions: rowTypeOptions(req.lang),
      // Shown again after a refusal: only what was sent (an unticked box must stay unticked).
      values: req.method === 'POST' ? {} : m ? formValuesOf(m) : { language: req.lang },
    };
  };
  r.get(`${BASE}/new`, manage, async (req, res) => res.render('recognition/microdegrees-form', await formLocals(null)(req)));
  r.post(BASE, manage, validateForm(microdegreeSchema, { view: 'recognition/microdegrees-form', locals: formLocals(null) }), async (req, res) => {
    const { slug } = await service.createMicrodegree(ctx, req.user, formData<typeof microdegreeSchema>(req));
    req.flash('success', 'recognition.microdegrees.form.created');
    res.redirect(303, `${BASE}/${slug}`);
  });
  r.get(`${BASE}/:slug/edit`, manage, async (req, res) => res.render('recognition/microdegrees-form', await formLocals(slugOf(req))(req)));
  r.post(`${BASE}/:slug/edit`, manage, (req, res, next) => validateForm(microdegreeSchema, { view: 'recognition/microdegrees-form', locals: formLocals(slugOf(req)) })(req, res, next), async (req, res) => {
    await service.updateMicrodegree(ctx, req.user, slugOf(req), formData<typeof microdegreeSchema>(req));
    req.flash('success', 'recognition.microdegrees.form.saved');
    res.redirect(303, `${BASE}/${slugOf(req)}`);
  });
  const archiving = (archived: boolean) => async (req: Request, res: Response) => {
    await service.setMicrodegreeArchived(ctx, req.user, slugOf(req), archived);
    req.flash('success', archived ? 'recognition.microdegrees.form.archived' : 'recognition.microdegrees.form.restored');
    res.redirect(303, archived ? `${BASE}/manage` : `${BASE}/${slugOf(req)}`);
  };
  r.post(`${BASE}/:slug/archive`, manage, (req, res, next) => formView({ view: 'recognition/microdegrees-form', locals: formLocals(slugOf(req)) })(req, res, next), archiving(true));
  r.post(`${BASE}/:slug/restore`, manage, (req, res, next) => formView({ view: 'recognition/microdegrees-form', locals: formLocals(slugOf(req)) })(req, res, next), archiving(false));

  // ---- Open Badges: public documents verifiers and backpacks fetch ----
  const crossOrigin = (_req: Request, res: Response, next: () => void) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' });
    next();
  };
  r.get(`${BASE}/:slug/class`, crossOrigin, async (req, res) => {
    const json = await microdegreeClassFor(ctx.ds, slugOf(req), ctx.config.baseUrl);
    if (!json) throw notFound();
    res.type('application/ld+json').send(JSON.stringify(json));
  });
  r.get(`${BASE}/:slug/image.svg`, crossOrigin, async (req, res) => {
    const m = await q.microdegreeBySlug(ctx.ds, slugOf(req));
    if (!m) throw notFound();
    res.type('image/svg+xml').set({ 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'public, max-age=86400' }).send(microdegreeSvg(m));
  });
  r.get(`${BASE}/:slug/image.png`, crossOrigin, async (req, res) => {
    const m = await q.microdegreeBySlug(ctx.ds, slugOf(req));
    if (!m) throw notFound();
    res.type('image/png').set('Cache-Control', 'public, max-age=86400').send(microdegreePng(m));
  });

  // ---- one micro-degree ----
  r.get(`${BASE}/:slug`, async (req, res) => {
    const m = await q.microdegreeBySlug(ctx.ds, slugOf(req));
    if (!m) throw notFound();
    const [mine, courses] = await Promise.all([standing(req, [m]), coursesOf([m])]);
    const view = mine ? progressView(req, m, mine.facts, mine.badges, courses) : null;
    res.render('recognition/microdegrees-show', {
      title: m.title, titleLang: m.language,
      canManage: isFacilitator(req.user),
      microdegree: {
        slug: m.slug, title: m.title, language: m.language, descriptionHtml: m.descriptionHtml, archived: !!m.archivedAt,
        competences: competencesView(m.competences, req.lang),
        classUrl: `${BASE}/${m.slug}/class`, imageUrl: `${BASE}/${m.slug}/image.svg`,
      },
      grant: grantView(mine?.grants.get(m.slug)),
      overall: view?.overall ?? null,
      requirements: view?.requirements ?? requirementViews(progressOf(m.requirements, new Map(), new Map()), req.lang, courses, m.language),
      signedIn: !!req.user,
    });
  });
  return r;
}
